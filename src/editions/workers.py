"""Worker processes for the commands that spread their work over the cores."""

from __future__ import annotations

import contextlib
import gc

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from concurrent.futures import ProcessPoolExecutor


@contextlib.contextmanager
def process_pool(
    workers: int,
    preload: Callable[[], None] | None = None,
    initializer: Callable[[], None] | None = None,
) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` processes, started the platform's default way.

    Forked workers share this process's pages until they write to them. What every
    worker needs is loaded here first (``preload``, when the workers are forked), and
    everything this process holds is frozen out of the collector's reach while the
    pool runs: a collection in a worker would otherwise write to every object it
    inherited (the list of catalogs, the templates), and so copy its pages.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context()
    forked = context.get_start_method() == "fork"
    if forked:
        if preload is not None:
            preload()
        gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=initializer) as pool:
            yield pool
    finally:
        if forked:
            gc.unfreeze()
