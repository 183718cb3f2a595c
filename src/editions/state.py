"""What the last build saw and wrote, so the next one redoes only what changed.

Two JSON files in the build folder hold it. ``.editions-state.json`` has three
caches:

- ``inputs``: for each file read (sources, catalogs, the tool's own code and
  templates), its size, modification time and SHA-256. A file whose size and
  time are unchanged is not read again; one whose time changed is hashed, and
  counts as changed only if its bytes did.
- ``coverage``: for each (source, catalog, options) digest, how many segments
  of the edition are translated, fuzzy and untranslated, so the publication
  policy is decided without parsing an unchanged catalog.
- ``outputs``: for each page written (by its path in the build folder), the
  digest of every input it was made from, its size and its modification time.
  A page whose inputs are unchanged and whose file is as it was written is
  skipped; one deleted, or edited by hand, is written again.

``.editions-stamp.json`` is the :class:`Stamp` of the last build that
finished without a failure: what it was asked for, and the size and time of
every file it depended on and of every page it answered for. When all of them
are as they were, the build has nothing to do, and knows it from one stat of
each file, without reading a catalog or loading a renderer.

Deleting either file, or the whole build folder, only costs a full build.
Nothing in them is trusted beyond that: a corrupt or foreign state is ignored.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from editions.fsutil import write_atomic

FILENAME = ".editions-state.json"
STAMP = ".editions-stamp.json"
FORMAT = 2


def digest(*parts: str) -> str:
    """One SHA-256 over several strings, unambiguous in how they are split.

    >>> digest("ab", "c") != digest("a", "bc")
    True
    """
    import hashlib  # not needed by a build with nothing to do

    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


@dataclass
class BuildState:
    path: Path
    inputs: dict[str, list[Any]] = field(default_factory=dict)
    coverage: dict[str, list[int]] = field(default_factory=dict)
    outputs: dict[str, list[Any]] = field(default_factory=dict)  #: page: [key, size, mtime]

    @classmethod
    def load(cls, out: Path) -> BuildState:
        path = out / FILENAME
        state = cls(path)
        with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
            data = json.loads(path.read_bytes())
            if data.get("format") == FORMAT:
                state.inputs = dict(data["inputs"])
                state.coverage = dict(data["coverage"])
                state.outputs = dict(data["outputs"])
        return state

    def save(self) -> None:
        data = {
            "format": FORMAT,
            "inputs": self.inputs,
            "coverage": self.coverage,
            "outputs": self.outputs,
        }
        # Compact: the indenting encoder is Python's, the compact one C's (a large site
        # has tens of thousands of entries).
        write_atomic(self.path, json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n")

    def file_digest(self, path: Path) -> str:
        """SHA-256 of ``path``'s bytes, read again only when its size or time changed.

        A missing file has the digest ``"missing"``.
        """
        key = os.fspath(path)
        try:
            st = path.stat()
        except OSError:
            self.inputs.pop(key, None)
            return "missing"
        known = self.inputs.get(key)
        if known and known[0] == st.st_size and known[1] == st.st_mtime_ns:
            return str(known[2])
        import hashlib

        value = hashlib.sha256(path.read_bytes()).hexdigest()
        self.inputs[key] = [st.st_size, st.st_mtime_ns, value]
        return value


def stats(paths: Iterable[str], folder: Path | None = None) -> list[int] | None:
    """The size and modification time of each file, one after the other; None if one is missing.

    ``paths`` are relative to ``folder`` when it is given. Each file is looked up
    in its folder, opened once for the files that follow it there.

    >>> stats(["no/such/file"]) is None
    True
    """
    found: list[int] = []
    add = found.append
    base = os.open(folder, os.O_RDONLY) if folder is not None else None
    here: int | None = None  # the folder of the last file, open
    last = ""
    try:
        for path in paths:
            parent, _, name = path.rpartition("/")
            if here is None or parent != last:
                if here is not None:
                    os.close(here)
                    here = None
                here, last = os.open(parent or ".", os.O_RDONLY, dir_fd=base), parent
            st = os.stat(name, dir_fd=here)
            add(st.st_size)
            add(st.st_mtime_ns)
    except OSError:
        return None
    finally:
        if here is not None:
            os.close(here)
        if base is not None:
            os.close(base)
    return found


@dataclass
class Stamp:
    """What a build was asked for and every file it saw: enough to know the next one
    has nothing to do without reading anything but this and the files' stats."""

    request: str  #: the options and the languages, documents and pairs asked for
    inputs: list[str]  #: every file the pages depend on: code, templates, sources, catalogs
    input_stats: list[int] | None  #: their sizes and times, taken before any was read
    outputs: list[str] = field(default_factory=list)  #: every page, relative to the build folder
    output_stats: list[int] | None = None  #: their sizes and times, once written
    notes: list[str] = field(default_factory=list)  #: what the build said about what it left out

    @classmethod
    def take(cls, request: str, inputs: list[str]) -> Stamp:
        """The stamp of a build about to start, with its inputs as they are now."""
        return cls(request, inputs, stats(inputs))

    @classmethod
    def load(cls, out: Path) -> Stamp | None:
        with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
            data = json.loads((out / STAMP).read_bytes())
            if data["format"] == FORMAT:
                return cls(**{f.name: data[f.name] for f in fields(cls)})
        return None

    def holds(self, now: Stamp, out: Path) -> bool:
        """Whether ``now`` asks for what this stamp's build did, and sees every input and
        every page as that build left them."""
        try:
            return (
                self.request == now.request
                and self.inputs == now.inputs
                and self.input_stats is not None
                and self.input_stats == now.input_stats
                and self.output_stats is not None
                and stats(self.outputs, out) == self.output_stats
            )
        except (TypeError, AttributeError, ValueError):  # not a stamp this version wrote
            return False

    def save(self, out: Path) -> None:
        data = {"format": FORMAT, **{f.name: getattr(self, f.name) for f in fields(self)}}
        write_atomic(out / STAMP, json.dumps(data) + "\n")

    @staticmethod
    def remove(out: Path) -> None:
        (out / STAMP).unlink(missing_ok=True)
