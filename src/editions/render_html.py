"""Render an article as a standalone HTML5 edition, through a Jinja2 template.

The template owns every element; each message fills one element as inline
content (:mod:`editions.inline`). The page's ``lang`` and ``dir`` come from
CLDR; a segment shown in English because it has no usable translation
carries ``lang="en" dir="ltr"`` on its own element, so screen readers and the
bidi algorithm treat it as the English it is, and a class that marks it.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import jinja2
from markupsafe import Markup

from editions import inline
from editions.localedata import LocaleInfo, locale_info
from editions.model import Article, Point, Segment, State

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


def segment_attrs(segment: Segment, page_lang: str) -> Markup:
    """The attributes that mark a segment not written in the page's language.

    >>> from editions.model import Segment, State
    >>> s = Segment("title", "title", "T", "a.md", 1, "", state=State.UNTRANSLATED)
    >>> segment_attrs(s, "ur")
    Markup(' lang="en" dir="ltr" class="untranslated"')
    """
    parts = []
    if segment.lang != page_lang:
        info = locale_info(segment.lang)
        parts.append(f' lang="{info.bcp47}" dir="{info.direction}"')
    if segment.state is State.UNTRANSLATED and segment.lang != page_lang:
        parts.append(' class="untranslated"')
    elif segment.state is State.FUZZY:
        parts.append(' class="fuzzy"')
    return Markup("".join(parts))


def _inline(segment: Segment, page_lang: str, wrap: bool) -> Markup:
    html = inline.to_html(segment.text)
    attrs = segment_attrs(segment, page_lang)
    if wrap and attrs:
        return Markup(f"<span{attrs}>{html}</span>")
    return html


def point_html(layout: Segment, point: Point, page_lang: str) -> Markup:
    """A point's title and text set into the (translated) layout."""
    shell = inline.to_html(layout.text)
    head, _, tail = str(shell).partition("{text}")
    title = str(_inline(point.title, page_lang, wrap=True))
    text = str(_inline(point.text, page_lang, wrap=True))
    return Markup(head.replace("{title}", title) + text + tail.replace("{title}", title))


def render(article: Article, info: LocaleInfo) -> str:
    """The HTML edition of ``article`` in the language ``info``."""
    published = article.meta_value("date")
    when = date.fromisoformat(published) if published else None
    template = _environment().get_template("edition.html.j2")
    lang = info.code
    return template.render(
        article=article,
        info=info,
        title_text=inline.to_text(article.title.text),
        published=when,
        published_text=info.format_date(when) if when else "",
        counter_style=COUNTER_STYLES.get(info.numbering_system, "decimal"),
        attrs=lambda s: segment_attrs(s, lang),
        html=lambda s: _inline(s, lang, wrap=False),
        point=lambda p: point_html(article.point_layout, p, lang),  # type: ignore[arg-type]
    )
