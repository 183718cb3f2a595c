"""Writing files so that a reader sees the old file or the whole new one, never half."""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterable, Iterator

TYPE_CHECKING = False
if TYPE_CHECKING:  # a build with nothing to do imports this module: no typing
    from typing import IO, Any, BinaryIO

#: Inside :func:`batch`: per folder, the temporary files a killed run left there.
_leftovers: dict[str, set[str]] | None = None


@contextlib.contextmanager
def batch() -> Iterator[None]:
    """Write many files, each folder listed once for leftovers instead of once a file.

    For a run that writes thousands of pages: listing a folder of n files for each
    of them is quadratic. Inside the batch, a folder is listed the first time a
    file is written in it (one the batch made holds none); the temporary files it
    held then are leftovers, and go as their files are written. A batch inside
    another is part of it.
    """
    global _leftovers
    outer = _leftovers
    if outer is None:
        _leftovers = {}
    try:
        yield
    finally:
        _leftovers = outer


def batch_process() -> None:
    """Make the rest of this process one :func:`batch`: for a worker process that
    writes the files of many tasks into the same folders."""
    global _leftovers
    if _leftovers is None:
        _leftovers = {}


def _left_over(folder: str, name: str) -> list[str]:
    """The temporary files of ``name`` in ``folder`` (``.<name>.<random>.tmp``) that a
    killed run left."""
    if _leftovers is None:
        names = _temporary_files(folder)
    else:
        if folder not in _leftovers:
            _leftovers[folder] = _temporary_files(folder)
        names = _leftovers[folder]
    mine = {n for n in names if target_of(n) == name}  # not .<name>.md.<r>.tmp
    names -= mine
    return [os.path.join(folder, n) for n in sorted(mine)]


def _temporary_files(folder: str) -> set[str]:
    with os.scandir(folder or ".") as entries:
        return {e.name for e in entries if e.name.startswith(".") and e.name.endswith(".tmp")}


def _make_folder(folder: str) -> None:
    """Make ``folder`` and those above it if missing. Inside a batch, a folder already
    listed is known to be there, and one made is known to hold no leftovers."""
    if not folder or (_leftovers is not None and folder in _leftovers):
        return  # the current folder, or one known to be there
    try:
        os.mkdir(folder)
    except FileExistsError:
        if not os.path.isdir(folder):
            raise
        return
    except FileNotFoundError:
        _make_folder(os.path.dirname(folder))
        try:
            os.mkdir(folder)
        except FileExistsError:  # made meanwhile by another writer
            return
    if _leftovers is not None:
        _leftovers[folder] = set()


def target_of(name: str) -> str | None:
    """The file a temporary file named ``name`` was written for: ``.a.po.81-3.tmp`` is
    ``a.po``'s (see :func:`stage`); None for any other name."""
    if name.startswith(".") and name.endswith(".tmp") and name.count(".") >= 3:
        return name[1:].rsplit(".", 2)[0]
    return None


#: Numbers the temporary files of a process (next() on it is safe across threads).
_NUMBERS = itertools.count()


def stage(
    path: str | os.PathLike[str],
    data: bytes | Iterable[bytes],
    mode: int,
    durable: bool = True,
    unique: str | None = None,
) -> str:
    """Write ``data`` (bytes, or pieces of them) to a new temporary file beside ``path``,
    ``.<name>.<unique>.tmp``, with permissions ``mode``; its name. Renaming it over
    ``path`` is the caller's. ``unique`` is the process's number and a count unless
    given (:func:`staged_path`); a file of that name already there is then an error.

    System calls only, which let other threads run while it waits on the disk.
    With ``durable``, the data is flushed to disk before it returns; without, it
    can be later, by :func:`flush`.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)  # Windows: no line end translation
    while True:
        tmp = staged_path(path, unique or f"{os.getpid()}-{next(_NUMBERS)}")
        try:
            fd = os.open(tmp, flags, 0o600)
            break
        except FileExistsError:  # left by another run of the same process number
            if unique:
                raise
    try:
        try:
            for piece in (data,) if isinstance(data, bytes) else data:
                view = memoryview(piece)
                while view:
                    view = view[os.write(fd, view) :]
            if durable:
                os.fsync(fd)
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
        finally:
            os.close(fd)
        if not hasattr(os, "fchmod"):  # Windows, before Python 3.13
            os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return tmp


def staged_path(path: str | os.PathLike[str], unique: str) -> str:
    """The temporary file :func:`stage` writes for ``path`` with ``unique``.

    >>> staged_path("l/fr/a.po", "81-3")
    'l/fr/.a.po.81-3.tmp'
    """
    folder, name = os.path.split(path)
    return os.path.join(folder, f".{name}.{unique}.tmp")


def flush(tmp: str) -> None:
    """Flush to disk a file that :func:`stage` wrote without ``durable``: by its name,
    so that another thread or process than the one that wrote it can wait on the disk.
    """
    fd = os.open(tmp, _FLUSH_FLAGS)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


#: Flushing a file needs no more than reading it (its mode may forbid writing), but on
#: Windows, where a file is flushed only if it is open for writing.
_FLUSH_FLAGS = os.O_RDWR if os.name == "nt" else os.O_RDONLY


def write_atomic(path: str | os.PathLike[str], data: str | bytes, durable: bool = True) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Returns False, touching nothing, when the file already holds exactly
    ``data``: a run with nothing changed changes no file, not even its time.

    Whatever ``durable`` says, a reader (or a run killed at any point) sees the
    old file or the whole new one. ``durable`` also flushes the data to disk
    before the rename, so that the new file survives a power cut: translators'
    catalogs want that; pages the next build can make again do not, and skip
    the cost of a disk flush for each page.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path = os.fspath(path)
    try:
        with open(path, "rb") as handle:
            if handle.read() == raw:
                return False
    except OSError:
        pass
    _rename(_stage_over(path, raw, durable), path)
    return True


def _stage_over(path: str, data: bytes | Iterable[bytes], durable: bool) -> str:
    """:func:`stage` ``data`` beside ``path``, with ``path``'s permissions (or 0o644), once
    the temporary files a killed run left for ``path`` are gone; the staged file's name."""
    folder, name = os.path.split(path)
    _make_folder(folder)
    for stale in _left_over(folder, name):  # only this file's: other writers may be at work here
        with contextlib.suppress(FileNotFoundError):
            os.unlink(stale)
    try:
        mode = os.stat(path).st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    return stage(path, data, mode, durable)


def _rename(tmp: str, path: str) -> None:
    """Rename the staged ``tmp`` over ``path``; if that fails, remove ``tmp``."""
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_atomic_chunks(
    path: str | os.PathLike[str], chunks: Iterable[str], durable: bool = True
) -> bool:
    """:func:`write_atomic` of the text ``"".join(chunks)``, without ever holding all of
    it: for a large file made piece by piece.

    The text is compared with the file as it comes; when the file already holds
    exactly that text, nothing is touched and the answer is False. Otherwise the
    part that was the same is copied from the file, and the rest written as it
    comes.
    """
    pieces = _encoded(chunks)
    path = os.fspath(path)
    same = 0  # bytes of the text so far, the same as the file's
    rest: Iterator[bytes] = pieces
    with contextlib.ExitStack() as opened:
        old: BinaryIO | None
        try:
            old = opened.enter_context(open(path, "rb"))  # what was the same is copied from it
        except OSError:
            old = None
        if old is not None:
            for piece in pieces:
                if old.read(len(piece)) != piece:
                    rest = itertools.chain((piece,), pieces)
                    break
                same += len(piece)
            else:
                if not old.read(1):
                    return False
            old.seek(0)
        head = _copied(old, same) if old is not None else iter(())
        tmp = _stage_over(path, itertools.chain(head, rest), durable)
    _rename(tmp, path)
    return True


def spool(folder: str, binary: bool = False) -> IO[Any]:
    """A temporary file in ``folder`` (made if missing) for what a run would otherwise
    hold while it works, growing with the documents or languages. It has no name, and
    is gone when closed or when the process ends."""
    import tempfile

    os.makedirs(folder, exist_ok=True)
    if binary:
        return tempfile.TemporaryFile("w+b", dir=folder)
    return tempfile.TemporaryFile("w+", encoding="utf-8", dir=folder)


#: Characters of text encoded at a time by :func:`write_atomic_chunks`.
_PIECE = 1 << 16


def _encoded(chunks: Iterable[str]) -> Iterator[bytes]:
    """``chunks`` in UTF-8, in pieces of about :data:`_PIECE` characters."""
    waiting: list[str] = []
    size = 0
    for chunk in chunks:
        waiting.append(chunk)
        size += len(chunk)
        if size >= _PIECE:
            yield "".join(waiting).encode("utf-8")
            waiting.clear()
            size = 0
    if waiting:
        yield "".join(waiting).encode("utf-8")


def _copied(handle: BinaryIO, size: int) -> Iterator[bytes]:
    """The next ``size`` bytes of ``handle``, a piece at a time."""
    while size > 0:
        piece = handle.read(min(size, 1 << 16))
        if not piece:
            raise OSError(f"{handle.name}: changed while it was read")
        size -= len(piece)
        yield piece
