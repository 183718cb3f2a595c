"""Translations are untrusted: whatever they say, an edition stays inert and keeps its shape."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import pseudo_po
from editions import catalog
from editions.localedata import locale_info
from editions.model import Article
from editions.project import Project
from editions.render import html as render_html
from editions.render import inline

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}
SAFE_SCHEMES = ("http:", "https:", "mailto:")


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of every <script>/<style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser.tags


#: The template's note that some passages are shown in English: no translation reaches it.
NOTICE = re.compile(r'<p class="notice"[^>]*>\n.*?</p>\n', re.S)


def shape(html: str) -> list[str]:
    """The page's elements outside the messages: what the template owns."""
    html = NOTICE.sub("", html, count=1)
    return [tag for tag, _ in elements(html) if tag not in inline.ALLOWED_TAGS | {"span"}]


def edition_with(article: Article, translate: dict[str, str], lang: str = "ur") -> str:
    po = pseudo_po(article, lang=lang, mark="{}")
    for entry in po:
        entry.msgstr = translate.get(entry.msgctxt, entry.msgstr)
    info = locale_info(lang)
    return render_html.render(catalog.localize(article, po, info))


def assert_inert(html: str, english: str) -> None:
    assert shape(html) == shape(english)
    for tag, attrs in elements(html):
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in URL_ATTRIBUTES and value is not None:
                lowered = value.strip().lower()
                assert ":" not in lowered.split("/")[0] or lowered.startswith(SAFE_SCHEMES), value
        assert tag not in {"script", "style", "iframe", "img", "object", "embed", "form"} or (
            tag == "style" and not attrs
        )


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<iframe src='https://example.org'></iframe>",
    "<style>body{display:none}</style>",
    "<!-- a comment --> and <b>unclosed",
    "[click](javascript:alert(1)) [x](JaVaScRiPt:alert(1)) [y]( javascript:alert(1))",
    "[d](data:text/html;base64,PHNjcmlwdD4=) [v](vbscript:msgbox(1))",
    "[e](&#106;avascript:alert(1)) [f](java&#x09;script:alert(1))",
    "<https://example.org> <javascript:alert(1)>",
    "# heading\n\n1. list\n- item\n> quote\n\n```\nfence\n```\n| a | b |\n|---|---|",
    "</p></li></ol></section><h1>fake</h1>",
    "\u202eevil\u202c and \u2067isolate",
    '" onmouseover="alert(1)',
]


def test_hostile_translations_stay_inert(article: Article) -> None:
    english = render_html.render(article)
    ids = [s.id for s in article.segments() if s.kind != "point-layout"]
    for text in HOSTILE:
        html = edition_with(article, dict.fromkeys(ids, text))
        assert_inert(html, english)
        assert "<script" not in html.lower().replace("&lt;script", "")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200), st.text(max_size=60))
def test_arbitrary_translations_never_break_an_edition(
    article: Article, text: str, title: str
) -> None:
    english = render_html.render(article)
    html = edition_with(article, {"lede": text, "concerns/point-1/title": title, "title": text})
    assert_inert(html, english)


def test_an_interrupted_build_leaves_the_old_editions_whole(
    project: Project, tmp_path: Path
) -> None:
    """Kill a build in the middle of writing; every edition is the old file or the whole new one."""
    from editions import cli

    assert cli.main(["-C", str(project.root), "build", "--lang", "en", "--quiet"]) == 0
    old = {
        p: p.read_bytes()
        for p in Path(project.build_dir).rglob("*.*")
        if p.suffix in (".md", ".html")
    }
    src = Path(project.source_path("article"))
    src.write_text(src.read_text("utf-8").replace("Balochistan", "Balochistan (new)"), "utf-8")
    # The child kills itself with SIGKILL half-way through writing its second file.
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from editions import cli, fsutil
        real = os.write
        count = 0
        def half(fd, data):
            global count
            count += 1
            if count == 2:
                real(fd, data[: len(data) // 2])
                os.kill(os.getpid(), signal.SIGKILL)
            return real(fd, data)
        fsutil.os.write = half
        sys.exit(cli.main(["-C", {str(project.root)!r}, "build", "--lang", "en", "--quiet"]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, env=os.environ.copy()
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    fresh = tmp_path / "fresh"
    assert (
        cli.main(["-C", str(project.root), "build", "--lang", "en", "-q", "--out", str(fresh)]) == 0
    )
    changed = 0
    for path, before in old.items():
        new = (fresh / path.relative_to(project.build_dir)).read_bytes()
        assert new != before
        now = path.read_bytes()
        assert now in (before, new), path
        changed += now == new
    assert changed == 0  # the edition's two files are staged before either is renamed
    # The killed run's temporary file is swept by the next write of the same file.
    assert cli.main(["-C", str(project.root), "build", "--lang", "en", "--quiet"]) == 0
    assert not [p for p in Path(project.build_dir).rglob("*.tmp")]
    assert {p: p.read_bytes() for p in old} == {
        p: (fresh / p.relative_to(project.build_dir)).read_bytes() for p in old
    }


def test_a_layout_is_filled_never_evaluated(article: Article) -> None:
    """Placeholders are replaced as text: no format-string lookups, no conversions."""
    html = edition_with(article, {"layout/point": "**{title}:** {text} {text!r} {0}"})
    assert "{text!r} {0}</li>" in html


def test_bidi_controls_end_with_their_message(article: Article) -> None:
    html = edition_with(
        article, {"concerns/point-1/title": "\u202eevil", "concerns/point-1/text": "\u2067x"}
    )
    point = html[html.index('<li id="concerns-1">') : html.index("</li>")]
    assert "\u202eevil\u202c" in point
    assert "\u2067x\u2069" in point


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters().filter(lambda c: bool(inline.PLAIN.fullmatch(c)))))
def test_plain_text_comes_out_as_the_whole_pipeline_makes_it(text: str) -> None:
    """Plain text skips Python-Markdown and nh3 (see ``inline.PLAIN``): the same HTML, as inert."""
    html = inline.to_html(text)
    assert html == inline._markdown_to_html(text)
    assert not set("<>&") & set(html)


def test_only_plain_text_skips_the_pipeline() -> None:
    for text in ["a\u00a0b", "\ufeffx", "two  \nlines", "a_b_", "x\x00y", "C:\\path", "\u202ex"]:
        assert not inline.PLAIN.fullmatch(text), text
    for text in HOSTILE:  # a quote is plain text: inert outside an attribute
        assert inline.to_html(text) == inline._markdown_to_html(text)


def test_a_write_sweeps_only_its_own_leftover_temporary_files(tmp_path: Path) -> None:
    from editions import fsutil

    mine = tmp_path / ".page.html.k1ll3d.tmp"
    others = [tmp_path / ".page.html.md.x.tmp", tmp_path / ".other.html.y.tmp"]
    for path in [mine, *others]:
        path.write_text("left over", "utf-8")
    assert fsutil.write_atomic(tmp_path / "page.html", "new", durable=False)
    assert not mine.exists()
    assert all(path.exists() for path in others)  # another writer's, perhaps still at work
    assert fsutil.write_atomic(tmp_path / "other.html", "new")
    assert not others[1].exists() and others[0].exists()
    assert (tmp_path / "page.html").read_text("utf-8") == "new"
    assert not fsutil.write_atomic(tmp_path / "page.html", "new")  # same bytes: untouched
    assert fsutil.write_atomic(tmp_path / "new" / "deep" / "a.html", "a")  # folders made
    (tmp_path / "file").write_text("x", "utf-8")
    with pytest.raises(FileExistsError):
        fsutil.write_atomic(tmp_path / "file" / "a.html", "a")


@pytest.mark.parametrize(
    "old",
    [None, "", "ab", "abc" * 40_000, "abc" * 30_000 + "x" + "abc" * 9_999, "abc" * 40_000 + "d"],
)
def test_a_file_is_written_unless_it_holds_the_same(tmp_path: Path, old: str | None) -> None:
    """Whether the file was the same, differed at its start, in the middle, past the end,
    or was missing: the answer says whether it was written, and no temporary file is left."""
    from editions import fsutil

    new = "abc" * 40_000
    path = tmp_path / "page.html"
    if old is not None:
        path.write_text(old, "utf-8")
    before = path.stat().st_mtime_ns if old is not None else None
    wrote = fsutil.write_atomic(path, new)
    assert wrote == (old != new)
    assert path.read_text("utf-8") == new
    if not wrote:
        assert path.stat().st_mtime_ns == before  # untouched
    assert [p.name for p in path.parent.iterdir()] == ["page.html"]


def test_staged_files_are_all_flushed_before_they_are_renamed_or_none_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from editions import fsutil

    paths = [tmp_path / f"{n}.po" for n in range(3)]
    paths[0].write_text("old", "utf-8")
    paths[0].chmod(0o640)
    flushed: list[int] = []
    fsync = os.fsync

    def counting(fd: int) -> None:
        flushed.append(fd)
        fsync(fd)

    monkeypatch.setattr(os, "fsync", counting)
    staged = fsutil.stage([(p, f"new {p.name}") for p in paths])
    assert len(flushed) == 3 and [p.exists() for p in paths] == [True, False, False]
    fsutil.commit(staged)
    assert [p.read_text("utf-8") for p in paths] == [f"new {p.name}" for p in paths]
    assert paths[0].stat().st_mode & 0o777 == 0o640 and paths[1].stat().st_mode & 0o777 == 0o644

    def failing(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(OSError, match="Input/output"):
        fsutil.stage([(p, "newer") for p in paths])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0.po", "1.po", "2.po"]  # none left
    assert fsutil.stage([(paths[0], "unflushed")], durable=False)  # no flush asked: none made


# -- Any article: lists, tables, footnotes, figures ----------------------------------------------

CORPUS = Path(__file__).parent / "data" / "corpus"


def corpus_article(name: str) -> Article:
    from editions import source

    return source.read(CORPUS / f"{name}.md", f"{name}.md")


def markdown_shape(text: str) -> list[tuple[str, int]]:
    """The block tokens of Markdown ``text`` as CommonMark reads it, and every raw HTML."""
    from editions import source

    found = []
    for token in source.parser().parse(text, {}):
        if token.type != "inline":
            found.append((token.type, token.level))
        found += [(c.type, -1) for c in token.children or [] if c.type.startswith("html")]
    return found


@pytest.mark.parametrize("name", ["explainer", "photo", "opinion"])
def test_hostile_translations_of_cells_items_notes_and_images_stay_inert(name: str) -> None:
    """Every message of an article with a table, lists, footnotes, figures and quotes set to
    hostile text: the HTML keeps its elements and no live markup; the Markdown edition
    reads as the same blocks, with no raw HTML."""
    from editions.render import markdown as render_markdown

    article = corpus_article(name)
    english = render_html.render(article)
    english_md = markdown_shape(render_markdown.render(article))
    images = [attrs.get("src") for tag, attrs in elements(english) if tag == "img"]
    ids = [s.id for s in article.segments() if s.kind != "point-layout"]
    for text in HOSTILE:
        po = pseudo_po(article, lang="ur", mark="{}")
        for entry in po:
            if entry.msgctxt in ids:  # the footnotes kept: one no text refers to is not shown
                entry.msgstr = " ".join([text, *re.findall(r"\[\^\w+\]", entry.msgid)])
        localized = catalog.localize(article, po, locale_info("ur"))
        html = render_html.render(localized)
        assert shape(html) == shape(english), text
        assert [a.get("src") for tag, a in elements(html) if tag == "img"] == images
        for tag, attrs in elements(html):
            assert not any(name.startswith("on") for name in attrs), (tag, attrs)
            for key in URL_ATTRIBUTES & set(attrs):
                value = (attrs[key] or "").strip().lower()
                assert ":" not in value.split("/")[0] or value.startswith(SAFE_SCHEMES), value
        assert "<script" not in html.lower().replace("&lt;script", "")
        assert markdown_shape(render_markdown.render(localized)) == english_md, text


def test_a_translated_cell_cannot_add_a_column() -> None:
    from editions.render import markdown as render_markdown

    article = corpus_article("explainer")
    po = pseudo_po(article, lang="fr", mark="{}")
    for entry in po:
        if entry.msgctxt == "in-numbers/table-1/r2/c1":
            entry.msgstr = "a | b | c\n| --- |"
    text = render_markdown.render(catalog.localize(article, po, locale_info("fr")))
    assert "| a \\| b \\| c \\| --- \\| |" in text
    assert markdown_shape(text) == markdown_shape(render_markdown.render(article))


# -- The Markdown editions are as inert as the HTML ----------------------------------------------


def markdown_live(text: str) -> list[str]:
    """What a CommonMark engine would make live in Markdown ``text``: raw HTML, and links
    or images to an address other than http, https, mailto or a relative one. The front
    matter is YAML, data for the site's templates: a site generator does not read it as
    Markdown."""
    from markdown_it import MarkdownIt

    if text.startswith("---\n"):
        text = text[text.index("\n---\n", 3) + 5 :]

    md = MarkdownIt("commonmark", {"html": True})
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    live = []
    for token in md.parse(text):
        if token.type == "html_block":
            live.append(token.content)
        for child in token.children or []:
            url = child.attrs.get("href", child.attrs.get("src"))
            if child.type == "html_inline":
                live.append(child.content)
            elif isinstance(url, str) and not browser_safe(url):
                live.append(url)
    return live


def browser_safe(url: str) -> bool:
    """Whether a browser, following ``url`` from a page, stays on the web: the scheme, as
    the URL standard reads it, is http, https or mailto, or there is none."""
    url = re.sub(r"[\t\n\r]", "", url).strip("\x00- ").lower()
    scheme = re.match(r"([a-z][a-z0-9+.-]*):", url)
    return scheme is None or scheme[1] in inline.URL_SCHEMES


MARKDOWN_HOSTILE = [
    *HOSTILE,
    "<iframe srcdoc='<script>alert(1)</script>'></iframe> <form action=x><button>go</button>",
    '<base href="https://evil.example/"> <meta http-equiv="refresh" content="0;url=x">',
    "\\`<b>` and \\\\<i>x</i> and `` ` ``<u>",
    "[a]: javascript:alert(1)\n[b]: data:text/html,x\n\n[a] [b]",
    "[x](<javascript:alert(1)>) [y](< javascript:alert(1)>) ![i](data:image/svg+xml,x)",
    "[z](javascript&colon;alert(1)) [w](java\\script:x) <JavaScript:alert(1)> <x@example.org>",
    "a\r# heading\r\n<script>alert(1)</script>\n***\n___",
    'text {: onclick="alert(1)"} and {#id}',
    "\u202eevil \u2066isolate \u202a",
]


def localized_everywhere(article: Article, text: str, lang: str = "ur") -> Article:
    """``article`` in ``lang`` with every message translated as ``text`` (the layout
    around it)."""
    po = pseudo_po(article, lang=lang, mark="{}")
    for entry in po:
        if entry.msgctxt == "layout/point":
            entry.msgstr = f"{text} {{title}} {text} {{text}} {text}"
        else:  # the footnote references kept: a note nothing refers to is not shown
            entry.msgstr = " ".join([text, *re.findall(r"\[\^\w+\]", entry.msgid)])
    return catalog.localize(article, po, locale_info(lang))


@pytest.mark.parametrize("name", ["explainer", "photo", "opinion", "live"])
@pytest.mark.parametrize("text", MARKDOWN_HOSTILE)
def test_markdown_editions_show_hostile_translations_as_text(name: str, text: str) -> None:
    from editions.render import markdown as render_markdown

    article = corpus_article(name)
    assert markdown_live(render_markdown.render(article)) == []
    localized = localized_everywhere(article, text)
    for edition in (
        render_markdown.render(localized),
        render_markdown.render_parallel(article, localized),
    ):
        assert markdown_live(edition) == [], text
        assert "\u202c" in edition or "\u202e" not in text  # every override closed


CONTROLS = "\x00\x07\x08\x0b\x0c\x0d\x1b\x7f\x85\x9b\xad\u180e\u2062\ufff9\U000e0041"


def shown(text: str) -> set[str]:
    return {c for c in text if catalog.HIDDEN.match(c)}


def test_controls_reach_no_edition(article: Article) -> None:
    """ESC, BEL, C1 controls, the soft hyphen...: shown as U+FFFD in ``<title>``, headings,
    the body and the Markdown editions."""
    from editions.render import markdown as render_markdown

    text = f"Te{CONTROLS}xt \x1b[31mred\x1b[0m"
    localized = localized_everywhere(article, text, "fr")
    html = render_html.render(localized)
    title = html[html.index("<title>") : html.index("</title>")]
    assert "\ufffd" * len(CONTROLS) in title
    for edition in (
        html,
        render_html.render_parallel(article, localized),
        render_markdown.render(localized),
        render_markdown.render_parallel(article, localized),
    ):
        assert shown(edition) == set()
        assert "Te" + "\ufffd" * len(CONTROLS) + "xt \ufffd[31mred\ufffd[0m" in edition


MARKUP = st.sampled_from(
    [
        "<",
        ">",
        "</",
        "<!--",
        "<?",
        "<![CDATA[",
        "<script>",
        "<img src=x onerror=alert(1)>",
        "`",
        "``",
        "\\",
        "[",
        "]",
        "](",
        ")",
        "![",
        "]:",
        "[^",
        "*",
        "_",
        "**",
        "#",
        ">",
        "-",
        "1.",
        "|",
        "{:",
        "&",
        "&#106;",
        "&colon;",
        "javascript:",
        "data:",
        "vbscript:",
        "https://e.org",
        "mailto:a@b.c",
        " ",
        "\n",
        "\n\n",
        "\t",
        "\r",
        "\u202e",
        "\u2067",
        "\u202c",
        "\u2069",
        "\xad",
        "\x1b",
        "\x85",
        "\u200b",
        "\ufeff",
        "a",
    ]
)
HOSTILE_TEXT = st.one_of(
    st.lists(st.one_of(MARKUP, st.text(max_size=8)), max_size=40).map("".join),
    st.text(max_size=200),
    st.tuples(MARKUP, st.integers(1, 3000)).map(lambda t: t[0] * t[1]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=HOSTILE_TEXT, title=HOSTILE_TEXT)
def test_any_translation_is_checked_and_every_edition_is_inert(
    article: Article, text: str, title: str
) -> None:
    """Whatever a translation says: ``check`` finishes, the HTML edition keeps its elements
    and has nothing live, the Markdown editions have no raw HTML and no dangerous link as
    a CommonMark engine reads them, and no edition shows a control character."""
    from editions import checks
    from editions.render import markdown as render_markdown

    po = pseudo_po(article, lang="fr", mark="{}")
    chosen = {
        "lede": text,
        "concerns/point-1/title": title,
        "title": text,
        "concerns/heading": title,
    }
    for entry in po:
        entry.msgstr = chosen.get(entry.msgctxt, entry.msgstr)
    checks.check_catalog(po, "", "fr.po", "fr", article)
    localized = catalog.localize(article, po, locale_info("fr"))
    html = render_html.render(localized)
    assert_inert(html, render_html.render(article))
    for edition in (
        render_markdown.render(localized),
        render_markdown.render_parallel(article, localized),
    ):
        assert markdown_live(edition) == []
        assert shown(edition) == set()
    assert shown(html) == set()


# -- Bounded cost ---------------------------------------------------------------------------------


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail a test that runs for more than ten seconds (a quadratic path on the inputs
    below takes minutes)."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError("more than 10 s")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(10)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def pathological(size: int) -> dict[str, str]:
    """Messages of about ``size`` characters that a quadratic path takes minutes over."""
    n = size // 4
    return {
        "brackets": "[" * size,
        "images": "![" * (size // 2),
        "footnotes": "[^" * (size // 2),
        "links": "[x](" * n,
        "backticks": "`" * size + "<b>",
        "backtick runs": "```a" * n + "<b>",
        "stars": "*" * (size // 2) + "a" + "*" * (size // 2),
        "underscores": "_a" * (size // 2),
        "nesting": "*_" * (size // 4) + "a" + "_*" * (size // 4),
        "quotes": "> " * (size // 2),
        "tags": "<a " * (size // 3),
        "escapes": "\\`" * (size // 2) + "<b>",
    }


PATHOLOGICAL = sorted(pathological(1))


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_messages_take_time_in_proportion_to_their_size(
    name: str, alarm: None
) -> None:
    """Three times the size a catalog may hold, through every check and both renderers."""
    from editions import checks
    from editions.render import markdown as render_markdown

    text = pathological(3 * catalog.MAX_MESSAGE)[name]
    message = checks.Message("lede", "The English.", text, locale_info("fr"), "lede")
    for _, check in checks.MESSAGE_CHECKS:
        list(check(message))
    assert "<b" not in render_markdown.inline(text).replace("&lt;", "")
    assert "<b" not in inline.to_html(text)


def set_message(project: Project, msgctxt: str, text: str) -> int:
    """Translate ``msgctxt`` of the French catalog as ``text``; the line of its msgstr."""
    from editions.po.read import read_po
    from editions.po.write import format_po

    path = project.po_path("fr", "article")
    po = read_po(path)
    for entry in po:
        if entry.msgctxt == msgctxt:
            entry.msgstr = text
    Path(path).write_text(format_po(po), "utf-8")
    lines = Path(path).read_text("utf-8").split("\n")
    start = lines.index(f'msgctxt "{msgctxt}"')
    return next(n for n in range(start, len(lines)) if lines[n].startswith("msgstr")) + 1


@pytest.mark.parametrize("name", ["brackets", "backticks", "nesting", "quotes"])
def test_pathological_messages_are_checked_and_built_in_bounded_time(
    project: Project, name: str, alarm: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from editions import cli

    set_message(project, "lede", pathological(catalog.MAX_MESSAGE - 10)[name])
    cli.main(["-C", str(project.root), "check", "--lang", "fr"])
    assert cli.main(["-C", str(project.root), "build", "--lang", "fr", "-q"]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_a_message_over_the_limit_is_an_error_at_its_line_and_never_published(
    project: Project, alarm: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from editions import cli

    line = set_message(project, "lede", "[" * 40_000)
    assert cli.main(["-C", str(project.root), "check", "--lang", "fr"]) == 1
    out = capsys.readouterr().out
    assert f"locales/fr/LC_MESSAGES/article.po:{line}: error: a translation of 40,000 " in out
    assert cli.main(["-C", str(project.root), "build", "--lang", "fr", "-q"]) == 0
    edition = (Path(project.build_dir) / "fr" / "article.md").read_text("utf-8")
    assert "[[[" not in edition
