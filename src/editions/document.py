"""One document's build: steps 1 to 4 of :mod:`editions.build` for one document.

A :class:`DocTask` holds everything one process needs; :func:`build_document` turns it
into a :class:`DocResult`, in a worker process or in this one:

1. The coverage of each of the document's languages, from what the task knows (the
   state of the last build), else by reading its catalog.
2. Its site (:func:`~editions.site.plan`): which of its editions are published, and
   which parallel pairs, linked only where their pages exist.
3. Its pages (:func:`pages`), each with its key, a digest of everything it is made
   from; a page whose key and file are unchanged is not rebuilt.
4. The others rendered and written, each edition's Markdown and HTML pages together
   (:func:`~editions.fsutil.write_together`). A language's article, read from its
   catalog when first asked for, serves all of its pages.

With ``dry_run`` it renders and writes nothing, and reads no catalog whose coverage the
task does not know: that is how :mod:`editions.build` finds the documents with work to
do. :func:`localized` gives one document in one language, and :func:`read_catalog`
its catalog.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from editions.errors import EditionsError
from editions.fsutil import write_together
from editions.model import Article, Coverage, Segment
from editions.project import Project
from editions.site import (
    Linkable,
    Pair,
    Policy,
    Site,
    Teaser,
    edition_path,
    parallel_path,
    plan,
)
from editions.state import digest

if TYPE_CHECKING:
    import polib

    from editions.render.html import Edition


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


def coverage_key(task: DocTask, lang: str) -> str:
    use_fuzzy = task.policy.use_fuzzy_of(lang)
    return edition_key(task.code, task.source, dict(task.catalogs)[lang], use_fuzzy)


def edition_key(code: str, source: str, catalog: str, use_fuzzy: bool) -> str:
    """The digest of what one edition is made from: its coverage and teaser depend on it
    alone."""
    return digest(code, source, catalog, str(use_fuzzy))


def page_record(page: Page, path: str) -> list[Any] | None:
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
            result.records[coverage_key(task, lang)] = record
            result.records[last_read_key(task.doc, lang)] = record
    return result


def last_read_key(doc: str, lang: str) -> str:
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
            recorded = page_record(page, path)
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
        seen = (
            page_record(page, os.path.join(task.out, page.path)) if page.path in previous else None
        )
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
