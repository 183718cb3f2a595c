"""The site's own pages, of step 5 of :mod:`editions.build` (``build --all``).

:func:`site_pages` names them: the front page of editions, each language's front page,
the editors' status page, and with a base URL each language's feed and the sitemap.
:func:`write_site_pages` writes them when their key (the tool's code, every document's
source and catalogs, the sites) or one of their files changed since the last build. What
they show of each document in each language it is published in (its teaser) comes from
the workers that read it, else from the state of the last build, else from its catalog,
read here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace

from editions.document import DocResult, Page, edition_key, last_read_key, localized, page_record
from editions.errors import EditionsError
from editions.fsutil import write_atomic
from editions.model import Article
from editions.project import Project
from editions.site import (
    INDEX,
    SITEMAP,
    STATUS,
    Policy,
    Site,
    Teaser,
    feed_path,
    front_path,
    newest_first,
)
from editions.state import BuildState, digest


def site_pages(sites: list[Site], policy: Policy) -> list[str]:
    """The site's own pages, in the build folder: the front page of editions, the status
    page, each published language's front page, and with a base URL each one's feed and
    the sitemap."""
    langs = site_languages(sites)
    pages = [INDEX, STATUS, *(front_path(lang) for lang in langs)]
    if policy.base_url:
        pages += [*(feed_path(lang) for lang in langs), SITEMAP]
    return pages


def site_languages(sites: list[Site]) -> list[str]:
    """Every language published in any of ``sites``: the source's first, then by code.

    >>> from editions.site import Site, Policy
    >>> site_languages([Site("a", ("en", "ur"), (), (), Policy()), Site("b", ("fr",), (), (), Policy())])
    ['en', 'fr', 'ur']
    """
    found = {lang for site in sites for lang in site.languages}
    sources = {site.policy.source_lang for site in sites}
    return sorted(found, key=lambda lang: (lang not in sources, lang))


def write_site_pages(
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
    seen = [(page_record(p, os.path.join(out, p.path)), state.outputs.get(p.path)) for p in pages]
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
        recorded = page_record(page, path)
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
        self.langs = site_languages(sites)
        self.by_lang: dict[str, list[Teaser]] = {lang: [] for lang in self.langs}
        for (_, lang), teaser in sorted(teasers.items()):
            self.by_lang.setdefault(lang, []).append(teaser)

    def render(self, path: str) -> str | bytes:
        """The page at ``path``, one of :func:`site_pages`."""
        from editions.render import feeds
        from editions.render import html as render_html

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
            return feeds.feed(lang, self.by_lang[lang], self.policy)
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
        (r.doc, lang): edition_key(code, r.source, catalog, policy.use_fuzzy_of(lang))
        for r in results
        for lang, catalog in r.catalogs
    }
    found = {(t.doc, t.lang): t for result in results for t in result.teasers}
    for place, key in keys.items():
        last = state.teasers.get(last_read_key(*place))
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
        last_read_key(*place): {**teaser.to_json(), "key": keys[place]}
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
            last = state.teasers.get(last_read_key(*place))
            found[place] = (
                Teaser.from_json(last) if last else replace(Teaser.of(article), lang=lang)
            )
