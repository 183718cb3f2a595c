"""The translations of a project on disk: find, update, check, count and compile them.

The ends of the translator's workflow, where files are read and written; the
work itself is done by pure functions: :mod:`editions.po.merge`,
:mod:`editions.checks`, :mod:`editions.stats`, :mod:`editions.mofile`.

Every command here changes no file before it has read every catalog it
needs: when one cannot be read, all the errors are reported together and no
file changes. (``update`` stages each new catalog beside it, and renames
them all over the catalogs at the end: see :mod:`editions.fsutil`.)

:mod:`editions.checks` and :mod:`editions.stats` bring Markdown's renderer
and are each needed by one command: that command's function imports it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

import polib

from editions import catalog, fsutil, glossary, mofile, source
from editions.errors import EditionsError, Errors
from editions.localedata import LocaleInfo, locale_info
from editions.model import Article
from editions.po import merge
from editions.po.read import parse_po, read_po
from editions.po.write import format_changed, format_po
from editions.project import Project
from editions.workers import map_in_processes

if TYPE_CHECKING:
    from editions import checks, stats
    from editions.memory import Answers, Setup, Suggestion, Wanted


class CatalogFile(NamedTuple):
    """One language's catalog of one document."""

    lang: str
    doc: str
    path: str
    name: str  #: the path as messages show it


def catalog_files(
    project: Project, langs: list[str] | None = None, docs: list[str] | None = None
) -> tuple[list[CatalogFile], list[CatalogFile]]:
    """The catalogs of the chosen languages (all by default) and documents, language by
    language: those that exist, and those missing (a language folder without the
    document's catalog)."""
    cells = _cells(project, langs, docs)
    return [ref for ref, found in cells if found], [ref for ref, found in cells if not found]


def _cells(
    project: Project, langs: list[str] | None, docs: list[str] | None
) -> list[tuple[CatalogFile, bool]]:
    """Each catalog of the chosen languages and documents, language by language, and
    whether it exists."""
    chosen_docs = project.documents(docs)
    cells: list[tuple[CatalogFile, bool]] = []
    for lang in _languages(project, langs):
        for doc in chosen_docs:
            path = project.po_path(lang, doc)
            cells.append(
                (CatalogFile(lang, doc, path, project.relative(path)), os.path.isfile(path))
            )
    return cells


def _languages(project: Project, langs: list[str] | None) -> list[str]:
    """The languages ``langs``, each checked to have a catalog folder; by default all."""
    if not langs:
        return project.languages()
    chosen = [locale_info(lang).code for lang in langs]
    for lang in chosen:
        folder = project.po_dir(lang)
        if not os.path.isdir(folder):
            raise EditionsError(
                f"no catalogs for '{lang}': run 'editions init {lang}'", project.relative(folder)
            )
    return chosen


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
    """The source of each of ``docs``, by name."""
    chosen = sorted(set(docs))
    return {a.doc: a for a in source.read_documents(project, chosen)} if chosen else {}


# -- update ------------------------------------------------------------------------------------


class Update(NamedTuple):
    """What ``editions update`` did, or would do, to one catalog."""

    file: CatalogFile
    #: what changed, counted (``1 fuzzy, 2 moved``), or that only references did; "" if nothing
    summary: str
    stale: bool  #: whether its content changes
    written: bool = False  #: whether its new content was written
    #: with ``where``: each message that changed, with its line in the new catalog (0: none)
    lines: tuple[tuple[int, merge.Change], ...] = ()
    new: bool = False  #: whether it is a new document's first catalog, made by the update


def update(
    project: Project,
    langs: list[str] | None = None,
    docs: list[str] | None = None,
    *,
    check: bool = False,
    where: bool = False,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    suggest: Setup | None = None,
) -> tuple[list[Update], list[CatalogFile]]:
    """Bring every chosen catalog up to date with its source; the update of each, in the
    order of the catalogs (language by language), and the catalogs missing.

    A new document, one without a catalog in any language of the project, is
    given one in each chosen language, as ``init`` makes it (header from CLDR).
    Other documents' missing catalogs are left missing: a language may be
    started with some documents only (``init LANG --doc``).

    A catalog is stale when merging the source into it changes its content;
    one whose content stays the same is left as it is on disk, however it is
    formatted (Poedit, a text editor), so that a run with nothing new changes
    no byte. With ``check`` nothing is written.

    All or nothing: the catalogs of each document are merged together (in
    ``jobs`` processes when there are many), and the new content of each
    stale one is staged beside it and flushed to disk. Only when every
    catalog has been read and merged are the staged files renamed over the
    catalogs; when one cannot be read, all the errors are raised together and
    no catalog changes. Temporary files that a killed run left beside the
    chosen catalogs are removed first. ``progress``, when given, is told of
    each document's catalogs done, by their number. With ``suggest``, a message left
    without a translation is offered the memory's (:mod:`editions.memory`).
    """
    chosen, new, missing = _to_update(project, langs, docs)
    if not check:
        fsutil.sweep(ref.path for ref in chosen)
    try:
        done = _update_all(project, chosen, new, check, where, jobs, progress, suggest)
        failed = [d.error for d in done if d.error is not None]
        if failed:
            raise Errors(failed)
        fsutil.commit(d.staged for d in done if d.staged is not None)
    except BaseException:
        if not check:  # the worker processes have ended: what they staged is all there
            fsutil.sweep(ref.path for ref in chosen)
        raise
    updates = [
        Update(ref, d.summary, d.stale, d.staged is not None, d.lines, ref.doc in new)
        for ref, d in zip(chosen, done, strict=True)
    ]
    return updates, missing


def _to_update(
    project: Project, langs: list[str] | None, docs: list[str] | None
) -> tuple[list[CatalogFile], set[str], list[CatalogFile]]:
    """The catalogs to update or make, in order; the new documents; the catalogs missing."""
    cells = _cells(project, langs, docs)
    new = _new_documents(project, {ref.doc for ref, found in cells if not found})
    chosen = [ref for ref, found in cells if found or ref.doc in new]
    return chosen, new, [ref for ref, found in cells if not found and ref.doc not in new]


def _new_documents(project: Project, docs: set[str]) -> set[str]:
    """Those of ``docs`` that have no catalog in any language of the project."""
    langs = project.languages()
    return {
        doc for doc in docs if not any(os.path.isfile(project.po_path(lang, doc)) for lang in langs)
    }


#: What :attr:`Update.summary` says of a new document's catalog.
_NEW_DOCUMENT = "new document"


def first_catalog(
    template: polib.POFile, doc: str, info: LocaleInfo, terms: glossary.Glossary | None = None
) -> str:
    """The text of the first catalog of ``doc`` in the language ``info``, made from its
    ``template`` with a header from CLDR, and the glossary's ``terms`` in its comments:
    what ``init`` and ``update`` write."""
    return format_po(catalog.new_po(_glossed(template, terms, info.code), doc, info))


def _new_catalog(
    ref: CatalogFile,
    template: polib.POFile,
    check: bool,
    terms: glossary.Glossary | None,
    suggest: Setup | None,
    found: Answers | None,
) -> _Updated:
    """The first catalog of a new document (:func:`first_catalog`), with the glossary's
    terms in its comments and the memory's suggestions (those ``found``); staged unless
    checking."""
    po = catalog.new_po(_glossed(template, terms, ref.lang), ref.doc, locale_info(ref.lang))
    summary = _NEW_DOCUMENT + _from_memory(po, ref.path, suggest, found)
    text = format_po(po)
    return _Updated(summary, True, staged=None if check else fsutil.stage([(ref.path, text)])[0])


def _from_memory(
    po: polib.POFile, path: str, suggest: Setup | None, found: Answers | None = None
) -> str:
    """The memory's suggestions (or those ``found``) filed in ``po`` (the catalog at
    ``path``), if asked; what the summary adds for them."""
    if suggest is None:
        return ""
    from editions import memory

    filed = memory.offer(po, path, suggest, found)
    return f", {filed} from memory" if filed else ""


def _update_all(
    project: Project,
    chosen: list[CatalogFile],
    new: set[str],
    check: bool,
    where: bool,
    jobs: int,
    progress: Callable[[int], None] | None,
    suggest: Setup | None,
) -> list[_Updated]:
    """What was done to each of the ``chosen`` catalogs, in order: those of the ``new``
    documents made, the others merged, those of each document together (its source
    read where its catalogs are merged), in ``jobs`` processes when there are many.

    The memory the new documents want is not read again: each catalog merged answers
    their messages from its own entries, as it is read, and the answers are gathered
    language by language (:class:`editions.memory.Answers`)."""
    templates = _templates(project, [ref for ref in chosen if ref.doc in new])
    wanted = _wanted(templates) if suggest is not None else ()
    terms = glossary.load_project(project)
    tasks = [
        _Task(
            project.source_path(doc),
            project.relative(project.source_path(doc)),
            tuple((ref.path, ref.name) for ref in refs),
            check,
            where,
            suggest,
            tuple(ref.lang for ref in refs),
            terms,
            wanted,
        )
        for doc, refs in _by_document(chosen).items()
        if doc not in new
    ]
    jobs = jobs if len(chosen) >= _PARALLEL_FROM else 1
    done, gathered = _merge_all(tasks, jobs, progress)
    if any(d.error is not None for d in done.values()):
        suggest = None  # the update fails: no suggestion is wanted
    for lang, refs in _by_language([ref for ref in chosen if ref.doc in new]).items():
        found = _gather(lang, suggest, gathered.pop(lang, None), wanted, done)
        for ref in refs:
            done[ref.path] = _new_catalog(ref, templates[ref.doc], check, terms, suggest, found)
    return [done[ref.path] for ref in chosen]


def _merge_all(
    tasks: list[_Task], jobs: int, progress: Callable[[int], None] | None
) -> tuple[dict[str, _Updated], dict[str, Answers]]:
    """What was done to each catalog of ``tasks``, by path, and their answers to the
    messages the tasks want, gathered by language."""
    done: dict[str, _Updated] = {}
    gathered: dict[str, Answers] = {}
    # answers are many: a worker sends each document's as soon as it is done
    chunk = 1 if tasks and tasks[0].wanted else None
    results = map_in_processes(_update_task, tasks, jobs, chunk=chunk)
    for task, result in zip(tasks, results, strict=True):
        for (path, _), lang, updated in zip(task.files, task.langs, result, strict=True):
            if updated.suggested:
                _answers(gathered, lang, task.wanted).merge(updated.suggested)
            done[path] = updated._replace(suggested=())
        if progress is not None:
            progress(len(result))
    return done, gathered


def _wanted(templates: dict[str, polib.POFile]) -> tuple[Wanted, ...]:
    """The messages of the new documents, whose ``templates`` these are: each will want
    the memory's suggestion."""
    if not templates:
        return ()
    from editions.memory import Wanted

    return tuple(
        Wanted(f"{doc}.md", entry.msgctxt, entry.msgid)
        for doc, template in sorted(templates.items())
        for entry in template
        if entry.msgid
    )


def _answers(gathered: dict[str, Answers], lang: str, wanted: tuple[Wanted, ...]) -> Answers:
    """The answers gathered for ``lang``, begun if there are none yet."""
    from editions.memory import Answers

    return gathered.setdefault(lang, Answers(wanted))


def _gather(
    lang: str,
    suggest: Setup | None,
    found: Answers | None,
    wanted: tuple[Wanted, ...],
    done: dict[str, _Updated],
) -> Answers | None:
    """The memory's answers in ``lang`` to the ``wanted`` messages, if any are: those
    ``found`` as the catalogs were merged, with those of the parts of the memory the update
    has not read (the catalogs of other documents, the external memory files)."""
    if suggest is None or not wanted:
        return None
    from editions import memory

    return memory.gather(lang, suggest, found or memory.Answers(wanted), done)


def _by_language(files: list[CatalogFile]) -> dict[str, list[CatalogFile]]:
    """``files`` grouped by language, in order."""
    grouped: dict[str, list[CatalogFile]] = {}
    for ref in files:
        grouped.setdefault(ref.lang, []).append(ref)
    return grouped


#: Fewer catalogs than this are updated in the calling process: starting
#: processes would take longer than the work.
_PARALLEL_FROM = 64


class _Task(NamedTuple):
    """One document's catalogs to update: the path of its source and of each catalog, each
    with its name in messages."""

    source: str
    source_name: str
    files: tuple[tuple[str, str], ...]
    check: bool
    where: bool
    suggest: Setup | None = None
    langs: tuple[str, ...] = ()  #: the language of each catalog
    glossary: glossary.Glossary | None = None  #: its terms go into each message's comments
    wanted: tuple[Wanted, ...] = ()  #: the new documents' messages, for each catalog to answer


class _Updated(NamedTuple):
    """One catalog done: what :class:`Update` says of it, or the error that stops it; and
    the temporary file its new content was staged in, if any."""

    summary: str = ""
    stale: bool = False
    lines: tuple[tuple[int, merge.Change], ...] = ()
    error: EditionsError | None = None
    staged: str | None = None
    #: with :attr:`_Task.wanted`, the catalog's answer to each (read before it is merged)
    suggested: tuple[Suggestion | None, ...] = ()


def _templates(project: Project, files: list[CatalogFile]) -> dict[str, polib.POFile]:
    """The template of the document of each of ``files``."""
    sources = _sources(project, (ref.doc for ref in files))
    return {doc: catalog.to_pot(article, article.path) for doc, article in sources.items()}


def _by_document(files: list[CatalogFile]) -> dict[str, list[CatalogFile]]:
    """``files`` grouped by document: the catalogs of one share a template."""
    grouped: dict[str, list[CatalogFile]] = {}
    for ref in files:
        grouped.setdefault(ref.doc, []).append(ref)
    return grouped


def _update_task(task: _Task) -> list[_Updated]:
    """Each catalog of ``task`` done (in a worker process, or in this one): each merged
    with the template of its source, then the new content of those to write staged
    together."""
    article = source.read(task.source, task.source_name)
    template = catalog.to_pot(article, article.path)
    done = [
        _update_one(path, name, _glossed(template, task.glossary, lang), task)
        for (path, name), lang in zip(task.files, task.langs, strict=True)
    ]
    writes = [
        (path, raw) for (path, _), (_, raw) in zip(task.files, done, strict=True) if raw is not None
    ]
    staged = iter(fsutil.stage(writes))
    return [
        updated if raw is None else updated._replace(staged=next(staged)) for updated, raw in done
    ]


def _glossed(template: polib.POFile, terms: glossary.Glossary | None, lang: str) -> polib.POFile:
    """The template, with the glossary's terms in the comments of the messages that hold
    them (``#. glossary: ...``), in ``lang``."""
    return template if terms is None else terms.annotate(template, lang)


def _update_one(
    path: str, name: str, template: polib.POFile, task: _Task
) -> tuple[_Updated, bytes | None]:
    """Read and merge one catalog; what was done, and its new content if it is to be
    written."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return _Updated(error=EditionsError(exc.strerror or str(exc), name)), None
    try:
        po, layout = parse_po(data, name)
    except EditionsError as exc:
        return _Updated(error=exc), None
    po.fpath = path
    answered = _answered(po, path, task.wanted)
    merged = merge.merge(po, template)
    suggested = _from_memory(merged.po, path, task.suggest)
    text = format_changed(merged.po, po, layout)
    if text is None:
        return _Updated(suggested=answered), None
    summary = (merge.summarize(merged.changes) or "references and comments") + suggested
    lines = tuple(changed_lines(text, merged.changes)) if task.where else ()
    raw = text.encode("utf-8")
    written = raw if not task.check and raw != data else None
    return _Updated(summary, True, lines, suggested=answered), written


def _answered(
    po: polib.POFile, path: str, wanted: tuple[Wanted, ...]
) -> tuple[Suggestion | None, ...]:
    """The answer of the catalog ``po``, at ``path``, to each ``wanted`` message."""
    if not wanted:
        return ()
    from editions import memory

    return tuple(memory.answers(memory.candidates(po, memory.origin(path)), wanted))


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
    terms = glossary.load_project(project)
    sources = _sources(project, (ref.doc for ref in files))
    new = _new_documents(project, {ref.doc for ref in missing})
    problems: list[checks.Problem] = []
    for ref in missing:
        start = "update" if ref.doc in new else f"init {ref.lang} --doc {ref.doc}"
        message = f"no catalog of '{ref.doc}' in '{ref.lang}' (run 'editions {start}')"
        problems.append(checks.Problem(ref.name, None, checks.WARNING, "missing-catalog", message))
    across = checks.Consistency(terms)
    for ref in files:
        article = sources[ref.doc]
        problems.extend(checks.check_file(ref.path, ref.name, ref.lang, article, terms, across))
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
    files, _ = catalog_files(project, langs, docs)
    compiled = [mofile.to_mo(po, use_fuzzy) for po in read_all(files)]
    written: list[str] = []
    unchanged: list[str] = []
    for ref, data in zip(files, compiled, strict=True):
        path = mofile.mo_path(ref.path)
        # made again from its catalog, as pages are: replaced atomically, not flushed
        (written if fsutil.write_atomic(path, data, durable=False) else unchanged).append(path)
    return written, unchanged
