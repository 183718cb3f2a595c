"""Articles as a newsroom writes them, each through extract, a pseudo-translation and a build.

Each shape in ``tests/data/corpus`` (and the seed) is extracted, translated by a
catalog that wraps every message in ``⟦…⟧`` (so any text that bypasses the
catalog shows), and built in French and in Urdu. Every edition must have the
element tree of the source's CommonMark rendering (markdown-it-py's own HTML),
compared by shape, not text; the English Markdown edition must render to the
source's HTML. Snapshots pin each shape's template and two of its editions.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_regressions.file_regression import FileRegressionFixture

from conftest import ROOT, Checked, checks_html, pseudo_po
from editions import catalog, source
from editions.errors import EditionsError
from editions.localedata import locale_info
from editions.model import Article
from editions.po.read import parse_po
from editions.po.write import format_po
from editions.render import html as render_html
from editions.render import markdown as render_markdown

CORPUS = ROOT / "tests" / "data" / "corpus"
SHAPES = sorted(p.stem for p in CORPUS.glob("*.md"))
SEED = ROOT / "source_text" / "article.md"
LANGS = ["fr", "ur"]

#: Elements whose shape is compared; others (section, header, span, div...) are wrappers.
SHAPE_TAGS = {f"h{n}" for n in range(1, 7)} | {
    "p", "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr", "th", "td",
    "img", "pre", "code", "hr", "a", "em", "strong", "sup", "br", "iframe",
}  # fmt: skip
VOID = {"img", "hr", "br"}
#: The page's own paragraphs in its header: not in the source's rendering.
HEADER_EXTRAS = re.compile(
    r'<p[^>]*class="(?:dateline|byline|notice|summary)[^"]*"[^>]*>.*?</p>\n?', re.DOTALL
)


def path_of(shape: str) -> Path:
    return SEED if shape == "seed" else CORPUS / f"{shape}.md"


def read(shape: str) -> Article:
    return source.read(path_of(shape), f"{shape}.md")


class Shape(HTMLParser):
    """The tree of an HTML fragment as tags, opened and closed; a figure reads as the
    paragraph CommonMark puts an image in, its caption (the image's title) left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.caption = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "figcaption":
            self.caption += 1
        elif tag == "figure":
            self.tags.append("p")
        elif tag in SHAPE_TAGS and not self.caption:
            self.tags.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "figcaption":
            self.caption -= 1
        elif tag == "figure":
            self.tags.append("/p")
        elif tag in SHAPE_TAGS and tag not in VOID and not self.caption:
            self.tags.append("/" + tag)


def shape_of(html: str) -> list[str]:
    parser = Shape()
    parser.feed(html)
    parser.close()
    return parser.tags


def article_html(page: str, article: Article) -> str:
    """The article of an HTML edition, without the page's own header lines."""
    body = page[page.index("<article>") : page.index("</article>")]
    body = HEADER_EXTRAS.sub("", body)
    if not article.title_in_body:  # the headline is the front matter's: no '#' in the source
        body = re.sub(r"<h1[^>]*>.*?</h1>", "", body, count=1, flags=re.DOTALL)
    return body


def reference(shape: str) -> list[str]:
    """The shape of markdown-it-py's rendering of the source."""
    return shape_of(source.parser().render(path_of(shape).read_text("utf-8")))


def pseudo(article: Article, lang: str) -> Article:
    po = parse_po(format_po(pseudo_po(article, lang)).encode(), "pseudo.po")[0]
    return catalog.localize(article, po, locale_info(lang))


class Words(HTMLParser):
    """The text a reader sees, outside code and footnote numbers, and every image's alt."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.alts: list[str] = []
        self.code = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("code", "pre", "sup", "iframe"):
            self.code += 1
        if tag == "img":
            self.alts.append(dict(attrs).get("alt") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "pre", "sup", "iframe"):
            self.code -= 1

    def handle_data(self, data: str) -> None:
        if not self.code:
            self.text.append(data)


def outside_the_catalog(html: str) -> tuple[str, list[str]]:
    """What of ``html`` is not wrapped in ``⟦…⟧``: letters that bypassed the catalog."""
    words = Words()
    words.feed(html)
    text = re.sub(r"⟦.*?⟧", "", "".join(words.text), flags=re.DOTALL)
    return re.sub(r"[^A-Za-z]", "", text), [a for a in words.alts if not a.startswith("⟦")]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("shape", [*SHAPES, "seed"])
def test_every_edition_has_the_structure_of_the_source(shape: str, lang: str) -> None:
    article = read(shape)
    localized = pseudo(article, lang)
    expected = reference(shape)
    page = render_html.render(localized)
    assert f'dir="{locale_info(lang).direction}"' in page[: page.index("<head>")]
    assert shape_of(article_html(page, localized)) == expected
    assert outside_the_catalog(article_html(page, localized)) == ("", [])
    assert shape_of(article_html(render_html.render(article), article)) == expected
    markdown = render_markdown.render(localized)
    assert shape_of(source.parser().render(markdown)) == expected
    parallel = render_html.render_parallel(article, localized)
    assert parallel.count("<h1") == 2
    render_markdown.render_parallel(article, localized)


def without_comments(html: str) -> str:
    return re.sub(r"<!--.*?-->\n?", "", html, flags=re.DOTALL)


@pytest.mark.parametrize("shape", [*SHAPES, "seed"])
def test_the_english_markdown_edition_renders_as_its_source(shape: str) -> None:
    article = read(shape)
    edition = render_markdown.render(article)
    md = source.parser()
    assert without_comments(md.render(edition)) == without_comments(
        md.render(path_of(shape).read_text("utf-8"))
    )
    again = source.parse(edition, "edition.md", article.doc)
    assert [(s.id, s.text) for s in again.segments()] == [
        (s.id, s.text) for s in article.segments()
    ]


@pytest.mark.parametrize("shape", SHAPES)
def test_snapshots(shape: str, file_regression: FileRegressionFixture) -> None:
    article = read(shape)
    pot = format_po(catalog.to_pot(article, article.path))
    file_regression.check(pot, basename=f"{shape}", extension=".pot")
    fr = render_html.render(pseudo(article, "fr"))
    file_regression.check(fr, basename=f"{shape}.fr", extension=".html")
    ur = render_markdown.render(pseudo(article, "ur"))
    file_regression.check(ur, basename=f"{shape}.ur", extension=".md")


def test_comments_are_guidance_never_messages() -> None:
    article = read("feature")
    texts = " ".join(s.text for s in article.segments())
    assert "check figures" not in texts and "bombardment" not in texts
    heading = next(
        s
        for s in article.segments()
        if s.id.endswith("a-barrage-built-for-another-century/heading")
    )
    assert heading.comment.endswith('\n"barrage" is the dam\'s name here, not a bombardment')
    for lang in ["en", *LANGS]:
        edition = article if lang == "en" else pseudo(article, lang)
        assert "<!--" not in render_html.render(edition)


def test_front_matter_dates_and_fields() -> None:
    live, photo = read("live"), read("photo")
    assert str(live.published) == "2026-11-25"
    assert str(read("brief").published) == "2026-11-25"
    assert photo.title.id == "title" and photo.title.text == "A Day at the Lahore Book Fair"
    assert [s.id for s in photo.segments()][:2] == ["title", "meta/summary"]
    page = render_html.render(pseudo(photo, "ur"))
    assert '<p class="summary">⟦Readers, sellers' in page
    assert '<p class="byline">Sara Khan</p>' in render_html.render(read("interview"))
    assert 'title: "⟦A Day at the Lahore Book Fair⟧"' in render_markdown.render(pseudo(photo, "ur"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('---\ndate: "next week"\n---\n# T\n', "date '\"next week\"' is not a date"),
        ("---\ndate: 2026-13-40\n---\n# T\n", "is not a date"),
    ],
)
def test_a_bad_date_is_located_at_extract(text: str, message: str) -> None:
    with pytest.raises(EditionsError) as info:
        source.parse(text, "doc.md", "doc")
    assert (info.value.line, message in info.value.message) == (2, True)


@checks_html
def corpus_pages(folder: Path) -> list[Path]:
    """Every shape's editions and parallel editions, in French and in Urdu."""
    pages = []
    for shape in SHAPES:
        article = read(shape)
        for lang in LANGS:
            localized = pseudo(article, lang)
            for name, html in [
                (f"{shape}.{lang}.html", render_html.render(localized)),
                (f"{shape}.en-{lang}.html", render_html.render_parallel(article, localized)),
            ]:
                (folder / name).write_text(html, "utf-8")
                pages.append(folder / name)
    return pages


def test_every_corpus_page_is_valid_html5(html_checked: Checked) -> None:
    messages = html_checked.messages(*html_checked.pages["corpus_pages"])
    problems = [
        f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
        or (m["type"] == "info" and m.get("subType") == "warning")
        if not m["message"].startswith("CSS: ")
    ]
    assert problems == []


# -- Any CommonMark document --------------------------------------------------------------------

WORD = st.sampled_from(
    ["news", "city", "vote", "rain", "port", "tax", "river", "desk", "a", "1990"]
)
PHRASE = st.lists(WORD, min_size=1, max_size=5).map(" ".join)
INLINE = st.one_of(
    PHRASE,
    PHRASE.map(lambda p: f"*{p}*"),
    PHRASE.map(lambda p: f"**{p}**"),
    PHRASE.map(lambda p: f"[{p}](https://example.org)"),
    PHRASE.map(lambda p: f"`{p}`"),
)
TEXT = st.lists(INLINE, min_size=1, max_size=4).map(" ".join)


def _blocks(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    def indent(text: str, width: int) -> str:
        return text.replace("\n", "\n" + " " * width)

    return st.one_of(
        st.lists(inner, min_size=1, max_size=3).map(
            lambda items: "\n".join(f"- {indent(i, 2)}" for i in items)
        ),
        st.lists(inner, min_size=1, max_size=3).map(
            lambda items: "\n\n".join(f"{n}. {indent(i, 3)}" for n, i in enumerate(items, 1))
        ),
        inner.map(lambda b: "\n".join(f"> {line}" if line else ">" for line in b.split("\n"))),
    )


BLOCK = st.recursive(TEXT, _blocks, max_leaves=6)
DOCUMENT_BLOCK = st.one_of(
    BLOCK,
    st.tuples(st.integers(1, 6), TEXT).map(lambda h: "#" * h[0] + " " + h[1]),
    st.tuples(TEXT, TEXT).map(lambda c: f"| {c[0]} | {c[1]} |\n|---|:-:|\n| {c[1]} | |"),
    PHRASE.map(lambda p: f"```\n{p}\n```"),
    st.just("***"),
    PHRASE.map(lambda p: f"![{p}](x.png)"),
    PHRASE.map(lambda p: f'![{p}](x.png "{p}")'),
    PHRASE.map(lambda p: f"<!-- i18n: {p} -->"),
)
DOCUMENT = st.lists(DOCUMENT_BLOCK, max_size=8).map(lambda b: "# Title\n\n" + "\n\n".join(b) + "\n")


def prose_words(text: str) -> list[str]:
    """The words markdown-it-py shows a reader, outside code and comments."""
    words = []
    for token in source.parser().parse(text, {}):
        for child in token.children or []:
            if child.type == "text" or child.type == "image":
                words += re.findall(r"\w+", child.content)
    return words


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENT)
def test_any_document_is_extracted_whole(text: str) -> None:
    article = source.parse(text, "any.md", "any")
    words = " ".join(s.text for s in article.segments())
    for word in prose_words(text):
        assert word in words
    again = source.parse(render_markdown.render(article), "again.md", "any")
    assert [s.text for s in again.segments()] == [s.text for s in article.segments()]
    expected = shape_of(source.parser().render(text))
    assert shape_of(article_html(render_html.render(article), article)) == expected


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from("ab #>-*1.|`[]()!^:\n<>_"), max_size=120))
def test_arbitrary_text_is_extracted_or_refused_with_its_line(text: str) -> None:
    text = "# T\n\n" + text
    try:
        article = source.parse(text, "any.md", "any")
    except EditionsError as exc:
        assert exc.path == "any.md" and exc.line is not None
        return
    expected = shape_of(source.parser().render(text))
    assert shape_of(article_html(render_html.render(article), article)) == expected
    assert shape_of(source.parser().render(render_markdown.render(article))) == expected
