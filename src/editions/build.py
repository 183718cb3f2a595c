"""Build editions: every chosen document in every chosen language, and the site.

:func:`build` decides what is published (:mod:`editions.site`), renders and writes
what changed, and reports what it did, in steps:

0. When the last build holds (:func:`~editions.state.nothing_to_do`),
   there is nothing to do: its report is given again, and nothing is read or
   rendered.
1. For each document, the coverage of every language with a catalog, from
   the state of the last build when the source and catalog are unchanged
   (:mod:`editions.state`), else by reading the catalog.
2. The site: which languages are published and which parallel pairs exist, linked
   only where their pages exist: written by this build, or in the build folder
   (:class:`~editions.site.Linkable`). A language whose catalog fails keeps its last
   edition, and its last coverage; without one, its pages go.
3. Each page's key, a digest of everything it is made from: the tool's own
   code and templates, the options, the site, the source and the catalogs of
   its languages. A page whose key and file are unchanged is not rebuilt.
4. Documents with work to do are built in parallel processes, one document
   per task (:func:`~editions.workers.map_in_processes`); each edition's
   Markdown and HTML pages are written together, each atomically, by the
   process that renders them (:func:`~editions.fsutil.write_together`). A
   document's segments are
   rendered once, and serve its editions and its parallel editions alike.
   Output does not depend on the number of processes. What the pages need of
   CLDR is asked before, and for more than one document, in one other process,
   which takes babel's data with it when it ends.
5. With ``--all``, the site's own pages: the front page of editions, each
   language's front page, the editors' status page, and with a base URL each
   language's feed and the sitemap (:func:`~editions.sitepages.site_pages`); and the
   pages no longer published removed. Without a base URL, one note says what was left
   out.

Steps 1 to 4 for one document are :mod:`editions.document`
(:func:`~editions.document.build_document`), which also gives one document in one
language (:func:`~editions.document.localized`); the site's own pages of step 5 are
:mod:`editions.sitepages`. This module plans: it runs steps 1 to 3 for every document
with what the last build knew, to find those with work to do, runs step 4 for them in
processes, then step 5, and reports.

The modules that read (the source reader, the catalog reader) and those that
render (Python-Markdown, Jinja2, babel) are imported only when something is
read or rendered: a build with nothing to do loads none of them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from editions.document import DocResult, DocTask, build_document, coverage_key, last_read_key
from editions.errors import EditionsError, Errors
from editions.model import Coverage
from editions.project import Project
from editions.site import (
    RESERVED_DOCUMENTS,
    Pair,
    Policy,
    Site,
    edition_path,
    feed_path,
    front_path,
    parallel_path,
)
from editions.sitepages import site_languages, site_pages, write_site_pages
from editions.state import BuildState, Last, digest, inputs, nothing_to_do, stats, watched


@dataclass
class Report:
    written: list[str] = field(default_factory=list)  #: paths in the build folder
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[EditionsError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  #: what was left out, and why
    stale: list[str] = field(
        default_factory=list
    )  #: a line for each catalog :func:`~editions.document.is_stale`
    advice: list[str] = field(default_factory=list)  #: what the options leave out, said once
    sites: list[Site] = field(default_factory=list)


def all_languages(project: Project) -> list[str]:
    """The source's language first, then every language that has a catalog folder."""
    return project.edition_languages()


def canonical_languages(project: Project, langs: list[str]) -> list[str]:
    """Each tag as its catalog folder is named: ``zh-Hans`` is ``zh_Hans``, and so is
    ``zh_CN`` when the project's Chinese is in ``zh_Hans`` (or the reverse)."""
    known = all_languages(project)
    result = []
    for lang in langs:
        lang = _folder_of(lang, known)
        if lang not in known:  # an unknown language is an error here, a missing folder later
            from editions.localedata import locale_info

            lang = locale_info(lang).code
        if lang not in result:
            result.append(lang)
    return result


#: The pages of an edition: Markdown and HTML.
SUFFIXES = ("md", "html")


def _folder_of(lang: str, known: list[str]) -> str:
    """The catalog folder, of those ``known`` (:func:`all_languages`), of the language
    ``lang`` names (``zh_CN`` for ``zh-Hans`` when the project's Chinese is there); ``lang``
    itself when there is none."""
    if lang in known:
        return lang
    from editions import localedata

    try:
        return localedata.same_language(lang, known) or lang
    except EditionsError:  # malformed: said where the pair is checked
        return lang


def build(
    project: Project,
    langs: list[str],
    docs: list[str] | None = None,
    out: str | os.PathLike[str] | None = None,
    policy: Policy | None = None,
    pairs: tuple[Pair, ...] = (),
    keep_going: bool = False,
    site: bool = False,
    jobs: int = 1,
    progress: Callable[[Iterator[DocResult], int], Iterator[DocResult]] | None = None,
) -> Report:
    """Write the editions of ``langs`` (and ``pairs``) for each document, in the steps of
    the module's docstring.

    With ``site`` (``build --all``), also write ``index.html`` and remove the
    pages of an earlier build that are no longer published. ``out`` is the build folder,
    by default the project's ``build``.
    """
    out = project.build_dir if out is None else os.path.normpath(out)
    if policy is None:  # as the command line does, for a call from Python
        from editions.config import policy as project_policy

        policy = project_policy(project.config)
    policy = replace(policy, source_lang=project.source_lang)  # one source language
    defined = project.defined_languages()  # their names are on every page
    request = _request(project, out, langs, docs, pairs, policy, site, keep_going, defined)
    found = stats("", [*inputs(project), *project_templates(policy)])  # before any is read
    last = nothing_to_do(out, request, found)
    if last is not None:
        return Report(
            unchanged=_paths(out, last.pages),
            notes=last.notes,
            stale=last.stale,
            advice=_advice(policy),
        )
    state = BuildState.load(out)
    templates = [f"{path}={state.file_digest(path)}" for path in project_templates(policy)]
    project.know_languages()  # as the command line does, for a call from Python
    code = digest(state.code_digest(), json.dumps(defined, sort_keys=True), *templates)
    names = project.documents(docs)
    for doc in RESERVED_DOCUMENTS.intersection(names):
        path = project.relative(project.source_path(doc))
        raise EditionsError(f"a document cannot be named {doc!r}: it is a front page's name", path)
    known = all_languages(project)
    site_langs = tuple(known)
    build_langs = tuple(canonical_languages(project, langs))
    pairs = tuple(Pair(_folder_of(p.first, known), _folder_of(p.second, known)) for p in pairs)
    _check_languages(project, names[0], site_langs, build_langs, pairs)
    template = DocTask(
        root=project.root,
        out=out,
        doc="",
        config=project.config_path if project.config_named else None,
        settings=project.settings,
        site_langs=site_langs,
        build_langs=build_langs,
        pairs=pairs,
        policy=policy,
        code=code,
        source="",
        catalogs=(),
        known=(),
        previous=(),
        keep_going=keep_going,
    )
    before = set(state.outputs)  # the pages of the last build
    tasks, done = _plan(project, state, template, names, strict=not site)
    if tasks:
        _ask_cldr(project, site_langs, [task.doc for task in tasks])
    results = sorted([*done, *_run(tasks, jobs, progress)], key=lambda result: result.doc)
    report = _sum(results, out)
    for result in results:
        state.record(result.records, result.outputs)
    if report.failed and not keep_going:
        state.save()
        raise report.failed[0] if len(report.failed) == 1 else Errors(report.failed)
    answered = [page for result in results for page in result.pages]
    report.advice = _advice(policy)
    if site:
        own = site_pages(report.sites, policy)
        answered += own
        _publish(project, out, code, results, report, state, before.difference(answered), own)
    if not report.failed and found is not None:
        answered.sort()
        folders = stats(out, watched(answered))
        if folders is not None:
            state.last = Last(request, found, folders, answered, report.notes, report.stale)
    state.save()
    return report


#: What a build without a base URL leaves out, said once.
NO_BASE_URL = (
    "no base URL (--base-url): feeds, the sitemap, canonical links and Open Graph "
    "are left out, since they need absolute addresses"
)


def _advice(policy: Policy) -> list[str]:
    """What the options leave out of the site, to say once."""
    return [] if policy.base_url else [NO_BASE_URL]


def project_templates(policy: Policy) -> list[str]:
    """The files of the project's template folder (``policy.templates``), its catalogs of
    the templates' words in ``locales/`` included: inputs of every page, as the package's
    templates are."""
    folder = policy.templates
    if not folder or not os.path.isdir(folder):
        return []
    found = []
    for parent, folders, names in os.walk(folder):
        folders.sort()
        folders[:] = [name for name in folders if not name.startswith(".")]
        found += [os.path.join(parent, name) for name in sorted(names) if not name.startswith(".")]
    return found  # hidden files (temporary files, editors' swap files) are not templates


def _request(
    project: Project,
    out: str,
    langs: Iterable[str],
    docs: Iterable[str] | None,
    pairs: Iterable[Pair],
    policy: Policy,
    site: bool,
    keep_going: bool,
    defined: dict[str, Any],
) -> list[Any]:
    """What a build is asked for, as the state records it: in JSON's terms, so that the
    request read back compares equal. ``defined``: the languages the project defines."""
    asked = [
        project.root,
        out,
        list(langs),
        None if docs is None else list(docs),
        [f"{pair.first}:{pair.second}" for pair in pairs],
        repr(policy),
        site,
        keep_going,
        defined,
    ]
    value: list[Any] = json.loads(json.dumps(asked))
    return value


def _check_languages(
    project: Project,
    doc: str,
    site_langs: tuple[str, ...],
    build_langs: tuple[str, ...],
    pairs: tuple[Pair, ...],
) -> None:
    """Raise when a language asked for has no catalog folder (``doc``'s names it)."""
    for lang in build_langs:
        if lang not in site_langs:
            path = project.relative(project.po_path(lang, doc))
            raise EditionsError(f"no catalog for '{lang}': run 'editions init {lang}'", path)
    for pair in pairs:
        for lang in (pair.first, pair.second):
            if lang not in site_langs:
                raise EditionsError(
                    f"no catalog for '{lang}' in --parallel {pair.first}:{pair.second}"
                )


def _plan(
    project: Project, state: BuildState, template: DocTask, names: list[str], strict: bool
) -> tuple[list[DocTask], list[DocResult]]:
    """Steps 1 to 3 for every document, with what the last build knew (a dry run of
    :func:`build_document`): the tasks of the documents with work to do, and the results
    of those without."""
    previous: dict[str, list[tuple[str, list[Any]]]] = {}
    for path, recorded in state.outputs.items():
        previous.setdefault(_document_of(path), []).append((path, recorded))
    tasks: list[DocTask] = []
    done: list[DocResult] = []
    for doc in names:
        task = replace(template, doc=doc, previous=tuple(previous.get(doc, ())))
        task = _task(project, state, task, strict)
        check = build_document(task, dry_run=True)
        if check.stale or check.failed:
            tasks.append(task)
        else:
            done.append(check)
    return tasks, done


def _task(project: Project, state: BuildState, task: DocTask, strict: bool) -> DocTask:
    """``task`` with the document's languages (those of the site that have its catalog),
    the digests of its source and catalogs, and the coverage the state remembers.
    ``strict``: a language asked for without the document's catalog is an error."""
    langs = [task.site_langs[0]]  # the source's
    for lang in task.site_langs[1:]:
        path = project.po_path(lang, task.doc)
        if os.path.isfile(path):
            langs.append(lang)
        elif strict and lang in task.build_langs:
            raise EditionsError(
                f"no catalog for '{lang}': run 'editions update'", project.relative(path)
            )
    catalogs = [(lang, state.file_digest(project.po_path(lang, task.doc))) for lang in langs[1:]]
    task = replace(
        task,
        site_langs=tuple(langs),
        source=state.file_digest(project.source_path(task.doc)),
        catalogs=((langs[0], "source"), *catalogs),
    )
    remembered = ((lang, state.coverage.get(coverage_key(task, lang))) for lang in langs[1:])
    known = ((lang, Coverage(*c[:3]), bool(c[3])) for lang, c in remembered if c and len(c) == 4)
    read = ((lang, state.coverage.get(last_read_key(task.doc, lang))) for lang in langs[1:])
    last_read = ((lang, Coverage(*c[:3])) for lang, c in read if c and len(c) == 4)
    return replace(task, known=tuple(known), last_read=tuple(last_read))


def _ask_cldr(project: Project, langs: tuple[str, ...], docs: list[str]) -> None:
    """What the pages of ``docs`` need of CLDR: each language's facts and the documents'
    dates in its style, made before the documents are built and kept in this process,
    for the workers forked from it. babel keeps the data of every locale it loads for
    the life of the process: for more than one document, it is loaded in one other
    process, which ends with it."""
    from editions import localedata
    from editions.workers import map_in_processes

    dates = sorted({value for doc in docs if (value := _published(project, doc))})
    processes = 2 if len(docs) > 1 else 1  # one batch: one process, or this one
    for made in map_in_processes(localedata.answers, [(langs, dates)], processes, at_least=1):
        for answer in made:
            localedata.keep(*answer)


def _published(project: Project, doc: str) -> date | None:
    """A document's publication date, from its front matter (None when it has none, or
    one that is not a date: reading the whole source reports that)."""
    from editions import source

    value = source.front_matter(project.source_path(doc)).get("date")
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _run(
    tasks: list[DocTask],
    jobs: int,
    progress: Callable[[Iterator[DocResult], int], Iterator[DocResult]] | None,
) -> Iterator[DocResult]:
    """Step 4: build each task's document, in ``jobs`` processes; each result in the order
    of the tasks, as it comes."""
    from editions.workers import map_in_processes

    stream = map_in_processes(build_document, tasks, jobs)
    return progress(stream, len(tasks)) if progress else stream


def _sum(results: list[DocResult], out: str) -> Report:
    """The report of the documents' results, their pages made paths in ``out``."""
    return Report(
        written=_paths(out, (page for result in results for page in result.written)),
        unchanged=_paths(out, (page for result in results for page in result.unchanged)),
        failed=[error for result in results for error in result.failed],
        notes=[note for result in results for note in result.notes],
        stale=[line for result in results for line in result.stale_lines],
        sites=[result.site for result in results if result.site],
    )


def _paths(out: str, pages: Iterable[str]) -> list[str]:
    """Each of ``pages`` (relative to the build folder ``out``) as a path.

    >>> _paths("build", ["en/a.html", "index.html"])
    ['build/en/a.html', 'build/index.html']
    """
    folder = os.path.join(out, "")
    return [folder + page for page in pages]


def _publish(
    project: Project,
    out: str,
    code: str,
    results: list[DocResult],
    report: Report,
    state: BuildState,
    unpublished: set[str],
    own: list[str],
) -> None:
    """Step 5: write the site's ``own`` pages, which list what was built, and remove the
    pages no longer published (those of the last build this one did not answer for), but
    not those still linked: a broken catalog never takes down the edition that was
    published before it broke, which stays linked (see :mod:`editions.site`)."""
    written = write_site_pages(project, out, code, results, report.sites, state, own)
    for path in own:
        (report.written if path in written else report.unchanged).append(os.path.join(out, path))
    linked = _linked(report.sites)
    for stale in sorted(unpublished | _pages_of_failed(results, project.source_lang)):
        if stale in linked:
            continue
        target = os.path.join(out, stale)
        if os.path.isfile(target):
            os.unlink(target)
            report.removed.append(target)
            _remove_empty_folders(out, stale)
        state.outputs.pop(stale, None)


def _linked(sites: list[Site]) -> set[str]:
    """The pages the ``sites`` link to, relative to the build folder."""
    return {
        *(edition_path(lang, s.doc, x) for s in sites for lang in s.languages for x in SUFFIXES),
        *(parallel_path(pair, s.doc, x) for s in sites for pair in s.pairs for x in SUFFIXES),
        *(page(lang) for lang in site_languages(sites) for page in (front_path, feed_path)),
    }


def _pages_of_failed(results: list[DocResult], source: str) -> set[str]:
    """The pages of each language whose catalog failed, its edition and the source beside
    it: those not linked go, so that it is linked nowhere and has no page."""
    return {
        path
        for result in results
        for lang in result.unreadable
        for x in SUFFIXES
        for path in (
            edition_path(lang, result.doc, x),
            parallel_path(Pair(source, lang), result.doc, x),
            front_path(lang),
            feed_path(lang),
        )
    }


def _document_of(page: str) -> str:
    """The document a page belongs to, from its path: ``ur/a.b.html`` is ``a.b``'s."""
    return page.rpartition("/")[2].rpartition(".")[0]


def _remove_empty_folders(out: str, page: str) -> None:
    """Remove the folders of ``page`` in the build folder ``out``, the deepest first, while
    they are empty: ``parallel/en-ur/a.html``'s are ``parallel/en-ur`` and ``parallel``."""
    folder = page.rpartition("/")[0]
    while folder:
        try:
            os.rmdir(os.path.join(out, folder))
        except OSError:
            return
        folder = folder.rpartition("/")[0]
