"""The stamp of the last build: enough to know that the next one has nothing to do.

``.editions-stamp.json`` in the build folder holds the :class:`Stamp` of the
last build that finished without a failure: what it was asked for, the size
and time of every file it depended on (the tool's own code and templates, the
sources, every catalog), and the time of every folder it wrote pages in. When
all of them are as they were, the build has nothing to do, and knows it from
one ``stat`` of each input and of each page folder, without reading a catalog
or loading a renderer.

The file is JSON lines: first what the build was asked for, the page folders
and the notes; then one line for each input (path, size, time), in the order
the inputs are listed; then the list of pages. A build with nothing to do
compares each input with its line as it looks at it, and stops before the
pages: what it holds does not grow with the site (:func:`unchanged_pages`).

A folder's time changes when a page in it is added, deleted, renamed or
replaced (as editors save a file); a page edited in place leaves it as it was,
and is written again by the next build that has work to do, which looks at
every page (:mod:`editions.state`). Deleting the stamp only costs that look.

This module is the whole of a build with nothing to do, so it imports little:
no dataclass, no typing, nothing that renders.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os

from editions.fsutil import write_atomic_chunks

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import IO

    from editions.project import Project

STAMP = ".editions-stamp.json"
FORMAT = 3

#: The package's own folder: its modules and templates are inputs of every page.
PACKAGE = os.path.dirname(os.path.abspath(__file__))


def request(
    root: str,
    out: str,
    langs: list[str],
    docs: list[str] | None,
    pairs: list[str],
    policy: tuple[float, bool, str],
    site: bool,
    keep_going: bool,
) -> str:
    """What a build is asked for, as the stamp records it: ``pairs`` as ``A:B``, and the
    publication policy as (min_complete, use_fuzzy, base_url)."""
    asked = [root, out, langs, docs, pairs, list(policy), site, keep_going]
    return json.dumps(asked, ensure_ascii=False)


class Stamp:
    """What a build was asked for and every file it saw."""

    FIELDS = ("request", "inputs", "input_stats", "outputs", "watched", "watched_stats", "notes")

    def __init__(
        self,
        request: str,
        inputs: list[str],
        input_stats: list[int] | None,
        outputs: list[str] | None = None,
        watched: list[str] | None = None,
        watched_stats: list[int] | None = None,
        notes: list[str] | None = None,
    ) -> None:
        self.request = request  #: see :func:`request`
        #: every file the pages depend on (see :func:`inputs`) with its size and time, taken
        #: before any was read: a line each, as the file holds them; None when they could
        #: not all be looked at. A stamp a build takes keeps them in a temporary file once
        #: they are many (:meth:`take`): the build holds it while it works, and a site has
        #: a catalog for each document and language.
        self.input_lines: str | IO[str] | None = (
            None
            if input_stats is None
            else "".join(
                _input_line(path, input_stats[2 * at], input_stats[2 * at + 1])
                for at, path in enumerate(inputs)
            )
        )
        self._input_count = len(inputs)
        self.outputs = outputs or []  #: every page, relative to the build folder
        self.watched = watched or []  #: see :func:`watched`
        self.watched_stats = watched_stats  #: their sizes and times, once every page is written
        self.notes = notes or []  #: what the build said about what it left out

    @property
    def inputs(self) -> list[str]:
        """Every file the pages depend on, from :attr:`input_lines`."""
        return [json.loads(line.partition("\t")[0]) for line in self._lines()]

    @property
    def input_stats(self) -> list[int] | None:
        """The size and time of each input, one after the other, from :attr:`input_lines`."""
        if self.input_lines is None:
            return None
        return [int(n) for line in self._lines() for n in line.split("\t")[1:]]

    def _lines(self) -> list[str]:
        return "".join(self._line_chunks()).split("\n")[:-1]

    def _line_chunks(self) -> Iterator[str]:
        """:attr:`input_lines`, a piece at a time."""
        lines = self.input_lines
        if isinstance(lines, str):
            yield lines
        elif lines is not None:
            lines.seek(0)
            yield from iter(lambda: lines.read(_PIECE), "")

    @classmethod
    def take(cls, request: str, project: Project) -> Stamp:
        """The stamp of a build about to start, with its inputs as they are now, each
        written down as it is looked at: in memory for a small site, in a temporary file
        once they are many."""
        import tempfile

        taken = cls(request, [], None)
        spool = tempfile.SpooledTemporaryFile(_PIECE, "w+", encoding="utf-8")  # noqa: SIM115
        try:
            for line in _input_lines(project):
                spool.write(line)
                taken._input_count += 1
        except OSError:  # one went as it was looked at
            spool.close()
            return taken
        taken.input_lines = spool
        return taken

    def close(self) -> None:
        """Let go of the temporary file of a stamp :meth:`take` made."""
        if self.input_lines is not None and not isinstance(self.input_lines, str):
            self.input_lines.close()
            self.input_lines = None

    @classmethod
    def load(cls, out: str) -> Stamp | None:
        try:
            with open(os.path.join(out, STAMP), encoding="utf-8") as handle:
                head = json.loads(handle.readline())
                if head["format"] != FORMAT:
                    return None
                inputs: list[str] = []
                found: list[int] = []
                for _ in range(head["inputs"] or 0):
                    quoted, size, mtime = handle.readline().split("\t")
                    inputs.append(json.loads(quoted))
                    found += (int(size), int(mtime))
                outputs = json.loads(handle.readline())
            input_stats = found if head["inputs"] is not None else None
            fields = (head["watched"], head["watched_stats"], head["notes"])
            return cls(head["request"], inputs, input_stats, outputs, *fields)
        except (OSError, ValueError, TypeError, KeyError):
            pass
        return None

    def finish(self, outputs: Iterable[str], out: str, notes: list[str]) -> None:
        """Record the pages the build answers for, once every one of them is written."""
        self.outputs = sorted(outputs)
        self.watched = watched(self.outputs)
        self.watched_stats = stats(self.watched, out)
        self.notes = notes

    def save(self, out: str) -> None:
        """Write the stamp: a first line with all but the inputs and the pages, a line for
        each input, then the pages (see :func:`unchanged_pages`, which reads no further
        than the inputs)."""
        head = {
            "format": FORMAT,
            "request": self.request,
            "inputs": self._input_count if self.input_lines is not None else None,
            "outputs": len(self.outputs),
            "watched": self.watched,
            "watched_stats": self.watched_stats,
            "notes": self.notes,
        }
        first = json.dumps(head) + "\n"
        chunks = itertools.chain((first,), self._line_chunks(), json_chunks(self.outputs), ("\n",))
        write_atomic_chunks(os.path.join(out, STAMP), chunks)

    @staticmethod
    def remove(out: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(os.path.join(out, STAMP))


#: Characters of a stamp's input lines held in memory before they go to a temporary file
#: (:meth:`Stamp.take`), and copied at a time by :meth:`Stamp.save`.
_PIECE = 1 << 16

#: Entries of a list or dict encoded at a time by :func:`json_chunks`.
_ENTRIES = 512


def json_chunks(
    value: object, sort_keys: bool = False, separators: tuple[str, str] = (", ", ": ")
) -> Iterator[str]:
    """The text of ``json.dumps(value, sort_keys=sort_keys, separators=separators)``, in
    pieces: a long list or dict (a build's pages) is encoded a few hundred entries at a
    time, by the C encoder, and never whole in memory at once.

    >>> data = {"b": list(range(1200)), "a": {str(n): [n, "x"] for n in range(600)}}
    >>> "".join(json_chunks(data, True, (",", ":"))) == json.dumps(
    ...     data, sort_keys=True, separators=(",", ":"))
    True
    """
    comma, colon = separators
    if isinstance(value, dict) and len(value) > _ENTRIES:
        yield "{"
        yield from json_members(value, sort_keys, separators)
        yield "}"
    elif isinstance(value, dict) and value and all(isinstance(key, str) for key in value):
        yield "{"
        for at, key in enumerate(sorted(value) if sort_keys else value):
            yield (comma if at else "") + json.dumps(key) + colon
            yield from json_chunks(value[key], sort_keys, separators)
        yield "}"
    elif isinstance(value, list) and len(value) > _ENTRIES:
        yield "["
        for at in range(0, len(value), _ENTRIES):
            items = value[at : at + _ENTRIES]
            yield (comma if at else "") + json.dumps(
                items, sort_keys=sort_keys, separators=separators
            )[1:-1]
        yield "]"
    else:
        yield json.dumps(value, sort_keys=sort_keys, separators=separators)


def json_members(
    value: dict[str, object], sort_keys: bool = False, separators: tuple[str, str] = (", ", ": ")
) -> Iterator[str]:
    """The members of the JSON object ``value``, without its braces, separated by commas:
    a few hundred at a time (:func:`json_chunks`).

    >>> "".join(json_members({"b": 1, "a": [2]}, True, (",", ":")))
    '"a":[2],"b":1'
    """
    keys = sorted(value) if sort_keys else list(value)
    for at in range(0, len(keys), _ENTRIES):
        part = {key: value[key] for key in keys[at : at + _ENTRIES]}
        members = json.dumps(part, sort_keys=sort_keys, separators=separators)[1:-1]
        yield (separators[0] if at else "") + members


def _input_line(path: str, size: int, mtime: int) -> str:
    """How the stamp records one input: its path as JSON, its size and its time.

    >>> _input_line("a/b.po", 3, 4)
    '"a/b.po"\\t3\\t4\\n'
    >>> _input_line('a"b.po', 3, 4) == json.dumps('a"b.po') + "\\t3\\t4\\n"
    True
    """
    if path.isascii() and path.isprintable() and '"' not in path and "\\" not in path:
        quoted = f'"{path}"'  # what json.dumps writes, faster
    else:
        quoted = json.dumps(path)
    return f"{quoted}\t{size}\t{mtime}\n"


def unchanged_pages(project: Project, out: str, asked: str) -> tuple[int, list[str]] | None:
    """The number of pages and the notes of the last build when it holds for a build
    asked for ``asked`` now, else None: when it was asked for the same, and every
    input and every page folder is as it left them. The one test of a build with
    nothing to do, for the command line (which then loads no more) and for
    :func:`editions.build.build` alike.

    Each input is looked at and compared with the stamp's line for it, one after
    the other: what a build with nothing to do holds does not grow with the
    number of inputs, and the list of pages is not read.
    """
    try:
        with open(os.path.join(out, STAMP), encoding="utf-8") as handle:
            head = json.loads(handle.readline())
            if (
                head["format"] != FORMAT
                or head["request"] != asked
                or head["inputs"] is None
                or head["watched_stats"] is None
            ):
                return None
            count = 0
            for line in _input_lines(project):
                if handle.readline() != line:
                    return None
                count += 1
        if count != head["inputs"] or stats(head["watched"], out) != head["watched_stats"]:
            return None
        return int(head["outputs"]), list(head["notes"])
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def _input_lines(project: Project) -> Iterator[str]:
    """The stamp's line of each input (:func:`inputs`) as it is now, looked at one after
    the other, each in its folder, opened once for the files that follow it there.
    Raises OSError when one cannot be looked at."""
    here: int | None = None  # the folder of the last input, open
    last = None
    try:
        for folder, name in _input_entries(project):
            if folder != last:
                if here is not None:
                    os.close(here)
                    here = None
                here, last = os.open(folder or ".", os.O_RDONLY), folder
            st = os.stat(name, dir_fd=here)
            yield _input_line(f"{folder}/{name}", st.st_size, st.st_mtime_ns)
    finally:
        if here is not None:
            os.close(here)


def stats(paths: Iterable[str], folder: str | None = None) -> list[int] | None:
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


def watched(pages: list[str]) -> list[str]:
    """What a build with nothing to do looks at in the build folder: every folder that
    holds pages, and each page at the top (``index.html``), whose folder also holds the
    state files and so changes with every build.

    >>> watched(["en/a.html", "en/b.html", "index.html", "parallel/en-ur/a.html"])
    ['en', 'index.html', 'parallel/en-ur']
    """
    return sorted({page.rpartition("/")[0] or page for page in pages})


def code_files() -> list[str]:
    """The tool's own code: every module and template it renders with."""
    found = []
    folders = [PACKAGE]
    while folders:
        folder = folders.pop()
        for entry in os.scandir(folder):
            if entry.is_dir() and entry.name != "__pycache__":
                folders.append(entry.path)
            elif entry.name.endswith((".py", ".j2", ".css")):
                found.append(entry.path)
    return sorted(found)


def inputs(project: Project) -> list[str]:
    """Every file a build depends on: the tool's code, the sources, every catalog.

    Listed from the folders, so a new document, language or catalog is seen.
    """
    return [f"{folder}/{name}" for folder, name in _input_entries(project)]


def _input_entries(project: Project) -> Iterator[tuple[str, str]]:
    """:func:`inputs`, each as its folder and its name, one folder listed at a time."""
    for path in code_files():
        folder, _, name = path.rpartition("/")
        yield folder, name
    sources = project.source_dir
    for name in sorted(_listdir(sources)):
        if name.endswith(".md"):
            yield sources, name
    locales = project.locales_dir
    for lang in sorted(_listdir(locales)):
        folder = f"{locales}/{lang}/LC_MESSAGES"
        for name in sorted(_listdir(folder)):
            if name.endswith(".po"):
                yield folder, name


def _listdir(folder: str) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []
