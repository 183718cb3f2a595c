"""Writing files so that a reader sees the old file or the whole new one, never half."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

#: Inside :func:`batch`: per folder, the temporary files a killed run left there.
_leftovers: dict[Path, set[str]] | None = None


@contextlib.contextmanager
def batch() -> Iterator[None]:
    """Write many files, each folder listed once for leftovers instead of once a file.

    For a run that writes thousands of pages: listing a folder of n files for each
    of them is quadratic. Inside the batch, a folder is listed the first time a
    file is written in it; the temporary files it held then are leftovers, and go
    as their files are written.
    """
    global _leftovers
    outer, _leftovers = _leftovers, {}
    try:
        yield
    finally:
        _leftovers = outer


def _left_over(path: Path) -> list[Path]:
    """The temporary files of ``path`` (``.<name>.<random>.tmp``) that a killed run left."""
    if _leftovers is None:
        names = {p.name for p in path.parent.glob(f".{path.name}.*.tmp")}
    else:
        if path.parent not in _leftovers:
            _leftovers[path.parent] = {p.name for p in path.parent.glob(".*.tmp")}
        names = _leftovers[path.parent]
    mine = {n for n in names if n[1:].rsplit(".", 2)[0] == path.name}  # not .<name>.md.<r>.tmp
    names -= mine
    return [path.parent / n for n in sorted(mine)]


def write_atomic(path: Path, data: str | bytes, durable: bool = True) -> bool:
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
    try:
        if path.read_bytes() == raw:
            return False
    except OSError:
        pass
    import tempfile  # only when there is something to write

    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in _left_over(path):  # only this file's: other writers may be at work here
        stale.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        try:
            os.chmod(tmp, path.stat().st_mode & 0o777)
        except FileNotFoundError:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return True
