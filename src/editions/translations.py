"""The translations of a project on disk: find, update, check, count and compile them.

The ends of the translator's workflow, where files are read and written; the
work itself is done by pure functions: :mod:`editions.merge`,
:mod:`editions.checks`, :mod:`editions.stats`, :mod:`editions.mofile`.

Every command here changes no file before it has read every catalog it
needs: when one cannot be read, all the errors are reported together and no
file changes. (``update`` writes each new catalog to a temporary file as it
goes, and renames them over the catalogs at the end.)
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

import polib

from editions import catalog, fsutil, merge, pofile, source
from editions.errors import EditionsError, Errors
from editions.fsutil import write_atomic
from editions.model import Article
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
    path: Path
    name: str  #: the path as messages show it


def catalog_files(
    project: Project, langs: list[str] | None = None, docs: list[str] | None = None
) -> tuple[list[CatalogFile], list[CatalogFile]]:
    """The catalogs of the chosen languages (all by default) and documents.

    Returns those that exist, and those missing (a language folder without
    the document's catalog).
    """
    chosen_docs = project.documents(docs)
    if langs:
        from editions.localedata import locale_info

        chosen = [locale_info(lang).code for lang in langs]
        for lang in chosen:
            folder = project.locales_dir / lang / "LC_MESSAGES"
            if not folder.is_dir():
                raise EditionsError(
                    f"no catalogs for '{lang}': run 'editions init {lang}'",
                    project.relative(folder),
                )
    else:
        chosen = project.languages()
    found: list[CatalogFile] = []
    missing: list[CatalogFile] = []
    folders: dict[Path, tuple[str, dict[str, os.DirEntry[str]]]] = {}
    for lang in chosen:
        for doc in chosen_docs:
            path = project.po_path(lang, doc)
            if path.parent not in folders:  # one look at each folder, not at each file
                folders[path.parent] = (project.relative(path.parent), _listing(path.parent))
            shown, listing = folders[path.parent]
            entry = listing.get(path.name)
            if entry is None or entry.is_symlink():
                name = project.relative(path)
            else:
                name = f"{shown}/{path.name}"
            ref = CatalogFile(lang, doc, path, name)
            (found if entry is not None and entry.is_file() else missing).append(ref)
    return found, missing


def _listing(folder: Path) -> dict[str, os.DirEntry[str]]:
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
            read.append(pofile.read_po(ref.path, name=ref.name))
        except EditionsError as exc:
            failed.append(exc)
    if failed:
        raise Errors(failed)
    return read


def _sources(project: Project, files: list[CatalogFile]) -> dict[str, Article]:
    docs = sorted({ref.doc for ref in files})
    return {a.doc: a for a in source.read_documents(project, docs)} if docs else {}


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
    number of languages. Each new content goes to a temporary file beside its
    catalog, flushed to disk, and only once every catalog has been read are
    they renamed over the catalogs: when one cannot be read, all the errors
    are raised together and no catalog changes.

    ``progress``, when given, is told of each batch of catalogs done, by their
    number, as it is done.
    """
    files, missing = catalog_files(project, langs, docs)
    sources = _sources(project, files)
    templates = {doc: catalog.to_pot(a, a.path) for doc, a in sources.items()}
    tasks = _update_tasks(files, templates, check, where, jobs)
    done = _run_updates(tasks, jobs if len(files) >= _PARALLEL_FROM else 1, progress)
    failed = [d.error for d in done if d.error is not None]
    staged = [(d.staged, files[d.at].path) for d in done if d.staged]
    if failed:
        _discard(tmp for tmp, _ in staged)
        raise Errors(failed)
    ours = {(str(path.parent), os.path.basename(tmp)) for tmp, path in staged}
    _commit(staged, _leftovers([path for _, path in staged], ours))
    return [
        Update(files[d.at], d.changes, d.stale, d.staged is not None, d.lines) for d in done
    ], missing


#: Fewer catalogs than this are updated in the calling process: starting
#: processes would take longer than the work.
_PARALLEL_FROM = 64


class _UpdateTask(NamedTuple):
    """Catalogs of one document to update: the place of each in the list of catalogs, its
    path, and its name in messages."""

    template: polib.POFile
    files: tuple[tuple[int, Path, str], ...]
    check: bool
    where: bool


class _Updated(NamedTuple):
    """One catalog done: what :class:`Update` says of it, or the error that stops it; and
    the file its new content was written to. Kept small: the calling process keeps one
    a catalog until the end."""

    at: int  #: its place in the list of catalogs
    changes: tuple[merge.Change, ...] = ()
    stale: bool = False
    lines: tuple[tuple[int, merge.Change], ...] = ()
    error: EditionsError | None = None
    staged: str | None = None


def _update_tasks(
    files: list[CatalogFile],
    templates: dict[str, polib.POFile],
    check: bool,
    where: bool,
    jobs: int,
) -> list[_UpdateTask]:
    """The catalogs grouped by document (they share the template and its English), in
    pieces small enough to keep ``jobs`` processes busy."""
    by_doc: dict[str, list[tuple[int, Path, str]]] = {}
    for index, ref in enumerate(files):
        by_doc.setdefault(ref.doc, []).append((index, ref.path, ref.name))
    size = max(4, min(32, len(files) // (4 * max(jobs, 1))))
    return [
        _UpdateTask(templates[doc], tuple(refs[at : at + size]), check, where)
        for doc, refs in by_doc.items()
        for at in range(0, len(refs), size)
    ]


def _run_updates(
    tasks: list[_UpdateTask], jobs: int, progress: Callable[[int], None] | None = None
) -> list[_Updated]:
    """Every task's catalogs done, in the order of the list of catalogs, and the new
    content of each flushed to disk.

    The tasks stage files without waiting on the disk, as merging keeps their
    processes busy; threads here flush (``fsync``) each task's files while the
    next tasks are done. They are many because the file system writes the
    flushes under way together, in about the time of one. A few catalogs are
    flushed one after the other, by this thread: ten new files of a few
    kilobytes flush in 1 to 2 ms so, in 2 to 5 ms in threads.
    """
    done: list[_Updated] = []
    many = sum(len(task.files) for task in tasks) >= _PARALLEL_FROM
    flushers = _Threads(fsutil.flush, _FLUSHERS if many else 0)

    def take(result: list[_Updated]) -> None:
        done.extend(result)
        if progress is not None:
            progress(len(result))
        for d in result:
            if d.staged:
                flushers.put(d.staged)

    try:
        if jobs > 1 and len(tasks) > 1:
            _in_processes(tasks, jobs, take)
        else:
            for task in tasks:
                take(_update_task(task))
        flushers.finish()
    except BaseException:
        flushers.finish(cancel=True)  # the flushes under way end first
        _discard(d.staged for d in done if d.staged)
        raise
    done.sort(key=lambda d: d.at)
    return done


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
    tasks: list[_UpdateTask], jobs: int, take: Callable[[list[_Updated]], None]
) -> None:
    """Do ``tasks`` in ``jobs`` processes, giving what each did to ``take``, in order.

    When one fails, the tasks not yet begun are cancelled, and the files
    staged by those that ran and that ``take`` did not get are removed.
    """
    from editions.workers import process_pool

    with process_pool(min(jobs, len(tasks))) as pool:
        futures: list[Future[list[_Updated]] | None] = [
            pool.submit(_update_task, task) for task in tasks
        ]
        seen: dict[merge.Change, merge.Change] = {}
        taken = 0
        try:
            for at, future in enumerate(futures):
                assert future is not None
                take(_shared(future.result(), seen))
                futures[at] = None  # its result, taken, is not kept here too
                taken += 1
        except BaseException:
            left = [future for future in futures[taken:] if future is not None]
            for future in left:
                future.cancel()
            for future in left:
                if not future.cancelled() and future.exception() is None:
                    _discard(d.staged for d in future.result() if d.staged)
            raise


def _shared(done: list[_Updated], seen: dict[merge.Change, merge.Change]) -> list[_Updated]:
    """``done``, each change one object however many catalogs it appears in (a change of
    the English is the same in every language), ``seen`` holding those met so far:
    results from another process, kept until the end, take little memory."""
    return [
        d._replace(changes=tuple(seen.setdefault(c, c) for c in d.changes)) if d.changes else d
        for d in done
    ]


def _update_task(task: _UpdateTask) -> list[_Updated]:
    """Read, merge and format each catalog of ``task``; stage the new content of those
    that change, unless checking, without flushing it to disk."""
    done: list[_Updated] = []
    try:
        for index, path, name in task.files:
            done.append(_update_one(index, path, name, task))
    except BaseException:
        _discard(d.staged for d in done if d.staged)
        raise
    return done


def _update_one(index: int, path: Path, name: str, task: _UpdateTask) -> _Updated:
    """One catalog done, its new content staged if it is to be written."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
            mode = os.fstat(handle.fileno()).st_mode & 0o777
    except OSError as exc:
        return _Updated(index, error=EditionsError(exc.strerror or str(exc), name))
    try:
        po = pofile.parse_po(data, name)
    except EditionsError as exc:
        return _Updated(index, error=exc)
    po.fpath = str(path)
    merged = merge.merge(po, task.template)
    text = pofile.format_changed(merged.po, po)
    changes = tuple(c for c in merged.changes if c.action is not merge.Action.UNCHANGED)
    lines = tuple(changed_lines(text, changes)) if task.where and text is not None else ()
    staged = None
    if text is not None and not task.check:
        raw = text.encode("utf-8")
        if raw != data:
            staged = fsutil.stage(path, raw, mode, durable=False)
    return _Updated(index, changes, text is not None, lines, staged=staged)


def _leftovers(paths: list[Path], ours: set[tuple[str, str]]) -> list[Path]:
    """Temporary files a killed run left beside ``paths`` (one look at each folder), but
    ``ours``."""
    names: dict[Path, set[str]] = {}
    for path in paths:
        names.setdefault(path.parent, set()).add(path.name)
    found: list[Path] = []
    for folder, wanted in names.items():
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if fsutil.target_of(name) in wanted and (str(folder), name) not in ours:
                    found.append(folder / name)
    return found


def _commit(staged: list[tuple[str, Path]], leftovers: list[Path]) -> None:
    """Rename each staged file over its catalog (in threads when there are many: each
    rename waits on the file system); remove the ``leftovers``."""
    for path in leftovers:
        path.unlink(missing_ok=True)
    if len(staged) < _PARALLEL_FROM:
        for at, (tmp, path) in enumerate(staged):
            try:
                os.replace(tmp, path)
            except BaseException:
                _discard(t for t, _ in staged[at:])
                raise
        return
    renamers = _Threads(lambda at: os.replace(*staged[at]), _RENAMERS)
    for at in range(len(staged)):
        renamers.put(at)
    try:
        renamers.finish()
    except BaseException:
        _discard(tmp for tmp, _ in staged)  # those not renamed
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
    sources = _sources(project, files)
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
            po = pofile.read_po(ref.path, name=ref.name)
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
) -> tuple[list[Path], list[Path]]:
    """Write ``<doc>.mo`` beside each chosen catalog; the files written, and those unchanged."""
    from editions import mofile

    files, _ = catalog_files(project, langs, docs)
    compiled = [mofile.to_mo(po, use_fuzzy) for po in read_all(files)]
    written: list[Path] = []
    unchanged: list[Path] = []
    for ref, data in zip(files, compiled, strict=True):
        path = mofile.mo_path(ref.path)
        # made again from its catalog, as pages are: replaced atomically, not flushed
        (written if write_atomic(path, data, durable=False) else unchanged).append(path)
    return written, unchanged
