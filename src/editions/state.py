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

A build records what it learns of each document (:meth:`BuildState.record`) as
its result comes: the records go to a temporary file beside the state, not to
memory, and the state is written from it at the end. What the build holds of
them does not grow with the number of pages (see :meth:`BuildState.save`).

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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from editions import fsutil
from editions.fsutil import write_atomic_chunks
from editions.stamp import json_members

FILENAME = ".editions-state.json"
FORMAT = 2

_COMPACT = (",", ":")


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
    path: str
    inputs: dict[str, list[Any]] = field(default_factory=dict)
    #: coverage the last build recorded, less what this build has recorded again
    coverage: dict[str, list[int]] = field(default_factory=dict)
    #: pages the last build recorded (page: [key, size, mtime]), less those this build
    #: has answered for
    outputs: dict[str, list[Any]] = field(default_factory=dict)
    #: what this build recorded, a line each: ``c`` or ``o`` and a member of the JSON
    #: object ``coverage`` or ``outputs``
    spool: IO[str] | None = None

    @classmethod
    def load(cls, out: str) -> BuildState:
        path = os.path.join(out, FILENAME)
        state = cls(path)
        with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
            with open(path, "rb") as handle:
                data = json.loads(handle.read())
            if data.get("format") == FORMAT:
                state.inputs = dict(data["inputs"])
                state.coverage = dict(data["coverage"])
                state.outputs = dict(data["outputs"])
        return state

    def record(
        self,
        coverage: dict[str, list[int]],
        outputs: dict[str, list[Any]],
        answered: Iterable[str] = (),
        inputs: dict[str, list[Any]] | None = None,
    ) -> None:
        """Record ``coverage``, the pages' ``outputs`` ([key, size, mtime]) and the files'
        ``inputs`` ([size, mtime, digest]), and forget what the last build recorded of
        them and of the pages ``answered`` for.

        They are written to the spool at once, not kept: a build records every page and
        every catalog of the site, and what it held of them would grow with the number of
        languages.
        """
        if self.spool is None:  # closed by save
            self.spool = fsutil.spool(os.path.dirname(self.path))
        for page in answered:
            self.outputs.pop(page, None)
        lines = []
        kinds = (  # the tag of each kind of record, those held, those new
            ("c", self.coverage, coverage),
            ("o", self.outputs, outputs),
            ("i", self.inputs, inputs or {}),
        )
        for tag, held, new in kinds:
            for key, value in new.items():
                held.pop(key, None)
                lines.append(f"{tag}{json.dumps(key)}:{json.dumps(value, separators=_COMPACT)}\n")
        self.spool.writelines(lines)

    def save(self) -> None:
        """Write the state: what the last build recorded and this one did not, then what
        this one recorded, read back from the spool a piece at a time.

        A key recorded twice (two documents of the same source and catalogs share a
        coverage key) has the same value both times; JSON keeps the last.
        """
        # Compact: the indenting encoder is Python's, the compact one C's (a large site
        # has tens of thousands of entries).
        chunks = itertools.chain(
            ('{"coverage":{',),
            self._members("c", self.coverage),
            (f'}},"format":{FORMAT},"inputs":{{',),
            self._members("i", self.inputs),
            ('},"outputs":{',),
            self._members("o", self.outputs),
            ("}}\n",),
        )
        try:
            write_atomic_chunks(self.path, chunks)
        finally:
            if self.spool is not None:
                self.spool.close()
                self.spool = None

    def _members(self, tag: str, held: dict[str, Any]) -> Iterator[str]:
        """The members of one of the state's objects, comma-separated: those ``held``, then
        those of the spool's lines tagged ``tag``."""
        comma = ""
        for members in json_members(held, True, _COMPACT):
            yield members
            comma = ","
        if self.spool is None:
            return
        self.spool.seek(0)
        for line in self.spool:
            if line[0] == tag:
                yield comma + line[1:-1]
                comma = ","

    def file_digest(self, path: str) -> str:
        """SHA-256 of ``path``'s bytes, read again only when its size or time changed.

        A missing file has the digest ``"missing"``.
        """
        try:
            st = os.stat(path)
        except OSError:
            self.inputs.pop(path, None)
            return "missing"
        known = self.inputs.get(path)
        if known and known[0] == st.st_size and known[1] == st.st_mtime_ns:
            return str(known[2])
        import hashlib

        with open(path, "rb") as handle:
            value = hashlib.sha256(handle.read()).hexdigest()
        self.inputs[path] = [st.st_size, st.st_mtime_ns, value]
        return value
