"""Snapshots of the site the repository publishes: each page read and reviewed like code.

A change to a catalog, the source, a template or a renderer shows here as a
diff of the pages a reader gets. Every edition is pinned, in Markdown and in
HTML; so are the index and the parallel editions of one left-to-right and
one right-to-left language beside English, and of two right-to-left languages; the
front page of editions, the front pages of a right-to-left and a left-to-right
language, the editors' status page; and, as published with a base URL, a feed,
the sitemap and the head of an edition (canonical link, Open Graph, JSON-LD).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_regressions.file_regression import FileRegressionFixture

from conftest import ROOT
from editions import build
from editions.project import Project

LANGUAGES = build.all_languages(Project(ROOT))
PARALLEL = ["en-fr", "en-ur", "ur-ar"]


def check(site: Path, page: str, file_regression: FileRegressionFixture) -> None:
    path = site / page
    name = page.replace("/", ".").removesuffix(path.suffix)
    file_regression.check(
        path.read_text("utf-8"), basename=name, extension=path.suffix, encoding="utf-8"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_markdown_edition(site: Path, lang: str, file_regression: FileRegressionFixture) -> None:
    check(site, f"{lang}/article.md", file_regression)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_html_edition(site: Path, lang: str, file_regression: FileRegressionFixture) -> None:
    check(site, f"{lang}/article.html", file_regression)


@pytest.mark.parametrize("pair", [p for p in PARALLEL if set(p.split("-")) <= set(LANGUAGES)])
@pytest.mark.parametrize("suffix", ["md", "html"])
def test_parallel_edition(
    site: Path, pair: str, suffix: str, file_regression: FileRegressionFixture
) -> None:
    check(site, f"parallel/{pair}/article.{suffix}", file_regression)


def test_front_page_of_editions(site: Path, file_regression: FileRegressionFixture) -> None:
    check(site, "index.html", file_regression)


@pytest.mark.parametrize("lang", ["ur", "fr"])
def test_front_page(site: Path, lang: str, file_regression: FileRegressionFixture) -> None:
    check(site, f"{lang}/index.html", file_regression)


def test_status_page(site: Path, file_regression: FileRegressionFixture) -> None:
    check(site, "status.html", file_regression)


def published(site: Path, page: str, file_regression: FileRegressionFixture) -> None:
    path = site / page
    name = "published." + page.replace("/", ".").removesuffix(path.suffix)
    file_regression.check(
        path.read_text("utf-8"), basename=name, extension=path.suffix, encoding="utf-8"
    )


@pytest.mark.parametrize("page", ["ur/feed.atom", "sitemap.xml", "ur/index.html"])
def test_published(published_site: Path, page: str, file_regression: FileRegressionFixture) -> None:
    published(published_site, page, file_regression)


def test_published_edition_head(
    published_site: Path, file_regression: FileRegressionFixture
) -> None:
    """What an Urdu edition tells search engines and social networks, in its ``<head>``."""
    html = (published_site / "ur/article.html").read_text("utf-8")
    head = html[: html.index("<style>")]
    file_regression.check(head, basename="published.ur.article.head", extension=".html")
