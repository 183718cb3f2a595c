"""The published site: which editions exist, where they live, how they link.

::

    build/index.html                          the front page of editions: each language, its latest
    build/status.html                         for editors: every edition and how complete
    build/sitemap.xml                         every page and its other languages (with a base URL)
    build/<lang>/index.html                   a language's front page: its articles, newest first
    build/<lang>/feed.atom                    its Atom feed (with a base URL)
    build/<lang>/<doc>.md, .html              one language's edition
    build/parallel/<a>-<b>/<doc>.md, .html    two languages side by side

A :class:`Site` is decided before anything is rendered, from each edition's
:class:`~editions.model.Coverage` and the publication policy: a language below
``min_complete`` is not published, so no page is written for it and no page
links to it. A page links only to editions that exist: those the build writes
and those already in the build folder (:class:`Linkable`). So ``build --lang
fr`` links to French and the editions built there before, never to one never
built; and a language whose catalog fails under ``--keep-going`` stays linked
while its last good edition is there (with its last coverage), or is linked
nowhere.

Links are relative (``../ur/article.html``), so the folder can be uploaded
anywhere, or absolute when a ``base_url`` is given, as search engines want
for ``hreflang``: then it is an ``http`` or ``https`` address with a host.
What needs an absolute address (feeds, the sitemap, canonical links, Open
Graph and JSON-LD) is written only with a ``base_url``.

A front page lists a language's articles newest first (:func:`newest_first`),
each as a :class:`Teaser`: its title, date and summary in that language.

A site is written only where it can do no harm (:func:`check_out`): never in
the file system's root, the project's folder or its sources and catalogs, nor
in a folder that holds other files and no record of an editions build.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from editions.errors import EditionsError
from editions.model import Article, Coverage, Segment, State
from editions.project import Project
from editions.state import FILENAME

INDEX = "index.html"  #: the front page of editions, and each language's front page
STATUS = "status.html"  #: every edition and how complete, for editors
SITEMAP = "sitemap.xml"
FEED = "feed.atom"
#: Names a document cannot take: its editions would be a language's front page.
RESERVED_DOCUMENTS = frozenset({INDEX.removesuffix(".html")})


@dataclass(frozen=True)
class Policy:
    """What is published, and how: the options of ``build`` over the project's settings
    (:mod:`editions.config`)."""

    min_complete: float = 0.0  #: percent below which a language is not published
    use_fuzzy: bool = False  #: show translations awaiting review
    base_url: str = ""  #: absolute links under this address; relative when empty
    site_name: str = ""  #: the site's name, for titles and the masthead
    templates: str = ""  #: the folder of the project's templates; "" for the package's alone
    source_lang: str = "en"  #: the language of the sources (``[site] source_language``)
    #: the languages published besides the source's; None: every one with a catalog
    languages: tuple[str, ...] | None = None
    #: ``(lang, min_complete, use_fuzzy)`` of the languages whose policy differs, None
    #: where it does not
    by_language: tuple[tuple[str, float | None, bool | None], ...] = ()

    def __post_init__(self) -> None:
        """Refuse a ``base_url`` that is not an absolute ``http(s)`` address: every link
        would be broken.

        >>> Policy(base_url="example.org")
        Traceback (most recent call last):
        editions.errors.EditionsError: editions: error: --base-url 'example.org': expected an absolute http or https address, e.g. 'https://example.org/news/'
        """
        if self.base_url and (fault := base_url_fault(self.base_url)):
            raise EditionsError(f"--base-url {self.base_url!r}: {fault}")

    def min_complete_of(self, lang: str) -> float:
        """The completeness ``lang`` needs to be published.

        >>> Policy(50, by_language=(("ur", 80, None),)).min_complete_of("ur")
        80
        """
        found = next((m for code, m, _ in self.by_language if code == lang), None)
        return self.min_complete if found is None else found

    def use_fuzzy_of(self, lang: str) -> bool:
        """Whether ``lang``'s translations awaiting review are shown."""
        found = next((f for code, _, f in self.by_language if code == lang), None)
        return self.use_fuzzy if found is None else found


def base_url_fault(url: str) -> str | None:
    """Why ``url`` cannot be the address of the site (not an absolute ``http(s)`` one),
    or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "expected an absolute http or https address, e.g. 'https://example.org/news/'"
    return None


def check_out(project: Project, out: str | os.PathLike[str]) -> None:
    """Raise unless the folder ``out`` may take a site: the project's ``build`` folder, or
    one that is not the file system's root, nor the project's folder, nor in its sources
    or catalogs, and is missing, empty, or holds the record of an editions build
    (``.editions-state.json``)."""
    folder = os.path.realpath(out)
    shown = os.fspath(out)
    if folder == os.path.realpath(project.build_dir):
        return
    if folder == os.path.dirname(folder):
        raise EditionsError("--out: refusing to write a site in the file system's root", shown)
    if folder == os.path.realpath(project.root):
        raise EditionsError("--out: refusing to write a site in the project's folder", shown)
    for path in (project.source_dir, project.locales_dir):
        path = os.path.realpath(path)
        if folder == path or folder.startswith(path + os.sep):
            name = os.path.basename(path)
            raise EditionsError(f"--out: refusing to write a site in the project's {name}", shown)
    try:
        entries = os.listdir(folder)
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise EditionsError("--out: not a folder", shown) from None
    if entries and FILENAME not in entries:
        raise EditionsError(
            f"--out: refusing to write a site in a folder that holds other files and no "
            f"{FILENAME} (not an editions build)",
            shown,
        )


@dataclass(frozen=True)
class Pair:
    """Two languages side by side: ``first`` on the reading start side."""

    first: str
    second: str

    @classmethod
    def parse(cls, text: str) -> Pair:
        """``en:ur`` as a pair.

        >>> Pair.parse("en:ur")
        Pair(first='en', second='ur')
        """
        first, sep, second = text.partition(":")
        if not sep or not first or not second or first == second:
            raise EditionsError(
                f"malformed pair {text!r}: expected two different languages, e.g. 'en:ur'"
            )
        return cls(first, second)

    @property
    def name(self) -> str:
        return f"{self.first}-{self.second}"


def edition_path(lang: str, doc: str, suffix: str) -> str:
    return f"{lang}/{doc}.{suffix}"


def parallel_path(pair: Pair, doc: str, suffix: str) -> str:
    return f"parallel/{pair.name}/{doc}.{suffix}"


def front_path(lang: str) -> str:
    return f"{lang}/{INDEX}"


def feed_path(lang: str) -> str:
    return f"{lang}/{FEED}"


def href(policy: Policy, page: str, target: str) -> str:
    """The link from ``page`` to ``target``, both relative to the build folder (see
    :meth:`Site.href`).

    >>> href(Policy(), "ur/index.html", "index.html")
    '../index.html'
    >>> href(Policy(base_url="https://example.org/news"), "index.html", "ur/index.html")
    'https://example.org/news/ur/index.html'
    """
    return prefix(policy, page.count("/")) + target


def prefix(policy: Policy, depth: int) -> str:
    """What a link from a page ``depth`` folders down starts with, before the target's
    path in the build folder: the base URL when there is one."""
    if policy.base_url:
        return policy.base_url.rstrip("/") + "/"
    return "../" * depth


def url(policy: Policy, target: str) -> str:
    """The absolute address of ``target``, a path in the build folder; "" without a
    base URL, when nothing may be written that needs one.

    >>> url(Policy(base_url="https://example.org/news/"), "fr/article.html")
    'https://example.org/news/fr/article.html'
    >>> url(Policy(), "fr/article.html")
    ''
    """
    return href(policy, "", target) if policy.base_url else ""


@dataclass(frozen=True)
class Teaser:
    """What a front page, a feed and the sitemap show of one document in one language."""

    doc: str
    lang: str
    title: Segment
    summary: Segment | None
    published: date | None
    author: str = ""

    @classmethod
    def of(cls, article: Article) -> Teaser:
        summary = article.field("summary") or article.field("description")
        author = article.meta_value("author") or ""
        return cls(article.doc, article.lang, article.title, summary, article.published, author)

    def to_json(self) -> dict[str, Any]:
        """The teaser in JSON's terms, for the state of the build (:meth:`from_json`)."""
        return {
            "doc": self.doc,
            "lang": self.lang,
            "title": list(self.title),
            "summary": list(self.summary) if self.summary else None,
            "published": self.published.isoformat() if self.published else None,
            "author": self.author,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Teaser:
        """The teaser :meth:`to_json` wrote.

        >>> from editions.model import State
        >>> title = Segment("title", "title", "T", "a.md", 3, "", "fr", State.TRANSLATED)
        >>> t = Teaser("a", "fr", title, None, date(2026, 11, 25))
        >>> Teaser.from_json(t.to_json()) == t
        True
        """

        def segment(value: list[Any] | None) -> Segment | None:
            if value is None:
                return None
            id_, kind, text, path, line, comment, lang, state, flags = value
            return Segment(id_, kind, text, path, line, comment, lang, State(state), tuple(flags))

        title = segment(data["title"])
        assert title is not None
        published = date.fromisoformat(data["published"]) if data["published"] else None
        return cls(
            data["doc"], data["lang"], title, segment(data["summary"]), published, data["author"]
        )


def newest_first(teasers: Iterable[Teaser]) -> list[Teaser]:
    """``teasers`` by date, the newest first; the undated last, then by document name.

    >>> t = lambda doc, day: Teaser(doc, "fr", None, None, day and date(2026, 11, day))
    >>> [x.doc for x in newest_first([t("b", None), t("a", 1), t("c", 9), t("a2", None)])]
    ['c', 'a', 'a2', 'b']
    """
    return sorted(
        teasers,
        key=lambda t: (t.published is None, -(t.published or date.min).toordinal(), t.doc),
    )


@dataclass(frozen=True)
class Linkable:
    """The editions a build's pages may link to: those it writes and those in the build
    folder."""

    languages: frozenset[str]
    pairs: frozenset[Pair]


@dataclass(frozen=True)
class Site:
    """The editions of one document that are published, and the parallel pairs."""

    doc: str
    languages: tuple[str, ...]  #: published, the source's language first
    pairs: tuple[Pair, ...]  #: parallel editions
    coverage: tuple[tuple[str, Coverage], ...]  #: every language asked for, published or not
    policy: Policy

    def href(self, page: str, target: str) -> str:
        """The link from ``page`` to ``target``, both relative to the build folder: up to
        the build folder, then down to ``target``, so that every page of a folder depth
        links to a place by the same words, its own folder included.

        >>> site = Site("article", ("en", "ur"), (), (), Policy())
        >>> site.href("ur/article.html", "fr/article.html")
        '../fr/article.html'
        >>> site.href("ur/article.html", "ur/article.html")
        '../ur/article.html'
        >>> site.href("parallel/en-ur/article.html", "index.html")
        '../../index.html'
        >>> site.href("index.html", "ur/article.html")
        'ur/article.html'
        """
        return href(self.policy, page, target)

    def prefix(self, depth: int) -> str:
        """What a link from a page ``depth`` folders down starts with, before the target's
        path in the build folder (see :meth:`href`)."""
        return prefix(self.policy, depth)

    def default(self) -> str:
        """The edition that stands for the others (``x-default``): the original when it is
        published, else the first edition; the front page of editions when none is.

        >>> Site("article", ("en", "ur"), (), (), Policy()).default()
        'en/article.html'
        """
        if not self.languages:
            return INDEX
        source = self.policy.source_lang
        lang = source if source in self.languages else self.languages[0]
        return edition_path(lang, self.doc, "html")

    def fingerprint(self) -> str:
        """What every page of this document depends on besides its own inputs."""
        return repr((self.languages, self.pairs, self.policy))


def plan(
    doc: str,
    coverage: dict[str, Coverage],
    policy: Policy,
    extra_pairs: tuple[Pair, ...] = (),
    linkable: Linkable | None = None,
) -> tuple[Site, list[str]]:
    """Decide what is published, and say why anything is not.

    ``coverage`` holds every language with a catalog. The source's language
    (``policy.source_lang``) is always published; each other language when its
    coverage reaches ``policy.min_complete``. The source beside each published
    language is a parallel edition, and so is each of ``extra_pairs`` whose languages are
    both published. Of these, only the ``linkable`` are linked (all when None).

    >>> cov = {"en": Coverage(34, 0, 0), "fr": Coverage(34, 0, 0), "bal": Coverage(10, 0, 24)}
    >>> site, notes = plan("article", cov, Policy(min_complete=50))
    >>> site.languages, [p.name for p in site.pairs]
    (('en', 'fr'), ['en-fr'])
    >>> notes
    ['not published: bal (article): 29% translated, below --min-complete 50%']
    >>> site, _ = plan("article", cov, Policy(), (), Linkable(frozenset({"fr"}), frozenset()))
    >>> site.languages, site.pairs
    (('fr',), ())
    """
    notes = []
    source = policy.source_lang
    published = [source]
    for lang in sorted(coverage):
        if lang == source:
            continue
        percent, needed = coverage[lang].percent, policy.min_complete_of(lang)
        if policy.languages is not None and lang not in policy.languages:
            notes.append(f"not published: {lang} ({doc}): not in [publish] languages")
        elif percent + 1e-9 >= needed:
            published.append(lang)
        else:
            notes.append(
                f"not published: {lang} ({doc}): {percent:.0f}% translated, "
                f"below --min-complete {needed:g}%"
            )
    pairs = [Pair(source, lang) for lang in published[1:]]
    for pair in extra_pairs:
        if pair in pairs:
            continue
        missing = [lang for lang in (pair.first, pair.second) if lang not in published]
        if missing:
            notes.append(f"not published: parallel {pair.name} ({doc}): {missing[0]} is not")
        else:
            pairs.append(pair)
    if linkable is not None:
        published = [lang for lang in published if lang in linkable.languages]
        pairs = [pair for pair in pairs if pair in linkable.pairs]
    site = Site(
        doc=doc,
        languages=tuple(published),
        pairs=tuple(pairs),
        coverage=tuple(sorted(coverage.items())),
        policy=policy,
    )
    return site, notes
