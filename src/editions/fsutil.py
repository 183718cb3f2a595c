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
            staged: list[str] = []
            try:
                for path, raw in chosen:
                    staged.append(stage(path, raw, durable))
            except BaseException:
                _remove(staged)
                raise
            commit(staged)
    return changed


def _holds(path: str | os.PathLike[str], raw: bytes) -> bool:
    """Whether the file at ``path`` holds exactly ``raw``."""
    try:
        with open(path, "rb") as handle:
            return handle.read() == raw
    except OSError:
        return False


def stage(path: str | os.PathLike[str], data: str | bytes, durable: bool = True) -> str:
    """Write ``data`` to a new temporary file beside ``path`` (its folder made if missing),
    with ``path``'s permissions (0o644 for a new file); the temporary file's name.

    With ``durable``, the data is flushed to disk before this returns.
    :func:`commit` renames the file over ``path``; :func:`sweep` removes it.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    folder, name = os.path.split(os.fspath(path))
    try:
        mode = os.stat(path).st_mode & 0o777
    except OSError:  # a new file (or one that cannot be: the writing says why)
        mode = 0o644
    if folder:
        os.makedirs(folder, exist_ok=True)
    tmp = os.path.join(folder, f".{name}.{os.urandom(6).hex()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)  # Windows: as is
    with uninterrupted():
        try:
            fd = os.open(tmp, flags, 0o600)
        except OSError as exc:
            raise _naming(exc, path) from exc
        try:
            try:
                view = memoryview(raw)
                while view:
                    view = view[os.write(fd, view) :]
                if durable:
                    os.fsync(fd)
            finally:
                os.close(fd)
            os.chmod(tmp, mode)
        except OSError as exc:
            _remove([tmp])
            raise _naming(exc, path) from exc
        except BaseException:
            _remove([tmp])
            raise
    return tmp


def commit(staged: Iterable[str]) -> None:
    """Rename each file :func:`stage` wrote over the file it was written for, in order.

    When a rename fails, the staged files not yet renamed are removed and the
    error raised: each file is then its old self or its whole new one.
    """
    waiting = list(staged)
    with uninterrupted():
        try:
            while waiting:
                folder, name = os.path.split(waiting[0])
                target = os.path.join(folder, str(_target_of(name)))
                try:
                    os.replace(waiting[0], target)
                except OSError as exc:
                    raise _naming(exc, target) from exc
                del waiting[0]
        except BaseException:
            _remove(waiting)
            raise


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
