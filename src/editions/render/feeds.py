"""What the site tells feed readers, search engines and social networks.

- An Atom feed per language (:func:`feed`), written by feedgen: the language's
  dated articles, newest first, each with its absolute address as its id, its
  date as published and updated, its summary, and the feed's ``xml:lang``.
  Nothing in it comes from the clock: the feed's ``updated`` is its newest
  article's date (the Unix epoch when it has none), and the generator line
  carries no version. An undated article has no place in a feed, whose
  entries must have a date: it is on its language's front page only.
- ``sitemap.xml`` (:func:`sitemap`), written with ElementTree: every front page
  and every edition, each with ``xhtml:link rel="alternate" hreflang`` for each
  language of the same page and ``x-default`` (the front page of editions for
  the front pages, the original for an article's editions: one of the set, so
  every set is closed), and ``lastmod`` from the
  article's date. Parallel editions are not in it: each is two editions that
  are in it already, and no ``hreflang`` names a page in two languages.
- On every edition's page, a canonical link, Open Graph and JSON-LD
  ``NewsArticle`` (:func:`article_meta`). JSON-LD is written with
  :func:`json_ld`, which escapes ``<``, ``>`` and ``&``, so no translation can
  end the ``<script>`` element it stands in.

All of it needs absolute addresses: it is written only with a base URL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from typing import Any, NamedTuple
from xml.etree import ElementTree as ET

from markupsafe import Markup

from editions.localedata import LocaleInfo, locale_info
from editions.render import inline
from editions.site import (
    INDEX,
    Policy,
    Site,
    Teaser,
    edition_path,
    feed_path,
    front_path,
    newest_first,
    url,
)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
#: A feed with no dated article is as old as can be, never as new as the clock.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
GENERATOR = "editions"


def moment(day: date) -> datetime:
    """A publication date as the start of its day in UTC, as feeds want a time.

    >>> moment(date(2026, 11, 25)).isoformat()
    '2026-11-25T00:00:00+00:00'
    """
    return datetime.combine(day, time(), tzinfo=UTC)


def json_ld(data: dict[str, Any]) -> Markup:
    """``data`` as JSON for a ``<script type="application/ld+json">``: no ``<``, ``>`` or
    ``&`` in it, so nothing in it can end the element.

    >>> json_ld({"headline": "</script><script>alert(1)</script> & more"})
    Markup('{"headline": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e \\\\u0026 more"}')
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # noqa: S704 - JSON with every character that could end the element escaped


def og_locale(info: LocaleInfo) -> str:
    """The language's tag as Open Graph writes locales, with ``_``.

    >>> og_locale(locale_info("zh_Hans"))
    'zh_Hans'
    """
    return info.bcp47.replace("-", "_")


class ArticleMeta(NamedTuple):
    """What an edition's page says of itself in its ``<head>``."""

    url: str
    title: str
    description: str
    locale: str
    alternate_locales: tuple[str, ...]
    site_name: str
    published: str
    json_ld: Markup


def article_meta(teaser: Teaser, languages: Sequence[str], policy: Policy) -> ArticleMeta:
    """The canonical link, Open Graph and JSON-LD of ``teaser``'s edition, one of the
    editions of its document in ``languages``; the source language's is the original the
    others translate. Only with a base URL."""
    info = locale_info(teaser.lang)
    source_lang, site_name = policy.source_lang, policy.site_name
    address = url(policy, edition_path(teaser.lang, teaser.doc, "html"))
    title = inline.to_text(teaser.title.text)
    description = inline.to_text(teaser.summary.text) if teaser.summary else ""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "inLanguage": info.bcp47,
        "url": address,
        "mainEntityOfPage": address,
    }
    if teaser.published:
        data["datePublished"] = teaser.published.isoformat()
    if teaser.author:
        data["author"] = {"@type": "Person", "name": teaser.author}
    else:  # the publisher answers for an article no one signs
        data["author"] = {"@type": "Organization", "name": site_name or _host(policy)}
    if description:
        data["description"] = description
    if teaser.lang != source_lang:
        original = url(policy, edition_path(source_lang, teaser.doc, "html"))
        data["translationOfWork"] = {"@type": "NewsArticle", "@id": original, "url": original}
    return ArticleMeta(
        url=address,
        title=title,
        description=description,
        locale=og_locale(info),
        alternate_locales=tuple(
            og_locale(locale_info(lang)) for lang in languages if lang != teaser.lang
        ),
        site_name=site_name,
        published=teaser.published.isoformat() if teaser.published else "",
        json_ld=json_ld(data),
    )


def feed(lang: str, teasers: Iterable[Teaser], policy: Policy) -> bytes:
    """The Atom feed of ``lang``: its dated ``teasers``, newest first."""
    from feedgen.feed import FeedGenerator

    site_name = policy.site_name
    info = locale_info(lang)
    dated = [t for t in newest_first(teasers) if t.published is not None]
    front = url(policy, front_path(lang))
    generator = FeedGenerator()
    generator.id(front)
    generator.title(f"{site_name} · {info.native_name}" if site_name else info.native_name)
    generator.author({"name": site_name or _host(policy)})
    generator.link(href=front, rel="alternate", type="text/html", hreflang=info.bcp47)
    generator.link(href=url(policy, feed_path(lang)), rel="self")
    generator.language(info.bcp47)
    generator.generator(GENERATOR)
    generator.updated(moment(dated[0].published) if dated[0:1] and dated[0].published else EPOCH)
    for teaser in dated:
        assert teaser.published is not None  # the dated only
        address = url(policy, edition_path(lang, teaser.doc, "html"))
        entry = generator.add_entry(order="append")
        entry.id(address)
        entry.title(inline.to_text(teaser.title.text))
        # feedgen 1.0 writes an entry's link with its href alone: Atom reads it as alternate
        entry.link(href=address, rel="alternate", type="text/html", hreflang=info.bcp47)
        entry.published(moment(teaser.published))
        entry.updated(moment(teaser.published))
        if teaser.author:
            entry.author({"name": teaser.author})
        if teaser.summary:
            entry.summary(inline.to_text(teaser.summary.text))
    data: bytes = generator.atom_str(pretty=True)
    return data


def _host(policy: Policy) -> str:
    """The host of the base URL: who publishes a feed when the site has no name."""
    from urllib.parse import urlsplit

    return urlsplit(policy.base_url).hostname or policy.base_url


class Place(NamedTuple):
    """One page in the sitemap: its address, its date, and the same page in each language."""

    loc: str
    lastmod: date | None
    alternates: tuple[tuple[str, str], ...]  #: (hreflang, address), ``x-default`` last


def sitemap(places: Iterable[Place]) -> bytes:
    """``sitemap.xml`` listing ``places``, in the sitemap protocol's XML."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for place in places:
        item = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(item, f"{{{SITEMAP_NS}}}loc").text = place.loc
        if place.lastmod:
            ET.SubElement(item, f"{{{SITEMAP_NS}}}lastmod").text = place.lastmod.isoformat()
        for hreflang, address in place.alternates:
            link = {"rel": "alternate", "hreflang": hreflang, "href": address}
            ET.SubElement(item, f"{{{XHTML_NS}}}link", link)
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def places(
    sites: Sequence[Site], teasers: dict[tuple[str, str], Teaser], policy: Policy
) -> list[Place]:
    """Every page of the sitemap: the front page of editions and each language's, then
    each document's editions; ``teasers`` by document and language, for their dates."""
    home = url(policy, INDEX)
    languages = list(dict.fromkeys(lang for site in sites for lang in site.languages))
    newest: dict[str, date] = {}
    for teaser in teasers.values():
        if teaser.published and teaser.published > newest.get(teaser.lang, date.min):
            newest[teaser.lang] = teaser.published
    fronts = (
        *((locale_info(lang).bcp47, url(policy, front_path(lang))) for lang in languages),
        ("x-default", home),
    )
    found = [Place(home, max(newest.values(), default=None), fronts)]
    found += [Place(url(policy, front_path(lang)), newest.get(lang), fronts) for lang in languages]
    for site in sites:
        editions = (
            *(
                (locale_info(lang).bcp47, url(policy, edition_path(lang, site.doc, "html")))
                for lang in site.languages
            ),
            ("x-default", url(policy, site.default())),
        )
        for lang, (_, address) in zip(site.languages, editions, strict=False):
            known = teasers.get((site.doc, lang))
            found.append(Place(address, known.published if known else None, editions))
    return found
