"""Writing files so that a reader sees the old file or the whole new one, never half.

A new content is first written to a temporary file beside its file,
``.<name>.<random>.tmp`` (:func:`stage`), then renamed over it (:func:`commit`):
a rename replaces a file whole. :func:`write_atomic` does both for one file,
:func:`write_together` for files that go together (an edition's Markdown and
HTML): all are staged before any is renamed. ``update`` stages every catalog
it changes, and commits them only once all are staged.

Ctrl-C does not cut these steps short: while a file is staged and while files
are renamed, SIGINT waits (:func:`uninterrupted`), and is raised once they are
done or undone. So an interrupted run leaves no temporary file, and the files
written together are all old or all new.

A run killed (SIGKILL, a power cut) can still stop anywhere. Each file is then
its old self or its whole new one, but of files renamed together some may be
new and others old: two renames are not one step. The run that writes them
again renames them all. It also leaves temporary files behind: :func:`sweep`
removes those of the files it is given, and :func:`write_atomic` and
:func:`write_together` sweep their files' before writing them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from types import FrameType
from typing import Any


def write_atomic(path: str | os.PathLike[str], data: str | bytes, durable: bool = True) -> bool:
    """Write ``data`` (text in UTF-8, or bytes) to ``path`` through a temporary file and a
    rename; whether it was written.

    Returns False, touching nothing, when the file already holds exactly
    ``data``: a run with nothing changed changes no file, not even its time.

    Whatever ``durable`` says, a reader (or a run killed at any point) sees the
    old file or the whole new one. ``durable`` also flushes the data to disk
    before the rename, so that the new file survives a power cut: translators'
    catalogs want that; files made again from others (templates, pages) need
    not wait on the disk.
    """
    return write_together([(path, data)], durable)[0]


def write_together(
    files: Sequence[tuple[str | os.PathLike[str], str | bytes]], durable: bool = True
) -> list[bool]:
    """Write each ``(path, data)`` of ``files`` as :func:`write_atomic` does, but stage
    all the new files before renaming any: whether each was written.

    A failure (a full disk, a folder that cannot be written) while staging
    leaves every file as it was. A file that already holds its data is left
    alone.
    """
    raws = [(path, data.encode("utf-8") if isinstance(data, str) else data) for path, data in files]
    changed = [not _holds(path, raw) for path, raw in raws]
    chosen = [(path, raw) for (path, raw), change in zip(raws, changed, strict=True) if change]
    if chosen:
        sweep(path for path, _ in chosen)
        with uninterrupted():
            commit(stage(chosen, durable))
    return changed


def _holds(path: str | os.PathLike[str], raw: bytes) -> bool:
    """Whether the file at ``path`` holds exactly ``raw``."""
    try:
        with open(path, "rb") as handle:
            return handle.read() == raw
    except OSError:
        return False


def stage(
    files: Iterable[tuple[str | os.PathLike[str], str | bytes]], durable: bool = True
) -> list[str]:
    """Write each ``(path, data)`` of ``files`` (text in UTF-8, or bytes) to a new
    temporary file beside its path (its folder made if missing), with the path's
    permissions (0o644 for a new file); the temporary files' names, in order.

    With ``durable``, the data is flushed to disk before this returns: every
    file is written first, then all are flushed at once (:data:`_AT_ONCE` at a
    time), so that the disk takes the flushes together rather than one after
    another. :func:`commit` renames the files over their paths; :func:`sweep`
    removes them. When one cannot be written or flushed, those already written
    are removed and the error raised, naming its file.
    """
    staged: list[tuple[str, int]] = []
    with uninterrupted():
        try:
            for path, data in files:
                staged.append(_write(path, data))
            if durable:
                with ThreadPoolExecutor(_AT_ONCE) as pool:
                    list(pool.map(_flush, (tmp for tmp, _ in staged)))
            for tmp, mode in staged:
                os.chmod(tmp, mode)
        except BaseException:
            _remove(tmp for tmp, _ in staged)
            raise
    return [tmp for tmp, _ in staged]


#: How many flushes (:func:`stage`) or renames (:func:`commit`) wait on the disk at
#: once: each waits on the disk, not on the processor, and the file system commits
#: many waiting ones in one go.
_AT_ONCE = 8


def _write(path: str | os.PathLike[str], data: str | bytes) -> tuple[str, int]:
    """Write ``data`` to a new temporary file beside ``path``; its name, and the
    permissions it is to have."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    folder, name = os.path.split(os.fspath(path))
    try:
        mode = os.stat(path).st_mode & 0o777
    except OSError:  # a new file (or one that cannot be: the writing says why)
        mode = 0o644
    tmp = os.path.join(folder, f".{name}.{os.urandom(6).hex()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)  # Windows: as is
    try:
        if folder:
            os.makedirs(folder, exist_ok=True)
        fd = os.open(tmp, flags, 0o600)
    except OSError as exc:
        raise _naming(exc, path) from exc
    try:
        view = memoryview(raw)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        _remove([tmp])
        raise _naming(exc, path) from exc
    except BaseException:
        _remove([tmp])
        raise
    finally:
        os.close(fd)
    return tmp, mode


def _flush(tmp: str) -> None:
    """Flush a staged file's data to disk (it is still writable: its mode comes after)."""
    try:
        fd = os.open(tmp, os.O_WRONLY | getattr(os, "O_BINARY", 0))  # Windows flushes only these
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise _naming(exc, _staged_for(tmp)) from exc


def commit(staged: Iterable[str]) -> None:
    """Rename each file :func:`stage` wrote over the file it was written for, several at
    once, as :func:`stage` flushes them.

    A file whose rename fails is removed, and the first such error raised (naming
    its file) once the others are done: each file is then its old self or its
    whole new one.
    """
    waiting = list(staged)
    with uninterrupted():
        try:
            with ThreadPoolExecutor(_AT_ONCE) as pool:
                outcomes = list(pool.map(_rename, waiting))
        except BaseException:  # those renamed are no longer there to remove
            _remove(waiting)
            raise
    failed = [(tmp, exc) for tmp, exc in zip(waiting, outcomes, strict=True) if exc is not None]
    if failed:
        _remove(tmp for tmp, _ in failed)
        raise _naming(failed[0][1], _staged_for(failed[0][0]))


def _rename(tmp: str) -> OSError | None:
    """Rename a staged file over its file; the error, if it cannot be."""
    try:
        os.replace(tmp, _staged_for(tmp))
    except OSError as exc:
        return exc
    return None


def _staged_for(tmp: str) -> str:
    """The path of the file that the temporary file ``tmp`` was staged for."""
    folder, name = os.path.split(tmp)
    return os.path.join(folder, str(_target_of(name)))


def sweep(paths: Iterable[str | os.PathLike[str]]) -> None:
    """Remove the temporary files staged for any of ``paths`` and left there (by a run
    that was killed, or that stops before committing them); each folder is listed once.

    Only the temporary files of ``paths`` go: other writers may be at work in
    the same folders.
    """
    wanted: dict[str, set[str]] = {}
    for path in paths:
        folder, name = os.path.split(os.fspath(path))
        wanted.setdefault(folder, set()).add(name)
    for folder, names in wanted.items():
        try:
            found = os.listdir(folder or ".")
        except (FileNotFoundError, NotADirectoryError):  # nothing staged there
            continue
        _remove(os.path.join(folder, n) for n in found if _target_of(n) in names)


def _naming(exc: OSError, path: str | os.PathLike[str]) -> OSError:
    """``exc``, an error met in writing the file at ``path`` (through a temporary file,
    or with no file named), as an error of the same kind about ``path``.

    >>> _naming(OSError(28, "No space left on device"), "a.po")
    OSError(28, 'No space left on device')
    >>> _naming(OSError(28, "No space left on device"), "a.po").filename
    'a.po'
    """
    if exc.errno is None:
        return exc
    return OSError(exc.errno, exc.strerror, os.fspath(path))


def _target_of(name: str) -> str | None:
    """The file a temporary file named ``name`` was staged for; None for any other name.

    >>> _target_of(".a.po.5f0c21e4a9b3.tmp"), _target_of(".a.po.md.x.tmp"), _target_of("a.po")
    ('a.po', 'a.po.md', None)
    """
    if name.startswith(".") and name.endswith(".tmp") and name.count(".") >= 3:
        return name[1:].rsplit(".", 2)[0]
    return None


def _remove(paths: Iterable[str]) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


@contextlib.contextmanager
def uninterrupted() -> Iterator[None]:
    """A block that Ctrl-C does not cut short: a SIGINT received in it is handled, by the
    handler in place, when it ends. Blocks may be nested.

    Only a handler of Python's can wait (Python's own, which raises
    KeyboardInterrupt, or one a program sets), and only in the main thread,
    where Python runs them; elsewhere, and when SIGINT is ignored, the block
    runs as it is. SIGINT is also blocked in the block, where the system can
    block signals: a process started in it starts with SIGINT blocked (see
    :mod:`editions.workers`).
    """
    previous = signal.getsignal(signal.SIGINT) if _in_main_thread() else None
    if not callable(previous):
        yield
        return
    caught: list[FrameType | None] = []

    def wait(signum: int, frame: FrameType | None) -> None:
        caught.append(frame)

    signal.signal(signal.SIGINT, wait)
    mask = _block_sigint()
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if mask is not None:  # a SIGINT that waited is handled as the mask is put back
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        if caught:
            handler: Any = previous
            handler(signal.SIGINT, caught[0])


def _block_sigint() -> set[int | signal.Signals] | None:
    """Block SIGINT in this thread; the mask before, None where signals cannot be blocked."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()
