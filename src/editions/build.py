"""Build editions: every chosen document in every chosen language, and the site.

:func:`localized` gives one document in one language (English is the source
itself). :func:`build` decides what is published (:mod:`editions.site`),
renders and writes what changed, and reports what it did:

1. For each document, the coverage of every language with a catalog, from
   the state of the last build when the source and catalog are unchanged
   (:mod:`editions.state`), else by reading the catalog.
2. The site: which languages are published and which parallel pairs exist.
3. Each page's key, a digest of everything it is made from: the tool's own
   code and templates, the options, the site, the source and the catalogs of
   its languages. A page whose key and file are unchanged is not rebuilt.
4. Documents with work to do are built in parallel processes, one document
   per task; each page is written atomically by the process that renders it.
   A document's segments are rendered once, and serve its editions and its
   parallel editions alike. Output does not depend on the number of processes.
   Each language's article, made when its coverage is found, waits in a
   temporary file until its pages are rendered: a worker holds one language at
   a time, however many the document has.

Steps 1 and 3 are taken here only for a document some of whose pages the last
build wrote; a document new to the build has every page to write, and the
process that builds it finds its digests as it reads its files. What this
process holds of the site then does not grow with the number of catalogs: the
records of each document go to the state's spool as its result comes.

Before all that, the :class:`~editions.stamp.Stamp` of the last build: when
it asked for the same and every input and page is as it left them, the build
has nothing to do and returns at once. The modules that render
(Python-Markdown, Jinja2, babel) and the catalog reader are imported only when
something is rendered or read, so a build with nothing to do stays light.
"""

from __future__ import annotations

import gc
import heapq
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import IO, TYPE_CHECKING, Any, overload

from editions import fsutil, source, stamp
from editions.errors import EditionsError, Errors
from editions.fsutil import write_atomic
from editions.model import SOURCE_LANG, Article, Coverage
from editions.project import Project
from editions.site import INDEX, Pair, Policy, Site, edition_path, parallel_path, plan
from editions.stamp import Stamp
from editions.state import BuildState, digest

if TYPE_CHECKING:
    from editions.render.html import Edition


class Pages(Sequence[str]):
    """Pages of a build folder, each made a path (in the folder) only when asked for: a
    build with nothing to do answers for every page of the site, and has no use for the
    paths; a build of a large site keeps its thousands of pages as they are, relative to
    the folder."""

    def __init__(self, out: str, pages: list[str]) -> None:
        self.out = out
        self.pages = pages

    def __len__(self) -> int:
        return len(self.pages)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [os.path.join(self.out, page) for page in self.pages[index]]
        return os.path.join(self.out, self.pages[index])

    def __eq__(self, other: object) -> bool:
        """Equal to the list of the same paths, as a list of paths would be."""
        if isinstance(other, Pages):
            return list(self) == list(other)
        if isinstance(other, list):
            return list(self) == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(list(self))


class PageLog:
    """The pages a build answers for, and which of them it wrote or found unchanged,
    written down as each document's result comes, in a :func:`~editions.fsutil.spool`
    in ``folder``: a site has a page for each document, language and pair, and the
    build would otherwise hold them all until its last page is written.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder, PageLog(folder) as log:
    ...     log.add(["en/a.md", "ur/a.md", "fr/a.md"], written=["ur/a.md"], unchanged=["en/a.md"])
    ...     log.add(["index.html"], written=["index.html"])
    ...     log.pages(), log.pages(PageLog.WRITTEN), log.pages(PageLog.UNCHANGED)
    (['en/a.md', 'ur/a.md', 'fr/a.md', 'index.html'], ['ur/a.md', 'index.html'], ['en/a.md'])
    """

    WRITTEN, UNCHANGED, OTHER = "w", "u", "-"
    _END = "\0"  #: after each page, its mark before it: never in a path

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self._spool: IO[str] | None = None

    def add(
        self, pages: list[str], written: Sequence[str] = (), unchanged: Sequence[str] = ()
    ) -> None:
        """Log ``pages``, each marked as ``written``, ``unchanged`` or neither."""
        if not pages:
            return
        if self._spool is None:
            self._spool = fsutil.spool(self.folder)
        wrote, kept = set(written), set(unchanged)
        logged = (
            (self.WRITTEN if page in wrote else self.UNCHANGED if page in kept else self.OTHER)
            + page
            + self._END
            for page in pages
        )
        self._spool.seek(0, os.SEEK_END)
        self._spool.write("".join(logged))

    def pages(self, mark: str | None = None) -> list[str]:
        """Every page logged, in order; or only those with ``mark``."""
        if self._spool is None:
            return []
        self._spool.seek(0)
        logged = self._spool.read().split(self._END)[:-1]
        return [page[1:] for page in logged if mark is None or page[0] == mark]

    def close(self) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None

    def __enter__(self) -> PageLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass
class Report:
    written: Sequence[str] = field(default_factory=list)
    unchanged: Sequence[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[EditionsError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sites: list[Site] = field(default_factory=list)


def localized(project: Project, article: Article, lang: str, use_fuzzy: bool = False) -> Article:
    """``article`` in ``lang``, from that language's catalog."""
    if lang == SOURCE_LANG:
        return article
    from editions import catalog
    from editions.localedata import locale_info
    from editions.po.read import read_po

    info = locale_info(lang)
    path = project.po_path(info.code, article.doc)
    if not os.path.isfile(path):
        raise EditionsError(
            f"no catalog for '{info.code}': run 'editions init {info.code}'",
            project.relative(path),
        )
    po = read_po(path, name=project.relative(path))
    return catalog.localize(article, po, info, use_fuzzy=use_fuzzy)


def all_languages(project: Project) -> list[str]:
    """English first, then every language that has a catalog folder."""
    return project.edition_languages()


def canonical_languages(project: Project, langs: list[str]) -> list[str]:
    """Each tag as its catalog folder is named (``zh-Hans`` -> ``zh_Hans``)."""
    known = set(all_languages(project))
    result = []
    for lang in langs:
        if lang not in known:
            from editions.localedata import locale_info

            lang = locale_info(lang).code
        if lang not in result:
            result.append(lang)
    return result


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
    site_langs: tuple[str, ...]  #: every language with a catalog of the document, English first
    build_langs: tuple[str, ...]  #: languages whose editions this run writes
    pairs: tuple[Pair, ...]  #: parallel pairs asked for by name
    policy: Policy
    code: str  #: digest of the tool's code and templates
    #: digest of the source, and of each language's catalog; left empty by a build that
    #: has not looked at them (the document is new to it), for the document's builder
    #: to find as it reads them
    source: str
    catalogs: tuple[tuple[str, str], ...]
    known: tuple[tuple[str, Coverage], ...]  #: coverage remembered from the last build
    previous: tuple[tuple[str, list[Any]], ...]  #: its pages built before: [key, size, mtime]
    keep_going: bool = False  #: build the other languages when one catalog cannot be read


@dataclass
class DocResult:
    doc: str
    coverage: dict[str, Coverage] = field(default_factory=dict)
    pages: list[str] = field(default_factory=list)  #: every page it answers for
    stale: bool = False  #: (dry run) the document has work to do
    written: list[str] = field(default_factory=list)  #: pages, relative to the build folder
    unchanged: list[str] = field(default_factory=list)
    outputs: dict[str, list[Any]] = field(default_factory=dict)  #: page: [key, size, mtime]
    failed: list[EditionsError] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  #: languages whose catalog failed
    notes: list[str] = field(default_factory=list)
    site: Site | None = None
    source: str = ""  #: digest of the source
    #: what the state is to record: each file the builder looked at (path: [size, mtime,
    #: digest]), and the coverage it found (key: [translated, fuzzy, untranslated])
    inputs: dict[str, list[Any]] = field(default_factory=dict)
    records: dict[str, list[int]] = field(default_factory=dict)


def pages(task: DocTask, site: Site) -> list[Page]:
    """The pages of one document this run is responsible for, each with its key."""
    catalogs = dict(task.catalogs)
    base = digest(task.code, site.fingerprint(), task.doc, task.source)
    chosen: list[Page] = []
    for lang in site.languages:
        if lang in task.build_langs:
            chosen += [Page(edition_path(lang, task.doc, s), (lang,), s) for s in ("md", "html")]
    for pair in site.pairs:
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
    return digest(task.code, task.source, dict(task.catalogs)[lang], str(task.policy.use_fuzzy))


def _output(page: Page, path: str) -> list[Any] | None:
    """What the state records of a page's file: its key, size and time; None if it is missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [page.key, st.st_size, st.st_mtime_ns]


def build_document(task: DocTask, dry_run: bool = False) -> DocResult:
    """Build one document's pages: in a worker process, or in this one.

    With ``dry_run``, render and write nothing: the result lists the pages
    (``written`` holds those that would be rebuilt). Catalogs are read only
    for coverage the task does not already know, and for the pages rendered.

    A page is fresh when its key is the one recorded and its file has the
    size and time recorded: one deleted or edited since is written again.
    """
    project = Project(task.root)
    result = DocResult(task.doc)
    if not task.source:  # the files not looked at yet: their digests, and their records
        task, result.inputs = _with_digests(task, project)
    result.source = task.source
    with _Aside(task.out) as aside:
        _build_document(task, project, result, dry_run, aside)
    if not dry_run:
        for lang, c in result.coverage.items():
            result.records[_coverage_key(task, lang)] = [c.translated, c.fuzzy, c.untranslated]
    return result


def _with_digests(task: DocTask, project: Project) -> tuple[DocTask, dict[str, list[Any]]]:
    """``task`` with the digests of its source and catalogs, and the records the state
    keeps of those files."""
    seen = BuildState("")
    catalogs = [
        (lang, seen.file_digest(project.po_path(lang, task.doc))) for lang in task.site_langs[1:]
    ]
    source = seen.file_digest(project.source_path(task.doc))
    task = replace(task, source=source, catalogs=((SOURCE_LANG, "source"), *catalogs))
    return task, seen.inputs


def _build_document(
    task: DocTask, project: Project, result: DocResult, dry_run: bool, aside: _Aside
) -> None:
    """:func:`build_document` once the task's digests are known: fills in ``result``,
    putting each language's article ``aside`` from its coverage to its pages."""
    editions: dict[str, Article] = {}
    html: dict[str, Edition] = {}

    def edition(lang: str) -> Article:
        if SOURCE_LANG not in editions:
            path = project.source_path(task.doc)
            editions[SOURCE_LANG] = source.read(path, project.relative(path))
        if lang not in editions:
            kept = aside.take(lang)
            if kept is None:
                kept = localized(project, editions[SOURCE_LANG], lang, task.policy.use_fuzzy)
            editions[lang] = kept
        return editions[lang]

    def html_edition(lang: str) -> Edition:
        if lang not in html:
            from editions.render.html import Edition

            html[lang] = Edition(edition(lang))
        return html[lang]

    known = dict(task.known)
    for lang in task.site_langs[1:]:
        if lang in known:
            result.coverage[lang] = known[lang]
            continue
        if dry_run:
            result.stale = True  # coverage unknown: the document needs a build
            return
        try:
            result.coverage[lang] = edition(lang).coverage()
            # Every language's coverage decides the site before the first page is
            # rendered: until then, each article waits on disk, not in memory.
            aside.put(lang, editions.pop(lang))
        except EditionsError as exc:
            result.unreadable.append(lang)
            if lang in task.build_langs:
                result.failed.append(exc)
            else:
                result.notes.append(f"not published: {lang} ({task.doc}): {exc}")
    if result.failed and not task.keep_going:
        return
    site, notes = plan(task.doc, result.coverage, task.policy, task.pairs)
    chosen = pages(task, site)
    result.site, result.pages = site, [page.path for page in chosen]
    result.notes.extend(notes)
    previous = dict(task.previous)
    stale: list[tuple[Page, str]] = []
    for page in chosen:
        path = os.path.join(task.out, page.path)
        seen = _output(page, path) if page.path in previous else None
        if seen is not None and seen == previous[page.path]:
            result.unchanged.append(page.path)
            result.outputs[page.path] = seen
        else:
            stale.append((page, path))
    if dry_run or not stale:
        result.stale = bool(stale)
        result.written = [page.path for page, _ in stale]
        return

    def render(page: Page) -> str:
        if page.suffix == "md":
            return _markdown([edition(lang) for lang in page.langs])
        return _html(page, site, [html_edition(lang) for lang in page.langs])

    # Language by language, each one's rendered segments let go after its last page:
    # memory does not grow with the languages. Each page is written as soon as it is
    # rendered, by this thread: creating a file is work for the processor, not a wait
    # on the disk, and a writer thread would only contend for the interpreter's lock.
    order = sorted(range(len(stale)), key=lambda at: _language_key(stale[at][0]))
    last_use = {lang: step for step, at in enumerate(order) for lang in stale[at][0].langs}
    written: dict[int, bool] = {}
    with fsutil.batch():
        for step, at in enumerate(order):
            page, path = stale[at]
            written[at] = write_atomic(path, render(page), durable=False)
            for lang in page.langs:
                if last_use[lang] == step:
                    html.pop(lang, None)
                    editions.pop(lang, None)
    for at, (page, path) in enumerate(stale):
        (result.written if written[at] else result.unchanged).append(page.path)
        recorded = _output(page, path)
        if recorded is not None:
            result.outputs[page.path] = recorded


class _Aside:
    """Articles put aside in a :func:`~editions.fsutil.spool` in ``folder``, each read
    back when it is next needed: a document's every language is read before its pages
    are rendered, and this keeps one at a time in memory, whatever their number.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder, _Aside(folder) as aside:
    ...     aside.put("ur", ("an", "article")); aside.put("fr", ("another",))
    ...     aside.take("fr"), aside.take("ur"), aside.take("ur"), aside.take("de")
    (('another',), ('an', 'article'), None, None)
    """

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self._file: IO[bytes] | None = None
        self._at: dict[str, tuple[int, int]] = {}  #: lang: where its article starts, its size

    def put(self, lang: str, article: Any) -> None:
        import pickle

        if self._file is None:
            self._file = fsutil.spool(self.folder, binary=True)
        data = pickle.dumps(article, pickle.HIGHEST_PROTOCOL)
        start = self._file.seek(0, os.SEEK_END)
        self._file.write(data)
        self._at[lang] = (start, len(data))

    def take(self, lang: str) -> Any:
        """The article put aside for ``lang``, no longer kept; None if there is none."""
        import pickle

        if self._file is None or lang not in self._at:
            return None
        start, size = self._at.pop(lang)
        self._file.seek(start)
        return pickle.loads(self._file.read(size))

    def __enter__(self) -> _Aside:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._file is not None:
            self._file.close()


def _language_key(page: Page) -> str:
    """The language a page is grouped under when a document is built: its own, or for
    a parallel edition, the one beside English (or the second)."""
    return next((lang for lang in reversed(page.langs) if lang != SOURCE_LANG), SOURCE_LANG)


def _markdown(editions: list[Article]) -> str:
    from editions.render import markdown as render_markdown  # noqa: F401

    if len(editions) == 1:
        return render_markdown.render(editions[0])
    return render_markdown.render_parallel(editions[0], editions[1])


def _html(page: Page, site: Site, editions: list[Edition]) -> str:
    from editions.render import html as render_html

    if len(editions) == 1:
        return render_html.render(editions[0], site=site, page=page.path)
    return render_html.render_parallel(editions[0], editions[1], site=site, page=page.path)


def code_digest(state: BuildState) -> str:
    """The tool's own version: a digest of :func:`editions.stamp.code_files`."""
    root = stamp.PACKAGE
    return digest(
        *(f"{os.path.relpath(p, root)}={state.file_digest(p)}" for p in stamp.code_files())
    )


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
    """Write the editions of ``langs`` (and ``pairs``) for each document.

    With ``site`` (``build --all``), also write ``index.html`` and remove the
    pages of an earlier build that are no longer published. ``out`` is the build folder,
    by default the project's ``build``.
    """
    out = project.build_dir if out is None else os.path.normpath(out)
    policy = policy or Policy()
    asked = stamp.request(
        project.root,
        out,
        langs,
        docs,
        [f"{pair.first}:{pair.second}" for pair in pairs],
        (policy.min_complete, policy.use_fuzzy, policy.base_url),
        site,
        keep_going,
    )
    if stamp.unchanged_pages(project, out, asked) is not None:
        last = Stamp.load(out)  # its pages, for the report
        if last is not None:
            return Report(unchanged=Pages(out, last.outputs), notes=list(last.notes))
    now = Stamp.take(asked, project)  # its inputs as they are before any is read
    log = PageLog(out)
    try:
        Stamp.remove(out)
        state = BuildState.load(out)
        code = code_digest(state)
        site_langs = tuple(all_languages(project))
        build_langs = tuple(canonical_languages(project, langs))
        names = project.documents(docs)
        for lang in build_langs:
            if lang not in site_langs:
                path = project.relative(project.po_path(lang, names[0]))
                raise EditionsError(f"no catalog for '{lang}': run 'editions init {lang}'", path)
        for pair in pairs:
            for lang in (pair.first, pair.second):
                if lang not in site_langs:
                    raise EditionsError(
                        f"no catalog for '{lang}' in --parallel {pair.first}:{pair.second}"
                    )
        previous: dict[str, list[tuple[str, list[Any]]]] = {}
        for path, recorded in state.outputs.items():
            previous.setdefault(_document_of(path), []).append((path, recorded))
        done: list[DocResult] = []
        tasks: list[DocTask] = []
        for doc in names:
            langs = [SOURCE_LANG]
            for lang in site_langs[1:]:
                if os.path.isfile(project.po_path(lang, doc)):
                    langs.append(lang)
                elif lang in build_langs and not site:
                    path = project.relative(project.po_path(lang, doc))
                    raise EditionsError(
                        f"no catalog for '{lang}': run 'editions init {lang}'", path
                    )
            task = DocTask(
                root=project.root,
                out=out,
                doc=doc,
                site_langs=tuple(langs),
                build_langs=build_langs,
                pairs=pairs,
                policy=policy,
                code=code,
                source="",
                catalogs=(),
                known=(),
                previous=tuple(previous.get(doc, ())),
                keep_going=keep_going,
            )
            if not task.previous:
                # None of its pages was built: every one is to be, and its files are looked
                # at by the process that builds it, not held here.
                tasks.append(task)
                continue
            catalogs = [(lang, state.file_digest(project.po_path(lang, doc))) for lang in langs[1:]]
            task = replace(
                task,
                source=state.file_digest(project.source_path(doc)),
                catalogs=((SOURCE_LANG, "source"), *catalogs),
            )
            remembered = (
                (lang, state.coverage.get(_coverage_key(task, lang)))
                for lang in task.site_langs[1:]
            )
            task = replace(task, known=tuple((lang, Coverage(*c)) for lang, c in remembered if c))
            check = build_document(task, dry_run=True)
            if check.stale or check.failed:
                tasks.append(task)
            else:
                done.append(check)
        if tasks:
            _prepare(site_langs, [_published(project, task.doc) for task in tasks])
        # Each document's result is taken as it comes, and let go of: what the build keeps
        # of it is what the state, the index and the report need.
        stream = _run(tasks, jobs, progress)
        if names == sorted(names):  # both in the order of the documents
            results: Iterator[DocResult] = heapq.merge(done, stream, key=lambda r: r.doc)
        else:
            results = iter(sorted([*done, *stream], key=lambda r: r.doc))
        report = Report()
        unreadable: set[str] = set()
        sources: dict[str, str] = {}  #: each document's digest, for the index
        seen: dict[Any, Any] = {}
        for result in results:
            report.notes.extend(result.notes)
            report.failed.extend(result.failed)
            if result.site:
                report.sites.append(_shared(result.site, seen))
            sources[result.doc] = result.source
            state.record(result.records, result.outputs, result.pages, result.inputs)
            log.add(result.pages, result.written, result.unchanged)
            unreadable.update(result.unreadable)
        if report.failed and not keep_going:
            state.save()
            raise report.failed[0] if len(report.failed) == 1 else Errors(report.failed)
        if site:
            # The index lists what was built. Pages no longer published (what the state still
            # holds of the last build, but the index) are removed, but not those of a language
            # whose catalog could not be read: a broken catalog never takes down the edition
            # that was published before it broke.
            index = os.path.join(out, INDEX)
            if _write_index(project, index, report.sites, code, sources, state):
                log.add([INDEX], written=[INDEX])
            else:
                log.add([INDEX], unchanged=[INDEX])
            for stale in sorted(set(state.outputs) - {INDEX}):
                if unreadable & _languages_of(stale):
                    continue
                target = os.path.join(out, stale)
                if os.path.isfile(target):
                    os.unlink(target)
                    report.removed.append(target)
                    _remove_empty_folders(out, stale)
                del state.outputs[stale]
        report.written = Pages(out, log.pages(PageLog.WRITTEN))
        report.unchanged = Pages(out, log.pages(PageLog.UNCHANGED))
        state.save()
        if not report.failed:
            now.finish(log.pages(), out, report.notes)
            now.save(out)
        return report
    finally:
        now.close()
        log.close()


def _shared(site: Site, seen: dict[Any, Any]) -> Site:
    """``site``, made of the objects ``seen`` holds where they are equal: each document's
    result comes from another process with its own copies of the languages, pairs and
    policy, and the build keeps every document's site until the index is written."""

    def one(value: Any) -> Any:
        return seen.setdefault(value, value)

    return replace(
        site,
        languages=one(tuple(one(lang) for lang in site.languages)),
        pairs=one(tuple(one(pair) for pair in site.pairs)),
        coverage=one(tuple(one((one(lang), one(c))) for lang, c in site.coverage)),
        policy=one(site.policy),
    )


def _document_of(page: str) -> str:
    """The document a page belongs to, from its path: ``ur/a.b.html`` is ``a.b``'s."""
    return page.rpartition("/")[2].rpartition(".")[0]


def _languages_of(page: str) -> set[str]:
    """The languages of a page, from its path: ``ur/a.html``, ``parallel/en-ur/a.html``."""
    parts = page.split("/")
    if parts[0] == "parallel" and len(parts) > 2:
        return set(parts[1].split("-"))
    return {parts[0]}


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


def _published(project: Project, doc: str) -> date | None:
    """A document's publication date, from its front matter (None when it has none, or
    one that is not a date: reading the whole source reports that)."""
    value = source.front_matter(project.source_path(doc)).get("date")
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _prepare(langs: tuple[str, ...], dates: list[date | None]) -> None:
    """What the pages need of CLDR for each language: its facts and the documents'
    dates in its style, kept for the build while babel lets go of the data (see
    :func:`editions.localedata.prepare`). Forked workers share the answers."""
    from editions.localedata import compact, prepare

    published = sorted({value for value in dates if value is not None})
    # babel's data holds cycles, which only a collection frees: a few languages' at a
    # time, so that memory does not grow with their number. Frozen, what was there
    # before is not looked at by these collections.
    gc.freeze()
    try:
        for at, lang in enumerate(langs, 1):
            prepare(lang, published)
            if at % _COLLECT_EVERY == 0:
                gc.collect()
    finally:
        gc.unfreeze()
    gc.collect()  # free the rest now, before workers are forked
    compact()


#: Languages whose CLDR data :func:`_prepare` lets pile up before a collection.
_COLLECT_EVERY = 4


def _run(
    tasks: list[DocTask],
    jobs: int,
    progress: Callable[[Iterator[DocResult], int], Iterator[DocResult]] | None,
) -> Iterator[DocResult]:
    """Build each task's document, in ``jobs`` processes when there is more than one task;
    each result in the order of the tasks, as it comes."""
    if len(tasks) > 1 and jobs > 1:
        from editions.workers import process_pool

        with process_pool(min(jobs, len(tasks)), _preload, fsutil.batch_process) as pool:
            stream: Iterator[DocResult] = pool.map(build_document, tasks)
            yield from progress(stream, len(tasks)) if progress else stream
        return
    with fsutil.batch():  # the documents' pages share folders: each is listed once
        stream = (build_document(task) for task in tasks)
        yield from progress(stream, len(tasks)) if progress else stream


def _preload() -> None:
    """Load, once and before the workers are forked, what every one of them needs: the
    renderers, the catalog reader and the templates. The workers share these pages
    instead of each loading its own copy."""
    from editions import catalog  # noqa: F401
    from editions.po import read  # noqa: F401
    from editions.render import html as render_html
    from editions.render import markdown as render_markdown  # noqa: F401

    render_html.compile_templates()


def _write_index(
    project: Project,
    path: str,
    sites: list[Site],
    code: str,
    sources: dict[str, str],
    state: BuildState,
) -> bool:
    key = digest(code, *(sources[site.doc] for site in sites), *(repr(site) for site in sites))
    page = Page(INDEX, (), "html", key)
    known = state.outputs.get(INDEX)
    if known is not None and _output(page, path) == known:
        return False  # its record stays the last build's
    from editions.render import html as render_html

    titles = {a.doc: a.title for a in source.read_documents(project, [s.doc for s in sites])}
    written = fsutil.write_atomic_chunks(
        path, render_html.index_chunks(sites, titles, page=INDEX), durable=False
    )
    recorded = _output(page, path)
    state.record({}, {INDEX: recorded} if recorded is not None else {}, [INDEX])
    return written
