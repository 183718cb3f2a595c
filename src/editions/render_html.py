"""Render an article as a standalone HTML5 edition, through a Jinja2 template.

The template owns every element; each message fills one element as inline
content (:mod:`editions.inline`). The page's ``lang`` and ``dir`` come from
CLDR; a segment shown in English because it has no usable translation
carries ``lang="en" dir="ltr"`` on its own element, so screen readers and the
bidi algorithm treat it as the English it is, and a class that marks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import jinja2
from markupsafe import Markup

from editions import inline
from editions.localedata import LocaleInfo, locale_info
from editions.model import SOURCE_LANG, Article, Coverage, Point, Segment, State
from editions.site import INDEX, Pair, Site, edition_path, parallel_path

#: CSS list-style for each CLDR numbering system the editions meet.
COUNTER_STYLES = {"arab": "arabic-indic", "arabext": "persian"}


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("editions", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


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


def _inline(segment: Segment, page_lang: str, wrap: bool) -> Markup:
    html = inline.to_html(segment.text)
    attrs = segment_attrs(segment, page_lang)
    if wrap and attrs:
        return Markup(f"<span{attrs}>{html}</span>")
    return html


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
    title = str(_inline(point.title, lang, wrap=True))
    text = str(_inline(point.text, lang, wrap=True))
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
    """Where a page links: the editions, the parallel editions, the index."""

    index: str
    languages: tuple[Link, ...]
    pairs: tuple[PairLink, ...]
    alternates: tuple[tuple[str, str], ...]  #: (hreflang, href), ``x-default`` last


def nav(site: Site, page: str, langs: tuple[str, ...]) -> Nav:
    """The links of ``page``, an edition (one language) or a parallel edition (two)."""
    edition = {
        lang: site.href(page, edition_path(lang, site.doc, "html")) for lang in site.languages
    }
    pair = Pair(*langs) if len(langs) == 2 else None
    shown = site.pairs if langs == (SOURCE_LANG,) or pair else site.pairs_with(langs[0])
    alternates = (
        ()
        if pair
        else (
            *((locale_info(lang).bcp47, href) for lang, href in edition.items()),
            ("x-default", site.href(page, INDEX)),
        )
    )
    return Nav(
        index=site.href(page, INDEX),
        languages=tuple(
            Link(href, locale_info(lang), langs == (lang,)) for lang, href in edition.items()
        ),
        pairs=tuple(
            PairLink(
                site.href(page, parallel_path(p, site.doc, "html")),
                locale_info(p.first),
                locale_info(p.second),
                p == pair,
            )
            for p in shown
        ),
        alternates=alternates,
    )


def _published(article: Article, info: LocaleInfo) -> dict[str, object]:
    published = article.meta_value("date")
    when = date.fromisoformat(published) if published else None
    return {"published": when, "published_text": info.format_date(when) if when else ""}


def render(article: Article, site: Site | None = None, page: str = "") -> str:
    """The HTML edition of ``article``, in its own language.

    With ``site``, the page carries the language switcher, links to the
    parallel editions and ``hreflang`` alternates; ``page`` is its path in the
    build folder, from which links are made relative.
    """
    info = locale_info(article.lang)
    lang = info.code
    return (
        _environment()
        .get_template("edition.html.j2")
        .render(
            article=article,
            info=info,
            nav=nav(site, page, (lang,)) if site else None,
            title_text=inline.to_text(article.title.text),
            counter_style=COUNTER_STYLES.get(info.numbering_system, "decimal"),
            attrs=lambda s, classes="": segment_attrs(s, lang, classes),
            html=lambda s: _inline(s, lang, wrap=False),
            point=lambda p: point_html(article.point_layout, p, lang),  # type: ignore[arg-type]
            point_attrs=lambda p: point_attrs(p, lang),
            coverage=article.coverage(),
            **_published(article, info),
        )
    )


@dataclass(frozen=True)
class Column:
    """One language of a parallel edition: its article and how to render its segments.

    A cell carries the column's ``lang`` and ``dir``; a segment shown in
    English inside it is wrapped in an element of its own that says so.
    """

    article: Article
    info: LocaleInfo

    def attrs(self, segment: Segment | None = None) -> Markup:
        """A cell's ``lang``, ``dir`` and classes: the column's, or the segment's own
        when it is English standing in for a missing translation."""
        info, classes = self.info, ["cell", f"script-{self.info.script}"]
        if segment is not None and segment.lang != info.code:
            info = locale_info(segment.lang)
            classes = ["cell", f"script-{info.script}", "untranslated"]
        elif segment is not None and segment.state is State.FUZZY:
            classes.append("fuzzy")
        return Markup(f' lang="{info.bcp47}" dir="{info.direction}" class="{" ".join(classes)}"')

    def html(self, segment: Segment) -> Markup:
        """A segment filling its cell: its marks are on the cell (see :meth:`attrs`)."""
        return inline.to_html(segment.text)

    def inline(self, segment: Segment) -> Markup:
        """A segment inside a cell of the column's language, marked if it is not in it."""
        return _inline(segment, self.info.code, wrap=True)

    def point_attrs(self, point: Point) -> Markup:
        whole = point_lang(point, self.info.code) != self.info.code
        return self.attrs(point.text if whole else None)

    def point(self, point: Point) -> Markup:
        return point_html(self.article.point_layout, point, self.info.code)  # type: ignore[arg-type]

    @property
    def counter_style(self) -> str:
        return COUNTER_STYLES.get(self.info.numbering_system, "decimal")


def render_parallel(
    first: Article, second: Article, site: Site | None = None, page: str = ""
) -> str:
    """``first`` and ``second`` side by side, one row per title, paragraph, heading and point.

    Each cell carries its own ``lang`` and ``dir``; the page takes the first
    language's, so the first column is on the side where that language starts.
    """
    a, b = Column(first, locale_info(first.lang)), Column(second, locale_info(second.lang))
    return (
        _environment()
        .get_template("parallel.html.j2")
        .render(
            info=a.info,
            columns=(a, b),
            first=first,
            second=second,
            zip=zip,
            nav=nav(site, page, (first.lang, second.lang)) if site else None,
            title_text=f"{inline.to_text(first.title.text)} · {inline.to_text(second.title.text)}",
            dates=[(col, _published(col.article, col.info)) for col in (a, b)],
        )
    )


@dataclass(frozen=True)
class Entry:
    """One edition on the index."""

    info: LocaleInfo
    href: str
    coverage: Coverage | None  #: None for the English original
    pair: str  #: link to the edition beside English, or ""


def render_index(sites: list[Site], titles: dict[str, Segment], page: str = INDEX) -> str:
    """The site's front page: every document, every published edition and how complete."""
    documents = []
    for site in sites:
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
        documents.append(
            {
                "site": site,
                "title": inline.to_text(titles[site.doc].text),
                "entries": entries,
                "extra": extra,
            }
        )
    return (
        _environment()
        .get_template("index.html.j2")
        .render(info=locale_info(SOURCE_LANG), documents=documents, nav=None, title_text="Editions")
    )
