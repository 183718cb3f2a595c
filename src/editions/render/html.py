"""Render an article as a standalone HTML5 edition, through a Jinja2 template.

The template owns the page; the builder owns every element of the article,
each block written as CommonMark renders it (a figure for an image with a
title, footnotes linked both ways), and each message fills one element as
inline content (:mod:`editions.render.inline`). The page's ``lang`` and ``dir``
come from CLDR; a segment shown in the source language because it has no usable
translation carries that language's ``lang`` and ``dir`` (``lang="en" dir="ltr"``)
on its own element (a ``<span>`` in a tight list item, the ``<img>`` of an alt
text), so screen readers and the bidi algorithm treat it as the text it is, and a
class that marks it. Raw
HTML blocks of the source are written as the source has them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup, escape

from editions.localedata import LocaleInfo, locale_info
from editions.model import (
    Article,
    Block,
    Code,
    Coverage,
    Heading,
    Html,
    Image,
    List,
    Paragraph,
    Point,
    Quote,
    Rule,
    Section,
    Segment,
    State,
    Table,
)
from editions.render import chrome, inline
from editions.site import (
    INDEX,
    STATUS,
    Pair,
    Policy,
    Site,
    Teaser,
    edition_path,
    feed_path,
    front_path,
    href,
    newest_first,
    parallel_path,
    url,
)

#: CSS list-style for each CLDR numbering system the editions meet.
COUNTER_STYLES = {"arab": "arabic-indic", "arabext": "persian"}


@lru_cache(maxsize=4)
def _environment(folder: str = "") -> jinja2.Environment:
    """The templates: those of the project's ``folder`` first, by file name, then the
    package's, which are also ``editions/<name>`` for a project's template to extend."""
    package = jinja2.PackageLoader("editions", "render/templates")
    project = [jinja2.FileSystemLoader(folder)] if folder else []
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([*project, package, jinja2.PrefixLoader({"editions": package})]),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        # the package's templates change with its code; a project's, while it is served
        auto_reload=bool(folder),
    )
    chrome.install(env)  # the site's words: each render passes its language's
    return env


def _words(info: LocaleInfo, templates: str) -> chrome.Chrome:
    """The site's words in the language ``info``: a project's template folder
    ``templates`` may hold catalogs of its own words in ``<templates>/locales/``, looked
    up before the package's."""
    if not templates:
        return chrome.for_language(info)
    return chrome.for_language(info, (os.path.join(templates, "locales"), chrome.LOCALES))


def _page(name: str, info: LocaleInfo, templates: str, **values: Any) -> str:
    """The page the template ``name`` makes of ``values``, in the language ``info`` (the
    templates' ``info``): the site's words in it, those that fell back marked."""
    words = _words(info, templates)
    template = _environment(templates).get_template(name)
    page = template.render(**words.context, info=info, **values)
    return words.finish(page)


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
    """The language of a point's element: the page's, or the source's when the title and
    the text both stand in for missing translations, so the point reads as one
    sentence of the original rather than two fragments set in the page's direction."""
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
    """Where a page links: its language's front page, and a switcher showing the page's
    language (or pair) that opens onto the editions and the parallel editions.

    Each entry is written by a macro of ``nav.html.j2``.
    """

    home: str  #: the front page of the page's language
    current: Markup  #: what the closed switcher shows: the page's language, or its pair
    languages: Markup  #: ``<li>`` of each edition, one a line
    pairs: Markup  #: ``<li>`` of each parallel edition offered, one a line
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
    (:func:`_links`), and each page swaps in its own, marked current. A
    language's page offers the parallel editions it is in; a parallel
    edition, every other.
    """
    depth = page.count("/")
    links = _links(site, depth)
    languages, pairs = list(links.languages), list(links.pairs)
    home = site.prefix(depth) + front_path(langs[0])
    if len(langs) == 2:
        pair = Pair(*langs)
        if pair in links.pair_at:
            at = links.pair_at[pair]
            pairs[at] = _pair_link(
                site.prefix(depth) + parallel_path(pair, site.doc, "html"), pair, True
            )
        return Nav(home, _pair_names(pair), _lines(languages), _lines(pairs), Markup(""))
    lang = langs[0]
    if lang in links.language_at:
        href = site.prefix(depth) + edition_path(lang, site.doc, "html")
        languages[links.language_at[lang]] = _language_link(href, lang, True)
    if lang != site.policy.source_lang:  # a language's page offers the pairs it is in
        pairs = [pairs[at] for at in links.pairs_of.get(lang, ())]
    return Nav(home, _name(lang), _lines(languages), _lines(pairs), links.alternates)


class _Links(NamedTuple):
    """What every page of a document at one folder depth links to, written once."""

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
    pairs_of: dict[str, list[int]] = {}
    for at, pair in enumerate(site.pairs):
        pairs_of.setdefault(pair.first, []).append(at)
        pairs_of.setdefault(pair.second, []).append(at)
    return _Links(
        tuple(_language_link(href, lang, False) for lang, href in hrefs.items()),
        {lang: at for at, lang in enumerate(site.languages)},
        tuple(
            _pair_link(prefix + parallel_path(pair, site.doc, "html"), pair, False)
            for pair in site.pairs
        ),
        {pair: at for at, pair in enumerate(site.pairs)},
        {lang: tuple(places) for lang, places in pairs_of.items()},
        _alternates(hrefs, prefix + site.default()),
    )


def _alternates(hrefs: dict[str, str], default: str) -> Markup:
    """The ``<link rel="alternate" hreflang>`` of each language's page in ``hrefs``, and
    ``x-default`` to ``default``."""
    return _lines(
        (
            *(_alternate(locale_info(lang).bcp47, href) for lang, href in hrefs.items()),
            _alternate("x-default", default),
        )
    )


def _alternate(hreflang: str, href: str) -> Markup:
    return _nav_macros().alternate(hreflang, href)  # type: ignore[no-any-return]


def _name(lang: str) -> Markup:
    return _nav_macros().name(locale_info(lang))  # type: ignore[no-any-return]


def _pair_names(pair: Pair) -> Markup:
    first, second = locale_info(pair.first), locale_info(pair.second)
    return _nav_macros().pair_names(first, second)  # type: ignore[no-any-return]


def _language_link(href: str, lang: str, current: bool) -> Markup:
    return _nav_macros().language(Link(href, locale_info(lang), current))  # type: ignore[no-any-return]


def _pair_link(href: str, pair: Pair, current: bool) -> Markup:
    link = PairLink(href, locale_info(pair.first), locale_info(pair.second), current)
    return _nav_macros().pair(link)  # type: ignore[no-any-return]


def _nav_macros() -> Any:
    return _environment().get_template("nav.html.j2").module


def _head_macros() -> Any:
    return _environment().get_template("head.html.j2").module


# What the templates write: tuples, made by the hundred thousand in a large build.


class Cell(NamedTuple):
    """One segment's element, ready to write: its attributes and its inline HTML."""

    attrs: Markup
    html: Markup


class Body(NamedTuple):
    """An article's title and its blocks (on a page) or rows (in a parallel edition),
    each block ready to write, one after the other."""

    title: Cell
    blocks: tuple[Markup, ...]


def _article_links(article: Article) -> inline.Links:
    references = tuple(
        (r.label.lower(), r.href, r.title.text if r.title else "") for r in article.references
    )
    return inline.Links(references, tuple((n.label, n.number) for n in article.footnotes))


class _Blocks:
    """Writes an article's blocks as HTML in one language: ``lang`` is the language of
    the element they stand in, against which each segment is marked; ``prefix`` starts
    the footnotes' ids, so two columns of one page do not share them."""

    def __init__(self, article: Article, lang: str, prefix: str = "") -> None:
        self.article = article
        self.lang = lang
        self.prefix = prefix
        self.links = _article_links(article)
        self.referred: set[str] = set()

    def html(self, segment: Segment) -> Markup:
        return inline.to_html(segment.text, self.links)

    def marked(self, segment: Segment) -> Markup:
        html = self.html(segment)
        attrs = segment_attrs(segment, self.lang)
        return Markup(f"<span{attrs}>{html}</span>") if attrs else html

    def element(self, tag: str, segment: Segment, extra: str = "", classes: str = "") -> Markup:
        attrs = segment_attrs(segment, self.lang, classes)
        return Markup(f"<{tag}{extra}{attrs}>{self.html(segment)}</{tag}>")

    def block(self, block: Block, tight: bool = False) -> Markup:
        if isinstance(block, Paragraph):
            if tight:
                return self.marked(block.segment)
            classes = block.segment.kind if block.segment.kind in ("lede", "closing") else ""
            return self.element("p", block.segment, classes=classes)
        if isinstance(block, Heading):
            return self.element(f"h{block.level}", block.heading, f' id="{block.id}"')
        if isinstance(block, Section):
            return self.block(Heading(block.level, block.id, block.heading, True))
        if isinstance(block, List):
            return self.list(block)
        if isinstance(block, Quote):
            inner = "\n".join(self.block(b) for b in block.blocks)
            return Markup(f"<blockquote>\n{inner}\n</blockquote>")
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Image):
            return self.image(block)
        if isinstance(block, Code):
            language = block.info.split()[0] if block.info.strip() else ""
            attrs = f' class="language-{escape(language)}"' if language else ""
            return Markup(f"<pre><code{attrs}>{escape(block.text)}</code></pre>")
        if isinstance(block, Html):
            return Markup(block.text)  # noqa: S704 - the source's own HTML: the source is trusted
        return Markup("<hr>")

    def list(self, block: List) -> Markup:
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        items = []
        for item in block.items:
            parts = [self.block(b, block.tight) for b in item]
            if not block.tight:
                items.append("<li>\n" + "\n".join(parts) + "\n</li>" if parts else "<li></li>")
                continue
            text = "".join(
                ("" if at == 0 or isinstance(b, Paragraph) else "\n") + part
                for at, (b, part) in enumerate(zip(item, parts, strict=True))
            )
            end = "\n" if item and not isinstance(item[-1], Paragraph) else ""
            items.append(f"<li>{text}{end}</li>")
        body = "\n".join(items)
        return Markup(f"<{tag}{start}>\n{body}\n</{tag}>")

    def table(self, block: Table) -> Markup:
        def row(cells: tuple[Segment | None, ...], tag: str) -> str:
            out = []
            for cell, align in zip(cells, block.align, strict=False):
                style = f' style="text-align:{align}"' if align else ""
                out.append(self.element(tag, cell, style) if cell else f"<{tag}{style}></{tag}>")
            return "<tr>\n" + "\n".join(out) + "\n</tr>"

        lines = ["<table>", "<thead>", row(block.head, "th"), "</thead>"]
        if block.rows:
            lines += ["<tbody>", *(row(r, "td") for r in block.rows), "</tbody>"]
        return Markup("\n".join([*lines, "</table>"]))

    def image(self, block: Image) -> Markup:
        alt, attrs = "", Markup("")
        if block.alt is not None:
            alt = inline.to_text(block.alt.text)
            attrs = segment_attrs(block.alt, self.lang)
        img = Markup(f'<img src="{escape(block.src)}" alt="{escape(alt)}"{attrs}>')
        if block.title is None:
            return Markup(f"<p>{img}</p>")
        caption = block.title
        cap = f"<figcaption{segment_attrs(caption, self.lang)}>{escape(caption.text)}</figcaption>"
        return Markup(f"<figure>\n{img}\n{cap}\n</figure>")

    def footnotes(self) -> Markup:
        """The footnotes, each linked back to where the text first refers to it."""
        items = []
        for note in self.article.footnotes:
            back = f'<a href="#{self.prefix}fnref-{note.number}" class="footnote-backref">↩</a>'
            body = "\n".join(self.block(b) for b in note.blocks)
            if body.endswith("</p>"):
                body = body[: -len("</p>")] + f" {back}</p>"
            else:
                body += f"\n<p>{back}</p>"
            items.append(
                f'<li id="{self.prefix}fn-{note.number}" class="footnote-item">{body}\n</li>'
            )
        lines = ['<hr class="footnotes-sep">', '<div class="footnotes">']
        lines += ['<ol class="footnotes-list">', *items, "</ol>", "</div>"]
        return Markup("\n".join(lines))

    def notes(self, html: Markup) -> Markup:
        """``html`` with each footnote reference made a link; the first to each note
        carries the id its backlink points to."""

        def link(match: re.Match[str]) -> str:
            number = match[1]
            anchor = ""
            if number not in self.referred:
                self.referred.add(number)
                anchor = f' id="{self.prefix}fnref-{number}"'
            href = f"#{self.prefix}fn-{number}"
            return f'<sup class="footnote-ref"><a href="{href}"{anchor}>{number}</a></sup>'

        if not self.article.footnotes:
            return html
        return Markup(inline.NOTE_MARK.sub(link, str(html)))  # noqa: S704 - our own links


class Edition:
    """An article ready to render: its locale, its date, and each block's HTML.

    Made once per document and language, it serves the language's own page
    and every parallel edition the language is in: the source is in all of them,
    and its blocks are rendered once. Its segments are marked for two
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
        #: the language of the passages shown untranslated: the source's (None: none is)
        self.fallback = next(
            (locale_info(s.lang) for s in article.segments() if s.state is State.UNTRANSLATED),
            None,
        )
        self.title_text = inline.to_text(article.title.text)
        self.published = article.published
        self.published_text = info.format_date(self.published) if self.published else ""
        self.author = article.meta_value("author") or ""
        summary = article.field("summary") or article.field("description")
        self.summary = (
            Cell(segment_attrs(summary, info.code, "summary"), inline.to_html(summary.text))
            if summary
            else None
        )
        self._page: Body | None = None
        self._cells: Body | None = None
        self._points: dict[str, Markup] = {}  #: by anchor: the same on the page and in a column

    @property
    def page(self) -> Body:
        """The title and blocks as the edition's own page writes them."""
        if self._page is None:
            lang = self.info.code
            article = self.article
            blocks = _Blocks(article, lang)
            out = []
            for block in article.blocks:
                if isinstance(block, Section):
                    out.append(self._section(block))
                else:
                    out.append(blocks.block(block))
            if article.footnotes:
                out.append(blocks.footnotes())
            title = Cell(segment_attrs(article.title, lang), inline.to_html(article.title.text))
            self._page = Body(title, tuple(blocks.notes(html) for html in out))
        return self._page

    @property
    def cells(self) -> Body:
        """The title and rows as a column of a parallel edition writes them."""
        if self._cells is None:
            self._cells = Body(
                Cell(self.cell_attrs(self.article.title), inline.to_html(self.article.title.text)),
                (),
            )
        return self._cells

    def cell_attrs(self, segment: Segment | None = None) -> Markup:
        """A cell's ``lang``, ``dir`` and classes: the column's, or the segment's own
        when it is the original standing in for a missing translation."""
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

    def _section(self, section: Section) -> Markup:
        """The seed's section of points, on a page."""
        sid, n = section.id, section.level
        attrs = segment_attrs(section.heading, self.info.code)
        heading = f'<h{n} id="{sid}-heading"{attrs}>{inline.to_html(section.heading.text)}</h{n}>'
        lines = [f'<section id="{sid}" aria-labelledby="{sid}-heading">', heading, "<ol>"]
        for p in section.points:
            anchor = f"{sid}-{p.number}"
            lines.append(
                f'<li id="{anchor}"{point_attrs(p, self.info.code)}>{self._point(p, anchor)}</li>'
            )
        lines += ["</ol>", "</section>"]
        return Markup("\n".join(lines))

    def point_cell(self, point: Point) -> Markup:
        code = self.info.code
        return self.cell_attrs(point.text if point_lang(point, code) != code else None)


def _row(classes: str, first: str, second: str, id_: str = "") -> Markup:
    anchor = f' id="{id_}"' if id_ else ""
    return Markup(f'<div class="{classes}"{anchor}>\n{first}\n{second}\n</div>')


def _parallel_rows(a: Edition, b: Edition) -> Iterator[Markup]:
    """The rows of a parallel edition: each block of ``a`` beside the same of ``b``."""
    x_blocks = _Blocks(a.article, a.info.code)
    y_blocks = _Blocks(b.article, b.info.code, "b-")
    for x, y in zip(a.article.blocks, b.article.blocks, strict=True):
        if isinstance(x, Section) and isinstance(y, Section):
            yield _parallel_section(a, b, x, y)
        elif isinstance(x, Paragraph) and isinstance(y, Paragraph):
            kind = x.segment.kind
            classes = f"row {kind}" if kind in ("lede", "closing") else "row"
            yield _row(
                classes,
                f"<p{a.cell_attrs(x.segment)}>{x_blocks.notes(x_blocks.html(x.segment))}</p>",
                f"<p{b.cell_attrs(y.segment)}>{y_blocks.notes(y_blocks.html(y.segment))}</p>",
            )
        elif isinstance(x, Heading) and isinstance(y, Heading):
            n = x.level
            yield _row(
                "row",
                f'<h{n} id="{x.id}"{a.cell_attrs(x.heading)}>{x_blocks.html(x.heading)}</h{n}>',
                f"<h{n}{b.cell_attrs(y.heading)}>{y_blocks.html(y.heading)}</h{n}>",
            )
        elif isinstance(x, Code | Html | Rule):
            wide = '<div style="grid-column: 1 / -1">'  # both columns: the page's CSS is the seed's
            yield Markup(f'<div class="row">\n{wide}\n{x_blocks.block(x)}\n</div>\n</div>')
        else:
            yield _row(
                "row",
                f"<div{a.cell_attrs()}>\n{x_blocks.notes(x_blocks.block(x))}\n</div>",
                f"<div{b.cell_attrs()}>\n{y_blocks.notes(y_blocks.block(y))}\n</div>",
            )
    if a.article.footnotes:
        yield _row(
            "row",
            f"<div{a.cell_attrs()}>\n{x_blocks.notes(x_blocks.footnotes())}\n</div>",
            f"<div{b.cell_attrs()}>\n{y_blocks.notes(y_blocks.footnotes())}\n</div>",
        )


def _parallel_section(a: Edition, b: Edition, x: Section, y: Section) -> Markup:
    sid, n = x.id, x.level
    lines = [
        f'<section id="{sid}" aria-labelledby="{sid}-heading">',
        _row(
            "row",
            f'<h{n} id="{sid}-heading"{a.cell_attrs(x.heading)}>{inline.to_html(x.heading.text)}</h{n}>',
            f"<h{n}{b.cell_attrs(y.heading)}>{inline.to_html(y.heading.text)}</h{n}>",
        ),
    ]
    for p, q in zip(x.points, y.points, strict=True):
        anchor = f"{sid}-{p.number}"
        lines.append(
            _row(
                "row",
                f'<ol start="{p.number}"{a.point_cell(p)}><li>{a._point(p, anchor)}</li></ol>',
                f'<ol start="{q.number}"{b.point_cell(q)}><li>{b._point(q, anchor)}</li></ol>',
                anchor,
            )
        )
    lines.append("</section>")
    return Markup("\n".join(lines))


def render(article: Article | Edition, site: Site | None = None, page: str = "") -> str:
    """The HTML edition of ``article``, in its own language.

    With ``site``, the page carries the language switcher, the parallel
    editions it is in and ``hreflang`` alternates; ``page`` is its path in the
    build folder, from which links are made relative. With a base URL, also
    its canonical link, Open Graph, JSON-LD and its language's feed.
    """
    edition = article if isinstance(article, Edition) else Edition(article)
    return _page(
        "edition.html.j2",
        edition.info,
        site.policy.templates if site else "",
        edition=edition,
        nav=nav(site, page, (edition.info.code,)) if site else None,
        head=_edition_head(edition, site) if site else Markup(""),
        title_text=edition.title_text,
    )


def _edition_head(edition: Edition, site: Site) -> Markup:
    """What an edition's ``<head>`` holds besides its alternates: with a base URL, its
    language's feed, its canonical link, Open Graph and JSON-LD."""
    if not site.policy.base_url:
        return Markup("")
    from editions.render import feeds

    teaser = Teaser.of(edition.article)
    meta = feeds.article_meta(teaser, site.languages, site.policy)
    return _lines([_feed_link(site.policy, teaser.lang), _head_macros().article_head(meta)])


def _feed_link(policy: Policy, lang: str) -> Markup:
    """The ``<link>`` to ``lang``'s feed ("" without a base URL)."""
    if not policy.base_url:
        return Markup("")
    link: Markup = _head_macros().feed_link(
        url(policy, feed_path(lang)), locale_info(lang).native_name
    )
    return link


def render_parallel(
    first: Article | Edition, second: Article | Edition, site: Site | None = None, page: str = ""
) -> str:
    """``first`` and ``second`` side by side, one row per title, paragraph, heading, point
    and block (a list, quote, table or figure whole in each cell); code, raw HTML and
    rules, the same in both, span the row. The second column's footnotes have ids of
    their own.

    Each cell carries its own ``lang`` and ``dir``; the page takes the first
    language's, so the first column is on the side where that language starts.
    """
    a = first if isinstance(first, Edition) else Edition(first)
    b = second if isinstance(second, Edition) else Edition(second)
    return _page(
        "parallel.html.j2",
        a.info,
        site.policy.templates if site else "",
        columns=(a, b),
        first=a.cells,
        second=b.cells,
        rows=tuple(_parallel_rows(a, b)),
        nav=nav(site, page, (a.info.code, b.info.code)) if site else None,
        head=Markup(""),
        title_text=f"{a.title_text} · {b.title_text}",
    )


@dataclass(frozen=True)
class Entry:
    """One edition on the index."""

    info: LocaleInfo
    href: str
    coverage: Coverage | None  #: None for the original
    pair: str  #: link to the edition beside the original, or ""


def status_chunks(
    sites: list[Site], titles: dict[str, Segment], page: str = STATUS
) -> Iterator[str]:
    """The editors' page: every document, every published edition and how complete,
    piece by piece: each document's rows are made as it is reached, and the page, which
    lists every edition of every document, is never whole in memory."""
    policy = sites[0].policy if sites else Policy()
    source = locale_info(policy.source_lang)  # the page's language, and the original's
    words = _words(source, policy.templates)
    return words.stream(
        _environment(policy.templates)
        .get_template("status.html.j2")
        .generate(
            **words.context,
            info=source,
            source_info=source,
            documents=(_index_document(site, titles, page) for site in sites),
            home=href(policy, page, INDEX),
            nav=None,
            head=Markup('<meta name="robots" content="noindex">'),
            title_text="",
        )
    )


def _index_document(site: Site, titles: dict[str, Segment], page: str) -> dict[str, Any]:
    """What the index shows of one document."""
    coverage = dict(site.coverage)
    pairs = {
        p.second: site.href(page, parallel_path(p, site.doc, "html"))
        for p in site.pairs
        if p.first == site.policy.source_lang
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
        if p.first != site.policy.source_lang
    ]
    return {
        "site": site,
        "title": inline.to_text(titles[site.doc].text),
        "entries": entries,
        "extra": extra,
    }


class Card(NamedTuple):
    """One article on a front page, in its language."""

    href: str
    title: Cell  #: the title's element attributes (marked if the original stands in)
    published: date | None
    published_text: str
    summary: Cell | None


def _card(teaser: Teaser, page: str, policy: Policy) -> Card:
    info = locale_info(teaser.lang)
    title = Cell(segment_attrs(teaser.title, info.code), escape(inline.to_text(teaser.title.text)))
    summary = None
    if teaser.summary is not None:
        attrs = segment_attrs(teaser.summary, info.code, "summary")
        summary = Cell(attrs, inline.to_html(teaser.summary.text))
    return Card(
        href(policy, page, edition_path(teaser.lang, teaser.doc, "html")),
        title,
        teaser.published,
        info.format_date(teaser.published) if teaser.published else "",
        summary,
    )


def _titled(name: str, policy: Policy) -> str:
    """A page's ``<title>``: ``name``, after the site's name when it has one."""
    return f"{policy.site_name} · {name}" if policy.site_name else name


def _canonical(policy: Policy, page: str) -> Markup:
    if not policy.base_url:
        return Markup("")
    link: Markup = _head_macros().canonical(url(policy, page))
    return link


def render_front(
    lang: str, teasers: Iterable[Teaser], languages: Sequence[str], policy: Policy
) -> str:
    """``lang``'s front page: its articles (``teasers``), newest first, with a switcher
    to the front page of each of ``languages``."""
    page = front_path(lang)
    info = locale_info(lang)
    hrefs = {x: href(policy, page, front_path(x)) for x in languages}
    links = _lines(_language_link(target, x, x == lang) for x, target in hrefs.items())
    front_nav = Nav(
        home=hrefs[lang],
        current=_name(lang),
        languages=links,
        pairs=Markup(""),
        alternates=_alternates(hrefs, href(policy, page, INDEX)),
    )
    head = [_canonical(policy, page), _feed_link(policy, lang)]
    return _page(
        "front.html.j2",
        info,
        policy.templates,
        nav=front_nav,
        head=_lines(x for x in head if x),
        title_text=_titled(info.native_name, policy),
        heading=info.native_name,
        feed=url(policy, feed_path(lang)),
        articles=[_card(t, page, policy) for t in newest_first(teasers)],
    )


class EditionEntry(NamedTuple):
    """One language on the front page of editions."""

    info: LocaleInfo
    href: str  #: its front page
    latest: Card | None  #: its newest article


def render_editions(latest: dict[str, Teaser | None], policy: Policy) -> str:
    """The front page of editions: each language of ``latest`` by its own name, its
    newest article, and a link to the editors' status page."""
    page = INDEX
    hrefs = {lang: href(policy, page, front_path(lang)) for lang in latest}
    entries = [
        EditionEntry(locale_info(lang), hrefs[lang], _card(t, page, policy) if t else None)
        for lang, t in latest.items()
    ]
    head = [_alternates(hrefs, href(policy, page, INDEX)), _canonical(policy, page)]
    source = locale_info(policy.source_lang)  # the front page of editions speaks it
    return _page(
        "editions.html.j2",
        source,
        policy.templates,
        nav=None,
        head=_lines(x for x in head if x),
        title_text=policy.site_name,
        heading=policy.site_name,
        editions=entries,
        status=href(policy, page, STATUS),
    )
