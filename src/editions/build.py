"""Build editions: every chosen document in every chosen language, and the site.

:func:`localized` gives one document in one language (the source's language is
the source itself). :func:`build` decides what is published (:mod:`editions.site`),
renders and writes what changed, and reports what it did, in steps:

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
   language's feed and the sitemap (:func:`site_pages`); and the pages no
   longer published removed. Without a base URL, one note says what was left out.

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
from typing import TYPE_CHECKING, Any

from editions.errors import EditionsError, Errors
from editions.fsutil import write_atomic, write_together
from editions.model import Article, Coverage, Segment
from editions.project import Project
from editions.site import (
    INDEX,
    RESERVED_DOCUMENTS,
    SITEMAP,
    STATUS,
    Linkable,
    Pair,
    Policy,
    Site,
    Teaser,
    edition_path,
    feed_path,
    front_path,
    newest_first,
    parallel_path,
    plan,
)
from editions.state import BuildState, Last, digest, inputs, nothing_to_do, stats, watched

if TYPE_CHECKING:
    import polib

    from editions.render.html import Edition


@dataclass
class Report:
    written: list[str] = field(default_factory=list)  #: paths in the build folder
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[EditionsError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  #: what was left out, and why
    stale: list[str] = field(default_factory=list)  #: a line for each catalog :func:`is_stale`
    advice: list[str] = field(default_factory=list)  #: what the options leave out, said once
    sites: list[Site] = field(default_factory=list)


def localized(project: Project, article: Article, lang: str, use_fuzzy: bool = False) -> Article:
    """``article`` in ``lang``, from that language's catalog (itself in its own)."""
    if lang == article.lang:
        return article
    from editions import catalog
    from editions.localedata import locale_info

    po = read_catalog(project, article.doc, lang)
    return catalog.localize(article, po, locale_info(lang), use_fuzzy=use_fuzzy)


def read_catalog(project: Project, doc: str, lang: str) -> polib.POFile:
    """The catalog of ``doc`` in ``lang``."""
    from editions.localedata import locale_info
    from editions.po.read import read_po

    code = locale_info(lang).code
    path = project.po_path(code, doc)
    if not os.path.isfile(path):
        raise EditionsError(
            f"no catalog for '{code}': run 'editions init {code}'", project.relative(path)
        )
    return read_po(path, name=project.relative(path))


def is_stale(template: polib.POFile, po: polib.POFile) -> bool:
    """Whether the catalog ``po`` was last merged with another template than the source's
    (``template``): a message of the source is missing from it, or it has a msgctxt,
    not obsolete, that the source no longer has. ``editions update`` merges them."""
    messages = {(entry.msgctxt, entry.msgid) for entry in template}
    found = {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}
    contexts = {msgctxt for msgctxt, _ in messages}
    return not messages <= found or any(msgctxt not in contexts for msgctxt, _ in found)


def all_languages(project: Project) -> list[str]:
    """The source's language first, then every language that has a catalog folder."""
    return project.edition_languages()


def canonical_languages(project: Project, langs: list[str]) -> list[str]:
    """Each tag as its catalog folder is named: ``zh-Hans`` is ``zh_Hans``, and so is
    ``zh_CN`` when the project's Chinese is in ``zh_Hans`` (or the reverse)."""
    known = all_languages(project)
    result = []
    for lang in langs:
        lang = _folder_of(project, lang)
        if lang not in known:  # an unknown language is an error here, a missing folder later
            from editions.localedata import locale_info

            lang = locale_info(lang).code
        if lang not in result:
            result.append(lang)
    return result


#: The pages of an edition: Markdown and HTML.
SUFFIXES = ("md", "html")


def _folder_of(project: Project, lang: str) -> str:
    """The catalog folder of the language ``lang`` names (``zh_CN`` for ``zh-Hans`` when
    the project's Chinese is there); ``lang`` itself when there is none."""
    known = all_languages(project)
    if lang in known:
        return lang
    from editions import localedata

    try:
        return localedata.same_language(lang, known) or lang
    except EditionsError:  # malformed: said where the pair is checked
        return lang


@dataclass(frozen=True)
class Page:
    path: str  #: relative to the build folder
    langs: tuple[str, ...]  #: one for an edition, two for a parallel edition
    suffix: str  #: md or html
    key: str = ""

    @property
    def pair(self) -> Pair | None:
        return Pair(*self.langs) if len(self.langs) == 2 else None


@dataclass(frozen=True)
class DocTask:
    """Everything one process needs to build one document."""

    root: str
    out: str
    doc: str
    config: str | None  #: the project's settings file, when named on the command line
    settings: tuple[str, ...]  #: the settings given on the command line (``--set``)
    #: every language with a catalog of the document, the source's first
    site_langs: tuple[str, ...]
    build_langs: tuple[str, ...]  #: languages whose editions this run writes
    pairs: tuple[Pair, ...]  #: parallel pairs asked for by name
    policy: Policy
    code: str  #: digest of the tool's code and templates
    source: str  #: digest of the source
    catalogs: tuple[tuple[str, str], ...]  #: digest of each language's catalog
    #: what the last build found of a language's catalog: its coverage, and whether it is
    #: stale against the source (:func:`is_stale`)
    known: tuple[tuple[str, Coverage, bool], ...]
    previous: tuple[tuple[str, list[Any]], ...]  #: its pages built before: [key, size, mtime]
    keep_going: bool = False  #: build the other languages when one catalog cannot be read
    #: the coverage of each language when its catalog was last read, for the edition a
    #: catalog that fails leaves in place
    last_read: tuple[tuple[str, Coverage], ...] = ()


@dataclass
class DocResult:
    doc: str
    source: str = ""  #: digest of the source, for the index's key
    coverage: dict[str, Coverage] = field(default_factory=dict)
    pages: list[str] = field(default_factory=list)  #: every page it answers for
    stale: bool = False  #: (dry run) the document has work to do
    written: list[str] = field(default_factory=list)  #: pages, relative to the build folder
    unchanged: list[str] = field(default_factory=list)
    outputs: dict[str, list[Any]] = field(default_factory=dict)  #: page: [key, size, mtime]
    failed: list[EditionsError] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  #: languages whose catalog failed
    stale_langs: list[str] = field(default_factory=list)  #: of the catalogs :func:`is_stale`
    notes: list[str] = field(default_factory=list)
    stale_lines: list[str] = field(default_factory=list)  #: for those of the languages written
    site: Site | None = None
    title: Segment | None = None  #: the source's title, when the source was read
    teasers: list[Teaser] = field(default_factory=list)  #: of each language it read
    catalogs: tuple[tuple[str, str], ...] = ()  #: digest of each language's catalog
    #: what the state is to record of each catalog (key: [translated, fuzzy, untranslated,
    #: 1 if it is stale else 0])
    records: dict[str, list[int]] = field(default_factory=dict)


def pages(task: DocTask, site: Site, failed: Iterable[str] = ()) -> list[Page]:
    """The pages of one document this run is responsible for, each with its key: none
    of a language whose catalog ``failed``."""
    catalogs = dict(task.catalogs)
    base = digest(task.code, site.fingerprint(), task.doc, task.source)
    chosen: list[Page] = []
    for lang in site.languages:
        if lang in task.build_langs and lang not in failed:
            chosen += [Page(edition_path(lang, task.doc, s), (lang,), s) for s in ("md", "html")]
    for pair in site.pairs:
        if {pair.first, pair.second} & set(failed):
            continue
        if pair.second in task.build_langs or pair in task.pairs:
            chosen += [
                Page(parallel_path(pair, task.doc, s), (pair.first, pair.second), s)
                for s in ("md", "html")
            ]
    return [
        Page(p.path, p.langs, p.suffix, digest(base, p.path, *(catalogs[x] for x in p.langs)))
        for p in chosen
    ]


def _coverage_key(task: DocTask, lang: str) -> str:
    use_fuzzy = task.policy.use_fuzzy_of(lang)
    return _edition_key(task.code, task.source, dict(task.catalogs)[lang], use_fuzzy)


def _edition_key(code: str, source: str, catalog: str, use_fuzzy: bool) -> str:
    """The digest of what one edition is made from: its coverage and teaser depend on it
    alone."""
    return digest(code, source, catalog, str(use_fuzzy))


def _output(page: Page, path: str) -> list[Any] | None:
    """What the state records of a page's file: its key, size and time; None if it is missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [page.key, st.st_size, st.st_mtime_ns]


class _Editions:
    """One document's articles, each language's made from its catalog when first asked
    for, and their HTML editions: a document's pages render each of them once."""

    def __init__(self, project: Project, task: DocTask) -> None:
        self.project = project
        self.task = task
        self.articles: dict[str, Article] = {}
        self.html_editions: dict[str, Edition] = {}
        self.stale: dict[str, bool] = {}  #: each catalog read: :func:`is_stale`
        self._template: polib.POFile | None = None

    def article(self, lang: str) -> Article:
        source_lang = self.task.policy.source_lang
        if source_lang not in self.articles:
            from editions import source

            path = self.project.source_path(self.task.doc)
            shown = self.project.relative(path)
            self.articles[source_lang] = source.read(path, shown, source_lang)
        if lang not in self.articles:
            from editions import catalog
            from editions.localedata import locale_info

            original = self.articles[source_lang]
            if self._template is None:
                self._template = catalog.to_pot(original, original.path)
            po = read_catalog(self.project, self.task.doc, lang)
            self.stale[lang] = is_stale(self._template, po)
            info, use_fuzzy = locale_info(lang), self.task.policy.use_fuzzy_of(lang)
            self.articles[lang] = catalog.localize(original, po, info, use_fuzzy=use_fuzzy)
        return self.articles[lang]

    def html(self, lang: str) -> Edition:
        if lang not in self.html_editions:
            from editions.render.html import Edition

            self.html_editions[lang] = Edition(self.article(lang))
        return self.html_editions[lang]

    def render(self, page: Page, site: Site) -> str:
        if page.suffix == "md":
            return _markdown([self.article(lang) for lang in page.langs])
        return _html(page, site, [self.html(lang) for lang in page.langs])


def build_document(task: DocTask, dry_run: bool = False) -> DocResult:
    """Build one document's pages: in a worker process, or in this one.

    With ``dry_run``, render and write nothing: the result lists the pages
    (``written`` holds those that would be rebuilt). Catalogs are read only
    for coverage the task does not already know, and for the pages rendered.

    A page is fresh when its key is the one recorded and its file has the
    size and time recorded: one deleted or edited since is written again.
    """
    result = DocResult(task.doc, task.source, catalogs=task.catalogs)
    project = Project(task.root, task.config, task.settings)
    project.know_languages()  # in a process of its own, they may not be known yet
    editions = _Editions(project, task)
    if not _find_coverage(task, editions, result, dry_run):
        result.stale = True  # coverage unknown: the document needs a build
        return result
    if task.keep_going or not result.failed:
        _build_pages(task, editions, result, dry_run)
    if not dry_run:
        for lang, c in result.coverage.items():
            if lang in result.unreadable:
                continue  # its coverage is the last read's
            record = [c.translated, c.fuzzy, c.untranslated, int(lang in result.stale_langs)]
            result.records[_coverage_key(task, lang)] = record
            result.records[_last_read_key(task.doc, lang)] = record
    return result


def _last_read_key(doc: str, lang: str) -> str:
    """Where the state records the coverage of ``doc`` in ``lang`` when last read."""
    return digest("last read", doc, lang)


def _find_coverage(task: DocTask, editions: _Editions, result: DocResult, dry_run: bool) -> bool:
    """Step 1 for one document: the coverage of each of its languages, from what the task
    knows, else from its catalog, into ``result``. False on a dry run that would have to
    read a catalog."""
    known = {lang: (coverage, stale) for lang, coverage, stale in task.known}
    last_read = dict(task.last_read)
    for lang in task.site_langs[1:]:
        if lang in known:
            result.coverage[lang], stale = known[lang]
        elif dry_run:
            return False
        else:
            try:
                result.coverage[lang] = editions.article(lang).coverage()
            except EditionsError as exc:
                result.unreadable.append(lang)
                if lang in last_read:  # for its last edition, if it is there
                    result.coverage[lang] = last_read[lang]
                if lang in task.build_langs:
                    result.failed.append(exc)
                else:
                    result.notes.append(f"not published: {lang} ({task.doc}): {exc}")
                continue
            stale = editions.stale[lang]
        if stale:
            result.stale_langs.append(lang)
    result.stale_lines = _stale_lines(task, editions.project, result.stale_langs)
    return True


def _stale_lines(task: DocTask, project: Project, langs: list[str]) -> list[str]:
    """A line for each catalog of ``langs`` stale against the source, of a language whose
    pages the task writes: what to run."""
    written = {
        *task.build_langs,
        *(lang for pair in task.pairs for lang in (pair.first, pair.second)),
    }
    source = project.relative(project.source_path(task.doc))
    return [
        f"{project.relative(project.po_path(lang, task.doc))}: stale against {source}: "
        "run 'editions update'"
        for lang in langs
        if lang in written
    ]


def _build_pages(task: DocTask, editions: _Editions, result: DocResult, dry_run: bool) -> None:
    """Steps 2 to 4 for one document: its site, its pages and their keys, and each page
    that is not as the last build left it rendered and written (on a dry run, listed)."""
    linkable = _linkable(task, result.unreadable)
    site, notes = plan(task.doc, result.coverage, task.policy, task.pairs, linkable)
    chosen = pages(task, site, result.unreadable)
    result.site, result.pages = site, [page.path for page in chosen]
    result.notes.extend(notes)
    stale = _stale(task, chosen, result)
    result.stale = bool(stale)
    if dry_run:
        result.written = [page.path for page in stale]
        return
    for edition in _editions_of(stale):
        paths = [os.path.join(task.out, page.path) for page in edition]
        texts = [editions.render(page, site) for page in edition]
        written = write_together(list(zip(paths, texts, strict=True)), durable=False)
        for page, path, changed in zip(edition, paths, written, strict=True):
            (result.written if changed else result.unchanged).append(page.path)
            recorded = _output(page, path)
            if recorded is not None:
                result.outputs[page.path] = recorded
    source_lang = task.policy.source_lang
    if source_lang in editions.articles:  # for the site's pages, which need not read it again
        result.title = editions.articles[source_lang].title
    articles = editions.articles
    result.teasers = [Teaser.of(articles[lang]) for lang in site.languages if lang in articles]


def _linkable(task: DocTask, failed: list[str]) -> Linkable:
    """The editions of one document its pages may link to: those this run writes (of the
    languages asked for, but those whose catalog ``failed``) and those in the build
    folder."""

    def there(path: str) -> bool:
        return os.path.isfile(os.path.join(task.out, path))

    source = task.policy.source_lang
    langs = {lang for lang in task.build_langs if lang not in failed}
    pairs = {Pair(source, lang) for lang in langs if lang != source}
    pairs.update(p for p in task.pairs if p.first not in failed and p.second not in failed)
    langs.update(lang for lang in task.site_langs if there(edition_path(lang, task.doc, "html")))
    candidates = {*(Pair(source, lang) for lang in task.site_langs[1:]), *task.pairs}
    pairs.update(p for p in candidates if there(parallel_path(p, task.doc, "html")))
    return Linkable(frozenset(langs), frozenset(pairs))


def _editions_of(chosen: list[Page]) -> list[list[Page]]:
    """``chosen`` grouped by edition: an edition's Markdown and HTML pages are rendered,
    then written together (:func:`~editions.fsutil.write_together`), so that a run
    stopped at any point leaves both old or both new (but for a kill between their two
    renames: see :mod:`editions.fsutil`)."""
    grouped: dict[str, list[Page]] = {}
    for page in chosen:
        grouped.setdefault(page.path.rpartition(".")[0], []).append(page)
    return list(grouped.values())


def _stale(task: DocTask, chosen: list[Page], result: DocResult) -> list[Page]:
    """The pages of ``chosen`` whose key or file is not what the last build recorded; the
    others go in ``result`` as unchanged."""
    previous = dict(task.previous)
    stale = []
    for page in chosen:
        seen = _output(page, os.path.join(task.out, page.path)) if page.path in previous else None
        if seen is not None and seen == previous[page.path]:
            result.unchanged.append(page.path)
            result.outputs[page.path] = seen
        else:
            stale.append(page)
    return stale


def _markdown(editions: list[Article]) -> str:
    from editions.render import markdown as render_markdown

    if len(editions) == 1:
        return render_markdown.render(editions[0])
    return render_markdown.render_parallel(editions[0], editions[1])


def _html(page: Page, site: Site, editions: list[Edition]) -> str:
    from editions.render import html as render_html

    if len(editions) == 1:
        return render_html.render(editions[0], site=site, page=page.path)
    return render_html.render_parallel(editions[0], editions[1], site=site, page=page.path)


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
    site_langs = tuple(all_languages(project))
    build_langs = tuple(canonical_languages(project, langs))
    pairs = tuple(Pair(_folder_of(project, p.first), _folder_of(project, p.second)) for p in pairs)
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
    remembered = ((lang, state.coverage.get(_coverage_key(task, lang))) for lang in langs[1:])
    known = ((lang, Coverage(*c[:3]), bool(c[3])) for lang, c in remembered if c and len(c) == 4)
    read = ((lang, state.coverage.get(_last_read_key(task.doc, lang))) for lang in langs[1:])
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
    written = _write_site_pages(project, out, code, results, report.sites, state, own)
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
        *(page(lang) for lang in _site_languages(sites) for page in (front_path, feed_path)),
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


def site_pages(sites: list[Site], policy: Policy) -> list[str]:
    """The site's own pages, in the build folder: the front page of editions, the status
    page, each published language's front page, and with a base URL each one's feed and
    the sitemap."""
    langs = _site_languages(sites)
    pages = [INDEX, STATUS, *(front_path(lang) for lang in langs)]
    if policy.base_url:
        pages += [*(feed_path(lang) for lang in langs), SITEMAP]
    return pages


def _site_languages(sites: list[Site]) -> list[str]:
    """Every language published in any of ``sites``: the source's first, then by code.

    >>> from editions.site import Site, Policy
    >>> _site_languages([Site("a", ("en", "ur"), (), (), Policy()), Site("b", ("fr",), (), (), Policy())])
    ['en', 'fr', 'ur']
    """
    found = {lang for site in sites for lang in site.languages}
    sources = {site.policy.source_lang for site in sites}
    return sorted(found, key=lambda lang: (lang not in sources, lang))


def _write_site_pages(
    project: Project,
    out: str,
    code: str,
    results: list[DocResult],
    sites: list[Site],
    state: BuildState,
    own: list[str],
) -> set[str]:
    """Write the site's ``own`` pages when their key or a file changed: those written.
    They are made from every document's source and catalogs and from the sites."""
    parts = (repr((r.doc, r.source, r.catalogs)) for r in results)
    key = digest(code, *parts, *(repr(site) for site in sites))
    pages = [Page(path, (), path.rpartition(".")[2], key) for path in own]
    seen = [(_output(p, os.path.join(out, p.path)), state.outputs.get(p.path)) for p in pages]
    if all(found is not None and found == known for found, known in seen):
        return set()  # their records stay the last build's
    policy = sites[0].policy if sites else Policy()
    teasers = _teasers(project, results, sites, state, code, policy)
    content = _SiteContent(sites, policy, teasers)
    written = set()
    for page in pages:
        path = os.path.join(out, page.path)
        if write_atomic(path, content.render(page.path), durable=False):
            written.add(page.path)
        recorded = _output(page, path)
        if recorded is not None:
            state.outputs[page.path] = recorded
    return written


class _SiteContent:
    """What the site's own pages are made of: the documents' sites and their teasers,
    by document and language (see :func:`site_pages`)."""

    def __init__(
        self, sites: list[Site], policy: Policy, teasers: dict[tuple[str, str], Teaser]
    ) -> None:
        self.sites, self.policy, self.teasers = sites, policy, teasers
        self.langs = _site_languages(sites)
        self.by_lang: dict[str, list[Teaser]] = {lang: [] for lang in self.langs}
        for (_, lang), teaser in sorted(teasers.items()):
            self.by_lang.setdefault(lang, []).append(teaser)

    def render(self, path: str) -> str | bytes:
        """The page at ``path``, one of :func:`site_pages`."""
        from editions.render import feeds
        from editions.render import html as render_html
        from editions.site import site_name

        lang = path.partition("/")[0]
        if path == INDEX:
            latest = {x: next(iter(newest_first(self.by_lang[x])), None) for x in self.langs}
            return render_html.render_editions(latest, self.policy)
        if path == STATUS:
            source = self.policy.source_lang
            titles = {doc: t.title for (doc, x), t in self.teasers.items() if x == source}
            return "".join(render_html.status_chunks(self.sites, titles, page=STATUS))
        if path == SITEMAP:
            return feeds.sitemap(feeds.places(self.sites, self.teasers, self.policy))
        if path == feed_path(lang):
            return feeds.feed(lang, self.by_lang[lang], self.policy, site_name(self.policy))
        return render_html.render_front(lang, self.by_lang[lang], self.langs, self.policy)


def _teasers(
    project: Project,
    results: list[DocResult],
    sites: list[Site],
    state: BuildState,
    code: str,
    policy: Policy,
) -> dict[tuple[str, str], Teaser]:
    """What the site's pages show of each document in each language it is published in,
    by document and language: from the workers when they read it, else from the state
    when its inputs are unchanged, else read here (and then kept in the state). A
    language whose catalog cannot be read shows the original, marked."""
    keys = {
        (r.doc, lang): _edition_key(code, r.source, catalog, policy.use_fuzzy_of(lang))
        for r in results
        for lang, catalog in r.catalogs
    }
    found = {(t.doc, t.lang): t for result in results for t in result.teasers}
    for place, key in keys.items():
        last = state.teasers.get(_last_read_key(*place))
        if place not in found and last is not None and last.get("key") == key:
            found[place] = Teaser.from_json(last)
    # the source too, whose title the status page shows whatever is published
    original = policy.source_lang
    wanted = {site.doc: tuple(dict.fromkeys((original, *site.languages))) for site in sites}
    unread = [doc for doc, langs in wanted.items() if any((doc, x) not in found for x in langs)]
    if unread:
        from editions import source

        for article in source.read_documents(project, unread):
            _read_teasers(project, article, wanted[article.doc], policy, state, found)
    # one teaser a document and language, the last read: the state does not grow with edits
    state.teasers = {
        _last_read_key(*place): {**teaser.to_json(), "key": keys[place]}
        for place, teaser in found.items()
        if place in keys
    }
    return found


def _read_teasers(
    project: Project,
    article: Article,
    langs: Iterable[str],
    policy: Policy,
    state: BuildState,
    found: dict[tuple[str, str], Teaser],
) -> None:
    """Into ``found``, the teaser of ``article`` in each of ``langs`` it lacks, read from
    its catalog; for one whose catalog cannot be read, the teaser of its last edition,
    which stays published, else the original, marked."""
    for lang in langs:
        place = (article.doc, lang)
        if place in found:
            continue
        try:
            found[place] = Teaser.of(localized(project, article, lang, policy.use_fuzzy_of(lang)))
        except EditionsError:
            last = state.teasers.get(_last_read_key(*place))
            found[place] = (
                Teaser.from_json(last) if last else replace(Teaser.of(article), lang=lang)
            )
