"""Snapshots of the site the repository publishes: each page read and reviewed like code.

A change to a catalog, the source, a template or a renderer shows here as a
diff of the pages a reader gets. Every edition is pinned, in Markdown and in
HTML; so are the index and the parallel editions of one left-to-right and
one right-to-left language beside English, and of two right-to-left languages.
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


def test_index(site: Path, file_regression: FileRegressionFixture) -> None:
    check(site, "index.html", file_regression)
