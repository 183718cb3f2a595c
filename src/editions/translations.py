"""The translations of a project on disk: find, update, check, count and compile them.

The ends of the translator's workflow, where files are read and written; the
work itself is done by pure functions: :mod:`editions.po.merge`,
:mod:`editions.checks`, :mod:`editions.stats`, :mod:`editions.mofile`.

Every command here changes no file before it has read every catalog it
needs: when one cannot be read, all the errors are reported together and no
file changes. (``update`` writes each new catalog to a temporary file as it
goes, and renames them over the catalogs at the end.)
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator

import polib

from editions import catalog, fsutil, source
from editions.errors import EditionsError, Errors
from editions.fsutil import write_atomic
from editions.model import Article
from editions.po import merge
from editions.po.read import parse_po, read_po
from editions.po.write import format_changed
from editions.project import Project
from editions.record import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:  # loaded by the commands that use them: update needs none
    from concurrent.futures import Future
    from queue import SimpleQueue
    from threading import Thread
    from typing import Any

    from editions import checks, stats


class CatalogFile(NamedTuple):
    """One language's catalog of one document."""

    lang: str
    doc: str
    path: str
    name: str  #: the path as messages show it


def catalog_files(
    project: Project, langs: list[str] | None = None, docs: list[str] | None = None
) -> tuple[list[CatalogFile], list[CatalogFile]]:
    """The catalogs of the chosen languages (all by default) and documents.

    Returns those that exist, and those missing (a language folder without
    the document's catalog).
    """
    grid = catalog_grid(project, langs, docs)
    return [grid.file(cell) for cell in grid.cells()], grid.missing()


#: What :attr:`CatalogGrid.kinds` says of a catalog: it is a file (when not, it is
#: missing); it is reached through a symbolic link (its name is then the resolved one).
_FOUND, _LINKED = 1, 2


class CatalogGrid(NamedTuple):
    """The catalogs of the chosen languages and documents, a cell for each pair, language
    by language, without an object for each: what :func:`update` keeps of thousands of
    catalogs while it works is a byte for each, and their paths are made as they are
    needed."""

    project: Project
    langs: list[str]
    docs: list[str]
    folders: list[str]  #: each language's folder
    shown: list[str]  #: each language's folder as messages show it
    kinds: bytearray  #: of each cell, :data:`_FOUND` and :data:`_LINKED`

    def cells(self, doc: int | None = None) -> Iterator[int]:
        """The cells of the catalogs found, in order; only those of the ``doc``-th
        document when given."""
        if doc is None:
            return (cell for cell, kind in enumerate(self.kinds) if kind & _FOUND)
        step = len(self.docs)
        return (cell for cell in range(doc, len(self.kinds), step) if self.kinds[cell] & _FOUND)

    def found(self) -> int:
        """How many catalogs were found."""
        return sum(kind & _FOUND for kind in self.kinds)

    def missing(self) -> list[CatalogFile]:
        """The catalogs missing, in order."""
        return [self.file(cell) for cell, kind in enumerate(self.kinds) if not kind & _FOUND]

    def folder(self, cell: int) -> str:
        return self.folders[cell // len(self.docs)]

    def path(self, cell: int) -> str:
        return os.path.join(self.folder(cell), f"{self.docs[cell % len(self.docs)]}.po")

    def name(self, cell: int) -> str:
        """The path of the catalog as messages show it."""
        if self.kinds[cell] & _LINKED or not self.kinds[cell] & _FOUND:
            return self.project.relative(self.path(cell))
        lang, doc = divmod(cell, len(self.docs))
        return f"{self.shown[lang]}/{self.docs[doc]}.po"

    def file(self, cell: int) -> CatalogFile:
        lang, doc = divmod(cell, len(self.docs))
        return CatalogFile(self.langs[lang], self.docs[doc], self.path(cell), self.name(cell))


def catalog_grid(
    project: Project, langs: list[str] | None = None, docs: list[str] | None = None
) -> CatalogGrid:
    """The catalogs of the chosen languages (all by default) and documents, found or
    missing (a language folder without the document's catalog)."""
    chosen_docs = project.documents(docs)
    if langs:
        from editions.localedata import locale_info

        chosen = [locale_info(lang).code for lang in langs]
        for lang in chosen:
            folder = project.po_dir(lang)
            if not os.path.isdir(folder):
                raise EditionsError(
                    f"no catalogs for '{lang}': run 'editions init {lang}'",
                    project.relative(folder),
                )
    else:
        chosen = project.languages()
    folders: list[str] = []
    shown: list[str] = []
    kinds = bytearray()
    for lang in chosen:
        folder = project.po_dir(lang)
        folders.append(folder)
        shown.append(project.relative(folder))
        listing = _listing(folder)  # one look at each folder, not at each file
        for doc in chosen_docs:
            entry = listing.get(f"{doc}.po")
            found = entry is not None and entry.is_file()
            linked = entry is not None and entry.is_symlink()
            kinds.append((_FOUND if found else 0) | (_LINKED if linked else 0))
    return CatalogGrid(project, chosen, chosen_docs, folders, shown, kinds)


def _listing(folder: str) -> dict[str, os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return {entry.name: entry for entry in entries}
    except OSError:
        return {}


def read_all(files: list[CatalogFile]) -> list[polib.POFile]:
    """Every catalog of ``files``, or one error listing each that cannot be read."""
    read: list[polib.POFile] = []
    failed: list[EditionsError] = []
    for ref in files:
        try:
            read.append(read_po(ref.path, name=ref.name))
        except EditionsError as exc:
            failed.append(exc)
    if failed:
        raise Errors(failed)
    return read


def _sources(project: Project, docs: Iterable[str]) -> dict[str, Article]:
    """The source of each of ``docs`` (the documents that have a catalog), by name."""
    chosen = sorted(set(docs))
    return {a.doc: a for a in source.read_documents(project, chosen)} if chosen else {}


# -- update ------------------------------------------------------------------------------------


class Update(NamedTuple):
    """What ``editions update`` did, or would do, to one catalog."""

    file: CatalogFile
    changes: tuple[merge.Change, ...]  #: what the merge did, but to the messages it kept as is
    stale: bool  #: whether its content changes
    written: bool = False  #: whether its new content was written
    #: with ``where``: each message that changed, with its line in the new catalog (0: none)
    lines: tuple[tuple[int, merge.Change], ...] = ()

    @property
    def summary(self) -> str:
        """What changed, counted: ``1 fuzzy, 2 moved``, or that only references did."""
        return merge.summarize(self.changes) or "references and comments"


def update(
    project: Project,
    langs: list[str] | None = None,
    docs: list[str] | None = None,
    *,
    check: bool = False,
    where: bool = False,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[Update], list[CatalogFile]]:
    """Bring every chosen catalog up to date with its source; the update of each, and the
    catalogs missing.

    A catalog is stale when merging the source into it changes its content;
    one whose content stays the same is left as it is on disk, however it is
    formatted (Poedit, a text editor), so that a run with nothing new changes
    no byte. With ``check`` nothing is written.

    Catalogs are read, merged and written one at a time, a document's after
    another's (in ``jobs`` processes), so memory does not grow with the
    number of languages: a process holds one document's catalogs at a time,
    and this one keeps little of each catalog until the end: a byte while it
    is listed, then whether it changed, its changes (shared with the other
    languages) and its temporary file's name. Each new content goes to a
    temporary file beside its catalog, flushed to disk, and only once every
    catalog has been read are they renamed over the catalogs: when one cannot
    be read, all the errors are raised together and no catalog changes.

    The updates come in the order of the catalogs, language by language.
    ``progress``, when given, is told of each batch of catalogs done, by their
    number, as it is done.
    """
    grid = catalog_grid(project, langs, docs)
    count = grid.found()
    # This run's temporary files are named by it: what it keeps of each is whether
    # there is one, not its name.
    unique = f"{os.getpid()}-{os.urandom(6).hex()}"
    tasks = _update_tasks(grid, _templates(grid), check, where, jobs, unique)
    done = _run_updates(grid, tasks, unique, jobs if count >= _PARALLEL_FROM else 1, progress)
    failed = [d.error for d in done if d is not None and d.error is not None]
    if failed:
        _discard(tmp for tmp, _ in _staged(grid, done, unique))
        raise Errors(failed)
    _commit(grid, done, unique, count)
    return _updates(grid, done), grid.missing()


#: Fewer catalogs than this are updated in the calling process: starting
#: processes would take longer than the work. (As many make two tasks at least.)
_PARALLEL_FROM = 64


class _UpdateTask(NamedTuple):
    """Catalogs of one document to update: the path of each, and its name in messages."""

    template: polib.POFile
    files: tuple[tuple[str, str], ...]
    check: bool
    where: bool
    unique: str  #: names the run's temporary files (:func:`fsutil.staged_path`)


class _Updated(NamedTuple):
    """One catalog done: what :class:`Update` says of it, or the error that stops it; and
    whether its new content was written to a temporary file (named by the catalog and
    the run's ``unique``)."""

    changes: tuple[merge.Change, ...] = ()
    stale: bool = False
    lines: tuple[tuple[int, merge.Change], ...] = ()
    error: EditionsError | None = None
    staged: bool = False


def _templates(grid: CatalogGrid) -> dict[str, polib.POFile]:
    """The template of each document that has a catalog (its source read, then let go)."""
    docs = (grid.docs[cell % len(grid.docs)] for cell in grid.cells())
    return {doc: catalog.to_pot(a, a.path) for doc, a in _sources(grid.project, docs).items()}


def _update_tasks(
    grid: CatalogGrid,
    templates: dict[str, polib.POFile],
    check: bool,
    where: bool,
    jobs: int,
    unique: str,
) -> Iterator[tuple[list[int], _UpdateTask]]:
    """The catalogs grouped by document (they share the template and its English), in
    pieces small enough to keep ``jobs`` processes busy: the cells of each piece, and
    its task, made as they are asked for."""
    size = max(4, min(32, grid.found() // (4 * max(jobs, 1))))
    for at, doc in enumerate(grid.docs):
        cells = list(grid.cells(at))
        for start in range(0, len(cells), size):
            piece = cells[start : start + size]
            files = tuple((grid.path(cell), grid.name(cell)) for cell in piece)
            yield piece, _UpdateTask(templates[doc], files, check, where, unique)


def _run_updates(
    grid: CatalogGrid,
    tasks: Iterable[tuple[list[int], _UpdateTask]],
    unique: str,
    jobs: int,
    progress: Callable[[int], None] | None = None,
) -> list[_Updated | None]:
    """What was done to each catalog, by cell (None for those missing), and the new
    content of each flushed to disk.

    The tasks stage files without waiting on the disk, as merging keeps their
    processes busy; threads here flush (``fsync``) each task's files while the
    next tasks are done. They are many because the file system writes the
    flushes under way together, in about the time of one. A few catalogs are
    flushed one after the other, by this thread: ten new files of a few
    kilobytes flush in 1 to 2 ms so, in 2 to 5 ms in threads.
    """
    done: list[_Updated | None] = [None] * len(grid.kinds)
    seen: tuple[dict[Any, Any], dict[Any, Any], dict[Any, Any]] = ({}, {}, {})
    flushers = _Threads(fsutil.flush, _FLUSHERS if grid.found() >= _PARALLEL_FROM else 0)

    def take(cells: list[int], result: list[_Updated]) -> None:
        for cell, d in zip(cells, result, strict=True):
            done[cell] = _kept(d, seen)  # every staged file known before any flush can fail
        if progress is not None:
            progress(len(result))
        for cell, d in zip(cells, result, strict=True):
            if d.staged:
                flushers.put(fsutil.staged_path(grid.path(cell), unique))

    try:
        if jobs > 1:
            _in_processes(tasks, jobs, take)
        else:
            for cells, task in tasks:
                take(cells, _update_task(task))
        flushers.finish()
    except BaseException:
        flushers.finish(cancel=True)  # the flushes under way end first
        _discard(tmp for tmp, _ in _staged(grid, done, unique))
        raise
    return done


def _kept(done: _Updated, seen: tuple[dict[Any, Any], dict[Any, Any], dict[Any, Any]]) -> _Updated:
    """``done`` as this process keeps it until the end, small: each change one object,
    each list of changes one tuple, and each record one object, however many catalogs
    have them (a change of the English is the same in every language), ``seen``
    holding those met so far.

    >>> change = merge.Change("intro", merge.Action.FUZZY)
    >>> seen = ({}, {}, {})
    >>> a = _kept(_Updated((change,), True, staged=True), seen)
    >>> b = _kept(_Updated((merge.Change("intro", merge.Action.FUZZY),), True, staged=True), seen)
    >>> a is b, a.changes is b.changes
    (True, True)
    """
    changes, lists, records = seen
    shared = tuple(changes.setdefault(c, c) for c in done.changes)
    kept = done._replace(changes=lists.setdefault(shared, shared))
    return records.setdefault(kept, kept)  # type: ignore[no-any-return]


def _staged(
    grid: CatalogGrid, done: list[_Updated | None], unique: str
) -> Iterator[tuple[str, str]]:
    """The file staged for each catalog that has one, and the catalog, in order."""
    for cell, d in enumerate(done):
        if d is not None and d.staged:
            yield _staged_file(grid, cell, unique)


def _staged_file(grid: CatalogGrid, cell: int, unique: str) -> tuple[str, str]:
    """The file staged for the catalog of ``cell`` by the run ``unique``, and the catalog."""
    path = grid.path(cell)
    return fsutil.staged_path(path, unique), path


def _updates(grid: CatalogGrid, done: list[_Updated | None]) -> list[Update]:
    """The update of each catalog, in order."""
    return [
        Update(grid.file(cell), d.changes, d.stale, d.staged, d.lines)
        for cell, d in enumerate(done)
        if d is not None
    ]


#: Threads that flush new catalogs to disk.
_FLUSHERS = 16


class _Threads:
    """``work(item)`` for each item put, in up to ``count`` threads, in the order put;
    with ``count`` 0, in the caller's thread as each is put (raising there).

    Nothing is set up until an item is put (an update with nothing to write
    has no use for threads), then a thread is started for each item until
    there are ``count``. What is waiting is only the item itself, not a
    future for each: the files staged wait here by the thousand when the
    disk is slower than the merging.
    """

    def __init__(self, work: Callable[[Any], object], count: int) -> None:
        self.work = work
        self.count = count
        self.items: SimpleQueue[tuple[int, object] | None] | None = None
        self.failed: list[tuple[int, BaseException]] = []
        self.cancelled = False
        self.put_count = 0
        self.threads: list[Thread] = []

    def put(self, item: object) -> None:
        if not self.count:
            self.work(item)
            return
        if self.items is None:
            from queue import SimpleQueue

            self.items = SimpleQueue()
        self.items.put((self.put_count, item))
        self.put_count += 1
        if len(self.threads) < self.count:
            from threading import Thread

            self.threads.append(Thread(target=self._run, args=(self.items,), daemon=True))
            self.threads[-1].start()

    def _run(self, items: SimpleQueue[tuple[int, object] | None]) -> None:
        while (got := items.get()) is not None:
            if self.cancelled:
                continue
            at, item = got
            try:
                self.work(item)
            except BaseException as exc:
                self.failed.append((at, exc))

    def finish(self, cancel: bool = False) -> None:
        """Wait for every item (with ``cancel``, only those under way); raise the error
        of the first item that failed, in the order put."""
        self.cancelled = self.cancelled or cancel
        if self.items is not None:
            for _ in self.threads:
                self.items.put(None)
        for thread in self.threads:
            thread.join()
        if self.failed and not cancel:
            raise min(self.failed, key=lambda failure: failure[0])[1]


def _in_processes(
    tasks: Iterable[tuple[list[int], _UpdateTask]],
    jobs: int,
    take: Callable[[list[int], list[_Updated]], None],
) -> None:
    """Do ``tasks`` in ``jobs`` processes, giving what each did to ``take``, in order.

    Tasks are handed to the processes a few ahead of those taken, not all at
    once: what waits for a process, and for this one to take it, is bounded.
    When one fails, the tasks not yet begun are cancelled, and the files
    staged by those that ran and that ``take`` did not get are removed.
    """
    from collections import deque

    from editions.workers import process_pool

    with process_pool(jobs) as pool:
        waiting: deque[tuple[list[int], _UpdateTask, Future[list[_Updated]]]] = deque()
        try:
            for cells, task in tasks:
                waiting.append((cells, task, pool.submit(_update_task, task)))
                if len(waiting) > _AHEAD * jobs:
                    cells, _, future = waiting.popleft()
                    take(cells, future.result())
            while waiting:
                cells, _, future = waiting.popleft()
                take(cells, future.result())
        except BaseException:
            for _, _, future in waiting:
                future.cancel()
            for _, task, future in waiting:
                if not future.cancelled() and future.exception() is None:
                    _discard(_staged_by(task, future.result()))
            raise


#: Tasks handed to each process ahead of those taken: enough that none waits for work.
_AHEAD = 4


def _update_task(task: _UpdateTask) -> list[_Updated]:
    """Read, merge and format each catalog of ``task``; stage the new content of those
    that change, unless checking, without flushing it to disk."""
    done: list[_Updated] = []
    try:
        for path, name in task.files:
            done.append(_update_one(path, name, task))
    except BaseException:
        _discard(_staged_by(task, done))
        raise
    return done


def _staged_by(task: _UpdateTask, done: list[_Updated]) -> Iterator[str]:
    """The files staged for the catalogs of ``task`` that are ``done``."""
    for (path, _), d in zip(task.files, done, strict=False):
        if d.staged:
            yield fsutil.staged_path(path, task.unique)


def _update_one(path: str, name: str, task: _UpdateTask) -> _Updated:
    """One catalog done, its new content staged if it is to be written."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
            mode = os.fstat(handle.fileno()).st_mode & 0o777
    except OSError as exc:
        return _Updated(error=EditionsError(exc.strerror or str(exc), name))
    try:
        po, layout = parse_po(data, name)
    except EditionsError as exc:
        return _Updated(error=exc)
    po.fpath = path
    merged = merge.merge(po, task.template)
    text = format_changed(merged.po, po, layout)
    changes = tuple(c for c in merged.changes if c.action is not merge.Action.UNCHANGED)
    lines = tuple(changed_lines(text, changes)) if task.where and text is not None else ()
    staged = False
    if text is not None and not task.check:
        raw = text.encode("utf-8")
        if raw != data:
            fsutil.stage(path, raw, mode, durable=False, unique=task.unique)
            staged = True
    return _Updated(changes, text is not None, lines, staged=staged)


def _leftovers(grid: CatalogGrid, done: list[_Updated | None], unique: str) -> list[str]:
    """Temporary files a killed run left beside the catalogs staged (one look at each
    folder), but those this run ``unique`` staged."""
    found: list[str] = []
    step = len(grid.docs)
    for lang, folder in enumerate(grid.folders):
        staged = {
            f"{grid.docs[cell % step]}.po"
            for cell in range(lang * step, (lang + 1) * step)
            if (d := done[cell]) is not None and d.staged
        }
        if not staged:
            continue
        ours = {os.path.basename(fsutil.staged_path(name, unique)) for name in staged}
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if fsutil.target_of(name) in staged and name not in ours:
                    found.append(os.path.join(folder, name))
    return found


def _commit(grid: CatalogGrid, done: list[_Updated | None], unique: str, count: int) -> None:
    """Rename each staged file over its catalog (in threads for ``count`` catalogs of
    :data:`_PARALLEL_FROM` or more: each rename waits on the file system); remove what a
    killed run left. When a rename fails, the staged files not renamed are removed."""
    _discard(_leftovers(grid, done, unique))
    renamers = _Threads(
        lambda cell: os.replace(*_staged_file(grid, cell, unique)),
        _RENAMERS if count >= _PARALLEL_FROM else 0,
    )
    try:
        for cell, d in enumerate(done):
            if d is not None and d.staged:
                renamers.put(cell)
        renamers.finish()
    except BaseException:
        renamers.finish(cancel=True)  # the renames under way end first
        _discard(tmp for tmp, _ in _staged(grid, done, unique))  # those not renamed
        raise


#: Threads that rename new catalogs over the old.
_RENAMERS = 4


def _discard(tmps: Iterable[str]) -> None:
    for tmp in tmps:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def changed_lines(text: str, changes: Iterable[merge.Change]) -> list[tuple[int, merge.Change]]:
    """Each message that update changed, with its line in ``text``, the new catalog."""
    where: dict[str, int] = {}
    obsolete: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), 1):
        if line.startswith('msgctxt "'):
            where.setdefault(polib.unescape(line[9:-1]), number)
        elif line.startswith('#~ msgctxt "'):
            obsolete[polib.unescape(line[12:-1])] = number
    found: list[tuple[int, merge.Change]] = []
    for change in changes:
        if change.action is merge.Action.UNCHANGED:
            continue
        table = where if change.action is not merge.Action.OBSOLETE else obsolete
        found.append((table.get(change.msgctxt, 0), change))
    return found


# -- check, stats, compile ---------------------------------------------------------------------


def check(
    project: Project, langs: list[str] | None = None, docs: list[str] | None = None
) -> list[checks.Problem]:
    """Every problem of every chosen catalog, in file order."""
    from editions import checks

    files, missing = catalog_files(project, langs, docs)
    sources = _sources(project, (ref.doc for ref in files))
    problems: list[checks.Problem] = [
        checks.Problem(
            ref.name,
            None,
            checks.WARNING,
            "missing-catalog",
            f"no catalog of '{ref.doc}' in '{ref.lang}' (run 'editions init {ref.lang} "
            f"--doc {ref.doc}')",
        )
        for ref in missing
    ]
    for ref in files:
        problems.extend(checks.check_file(ref.path, ref.name, ref.lang, sources[ref.doc]))
    return problems


def statistics(
    project: Project, langs: list[str] | None = None, docs: list[str] | None = None
) -> tuple[list[stats.Stats], list[EditionsError]]:
    """The statistics of every readable catalog, and the errors of the others."""
    from editions import stats

    files, _ = catalog_files(project, langs, docs)
    found: list[stats.Stats] = []
    failed: list[EditionsError] = []
    for ref in files:
        try:
            po = read_po(ref.path, name=ref.name)
        except EditionsError as exc:
            failed.append(exc)
            continue
        found.append(stats.count(po, ref.lang, ref.doc, ref.name))
    return found, failed


def compile_all(
    project: Project,
    langs: list[str] | None = None,
    docs: list[str] | None = None,
    use_fuzzy: bool = False,
) -> tuple[list[str], list[str]]:
    """Write ``<doc>.mo`` beside each chosen catalog; the files written, and those unchanged."""
    from editions import mofile

    files, _ = catalog_files(project, langs, docs)
    compiled = [mofile.to_mo(po, use_fuzzy) for po in read_all(files)]
    written: list[str] = []
    unchanged: list[str] = []
    for ref, data in zip(files, compiled, strict=True):
        path = mofile.mo_path(ref.path)
        # made again from its catalog, as pages are: replaced atomically, not flushed
        (written if write_atomic(path, data, durable=False) else unchanged).append(path)
    return written, unchanged
