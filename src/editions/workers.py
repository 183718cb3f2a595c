"""The one way the commands spread work over the cores: :func:`map_in_processes`.

The policy on signals and ends, the same for every command:

- Workers ignore Ctrl-C (SIGINT, which a terminal sends to every process of
  the command). The parent alone is interrupted; it cancels the work not yet
  started, waits for the items being done (each is short, and writes its files
  whole), and ends the workers, which leaves no file half-written by a worker.
  Ctrl-C waits while the workers are started and while they are ended
  (:func:`~editions.fsutil.uninterrupted`): a pool cut short there would
  leave workers waiting for work that never comes, and none is interrupted
  before it has set itself up.
- A worker whose parent dies (SIGKILL, a crash) ends within a second: it
  watches for its parent's pid to change, as it does when the parent is gone
  (even before the worker was set up).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from editions.fsutil import uninterrupted

A = TypeVar("A")
T = TypeVar("T")

#: How often, in seconds, a worker looks whether its parent is still there.
_WATCH_EVERY = 0.2


def map_in_processes(
    work: Callable[[A], T],
    items: Sequence[A],
    jobs: int,
    *,
    at_least: int = 2,
    chunk: int | None = None,
) -> Iterator[T]:
    """``work(item)`` for each of ``items``, yielded in the order of ``items``.

    The work is spread over ``jobs`` worker processes when there are at least
    ``at_least`` items, else done in this process: starting processes costs more
    than a little work. ``work`` must be a module-level function and ``items``
    picklable. An error in ``work`` is raised here when its item's turn comes.
    When this stops early (an error, Ctrl-C, the caller leaving the loop), the
    items not started are dropped and the workers end (the module's policy).
    A worker takes ``chunk`` items at a time (by default a quarter of its share)
    and holds their results until all are done: give 1 when the results are big.

    >>> list(map_in_processes(abs, [-1, 2, -3], jobs=1))
    [1, 2, 3]
    """
    if jobs <= 1 or len(items) < at_least:
        yield from map(work, items)
        return
    workers = min(jobs, len(items))
    context = multiprocessing.get_context()
    # a forkserver's workers are its children, not ours: they watch it, and it watches us
    parent = 0 if context.get_start_method() == "forkserver" else os.getpid()
    pool = ProcessPoolExecutor(workers, context, initializer=_start_worker, initargs=(parent,))
    try:
        with uninterrupted():  # the workers are started by the first tasks given
            size = chunk or max(1, len(items) // (4 * workers))
            results = pool.map(work, items, chunksize=size)
        yield from results
    finally:
        with uninterrupted():
            pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(parent: int) -> None:
    """Set up a worker process: SIGINT ignored, and an end when its parent, ``parent``
    (0: the process that started it), is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    threading.Thread(target=_watch, args=(parent or os.getppid(),), daemon=True).start()


def _watch(parent: int) -> None:
    """End this process once its parent, ``parent``, is gone: it is then another's child."""
    while os.getppid() == parent:
        time.sleep(_WATCH_EVERY)
    os._exit(1)
