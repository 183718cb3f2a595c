"""The one way the commands spread work over the cores: :func:`map_in_processes`.

:func:`process_pool` is the build's older way, to be replaced by it."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

A = TypeVar("A")
T = TypeVar("T")


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


def map_in_processes(
    work: Callable[[A], T], items: Sequence[A], jobs: int, *, at_least: int = 2
) -> Iterator[T]:
    """``work(item)`` for each of ``items``, yielded in the order of ``items``.

    The work is spread over ``jobs`` worker processes when there are at least
    ``at_least`` items, else done in this process: starting processes costs more
    than a little work. ``work`` must be a module-level function and ``items``
    picklable. An error in ``work`` is raised here when its item's turn comes.

    >>> list(map_in_processes(abs, [-1, 2, -3], jobs=1))
    [1, 2, 3]
    """
    if jobs <= 1 or len(items) < max(at_least, 2):
        yield from map(work, items)
        return
    workers = min(jobs, len(items))
    with ProcessPoolExecutor(workers) as pool:
        yield from pool.map(work, items, chunksize=max(1, len(items) // (4 * workers)))
