"""Render an article as a standalone HTML5 edition, through a Jinja2 template.

The template owns every element; each message fills one element as inline
content (:mod:`editions.render.inline`). The page's ``lang`` and ``dir`` come from
CLDR; a segment shown in English because it has no usable translation
carries ``lang="en" dir="ltr"`` on its own element, so screen readers and the
bidi algorithm treat it as the English it is, and a class that marks it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup

from editions.localedata import LocaleInfo, locale_info
from editions.model import SOURCE_LANG, Article, Coverage, Point, Segment, State
from editions.render import inline
from editions.site import INDEX, Pair, Site, edition_path, parallel_path

#: CSS list-style for each CLDR numbering system the editions meet.
COUNTER_STYLES = {"arab": "arabic-indic", "arabext": "persian"}


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("editions", "render/templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # the templates are part of the code: they change with it
    )


def compile_templates() -> None:
    """Compile every template now (each is compiled once per process anyway)."""
    env = _environment()
    for name in env.list_templates():
        env.get_template(name)


def segment_attrs(segment: Segment, page_lang: str, classes: str = "") -> Markup:
    """The attributes of a segment's element: ``classes``, and the marks of a
    segment not written in the page's language or awaiting review.

    >>> from editions.model import Segment, State
    >>> s = Segment("lede", "lede", "T", "a.md", 1, "", state=State.UNTRANSLATED)
    >>> segment_attrs(s, "ur", "lede")
    Markup(' lang="en" dir="ltr" class="lede untranslated"')
    >>> segment_attrs(s, "en", "lede")
    Markup(' class="lede"')
    """
    parts = []
    names = classes.split()
    if segment.lang != page_lang:
        info = locale_info(segment.lang)
        parts.append(f' lang="{info.bcp47}" dir="{info.direction}"')
        if segment.state is State.UNTRANSLATED:
            names.append("untranslated")
    if segment.state is State.FUZZY:
        names.append("fuzzy")
    if names:
        parts.append(f' class="{" ".join(names)}"')
    return Markup("".join(parts))


def _marked(segment: Segment, page_lang: str) -> Markup:
    """A segment inside an element in ``page_lang``: in a ``<span>`` of its own if it is
    not written in that language or awaits review."""
    html = inline.to_html(segment.text)
    attrs = segment_attrs(segment, page_lang)
    return Markup(f"<span{attrs}>{html}</span>") if attrs else html


def point_lang(point: Point, page_lang: str) -> str:
    """The language of a point's element: the page's, or English when the title and
    the text both stand in for missing translations, so the point reads as one
    English sentence rather than two English fragments set right to left."""
    if point.title.lang == point.text.lang != page_lang:
        return point.text.lang
    return page_lang


def point_attrs(point: Point, page_lang: str) -> Markup:
    """The attributes of a point's element (see :func:`point_lang`)."""
    if point_lang(point, page_lang) != page_lang:
        return segment_attrs(point.text, page_lang)
    return Markup("")


def point_html(layout: Segment, point: Point, page_lang: str) -> Markup:
    """A point's title and text set into the (translated) layout."""
    shell = inline.to_html(layout.text)
    head, _, tail = str(shell).partition("{text}")
    lang = point_lang(point, page_lang)
    title = str(_marked(point.title, lang))
    text = str(_marked(point.text, lang))
    return Markup(head.replace("{title}", title) + text + tail.replace("{title}", title))


@dataclass(frozen=True)
class Link:
    href: str
    info: LocaleInfo
    current: bool = False


@dataclass(frozen=True)
class PairLink:
    href: str
    first: LocaleInfo
    second: LocaleInfo
    current: bool = False


@dataclass(frozen=True)
class Nav:
    """Where a page links: the editions, the parallel editions, the index.

    Each entry is written by a macro of ``nav.html.j2``.
    """

    index: str
    languages: Markup  #: ``<li>`` of each edition, one a line
    pairs: Markup  #: ``<li>`` of each parallel edition, one a line
    alternates: Markup  #: ``<link rel="alternate">`` of each, ``x-default`` last, one a line


def _lines(entries: Iterable[Markup]) -> Markup:
    """Entries written by the macros of ``nav.html.j2``, one a line, as one piece of
    HTML: a page writes it with one expression, not one per entry (a site of many
    languages has a hundred entries on every page)."""
    text = "\n".join(entries)
    return Markup(f"{text}\n" if text else "")


def nav(site: Site, page: str, langs: tuple[str, ...]) -> Nav:
    """The links of ``page``, an edition (one language) or a parallel edition (two).

    Every page of a document at one folder depth links to the same places by
    the same words (see :meth:`Site.href`): the entries are written once
    (:func:`_links`), and each page swaps in its own, marked current.
    """
    depth = page.count("/")
    links = _links(site, depth)
    languages, pairs = list(links.languages), list(links.pairs)
    if len(langs) == 2:
        pair = Pair(*langs)
        if pair in links.pair_at:
            at = links.pair_at[pair]
            pairs[at] = _pair_link(
                site.prefix(depth) + parallel_path(pair, site.doc, "html"), pair, True
            )
    else:
        lang = langs[0]
        if lang in links.language_at:
            href = site.prefix(depth) + edition_path(lang, site.doc, "html")
            languages[links.language_at[lang]] = _language_link(href, lang, True)
        if lang != SOURCE_LANG:  # a language's page lists the pairs it is in
            pairs = [pairs[at] for at in links.pairs_of.get(lang, ())]
    return Nav(
        index=links.home,
        languages=_lines(languages),
        pairs=_lines(pairs),
        alternates=Markup("") if len(langs) == 2 else links.alternates,
    )


class _Links(NamedTuple):
    """What every page of a document at one folder depth links to, written once."""

    home: str  #: the index
    languages: tuple[Markup, ...]  #: the ``<li>`` of each edition, none of them current
    language_at: dict[str, int]  #: where each language is in :attr:`languages`
    pairs: tuple[Markup, ...]  #: the ``<li>`` of each parallel edition, none current
    pair_at: dict[Pair, int]  #: where each pair is in :attr:`pairs`
    pairs_of: dict[str, tuple[int, ...]]  #: the pairs each language is in, by place
    alternates: Markup  #: every ``<link rel="alternate">``, ``x-default`` last


@lru_cache(maxsize=2)  # a document's pages are at two depths; a process renders one at a time
def _links(site: Site, depth: int) -> _Links:
    prefix = site.prefix(depth)
    hrefs = {lang: prefix + edition_path(lang, site.doc, "html") for lang in site.languages}
    home = prefix + INDEX
    pairs_of: dict[str, list[int]] = {}
    for at, pair in enumerate(site.pairs):
        pairs_of.setdefault(pair.first, []).append(at)
        pairs_of.setdefault(pair.second, []).append(at)
    return _Links(
        home,
        tuple(_language_link(href, lang, False) for lang, href in hrefs.items()),
        {lang: at for at, lang in enumerate(site.languages)},
        tuple(
            _pair_link(prefix + parallel_path(pair, site.doc, "html"), pair, False)
            for pair in site.pairs
        ),
        {pair: at for at, pair in enumerate(site.pairs)},
        {lang: tuple(places) for lang, places in pairs_of.items()},
        _lines(
            (
                *(_alternate(locale_info(lang).bcp47, href) for lang, href in hrefs.items()),
                _alternate("x-default", home),
            )
        ),
    )


def _alternate(hreflang: str, href: str) -> Markup:
    return _nav_macros().alternate(hreflang, href)  # type: ignore[no-any-return]


def _language_link(href: str, lang: str, current: bool) -> Markup:
    return _nav_macros().language(Link(href, locale_info(lang), current))  # type: ignore[no-any-return]


def _pair_link(href: str, pair: Pair, current: bool) -> Markup:
    link = PairLink(href, locale_info(pair.first), locale_info(pair.second), current)
    return _nav_macros().pair(link)  # type: ignore[no-any-return]


def _nav_macros() -> Any:
    return _environment().get_template("nav.html.j2").module


# The rows the templates write: tuples, made by the hundred thousand in a large build.


class Cell(NamedTuple):
    """One segment's element, ready to write: its attributes and its inline HTML."""

    attrs: Markup
    html: Markup


class Item(NamedTuple):
    """One point of a section, ready to write."""

    number: int
    anchor: str  #: ``concerns-1``: the same in every edition
    attrs: Markup
    html: Markup


class Part(NamedTuple):
    """One section, ready to write."""

    id: str
    heading: Cell
    points: tuple[Item, ...]


class Body(NamedTuple):
    """An article's segments, ready to write, in the shape the templates follow."""

    title: Cell
    lede: tuple[Cell, ...]
    sections: tuple[Part, ...]
    closing: tuple[Cell, ...]


class Edition:
    """An article ready to render: its locale, its date, and each segment's HTML.

    Made once per document and language, it serves the language's own page
    and every parallel edition the language is in: English is in all of them,
    and its segments are rendered once. Its segments are marked for two
    settings: :attr:`page`, the edition's own page, where a segment not in the
    page's language is marked on its element; and :attr:`cells`, a column of a
    parallel edition, where each cell carries the language and direction of
    what it holds (see :meth:`cell_attrs`).
    """

    def __init__(self, article: Article) -> None:
        self.article = article
        self.info = info = locale_info(article.lang)
        self.counter_style = COUNTER_STYLES.get(info.numbering_system, "decimal")
        self.coverage = article.coverage()
        self.title_text = inline.to_text(article.title.text)
        published = article.meta_value("date")
        self.published = date.fromisoformat(published) if published else None
        self.published_text = info.format_date(self.published) if self.published else ""
        self._page: Body | None = None
        self._cells: Body | None = None
        self._points: dict[str, Markup] = {}  #: by anchor: the same on the page and in a column

    @property
    def page(self) -> Body:
        """The segments as the edition's own page writes them."""
        if self._page is None:
            lang = self.info.code
            self._page = self._body(
                lambda s, classes="": Cell(segment_attrs(s, lang, classes), inline.to_html(s.text)),
                lambda p, anchor: Item(
                    p.number, anchor, point_attrs(p, lang), self._point(p, anchor)
                ),
            )
        return self._page

    @property
    def cells(self) -> Body:
        """The segments as a column of a parallel edition writes them."""
        if self._cells is None:
            code = self.info.code
            self._cells = self._body(
                lambda s, classes="": Cell(self.cell_attrs(s), inline.to_html(s.text)),
                lambda p, anchor: Item(
                    p.number,
                    anchor,
                    self.cell_attrs(p.text if point_lang(p, code) != code else None),
                    self._point(p, anchor),
                ),
            )
        return self._cells

    def cell_attrs(self, segment: Segment | None = None) -> Markup:
        """A cell's ``lang``, ``dir`` and classes: the column's, or the segment's own
        when it is English standing in for a missing translation."""
        info, classes = self.info, ["cell", f"script-{self.info.script}"]
        if segment is not None and segment.lang != info.code:
            info = locale_info(segment.lang)
            classes = ["cell", f"script-{info.script}", "untranslated"]
        elif segment is not None and segment.state is State.FUZZY:
            classes.append("fuzzy")
        return Markup(f' lang="{info.bcp47}" dir="{info.direction}" class="{" ".join(classes)}"')

    def _point(self, point: Point, anchor: str) -> Markup:
        if anchor not in self._points:
            layout = self.article.point_layout
            self._points[anchor] = point_html(layout, point, self.info.code)  # type: ignore[arg-type]
        return self._points[anchor]

    def _body(self, cell: Callable[..., Cell], item: Callable[[Point, str], Item]) -> Body:
        article = self.article
        return Body(
            title=cell(article.title),
            lede=tuple(cell(s, "lede") for s in article.lede),
            sections=tuple(
                Part(s.id, cell(s.heading), tuple(item(p, f"{s.id}-{p.number}") for p in s.points))
                for s in article.sections
            ),
            closing=tuple(cell(s, "closing") for s in article.closing),
        )


def render(article: Article | Edition, site: Site | None = None, page: str = "") -> str:
    """The HTML edition of ``article``, in its own language.

    With ``site``, the page carries the language switcher, links to the
    parallel editions and ``hreflang`` alternates; ``page`` is its path in the
    build folder, from which links are made relative.
    """
    edition = article if isinstance(article, Edition) else Edition(article)
    return (
        _environment()
        .get_template("edition.html.j2")
        .render(
            edition=edition,
            info=edition.info,
            nav=nav(site, page, (edition.info.code,)) if site else None,
            title_text=edition.title_text,
        )
    )


def render_parallel(
    first: Article | Edition, second: Article | Edition, site: Site | None = None, page: str = ""
) -> str:
    """``first`` and ``second`` side by side, one row per title, paragraph, heading and point.

    Each cell carries its own ``lang`` and ``dir``; the page takes the first
    language's, so the first column is on the side where that language starts.
    """
    a = first if isinstance(first, Edition) else Edition(first)
    b = second if isinstance(second, Edition) else Edition(second)
    return (
        _environment()
        .get_template("parallel.html.j2")
        .render(
            info=a.info,
            columns=(a, b),
            first=a.cells,
            second=b.cells,
            zip=zip,
            nav=nav(site, page, (a.info.code, b.info.code)) if site else None,
            title_text=f"{a.title_text} · {b.title_text}",
        )
    )


@dataclass(frozen=True)
class Entry:
    """One edition on the index."""

    info: LocaleInfo
    href: str
    coverage: Coverage | None  #: None for the English original
    pair: str  #: link to the edition beside English, or ""


def index_chunks(
    sites: Iterable[Site], titles: dict[str, Segment], page: str = INDEX
) -> Iterator[str]:
    """The site's front page, every document, every published edition and how complete,
    piece by piece: each document's rows are made as it is reached, and the page, which
    lists every edition of every document, is never whole in memory."""
    return (
        _environment()
        .get_template("index.html.j2")
        .generate(
            info=locale_info(SOURCE_LANG),
            documents=(_index_document(site, titles, page) for site in sites),
            nav=None,
            title_text="Editions",
        )
    )


def _index_document(site: Site, titles: dict[str, Segment], page: str) -> dict[str, Any]:
    """What the index shows of one document."""
    coverage = dict(site.coverage)
    pairs = {
        p.second: site.href(page, parallel_path(p, site.doc, "html"))
        for p in site.pairs
        if p.first == SOURCE_LANG
    }
    entries = [
        Entry(
            locale_info(lang),
            site.href(page, edition_path(lang, site.doc, "html")),
            coverage.get(lang),
            pairs.get(lang, ""),
        )
        for lang in site.languages
    ]
    extra = [
        PairLink(
            site.href(page, parallel_path(p, site.doc, "html")),
            locale_info(p.first),
            locale_info(p.second),
        )
        for p in site.pairs
        if p.first != SOURCE_LANG
    ]
    return {
        "site": site,
        "title": inline.to_text(titles[site.doc].text),
        "entries": entries,
        "extra": extra,
    }
