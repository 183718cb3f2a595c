"""The one way the commands spread work over the cores: :func:`map_in_processes`."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

A = TypeVar("A")
T = TypeVar("T")


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
    if jobs <= 1 or len(items) < at_least:
        yield from map(work, items)
        return
    workers = min(jobs, len(items))
    with ProcessPoolExecutor(workers) as pool:
        yield from pool.map(work, items, chunksize=max(1, len(items) // (4 * workers)))
