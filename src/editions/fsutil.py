"""Writing files so that a reader sees the old file or the whole new one, never half.

A new content is first written to a temporary file beside its file,
``.<name>.<random>.tmp`` (:func:`stage`), then renamed over it (:func:`commit`):
a rename replaces a file whole. :func:`write_atomic` does both for one file;
``update`` stages every catalog it changes, and commits them only once all are
staged. A run killed between the two leaves temporary files behind:
:func:`sweep` removes those of the files it is given, and :func:`write_atomic`
sweeps its file's before writing it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor


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
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with open(path, "rb") as handle:
            if handle.read() == raw:
                return False
    except OSError:
        pass
    sweep([path])
    commit(stage([(path, raw)], durable))
    return True


def stage(
    files: Iterable[tuple[str | os.PathLike[str], str | bytes]], durable: bool = True
) -> list[str]:
    """Write each ``(path, data)`` of ``files`` to a new temporary file beside its path
    (its folder made if missing), with the path's permissions (0o644 for a new file);
    the temporary files' names, in order.

    With ``durable``, the data is flushed to disk before this returns: every
    file is written first, then all are flushed at once, so that the disk
    takes the flushes together rather than one after another.
    :func:`commit` renames the files over their paths; :func:`sweep` removes
    them. When one cannot be written or flushed, those already written are
    removed and the error raised.
    """
    staged: list[tuple[str, int]] = []
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
    if folder:
        os.makedirs(folder, exist_ok=True)
    tmp = os.path.join(folder, f".{name}.{os.urandom(6).hex()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)  # Windows: as is
    fd = os.open(tmp, flags, 0o600)
    try:
        view = memoryview(raw)
        while view:
            view = view[os.write(fd, view) :]
    except BaseException:
        os.close(fd)
        _remove([tmp])
        raise
    os.close(fd)
    return tmp, mode


def _flush(tmp: str) -> None:
    """Flush a staged file's data to disk (it is still writable: its mode comes after)."""
    fd = os.open(tmp, os.O_WRONLY | getattr(os, "O_BINARY", 0))  # Windows flushes only these
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def commit(staged: Iterable[str]) -> None:
    """Rename each file :func:`stage` wrote over the file it was written for, several at
    once, as :func:`stage` flushes them.

    A file whose rename fails is removed, and the first such error raised once
    the others are done: each file is then its old self or its whole new one.
    """
    waiting = list(staged)
    try:
        with ThreadPoolExecutor(_AT_ONCE) as pool:
            outcomes = list(pool.map(_rename, waiting))
    except BaseException:  # interrupted: those renamed are no longer there to remove
        _remove(waiting)
        raise
    failed = [(tmp, exc) for tmp, exc in zip(waiting, outcomes, strict=True) if exc is not None]
    if failed:
        _remove(tmp for tmp, _ in failed)
        raise failed[0][1]


def _rename(tmp: str) -> OSError | None:
    """Rename a staged file over its file; the error, if it cannot be."""
    folder, name = os.path.split(tmp)
    try:
        os.replace(tmp, os.path.join(folder, str(_target_of(name))))
    except OSError as exc:
        return exc
    return None


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
