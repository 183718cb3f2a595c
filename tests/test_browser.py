"""The site in a real browser: Playwright driving Debian's Chromium.

For every edition and every parallel edition: the page loads with no console
error, ``lang`` and ``dir`` are right, right-to-left text starts at the right
edge of its box, the language switcher and the section anchors navigate, and a
screenshot is kept under ``test-artifacts/screenshots/``. The switcher takes one
line on a phone; English standing in for a translation keeps its Latin line
height on a right-to-left page; every front page, and the article in Urdu,
Arabic and Chinese, is shot at a phone's width and a desktop's.
"""

from __future__ import annotations

import shutil
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

    # The switcher shows the page's language, and opens onto every other edition, the
    # current one marked, and the page beside English.
    switcher = page.locator("nav.editions details")
    assert info.native_name in switcher.locator("summary").inner_text()
    assert not page.locator("nav.editions .menu").is_visible()
    switcher.locator("summary").click()
    assert page.locator("nav.editions .menu").is_visible()
    current = page.locator('nav.editions a[aria-current="page"]')
    assert current.get_attribute("hreflang") == info.bcp47
    if lang != "en":
        assert page.locator(
            f'nav.editions a[href="../parallel/en-{lang}/article.html"]'
        ).is_visible()
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


def test_the_status_page_in_the_browser(site: Path, page: Page) -> None:
    page.goto((site / "status.html").as_uri())
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
    shoot(page, "status")
    page.locator('a[href="parallel/en-ur/article.html"]').click()
    page.wait_for_load_state()
    assert page.url.endswith("/parallel/en-ur/article.html")


PHONE: ViewportSize = {"width": 360, "height": 780}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
FRONT_PAGES = ["index.html", *(f"{lang}/index.html" for lang in LANGUAGES)]


@pytest.mark.parametrize("front", FRONT_PAGES)
def test_every_front_page_at_a_phones_width_and_a_desktops(
    site: Path, page: Page, front: str
) -> None:
    name = "front" if front == "index.html" else f"front-{front.split('/')[0]}"
    page.goto((site / front).as_uri())
    articles = page.locator("main.front h2 a")
    assert articles.count() >= 1
    for size, label in ((PHONE, "360"), (DESKTOP, "1280")):
        page.set_viewport_size(size)
        # Nothing wider than the window: no sideways scrolling.
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
        shoot(page, f"{name}-{label}")
    if front != "index.html":  # a language's front page reads in its own direction
        lang = front.split("/")[0]
        assert page.locator("html").get_attribute("dir") == locale_info(lang).direction
        assert_reads_from(page, "main.front h1", locale_info(lang).direction)
    # A title standing in English for a missing translation is marked, as on the article.
    for fallback in page.locator("main.front .untranslated").all():
        assert fallback.get_attribute("lang") == "en"
        width = fallback.evaluate("(el) => getComputedStyle(el).borderInlineStartWidth")
        assert width == "3px", (front, width)
    articles.first.click()  # the language's front page from the front of editions
    page.wait_for_load_state()
    assert page.url.endswith("/en/index.html" if front == "index.html" else "/article.html")


@pytest.mark.parametrize("lang", [x for x in ("ur", "ar", "zh_Hans") if x in LANGUAGES])
@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["360", "1280"])
def test_the_article_at_a_phones_width_and_a_desktops(
    site: Path, page: Page, lang: str, size: ViewportSize
) -> None:
    page.set_viewport_size(size)
    page.goto((site / lang / "article.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    assert_reads_from(page, "p.lede", locale_info(lang).direction)
    shoot(page, f"article-{lang}-{size['width']}")


#: The height of one line of the switcher's own text, and of the navigation bar.
NAV_LINE = """() => {
    const nav = document.querySelector("nav.editions");
    const style = getComputedStyle(nav);
    const inner = nav.getBoundingClientRect().height
        - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)
        - parseFloat(style.borderTopWidth) - parseFloat(style.borderBottomWidth);
    const items = [...nav.children].map((el) => el.getBoundingClientRect());
    const summary = nav.querySelector("summary").getBoundingClientRect();
    const home = nav.querySelector(".home").getBoundingClientRect();
    return {inner, tallest: Math.max(...items.map((r) => r.height)),
            summary: summary.height, home: home.height,
            sameRow: Math.abs((summary.top + summary.bottom) - (home.top + home.bottom)) / 2};
}"""


@pytest.mark.parametrize(
    "path", [f"{lang}/article.html" for lang in LANGUAGES] + ["parallel/en-ur/article.html"]
)
def test_the_switcher_takes_one_line_on_a_phone(site: Path, page: Page, path: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto((site / path).as_uri())
    line = page.evaluate(NAV_LINE)
    # The front page link and the switcher sit side by side, each on a single line: the
    # bar is as tall as its tallest item, and no item is two lines of its own text high.
    assert line["sameRow"] < 2, line
    assert line["inner"] <= line["tallest"] + 1, line
    summary = page.locator("nav.editions summary")
    one_line = summary.evaluate(
        "(el) => parseFloat(getComputedStyle(el).lineHeight) * 1.9"
        " + parseFloat(getComputedStyle(el).paddingTop) * 2 + 2"
    )
    assert line["summary"] < one_line, line
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    if path.startswith("ur/"):
        summary.click()
        shoot(page, "switcher-ur-360-open")


@pytest.fixture(scope="module")
def fallback_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site with the Urdu lede left untranslated: English standing in, marked."""
    from conftest import ROOT as root
    from editions import cli
    from editions.po import read, write

    folder = tmp_path_factory.mktemp("fallback")
    for name in ("source_text", "locales"):
        shutil.copytree(root / name, folder / name)
    path = folder / "locales/ur/LC_MESSAGES/article.po"
    po = read.read_po(path)
    (lede,) = [e for e in po if e.msgctxt == "lede"]
    lede.msgstr = ""
    path.write_text(write.format_po(po), "utf-8")
    assert cli.main(["-C", str(folder), "build", "--lang", "ur", "--lang", "en", "-q"]) == 0
    return folder / "build"


METRICS = """(el) => {
    const style = getComputedStyle(el);
    return {lineHeight: style.lineHeight, fontFamily: style.fontFamily,
            fontSize: style.fontSize, lang: el.closest("[lang]").lang};
}"""


def test_english_inside_a_right_to_left_page_keeps_latin_metrics(
    fallback_site: Path, page: Page
) -> None:
    page.goto((fallback_site / "en/article.html").as_uri())
    english = page.locator("p.lede").evaluate(METRICS)
    page.goto((fallback_site / "ur/article.html").as_uri())
    lede = page.locator("p.lede")
    assert (lede.get_attribute("lang"), lede.get_attribute("dir")) == ("en", "ltr")
    fallback = lede.evaluate(METRICS)
    assert fallback == english
    # The Urdu around it keeps its own, taller, Nastaliq lines.
    urdu = page.locator("h2").first.evaluate(METRICS)
    assert urdu["lang"] == "ur" and "Nastaliq" in urdu["fontFamily"]
    shoot(page, "fallback-ur")
