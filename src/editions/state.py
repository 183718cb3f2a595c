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

``.editions-stamp.json`` is the :class:`~editions.stamp.Stamp` of the last build
that finished without a failure (see :mod:`editions.stamp`).

Deleting either file, or the whole build folder, only costs a full build.
Nothing in them is trusted beyond that: a corrupt or foreign state is ignored.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editions.fsutil import write_atomic_chunks
from editions.stamp import json_chunks

FILENAME = ".editions-state.json"
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
        chunks = json_chunks(data, sort_keys=True, separators=(",", ":"))
        write_atomic_chunks(self.path, itertools.chain(chunks, "\n"))

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
