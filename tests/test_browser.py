"""The site in a real browser: Playwright driving Debian's Chromium.

For every edition and every parallel edition: the page loads with no console
error, ``lang`` and ``dir`` are right, right-to-left text starts at the right
edge of its box, the language switcher and the section anchors navigate, and a
screenshot is kept under ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from conftest import ROOT
from editions import build
from editions.localedata import locale_info
from editions.project import Project

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = ROOT / "test-artifacts" / "screenshots"
LANGUAGES = build.all_languages(Project(ROOT))
VIEWPORT: ViewportSize = {"width": 1200, "height": 900}
PAIRS = [f"en-{lang}" for lang in LANGUAGES if lang != "en"] + ["ur-ar"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).is_file(), "Chromium is missing: run 'bash scripts/system-deps.sh'"
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Tab:
    """One page, kept open for the whole module: opening a page starts a renderer process."""

    def __init__(self, browser: Browser) -> None:
        self.context = browser.new_context(viewport=VIEWPORT)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))


@pytest.fixture(scope="module")
def tab(browser: Browser) -> Iterator[Tab]:
    tab = Tab(browser)
    yield tab
    tab.context.close()


@pytest.fixture
def page(tab: Tab) -> Iterator[Page]:
    """The module's page, blank, at the default size and on screen, with no error seen yet."""
    tab.page.goto("about:blank")
    tab.page.set_viewport_size(VIEWPORT)
    tab.page.emulate_media(media="null")
    tab.errors.clear()
    yield tab.page
    assert tab.errors == [], tab.errors


def shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


#: Where a block's first character is drawn, against the block's own box.
FIRST_CHARACTER = """(el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT,
        {acceptNode: (n) => n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP});
    const text = walker.nextNode();
    const start = text.textContent.search(/\\S/);
    const range = document.createRange();
    range.setStart(text, start);
    range.setEnd(text, start + 1);
    const c = range.getBoundingClientRect(), box = el.getBoundingClientRect();
    const style = getComputedStyle(el), px = (name) => parseFloat(style[name]) || 0;
    const left = box.left + px("borderLeftWidth") + px("paddingLeft");
    const right = box.right - px("borderRightWidth") - px("paddingRight");
    return {left: c.left - left, right: right - c.right,
            direction: getComputedStyle(el).direction, align: getComputedStyle(el).textAlign};
}"""


def assert_reads_from(page: Page, selector: str, direction: str) -> None:
    """The block's first character sits at its start edge: the right one for right-to-left."""
    where = page.locator(selector).first.evaluate(FIRST_CHARACTER)
    assert where["direction"] == direction, (selector, where)
    start, end = ("right", "left") if direction == "rtl" else ("left", "right")
    assert where[start] < 2, (selector, where)
    assert where[end] > 20, (selector, where)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_edition_in_the_browser(site: Path, page: Page, lang: str) -> None:
    info = locale_info(lang)
    page.goto((site / lang / "article.html").as_uri())
    root = page.locator("html")
    assert (root.get_attribute("lang"), root.get_attribute("dir")) == (info.bcp47, info.direction)
    # The lede is in the page's language unless it fell back to English, which says so.
    lede = page.locator("p.lede").first
    lede_dir = lede.get_attribute("dir") or info.direction
    assert_reads_from(page, "p.lede", lede_dir)
    assert_reads_from(page, "h2", page.locator("h2").first.get_attribute("dir") or info.direction)
    shoot(page, f"edition-{lang}")

    # The anchor brings its section to the top of the window.
    page.goto((site / lang / "article.html").as_uri() + "#concerns")
    top = page.locator("#concerns").evaluate("(el) => el.getBoundingClientRect().top")
    assert abs(top) < 2 and page.evaluate("window.scrollY") > 100

    # The switcher goes to every other edition; the current one is marked.
    current = page.locator('nav.editions a[aria-current="page"]')
    assert current.get_attribute("hreflang") == info.bcp47
    other = next(x for x in LANGUAGES if x != lang)
    page.locator(f'nav.editions a[hreflang="{locale_info(other).bcp47}"]').click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/{other}/article.html")
    assert page.locator("html").get_attribute("lang") == locale_info(other).bcp47


@pytest.mark.parametrize("pair", PAIRS)
def test_a_parallel_edition_in_the_browser(site: Path, page: Page, pair: str) -> None:
    first, second = (locale_info(x) for x in pair.split("-"))
    page.goto((site / "parallel" / pair / "article.html").as_uri())
    root = page.locator("html")
    assert (root.get_attribute("lang"), root.get_attribute("dir")) == (first.bcp47, first.direction)
    cells = page.locator("main .row").nth(2).locator(".cell")  # the lede
    assert cells.count() == 2
    for i, info in enumerate((first, second)):
        cell = cells.nth(i)
        if "untranslated" in (cell.get_attribute("class") or ""):
            info = locale_info("en")  # English standing in, and saying so
        assert (cell.get_attribute("lang"), cell.get_attribute("dir")) == (
            info.bcp47,
            info.direction,
        )
        assert_reads_from(page, f"main .row.lede > .cell:nth-child({i + 1})", info.direction)
    # Side by side: the two cells of a row share their top.
    a, b = (cells.nth(i).bounding_box() for i in range(2))
    assert a and b and abs(a["y"] - b["y"]) < 1
    # The first language sits on its own start side.
    assert (a["x"] < b["x"]) == (first.direction == "ltr")
    shoot(page, f"parallel-{pair}")

    # On a narrow screen each row stacks, the second language under the first.
    page.set_viewport_size({"width": 400, "height": 800})
    a, b = (cells.nth(i).bounding_box() for i in range(2))
    assert a and b and b["y"] >= a["y"] + a["height"] - 1
    shoot(page, f"parallel-{pair}-narrow")
    # Printed, the rows are side by side again.
    page.emulate_media(media="print")
    a, b = (cells.nth(i).bounding_box() for i in range(2))
    assert a and b and abs(a["y"] - b["y"]) < 1


def test_the_index_in_the_browser(site: Path, page: Page) -> None:
    page.goto((site / "index.html").as_uri())
    links = page.locator("main.index tbody th a")
    assert links.count() == len(LANGUAGES)
    for lang in LANGUAGES:
        link = page.locator(f'main.index a[href="{lang}/article.html"]')
        assert link.get_attribute("dir") == locale_info(lang).direction
    # The bar is as long as the share translated.
    for lang in LANGUAGES:
        bar = page.locator(f'tr:has(a[href="{lang}/article.html"]) .bar')
        done = bar.locator(".done").bounding_box()
        whole = bar.bounding_box()
        label = bar.get_attribute("aria-label") or ""
        assert done and whole
        if label == "100% translated" or label == "original":
            assert abs(done["width"] - whole["width"]) < 1
        else:
            assert done["width"] < whole["width"]
    shoot(page, "index")
    page.locator('a[href="parallel/en-ur/article.html"]').click()
    page.wait_for_load_state()
    assert page.url.endswith("/parallel/en-ur/article.html")
