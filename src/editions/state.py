"""What the last build saw and wrote, so the next one redoes only what changed.

``.editions-state.json`` in the build folder is the one record of the last
build, two lines of JSON. The second holds four caches:

- ``inputs``: for each file read (sources, catalogs, the tool's own code and
  templates), its size, modification time and SHA-256. A file whose size and
  time are unchanged is not read again; one whose time changed is hashed, and
  counts as changed only if its bytes did.
- ``coverage``: for each (source, catalog, options) digest, how many segments
  of the edition are translated, fuzzy and untranslated, and whether the
  catalog is stale against the source, so the publication policy is decided
  without parsing an unchanged catalog.
- ``teasers``: for each document and language, what the site's own pages
  show of its edition when its catalog was last read (its title, summary and
  date: :class:`~editions.site.Teaser`) and the digest it was made from, so a
  front page is written again without parsing the unchanged catalogs. A site
  build keeps only its documents' and languages' own.
- ``outputs``: for each page written (by its path in the build folder), the
  digest of every input it was made from, its size and its modification time.
  A page whose inputs are unchanged and whose file is as it was written is
  skipped; one deleted, or edited by hand, is written again.

The first line holds the :class:`Last` build when it finished without a
failure: what it was asked for, every file the pages depend on as it was when
that build started, the page folders as it left them, its pages and what it
said. It is all a build with nothing to do reads.

The rule of a build with nothing to do (:func:`nothing_to_do`): it
is asked for what the last build was, and every input (the tool's code and
templates, every source, every catalog, listed from their folders, so that a
new one counts) and every page folder has the size and time the last build
saw. Then no catalog is read and nothing that renders is loaded. A folder's
time changes when a page in it is added, deleted, renamed or replaced (as
editors save a file); a page edited in place leaves it as it was, and is
written again by the next build that has work to do, which looks at every page.

Deleting the file, or the whole build folder, only costs a full build.
Nothing in it is trusted beyond that: a corrupt or foreign state is ignored.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from editions.fsutil import write_atomic

if TYPE_CHECKING:
    from editions.project import Project

FILENAME = ".editions-state.json"
FORMAT = 3

#: The package's own folder: its modules and templates are inputs of every page.
PACKAGE = os.path.dirname(os.path.abspath(__file__))

Stats = dict[str, list[int]]  #: path: [size, mtime]


def digest(*parts: str) -> str:
    """One SHA-256 over several strings, unambiguous in how they are split.

    >>> digest("ab", "c") != digest("a", "bc")
    True
    """
    import hashlib

    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


@dataclass
class Last:
    """The last build that finished without a failure."""

    request: list[Any]  #: what it was asked for, as :func:`editions.build.build` words it
    inputs: Stats  #: every file its pages depend on (:func:`inputs`), as it started
    folders: Stats  #: every page folder (:func:`watched`), as it left them
    pages: list[str]  #: the pages it answered for, relative to the build folder
    notes: list[str]  #: what it said of what it left out
    stale: list[str]  #: what it said of the catalogs stale against their source

    @classmethod
    def load(cls, out: str) -> Last | None:
        """The last build recorded in the build folder ``out``, from the state's first line;
        None when there is none, or it is not of this shape."""
        with contextlib.suppress(OSError, ValueError, TypeError, AttributeError, KeyError):
            with open(os.path.join(out, FILENAME), "rb") as handle:
                head = json.loads(handle.readline())
            if head["format"] == FORMAT and head["last"] is not None:
                return cls.from_json(head["last"])
        return None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Last:
        """The record ``data`` read back; TypeError or KeyError when it is not of this
        shape. The stats are taken as they are: compared with those found, a record of
        the wrong shape differs."""
        shape = {"request": list, "inputs": dict, "folders": dict, "pages": list, "notes": list}
        shape["stale"] = list
        if any(not isinstance(data[name], kind) for name, kind in shape.items()):
            raise TypeError("not a record of the last build")
        texts = [*data["pages"], *data["notes"], *data["stale"]]
        if any(not isinstance(text, str) for text in texts):
            raise TypeError("not a record of the last build")
        return cls(**{name: data[name] for name in shape})


def nothing_to_do(out: str, request: list[Any], inputs: Stats | None) -> Last | None:
    """The last build in the build folder ``out``, when one asked for ``request`` has
    nothing to do, the files its pages depend on being as ``inputs`` finds them now
    (the rule of the module's docstring); else None."""
    last = Last.load(out)
    if last is None or inputs is None or last.request != request or last.inputs != inputs:
        return None
    if stats(out, last.folders) != last.folders:
        return None
    return last


@dataclass
class BuildState:
    path: str
    inputs: dict[str, list[Any]] = field(default_factory=dict)  #: path: [size, mtime, sha]
    coverage: dict[str, list[int]] = field(default_factory=dict)
    teasers: dict[str, dict[str, Any]] = field(default_factory=dict)
    outputs: dict[str, list[Any]] = field(default_factory=dict)  #: page: [key, size, mtime]
    last: Last | None = None

    @classmethod
    def load(cls, out: str) -> BuildState:
        """The caches of the state in the build folder ``out``, and no last build: the
        build that loads them is the next one (:func:`nothing_to_do` reads the last)."""
        path = os.path.join(out, FILENAME)
        state = cls(path)
        with contextlib.suppress(OSError, ValueError, TypeError, AttributeError, KeyError):
            with open(path, "rb") as handle:
                head = json.loads(handle.readline())
                if head["format"] != FORMAT:
                    return state
                caches = json.loads(handle.readline())
            state.inputs = dict(caches["inputs"])
            state.coverage = dict(caches["coverage"])
            state.outputs = dict(caches["outputs"])
            state.teasers = dict(caches.get("teasers", {}))
        return state

    def code_digest(self) -> str:
        """The tool's own version: a digest of :func:`code_files`."""
        return digest(
            *(f"{os.path.relpath(p, PACKAGE)}={self.file_digest(p)}" for p in code_files())
        )

    def record(
        self,
        coverage: dict[str, list[int]],
        outputs: dict[str, list[Any]],
    ) -> None:
        """Record ``coverage`` and the pages' ``outputs`` ([key, size, mtime])."""
        self.coverage.update(coverage)
        self.outputs.update(outputs)

    def save(self) -> None:
        """Write the state: a first line with the last build, all a build with nothing to
        do reads, then a line with the caches; compact (a large site has tens of thousands
        of entries)."""
        head = {"format": FORMAT, "last": None if self.last is None else asdict(self.last)}
        caches = {
            "coverage": self.coverage,
            "inputs": self.inputs,
            "outputs": self.outputs,
            "teasers": self.teasers,
        }
        text = "".join(
            json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n"
            for data in (head, caches)
        )
        write_atomic(self.path, text)

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


def stats(folder: str, paths: Iterable[str]) -> Stats | None:
    """The size and modification time of each of ``paths`` (relative to ``folder``, or as
    they are when it is empty); None if one cannot be looked at.

    >>> stats(".", ["no/such/file"]) is None
    True
    """
    prefix = os.path.join(folder, "") if folder else ""
    found: Stats = {}
    try:
        for path in paths:
            st = os.stat(prefix + path)
            found[path] = [st.st_size, st.st_mtime_ns]
    except (OSError, ValueError, TypeError):  # ValueError: a NUL in a path from a bad state
        return None
    return found


def watched(pages: list[str]) -> list[str]:
    """What a build with nothing to do looks at in the build folder: every folder that
    holds pages, and each page at the top (``index.html``), whose folder also holds the
    state and so changes with every build.

    >>> watched(["en/a.html", "en/b.html", "index.html", "parallel/en-ur/a.html"])
    ['en', 'index.html', 'parallel/en-ur']
    """
    return sorted({page.rpartition("/")[0] or page for page in pages})


def code_files() -> list[str]:
    """The tool's own code: every module and template it renders with, and the catalogs
    of the site's own words."""
    found = []
    folders = [PACKAGE]
    while folders:
        folder = folders.pop()
        for entry in os.scandir(folder):
            if entry.is_dir() and entry.name != "__pycache__":
                folders.append(entry.path)
            elif entry.name.endswith((".py", ".j2", ".css", ".po")):
                found.append(entry.path)
    return sorted(found)


def inputs(project: Project) -> Iterator[str]:
    """Every file a build depends on: the tool's code, the sources, every catalog.

    Listed from the folders, so a new document, language or catalog is seen.
    """
    yield from code_files()
    for name in sorted(_listdir(project.source_dir)):
        if name.endswith(".md"):
            yield f"{project.source_dir}/{name}"
    for lang in sorted(_listdir(project.locales_dir)):
        folder = f"{project.locales_dir}/{lang}/LC_MESSAGES"
        for name in sorted(_listdir(folder)):
            if name.endswith(".po"):
                yield f"{folder}/{name}"


def _listdir(folder: str) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []
