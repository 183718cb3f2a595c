"""The published site: index, switcher, hreflang, parallel editions, publication policy."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from editions import build, cli, document, sitepages, source
from editions.errors import EditionsError
from editions.localedata import locale_info
from editions.project import Project
from editions.site import Policy, check_out
from editions.state import FILENAME


def run(project: Project, *args: str) -> int:
    return cli.main(["-C", str(project.root), *args])


class Elements(HTMLParser):
    """Every start tag of a page, with its attributes, and the text inside each ``<a>``."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [
            a
            for t, a in self.tags
            if t == tag and all(a.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]


def page(project: Project, path: str) -> Elements:
    return Elements((Path(project.build_dir) / path).read_text("utf-8"))


def published(project: Project) -> list[str]:
    return build.all_languages(project)


def test_build_all_writes_every_edition_the_parallel_editions_and_the_status_page(
    project: Project,
) -> None:
    assert run(project, "build", "--all", "-q") == 0
    langs = published(project)
    assert len(langs) > 1
    for lang in langs:
        for suffix in ("md", "html"):
            assert (Path(project.build_dir) / lang / f"article.{suffix}").is_file()
        if lang != "en":
            for suffix in ("md", "html"):
                assert (Path(project.build_dir) / f"parallel/en-{lang}/article.{suffix}").is_file()
    status = page(project, "status.html")
    for lang in langs:
        info = locale_info(lang)
        (link,) = status.find("a", href=f"{lang}/article.html")
        assert (link["lang"], link["dir"], link["hreflang"]) == (
            info.bcp47,
            info.direction,
            info.bcp47,
        )
    text = (Path(project.build_dir) / "status.html").read_text("utf-8")
    for lang in langs:
        info = locale_info(lang)
        assert f">{info.native_name}</a>" in text and f"<td>{info.english_name}</td>" in text


def test_each_edition_links_to_every_edition_and_marks_its_own(project: Project) -> None:
    assert run(project, "build", "--all", "-q") == 0
    langs = published(project)
    for lang in langs:
        html = page(project, f"{lang}/article.html")
        links = [a for a in html.find("a") if a.get("hreflang")]
        assert [a["hreflang"] for a in links] == [locale_info(x).bcp47 for x in langs]
        (current,) = [a for a in links if a.get("aria-current") == "page"]
        assert current["href"] == f"../{lang}/article.html"  # the page itself
        alternates = [a for a in html.find("link", rel="alternate") if "hreflang" in a]
        assert [a["hreflang"] for a in alternates] == [
            *(locale_info(x).bcp47 for x in langs),
            "x-default",
        ]
        assert alternates[-1]["href"] == "../en/article.html"  # x-default: the original
        # The parallel edition with English is linked from both of its languages.
        if lang != "en":
            assert html.find("a", href=f"../parallel/en-{lang}/article.html")
            assert page(project, "en/article.html").find(
                "a", href=f"../parallel/en-{lang}/article.html"
            )


def test_anchors_are_the_same_in_every_language(project: Project) -> None:
    assert run(project, "build", "--all", "-q") == 0

    def ids(path: str) -> list[str]:
        return [a["id"] for _, a in page(project, path).tags if "id" in a]

    english = ids("en/article.html")
    assert "concerns" in english and "prospects-2" in english
    for lang in published(project):
        assert ids(f"{lang}/article.html") == english
        if lang != "en":
            assert set(english) <= set(ids(f"parallel/en-{lang}/article.html"))


def test_a_base_url_makes_every_link_absolute(project: Project) -> None:
    assert run(project, "build", "--all", "-q", "--base-url", "https://example.org/news/") == 0
    html = page(project, "ur/article.html")
    hrefs = [a["href"] for a in html.find("link", rel="alternate") if "hreflang" in a]
    assert "https://example.org/news/ur/article.html" in hrefs
    assert all(h.startswith("https://example.org/news/") for h in hrefs)
    assert hrefs[-1] == "https://example.org/news/en/article.html"


def test_the_date_is_written_in_each_languages_own_way(project: Project) -> None:
    assert run(project, "build", "--lang", "fa", "--lang", "en", "-q") == 0
    fa = (Path(project.build_dir) / "fa/article.html").read_text("utf-8")
    assert '<time datetime="2026-11-25">۲۵ نوامبر ۲۰۲۶</time>' in fa
    en = (Path(project.build_dir) / "en/article.html").read_text("utf-8")
    assert '<time datetime="2026-11-25">November 25, 2026</time>' in en


# -- parallel editions ---------------------------------------------------------------------------


def test_a_parallel_edition_aligns_every_segment_with_its_own_lang_and_dir(
    project: Project,
) -> None:
    assert run(project, "build", "--parallel", "en:ur", "-q") == 0
    html = page(project, "parallel/en-ur/article.html")
    cells = [a for _, a in html.tags if "cell" in a.get("class", "").split()]
    # title, date, lede, closing, 6 headings and 12 points, each in two cells
    assert len(cells) == 2 * (1 + 1 + 1 + 1 + 6 + 12)
    assert [(c["lang"], c["dir"]) for c in cells[:2]] == [("en", "ltr"), ("ur", "rtl")]
    assert all(
        (c["lang"], c["dir"]) == (("en", "ltr") if i % 2 == 0 else ("ur", "rtl"))
        for i, c in enumerate(cells)
    )
    (root,) = html.find("html")
    assert (root["lang"], root["dir"]) == ("en", "ltr")
    assert not (Path(project.build_dir) / "ur").exists()  # only the pair was asked for


def test_any_pair_can_be_built_and_the_first_language_sets_the_page(project: Project) -> None:
    assert run(project, "build", "--parallel", "ur:ar", "-q") == 0
    html = page(project, "parallel/ur-ar/article.html")
    (root,) = html.find("html")
    assert (root["lang"], root["dir"]) == ("ur", "rtl")


def test_a_parallel_markdown_edition_alternates_blocks(project: Project) -> None:
    assert run(project, "build", "--parallel", "en:ur", "-q") == 0
    md = (Path(project.build_dir) / "parallel/en-ur/article.md").read_text("utf-8")
    blocks = md.split("\n\n")
    assert blocks[1].startswith("# Pakistan Faces")
    assert blocks[2].startswith("# ") and "بلوچستان" in blocks[2]
    assert "## Human Rights Concerns in Balochistan {#concerns}" in blocks
    heading = blocks.index("## Human Rights Concerns in Balochistan {#concerns}")
    assert blocks[heading + 1].startswith("## ") and "{#" not in blocks[heading + 1]
    # A point's translation is a paragraph of the same list item.
    assert blocks[heading + 2].startswith("1. **Allegations of Abuse:**")
    assert blocks[heading + 3].startswith("   **")


def test_a_pair_with_an_unknown_language_is_an_error(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(project, "build", "--parallel", "en:xx") == cli.EXIT_ERROR
    assert "no catalog for 'xx'" in capsys.readouterr().err
    assert run(project, "build", "--parallel", "en") == cli.EXIT_ERROR
    assert "malformed pair 'en'" in capsys.readouterr().err


# -- publication policy --------------------------------------------------------------------------


def test_min_complete_leaves_out_a_partial_language_and_says_why(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(project, "build", "--all", "-q") == 0
    assert (Path(project.build_dir) / "bal/article.html").is_file()
    assert run(project, "build", "--all", "-q", "--min-complete", "90") == 0
    err = capsys.readouterr().err
    assert re.search(
        r"not published: bal \(article\): \d+% translated, below --min-complete 90%", err
    )
    # Not built, not listed, not linked, and the pages of the earlier build are gone.
    assert not (Path(project.build_dir) / "bal").exists()
    assert not (Path(project.build_dir) / "parallel/en-bal").exists()
    for path in Path(project.build_dir).rglob("*.html"):
        assert "bal/article.html" not in path.read_text("utf-8"), path
    # Complete languages are still published.
    assert (Path(project.build_dir) / "ur/article.html").is_file()


def test_by_default_a_partial_language_is_published_with_english_marked(
    project: Project,
) -> None:
    assert run(project, "build", "--lang", "bal", "-q") == 0
    html = page(project, "bal/article.html")
    fallback = [a for _, a in html.tags if "untranslated" in a.get("class", "").split()]
    # Every passage in English says so; one more mark is the notice's sample.
    marked = [a for a in fallback if "lang" in a]
    assert len(marked) > 10 and len(fallback) == len(marked) + 1
    assert all((a["lang"], a["dir"]) == ("en", "ltr") for a in marked)
    assert html.find("p", class_="notice")
    text = (Path(project.build_dir) / "bal/article.html").read_text("utf-8")
    assert re.search(r"\d+ of 33 passages are not yet translated", text)
    # 33: the point layout is a message, not a passage a reader sees.
    assert not [a for _, a in html.tags if "fuzzy" in a.get("class", "").split()]


def test_fuzzy_translations_are_used_only_on_request_and_marked(project: Project) -> None:
    assert run(project, "build", "--lang", "bal", "-q", "--use-fuzzy") == 0
    html = page(project, "bal/article.html")
    fuzzy = [a for _, a in html.tags if "fuzzy" in a.get("class", "").split()]
    assert fuzzy and all("lang" not in a or a["lang"] == "bal" for a in fuzzy)


def test_the_status_page_shows_how_complete_each_edition_is(project: Project) -> None:
    assert run(project, "build", "--all", "-q") == 0
    text = (Path(project.build_dir) / "status.html").read_text("utf-8")
    rows = re.findall(r'<tr>\n<th scope="row"><a href="([^/]+)/article.html".*?</tr>', text, re.S)
    assert rows == published(project)
    ur = re.search(r'href="ur/article.html".*?</tr>', text, re.S)
    bal = re.search(r'href="bal/article.html".*?</tr>', text, re.S)
    assert ur and 'aria-label="100% translated"' in ur.group(0)
    assert bal and 'aria-label="100% translated"' not in bal.group(0)
    assert bal and re.search(r"\(\d+ of 33 in English\)", bal.group(0))


# -- incremental and parallel builds -------------------------------------------------------------


def mtimes(folder: str | Path) -> dict[str, int]:
    root = Path(folder)
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def test_a_build_with_nothing_changed_writes_nothing(project: Project) -> None:
    assert run(project, "build", "--all", "-q") == 0
    before = mtimes(project.build_dir)
    report = build.build(project, build.all_languages(project), site=True)
    assert report.written == [] and report.removed == []
    assert mtimes(project.build_dir) == before


def test_touching_one_catalog_rebuilds_only_what_depends_on_it(project: Project) -> None:
    assert run(project, "build", "--all", "-q") == 0
    po = Path(project.po_path("ur", "article"))
    po.write_text(po.read_text("utf-8").replace('"بلوچستان', '"بلوچستان ', 1), "utf-8")
    report = build.build(project, build.all_languages(project), site=True)
    rebuilt = sorted(os.path.relpath(p, project.build_dir) for p in report.written)
    # ur's own pages and its parallel edition changed; the index's bar did not.
    assert rebuilt == [
        "parallel/en-ur/article.html",
        "parallel/en-ur/article.md",
        "ur/article.html",
        "ur/article.md",
    ]
    site_pages = sitepages.site_pages(report.sites, Policy())
    assert len(report.unchanged) == len(list(Path(project.build_dir).rglob("article.*"))) - 4 + len(
        site_pages
    )


def test_a_catalog_touched_but_unchanged_is_read_but_nothing_rebuilt(project: Project) -> None:
    assert run(project, "build", "--all", "-q") == 0
    po = Path(project.po_path("ur", "article"))
    po.touch()
    report = build.build(project, build.all_languages(project), site=True)
    assert report.written == []


def recorded(project: Project) -> dict[str, Any]:
    """The state of the last build: its caches, and the last build as ``last``."""
    head, caches = (Path(project.build_dir) / FILENAME).read_text().splitlines()
    data: dict[str, Any] = {**json.loads(caches), "last": json.loads(head)["last"]}
    return data


def test_the_state_records_every_page_source_and_catalog(project: Project) -> None:
    """The state has each source and catalog the build read, as it read it, each page it
    wrote, as it left it, and each language's coverage, found by the processes that
    read the catalogs."""
    many_documents(project, 2)
    report = build.build(project, build.all_languages(project), site=True, jobs=2)
    state = recorded(project)
    read = [*Path(project.source_dir).glob("*.md"), *Path(project.locales_dir).rglob("*.po")]
    for path in read:
        size, mtime, sha = state["inputs"][str(path)]
        assert (size, mtime, sha) == (
            path.stat().st_size,
            path.stat().st_mtime_ns,
            hashlib.sha256(path.read_bytes()).hexdigest(),
        )
    assert len(read) == 2 + len(build.all_languages(project)) - 1 + 2  # doc2: fr and ur
    pages = {str(p.relative_to(project.build_dir)) for p in pages_of(project)}
    assert (
        set(state["outputs"])
        == pages
        == {os.path.relpath(p, project.build_dir) for p in report.written}
    )
    # each catalog's coverage, by its digest and as last read (for a catalog that breaks)
    assert len(state["coverage"]) == 2 * (len(build.all_languages(project)) - 1 + 2)
    for path, (_key, size, mtime) in state["outputs"].items():
        st = (Path(project.build_dir) / path).stat()
        assert (size, mtime) == (st.st_size, st.st_mtime_ns)


def test_a_document_reads_each_catalog_once_and_renders_each_page_once(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every language's catalog is read before the first page (the site needs each one's
    coverage), and its article serves every page of that language."""
    read: list[str] = []
    read_catalog = document.read_catalog

    def reading(project: Project, doc: str, lang: str) -> Any:
        read.append(lang)
        return read_catalog(project, doc, lang)

    rendered: list[list[str]] = []
    for name in ("_markdown", "_html"):
        render = getattr(document, name)

        def rendering(*args: Any, render: Any = render) -> str:
            editions = args[-1]
            rendered.append([getattr(e, "article", e).lang for e in editions])
            return render(*args)

        monkeypatch.setattr(document, name, rendering)
    monkeypatch.setattr(document, "read_catalog", reading)
    langs = build.all_languages(project)
    report = build.build(project, langs, site=True)
    assert sorted(read) == sorted(langs[1:])
    assert len(rendered) == len([p for p in report.written if "/article." in p])
    assert build.build(project, langs, site=True).written == []


def test_a_build_of_one_language_keeps_the_records_of_the_others(project: Project) -> None:
    langs = build.all_languages(project)
    assert run(project, "build", "--all", "-q") == 0
    before = recorded(project)
    po = Path(project.po_path("ur", "article"))
    po.write_text(po.read_text("utf-8").replace('"بلوچستان', '"بلوچستان ', 1), "utf-8")
    build.build(project, ["ur"])  # the other languages' pages: neither answered for nor removed
    after = recorded(project)
    assert set(after["outputs"]) == set(before["outputs"])
    changed = {
        page for page in after["outputs"] if after["outputs"][page] != before["outputs"][page]
    }
    assert changed == {
        "parallel/en-ur/article.html",
        "parallel/en-ur/article.md",
        "ur/article.html",
        "ur/article.md",
    }
    assert build.build(project, langs, site=True).written == []


def test_the_state_file_is_safe_to_delete_or_corrupt(project: Project) -> None:
    assert run(project, "build", "--all", "-q") == 0
    before = {p: p.read_bytes() for p in Path(project.build_dir).rglob("*.*ml")}
    state = Path(project.build_dir) / FILENAME
    state.write_text("{not json", "utf-8")
    assert run(project, "build", "--all", "-q") == 0
    state.unlink()
    shutil.rmtree(Path(project.build_dir) / "ur")
    assert run(project, "build", "--all", "-q") == 0
    assert {p: p.read_bytes() for p in Path(project.build_dir).rglob("*.*ml")} == before


def test_a_record_of_the_last_build_of_the_wrong_shape_is_ignored(project: Project) -> None:
    """A state whose record of the last build is of the wrong shape: the build looks at
    every document again, finds nothing to write, and raises nothing."""
    langs = build.all_languages(project)
    assert run(project, "build", "--all", "-q") == 0
    path = Path(project.build_dir) / FILENAME
    head, caches = path.read_text().splitlines()
    state = recorded(project)
    looked = []
    for wrong in ([None], 5, {"x": [1]}, {"nul\0": [1, 2]}, None, {"en": "ab"}):
        last = {**state["last"], "folders": wrong}
        path.write_text(json.dumps({**json.loads(head), "last": last}) + "\n" + caches)
        report = build.build(project, langs, site=True)
        assert report.written == [] and report.removed == []
        looked.append(recorded(project)["last"] == state["last"])
    assert all(looked)  # each build records the last build again, as it was


def test_the_state_reads_back_as_it_was_saved(tmp_path: Path) -> None:
    """Files of any name (quotes, tabs, backslashes, other scripts) come back as they were."""
    from editions.state import BuildState, Last

    names = ["a.po", 'say "hi".po', "tab\there.po", "back\\slash.po", "اردو.po", "é.po"]
    stats = {name: [at, 10**18 + at] for at, name in enumerate(names)}
    saved = BuildState(str(tmp_path / FILENAME))
    saved.inputs = {name: [*stat, "ab"] for name, stat in stats.items()}
    saved.coverage = {"k": [1, 2, 3]}
    saved.outputs = {"ur/ب.html": ["key", 1, 2]}
    saved.last = Last([1, [2.5, None]], stats, {"en": [3, 4]}, ["en/a.html"], ["n"], ["s"])
    saved.save()
    assert Last.load(str(tmp_path)) == saved.last
    saved.last = None  # the next build's
    assert BuildState.load(str(tmp_path)) == saved


def test_the_command_has_nothing_to_do_only_while_every_input_is_as_it_was(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build with nothing to do looks at no document; each change to an input is seen
    by the next build, which looks at the documents again."""
    assert run(project, "build", "--all", "-q") == 0
    looked: list[str] = []
    real = build.build_document

    def counted(task: build.DocTask, dry_run: bool = False) -> build.DocResult:
        looked.append(task.doc)
        return real(task, dry_run)

    monkeypatch.setattr(build, "build_document", counted)
    assert run(project, "build", "--all", "-q") == 0
    assert looked == []  # nothing built, nothing read
    for path in (Path(project.po_path("ur", "article")), Path(project.source_path("article"))):
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1))
        assert run(project, "build", "--all", "-q") == 0
        assert run(project, "build", "--all", "-q") == 0
    assert looked == ["article", "article"]  # each change seen once


class Reads:
    """Counts the catalogs read and the states loaded while it is installed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.catalogs = self.states = 0
        read_catalog, load = document.read_catalog, build.BuildState.load

        def count_catalog(project: Project, doc: str, lang: str) -> Any:
            self.catalogs += 1
            return read_catalog(project, doc, lang)

        def count_state(out: Path) -> build.BuildState:
            self.states += 1
            return load(out)

        monkeypatch.setattr(document, "read_catalog", count_catalog)
        monkeypatch.setattr(build.BuildState, "load", count_state)


def pages_of(project: Project) -> list[Path]:
    return sorted(p for p in Path(project.build_dir).rglob("*") if p.suffix in (".md", ".html"))


def test_a_build_with_nothing_changed_reads_no_catalog(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(project, "build", "--all", "-q") == 0
    reads = Reads(monkeypatch)
    report = build.build(project, build.all_languages(project), site=True)
    assert reads.catalogs == 0
    assert report.written == [] and report.removed == []
    assert sorted(report.unchanged) == sorted(str(p) for p in pages_of(project))


def test_a_build_with_nothing_changed_says_again_what_it_left_out(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(project, "build", "--all", "-q", "--min-complete", "50") == 0
    said = capsys.readouterr().err
    assert "not published: bal" in said
    assert run(project, "build", "--all", "-q", "--min-complete", "50") == 0
    assert capsys.readouterr().err == said


def test_a_catalog_edited_after_a_build_with_nothing_to_do_is_read_again(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    langs = build.all_languages(project)
    assert run(project, "build", "--all", "-q") == 0
    assert build.build(project, langs, site=True).written == []
    po = Path(project.po_path("ur", "article"))
    po.write_text(po.read_text("utf-8").replace('"بلوچستان', '"بلوچستان ', 1), "utf-8")
    reads = Reads(monkeypatch)
    report = build.build(project, langs, site=True)
    assert reads.catalogs == 1  # the Urdu catalog, and no other
    assert sorted(os.path.relpath(p, project.build_dir) for p in report.written) == [
        "parallel/en-ur/article.html",
        "parallel/en-ur/article.md",
        "ur/article.html",
        "ur/article.md",
    ]
    assert build.build(project, langs, site=True).written == []


def test_the_state_keeps_one_teaser_a_language_however_often_its_catalog_changes(
    project: Project,
) -> None:
    langs = build.all_languages(project)
    assert run(project, "build", "--all", "-q") == 0
    first = recorded(project)["teasers"]
    po = Path(project.po_path("ur", "article"))
    for _ in range(2):
        po.write_text(po.read_text("utf-8").replace('"بلوچستان', '"بلوچستان ', 1), "utf-8")
        assert build.build(project, langs, site=True).written
    teasers = recorded(project)["teasers"]
    assert len(teasers) == len(first) == len({(t["doc"], t["lang"]) for t in teasers.values()})
    assert {t["lang"] for t in teasers.values()} == set(langs)
    changed = [k for k in teasers if teasers[k] != first.get(k)]
    assert [teasers[k]["lang"] for k in changed] == ["ur"]  # its own entry, made anew


def test_a_page_deleted_or_edited_by_hand_is_written_again(project: Project) -> None:
    langs = build.all_languages(project)
    assert run(project, "build", "--all", "-q") == 0
    before = {p: p.read_bytes() for p in pages_of(project)}
    deleted = Path(project.build_dir) / "en/article.md"
    edited = Path(project.build_dir) / "ur/article.html"
    deleted.unlink()
    # The same size, a time of its own: only the time tells this edit apart.
    edited.write_bytes(before[edited].replace(b"<h1", b"<H1", 1))
    report = build.build(project, langs, site=True)
    assert sorted(report.written) == [str(deleted), str(edited)]
    assert {p: p.read_bytes() for p in pages_of(project)} == before
    assert build.build(project, langs, site=True).written == []


def test_a_page_replaced_as_editors_save_is_written_again(project: Project) -> None:
    langs = build.all_languages(project)
    assert run(project, "build", "--all", "-q") == 0
    page = Path(project.build_dir) / "fr/article.html"
    before = page.read_bytes()
    saved = page.with_name("article.html~")  # a new file renamed over the page
    saved.write_bytes(before.replace(b"<h1", b"<H1", 1))
    saved.replace(page)
    assert build.build(project, langs, site=True).written == [str(page)]
    assert page.read_bytes() == before


def test_a_page_edited_in_place_waits_for_a_build_with_work_to_do(project: Project) -> None:
    """A build with nothing to do looks at each page folder, not at each page (a large
    site has tens of thousands): an edit in place is noticed by the next build that
    has work to do, which looks at every page."""
    langs = build.all_languages(project)
    assert run(project, "build", "--all", "-q") == 0
    page = Path(project.build_dir) / "fr/article.html"
    before = page.read_bytes()
    with page.open("r+b") as handle:
        handle.write(b"<!doctype html>")
    assert build.build(project, langs, site=True).written == []
    po = Path(project.po_path("ur", "article"))
    po.write_text(po.read_text("utf-8").replace('"بلوچستان', '"بلوچستان ', 1), "utf-8")
    assert str(page) in build.build(project, langs, site=True).written
    assert page.read_bytes() == before


def test_a_new_document_or_language_is_seen_by_the_next_build(project: Project) -> None:
    assert run(project, "build", "--all", "-q") == 0
    many_documents(project, 2)
    assert run(project, "build", "--all", "-q") == 0
    assert (Path(project.build_dir) / "fr/doc2.html").is_file()
    shutil.copytree(Path(project.locales_dir) / "fr", Path(project.locales_dir) / "it")
    for po in (Path(project.locales_dir) / "it/LC_MESSAGES").glob("*.po"):
        po.write_text(po.read_text("utf-8").replace('"Language: fr', '"Language: it'), "utf-8")
    assert run(project, "build", "--all", "-q") == 0
    assert (Path(project.build_dir) / "it/doc2.html").is_file()
    assert 'href="it/article.html"' in (Path(project.build_dir) / "index.html").read_text("utf-8")


def test_a_change_to_the_code_is_a_change_to_every_page(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    langs = build.all_languages(project)
    module = tmp_path / "module.py"
    module.write_text("# version 1\n", "utf-8")
    from editions import state

    code_files = state.code_files
    monkeypatch.setattr(state, "code_files", lambda: [*code_files(), str(module)])
    build.build(project, langs, site=True)
    module.write_text("# version 2\n", "utf-8")
    reads = Reads(monkeypatch)
    report = build.build(project, langs, site=True)
    assert reads.states == 1
    # Every page was rendered again; this change to the code changed none of them.
    assert reads.catalogs == len(langs) - 1 and report.written == []


def test_other_options_are_another_build(project: Project) -> None:
    assert run(project, "build", "--all", "-q") == 0
    assert run(project, "build", "--all", "-q", "--use-fuzzy") == 0
    assert "awaiting review" in (Path(project.build_dir) / "bal/article.html").read_text("utf-8")
    assert run(project, "build", "--lang", "fr", "-q") == 0
    assert run(project, "build", "--all", "-q") == 0
    assert "awaiting review" not in (Path(project.build_dir) / "bal/article.html").read_text(
        "utf-8"
    )


def many_documents(project: Project, count: int) -> None:
    """``count`` documents, each the article with its words numbered, every one translated."""
    from editions import catalog
    from editions.po import write

    text = Path(project.source_path("article")).read_text("utf-8")
    for n in range(2, count + 1):
        Path(project.source_path(f"doc{n}")).write_text(
            text.replace("Balochistan", f"Balochistan {n}")
        )
    for doc in project.documents():
        article = source.read_documents(project, [doc])[0]
        pot = catalog.to_pot(article, article.path)
        for lang in ("fr", "ur"):
            po = catalog.new_po(pot, doc, locale_info(lang))
            for entry in po:
                entry.msgstr = (
                    entry.msgid if entry.msgctxt == "layout/point" else f"«{entry.msgid}»"
                )
            Path(project.po_path(lang, doc)).parent.mkdir(parents=True, exist_ok=True)
            Path(project.po_path(lang, doc)).write_text(write.format_po(po), "utf-8")


def test_parallel_processes_write_the_same_bytes_as_one(project: Project, tmp_path: Path) -> None:
    many_documents(project, 4)
    langs = build.all_languages(project)
    build.build(project, langs, out=tmp_path / "serial", site=True, jobs=1)
    build.build(project, langs, out=tmp_path / "parallel", site=True, jobs=2)

    def files(root: Path) -> dict[str, bytes]:
        return {
            str(p.relative_to(root)): p.read_bytes()
            for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != FILENAME
        }

    serial = files(tmp_path / "serial")
    # The article in every language; doc2..doc4 in English, French and Urdu only; the front
    # page of editions, the status page and each language's front page.
    assert len(serial) == (len(langs) * 4 - 2) + 3 * (3 * 4 - 2) + 2 + len(langs)
    assert files(tmp_path / "parallel") == serial


def test_builds_after_edits_write_what_a_fresh_serial_build_writes(
    project: Project, tmp_path: Path
) -> None:
    """Incremental and parallel builds after a catalog, a source and the publication
    policy change give the bytes of one fresh build in one process, and the pages no
    longer published are gone."""
    many_documents(project, 3)
    langs = build.all_languages(project)
    out = tmp_path / "kept"
    build.build(project, langs, out=out, site=True, jobs=2)
    po = Path(project.po_path("ur", "doc2"))
    po.write_text(po.read_text("utf-8").replace("«", "« ", 1), "utf-8")
    src = Path(project.source_path("doc3"))
    src.write_text(src.read_text("utf-8").replace("Balochistan 3", "Balochistan three"))
    policy = Policy(min_complete=50.0)  # the pseudo-translated documents still pass
    report = build.build(project, langs, out=out, site=True, jobs=2, policy=policy)
    assert report.written and report.unchanged
    assert sorted(os.path.relpath(p, out) for p in report.removed) == [
        "bal/article.html",  # 6 % translated
        "bal/article.md",
        "bal/index.html",
        "parallel/en-bal/article.html",
        "parallel/en-bal/article.md",
    ]
    build.build(project, langs, out=tmp_path / "fresh", site=True, jobs=1, policy=policy)

    def files(root: Path) -> dict[str, bytes]:
        return {
            str(p.relative_to(root)): p.read_bytes()
            for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != FILENAME
        }

    assert files(out) == files(tmp_path / "fresh")


def test_every_document_is_built_and_doc_narrows_to_one(project: Project) -> None:
    many_documents(project, 2)
    assert run(project, "build", "--lang", "fr", "--doc", "doc2", "-q") == 0
    assert sorted(p.name for p in (Path(project.build_dir) / "fr").iterdir()) == [
        "doc2.html",
        "doc2.md",
    ]
    assert run(project, "build", "--all", "-q") == 0
    assert (Path(project.build_dir) / "fr/article.html").is_file()
    status = (Path(project.build_dir) / "status.html").read_text("utf-8")
    assert 'href="fr/doc2.html"' in status and 'href="fr/article.html"' in status
    front = (Path(project.build_dir) / "fr/index.html").read_text("utf-8")
    assert 'href="../fr/doc2.html"' in front and 'href="../fr/article.html"' in front


def test_a_build_with_nothing_to_do_loads_no_renderer(tmp_path: Path) -> None:
    """A build with nothing to do imports nothing that reads or renders: neither the
    source reader and Markdown, nor polib, babel or Jinja2."""
    from conftest import ROOT, loaded_by

    # The repository's own build folder may be stale; build into a scratch copy.
    for name in ("source_text", "locales"):
        shutil.copytree(ROOT / name, tmp_path / name)
    assert cli.main(["-C", str(tmp_path), "build", "--all", "-q"]) == 0
    heavy = ("markdown", "polib", "babel", "jinja2", "editions.render", "editions.source")
    done = loaded_by(["-C", str(tmp_path), "build", "--all"], heavy)
    assert done.stdout.strip() == "[]"
    assert done.stderr.splitlines()[-1].startswith("build: 0 file(s) written, ")


# -- catalogs stale against their source ---------------------------------------------------------


def stale_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if ": stale against " in line]


def test_a_catalog_missing_a_message_of_the_source_is_named_with_what_to_run(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sentence of the source changed: every catalog lacks its new message, each is
    named once, with what to run, by every build until it is updated, then none is;
    ``--quiet`` says nothing of them."""
    src = Path(project.source_path("article"))
    src.write_text(src.read_text("utf-8").replace("increasing international", "growing"))
    assert run(project, "build", "--all") == 0
    said = stale_lines(capsys.readouterr().err)
    assert said == [
        f"locales/{lang}/LC_MESSAGES/article.po: stale against source_text/article.md: "
        "run 'editions update'"
        for lang in published(project)[1:]
    ]
    assert run(project, "build", "--all") == 0  # nothing to do: said again
    assert stale_lines(capsys.readouterr().err) == said
    assert run(project, "build", "--all", "-q") == 0
    assert capsys.readouterr().err == ""
    assert run(project, "build", "--lang", "ur") == 0  # only the languages built
    assert stale_lines(capsys.readouterr().err) == [
        "locales/ur/LC_MESSAGES/article.po: stale against source_text/article.md: "
        "run 'editions update'"
    ]
    assert run(project, "update", "-q") == 0
    assert run(project, "build", "--all") == 0
    assert stale_lines(capsys.readouterr().err) == []


def test_a_catalog_with_a_msgctxt_the_source_no_longer_has_is_stale_unless_obsolete(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    po = Path(project.po_path("fr", "article"))
    text = po.read_text("utf-8")
    po.write_text(text + '\n#~ msgctxt "gone/1"\n#~ msgid "Gone."\n#~ msgstr "Parti."\n', "utf-8")
    assert run(project, "build", "--all") == 0
    assert stale_lines(capsys.readouterr().err) == []
    po.write_text(text + '\nmsgctxt "gone/1"\nmsgid "Gone."\nmsgstr "Parti."\n', "utf-8")
    assert run(project, "build", "--all") == 0
    assert stale_lines(capsys.readouterr().err) == [
        "locales/fr/LC_MESSAGES/article.po: stale against source_text/article.md: "
        "run 'editions update'"
    ]


# -- failures ------------------------------------------------------------------------------------


def test_keep_going_builds_the_others_and_names_the_failed(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    po = Path(project.po_path("fa", "article"))
    po.write_text(po.read_text("utf-8") + '\nmsgid "unterminated\n', "utf-8")
    assert run(project, "build", "--all") == cli.EXIT_ERROR
    assert not (Path(project.build_dir) / "ur").exists()  # without --keep-going, nothing is written
    capsys.readouterr()
    assert run(project, "build", "--all", "--keep-going") == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert re.search(r"locales/fa/LC_MESSAGES/article.po:\d+: error: ", err)
    assert "failed: fa" in err.splitlines()[-1]
    assert (Path(project.build_dir) / "ur/article.html").is_file()
    assert not (Path(project.build_dir) / "fa").exists()
    index = (Path(project.build_dir) / "index.html").read_text("utf-8")
    assert 'href="ur/article.html"' in index and 'href="fa/article.html"' not in index


def test_a_catalog_that_breaks_never_takes_down_its_published_edition(project: Project) -> None:
    assert run(project, "build", "--all", "-q") == 0
    published = (Path(project.build_dir) / "fa/article.html").read_bytes()
    po = Path(project.po_path("fa", "article"))
    po.write_text(po.read_text("utf-8") + '\nmsgid "unterminated\n', "utf-8")
    assert run(project, "build", "--all", "-q", "--keep-going") == cli.EXIT_ERROR
    assert (Path(project.build_dir) / "fa/article.html").read_bytes() == published
    assert (Path(project.build_dir) / "parallel/en-fa/article.html").is_file()


def test_policy_is_part_of_every_pages_key(project: Project) -> None:
    langs = build.all_languages(project)
    build.build(project, langs, site=True)
    report = build.build(project, langs, site=True, policy=Policy(base_url="https://e.org/"))
    html = sorted(str(p) for p in Path(project.build_dir).rglob("*.html"))
    # the Markdown editions have no links; the feeds and the sitemap are new
    assert sorted(p for p in report.written if p.endswith(".html")) == html


# -- where a site may be written, and how it links --------------------------------------------


def test_out_refuses_the_file_system_s_root(project: Project) -> None:
    # checked without a build: a build that took "/" would write there
    with pytest.raises(EditionsError) as caught:
        check_out(project, "/")
    assert (
        str(caught.value) == "/: error: --out: refusing to write a site in the file system's root"
    )


@pytest.mark.parametrize("out", [".", "source_text", "locales", "locales/fr", "other_site"])
def test_out_refuses_the_project_and_a_folder_that_is_not_a_build(
    project: Project, capsys: pytest.CaptureFixture[str], out: str
) -> None:
    other = Path(project.root, "other_site")
    other.mkdir()
    (other / "index.html").write_text("<p>another site</p>", "utf-8")
    before = {p: p.read_bytes() for p in Path(project.root).rglob("*") if p.is_file()}
    target = str(Path(project.root, out))
    assert run(project, "build", "--all", "-q", "--out", target) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith(f"{target}: error: --out: refusing to write a site in "), err
    assert "Traceback" not in err
    assert {p: p.read_bytes() for p in Path(project.root).rglob("*") if p.is_file()} == before


def test_out_takes_a_new_folder_an_empty_one_and_its_own_build_again(project: Project) -> None:
    for name in ("new", "empty", "build"):
        out = str(Path(project.root, name))
        if name == "empty":
            os.mkdir(out)
        assert run(project, "build", "--lang", "fr", "-q", "--out", out) == 0
        assert run(project, "build", "--lang", "fr", "-q", "--out", out) == 0
        assert Path(out, "fr/article.html").is_file()
    os.unlink(Path(project.build_dir, FILENAME))  # the project's own, safe to delete
    assert run(project, "build", "--lang", "fr", "-q", "--out", project.build_dir) == 0


@pytest.mark.parametrize("url", ["example.org", "//example.org/", "ftp://example.org/", "https://"])
def test_a_base_url_must_be_an_absolute_http_address(
    project: Project, capsys: pytest.CaptureFixture[str], url: str
) -> None:
    assert run(project, "build", "--all", "-q", "--base-url", url) == cli.EXIT_ERROR
    assert capsys.readouterr().err == (
        f"editions: error: --base-url {url!r}: expected an absolute http or https address, "
        "e.g. 'https://example.org/news/'\n"
    )
    assert not Path(project.build_dir).exists()


def test_the_command_alone_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: editions ")
    for command in ("extract", "init", "build", "update", "check", "stats", "compile"):
        assert f"\n    {command} " in err


# -- every page links only to editions that exist -----------------------------------------------


def links_of(project: Project, path: str, ends: tuple[str, ...] = ("/article.html",)) -> set[str]:
    """Every edition and parallel edition a page links to (and front page, with
    ``/index.html`` in ``ends``), as paths in the build folder."""
    hrefs = {a["href"] for a in page(project, path).find("a")}
    depth = path.count("/")
    return {href[3 * depth :] for href in hrefs if href.endswith(ends)}


FRONT = ("/article.html", "/index.html")


def test_a_build_of_one_language_links_only_to_editions_in_the_build_folder(
    project: Project,
) -> None:
    assert run(project, "build", "--lang", "fr", "-q") == 0
    assert links_of(project, "fr/article.html") == {
        "fr/article.html",
        "parallel/en-fr/article.html",
    }
    assert 'hreflang="ur"' not in (Path(project.build_dir) / "fr/article.html").read_text()
    assert run(project, "build", "--lang", "ur", "-q") == 0
    assert links_of(project, "ur/article.html") == {  # its own pairs only
        "fr/article.html",
        "ur/article.html",
        "parallel/en-ur/article.html",
    }
    assert run(project, "build", "--all", "-q") == 0
    for path in ("fr/article.html", "parallel/en-ur/article.html", "index.html"):
        for target in links_of(project, path):
            assert (Path(project.build_dir) / target).is_file(), (path, target)


def test_a_catalog_that_breaks_keeps_its_last_edition_linked_everywhere(project: Project) -> None:
    assert run(project, "build", "--all", "-q") == 0
    index_before = (Path(project.build_dir) / "index.html").read_bytes()
    po = Path(project.po_path("fa", "article"))
    po.write_text(po.read_text("utf-8") + '\nmsgid "unterminated\n', "utf-8")
    Path(project.po_path("fr", "article")).touch()  # the others are built again
    os.utime(project.source_path("article"), ns=(1, 1))
    assert run(project, "build", "--all", "-q", "--keep-going") == cli.EXIT_ERROR
    assert "fa/article.html" in links_of(project, "ur/article.html")
    assert "fa/article.html" in links_of(project, "parallel/en-ur/article.html")
    index = (Path(project.build_dir) / "index.html").read_bytes()
    assert index == index_before  # fa and English beside it, as they were
    assert {"fa/article.html", "parallel/en-fa/article.html"} <= links_of(project, "status.html")
    assert {"fa/index.html", "fa/article.html"} <= links_of(project, "index.html", FRONT)
    assert "fa/article.html" in links_of(project, "fa/index.html")
    for path in ("fa/article.html", "parallel/en-fa/article.html"):
        assert (Path(project.build_dir) / path).is_file()


def test_a_catalog_that_breaks_without_a_last_edition_is_linked_nowhere(project: Project) -> None:
    assert run(project, "build", "--all", "-q") == 0
    os.unlink(Path(project.build_dir) / FILENAME)  # no record of what fa's edition was
    po = Path(project.po_path("fa", "article"))
    po.write_text(po.read_text("utf-8") + '\nmsgid "unterminated\n', "utf-8")
    assert run(project, "build", "--all", "-q", "--keep-going") == cli.EXIT_ERROR
    for path in ("ur/article.html", "parallel/en-ur/article.html", "index.html", "status.html"):
        links = links_of(project, path, FRONT)
        assert not {"fa/article.html", "parallel/en-fa/article.html", "fa/index.html"} & links
    assert not (Path(project.build_dir) / "fa").exists()
    assert not (Path(project.build_dir) / "parallel/en-fa").exists()


# -- front pages, feeds, the sitemap and what pages say of themselves ---------------------------

BASE = "https://example.org/news/"


def dated_documents(project: Project) -> None:
    """Two more documents, translated into French and Urdu: a newer brief with a summary,
    and an undated note; the article is the oldest dated one."""
    from editions import catalog
    from editions.po import write

    Path(project.source_path("brief")).write_text(
        "---\ndate: 2026-12-02\nsummary: Talks resume in Quetta.\n---\n\n"
        "# Talks Resume\n\nNegotiators met again on Monday.\n",
        "utf-8",
    )
    Path(project.source_path("note")).write_text("# A Note\n\nNo date on this one.\n", "utf-8")
    for doc in ("brief", "note"):
        article = source.read_documents(project, [doc])[0]
        pot = catalog.to_pot(article, article.path)
        for lang in ("fr", "ur"):
            po = catalog.new_po(pot, doc, locale_info(lang))
            for entry in po:
                entry.msgstr = f"«{entry.msgid}»"
            Path(project.po_path(lang, doc)).write_text(write.format_po(po), "utf-8")


def test_a_front_page_lists_its_languages_articles_newest_first(project: Project) -> None:
    dated_documents(project)
    assert run(project, "build", "--all", "-q") == 0
    ur = page(project, "ur/index.html")
    (root,) = ur.find("html")
    assert (root["lang"], root["dir"]) == ("ur", "rtl")
    links = [a["href"] for a in ur.find("a") if a["href"].endswith(".html") and "/ur/" in a["href"]]
    assert [x for x in links if not x.endswith("/index.html")] == [
        "../ur/brief.html",  # 2026-12-02
        "../ur/article.html",  # 2026-11-25
        "../ur/note.html",  # undated: last
    ]
    text = (Path(project.build_dir) / "ur/index.html").read_text("utf-8")
    # Each title, date and summary in the language, dates as the article pages write them.
    assert "«Talks Resume»" in text and '<p class="summary">«Talks resume in Quetta.»</p>' in text
    assert '<time datetime="2026-11-25">25 نومبر، 2026</time>' in text
    assert text.count("<time") == 2
    # A language without the brief's catalog lists the article alone.
    de = (Path(project.build_dir) / "de/index.html").read_text("utf-8")
    assert "article.html" in de and "brief.html" not in de
    # The switcher leads to every other language's front page.
    fronts = [a["href"] for a in ur.find("a") if a.get("hreflang")]
    assert fronts == [f"../{lang}/index.html" for lang in published(project)]


def test_the_front_page_of_editions_names_each_language_in_itself(project: Project) -> None:
    dated_documents(project)
    assert run(project, "build", "--all", "-q") == 0
    home = page(project, "index.html")
    (root,) = home.find("html")
    assert (root["lang"], root["dir"]) == ("en", "ltr")
    editions = [a for t, a in home.tags if t == "li"]
    langs = published(project)
    assert [(a["lang"], a["dir"]) for a in editions] == [
        (locale_info(x).bcp47, locale_info(x).direction) for x in langs
    ]
    text = (Path(project.build_dir) / "index.html").read_text("utf-8")
    for lang in langs:
        info = locale_info(lang)
        link = f'<a href="{lang}/index.html" hreflang="{info.bcp47}">{info.native_name}</a>'
        assert link in text
    # Each language's latest article: the brief in French and Urdu, the article elsewhere.
    assert 'href="ur/brief.html"' in text and 'href="ur/article.html"' not in text
    assert 'href="de/article.html"' in text
    # The editors' page is linked from the footer, and is the old index.
    assert home.find("a", href="status.html")
    assert "Translation status" in (Path(project.build_dir) / "status.html").read_text("utf-8")


def test_without_a_base_url_nothing_that_needs_one_is_written_and_that_is_said_once(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(project, "build", "--all") == 0
    said = capsys.readouterr().err.splitlines()
    assert [line for line in said if "base URL" in line] == [build.NO_BASE_URL]
    out = Path(project.build_dir)
    assert not list(out.rglob("*.atom")) and not (out / "sitemap.xml").exists()
    for path in out.rglob("*.html"):
        text = path.read_text("utf-8")
        for needs_a_base in ('rel="canonical"', "og:", "application/ld+json", "atom+xml"):
            assert needs_a_base not in text, (path, needs_a_base)
    assert run(project, "build", "--all", "-q") == 0
    assert capsys.readouterr().err == ""


def test_with_a_base_url_a_second_build_changes_nothing(project: Project) -> None:
    assert run(project, "build", "--all", "-q", "--base-url", BASE) == 0
    before = mtimes(project.build_dir)
    os.utime(project.po_path("fr", "article"))  # a catalog read again, and the same
    assert run(project, "build", "--all", "-q", "--base-url", BASE) == 0
    after = mtimes(project.build_dir)
    assert after.pop(FILENAME) != before.pop(FILENAME)  # it saw the catalog's new time
    assert after == before


def test_each_languages_feed_reads_as_feed_readers_read_it(project: Project) -> None:
    import feedparser

    dated_documents(project)
    assert run(project, "build", "--all", "-q", "--base-url", BASE) == 0
    for lang in ("ur", "fr", "de"):
        parsed = feedparser.parse((Path(project.build_dir) / lang / "feed.atom").read_bytes())
        assert not parsed.bozo, parsed.bozo_exception
        assert parsed.version == "atom10"
        assert parsed.feed.language == locale_info(lang).bcp47
        assert parsed.feed.link == f"{BASE}{lang}/index.html"
        assert parsed.feed.updated == (
            "2026-12-02T00:00:00+00:00" if lang != "de" else "2026-11-25T00:00:00+00:00"
        )
        docs = ["brief", "article"] if lang != "de" else ["article"]  # the undated note: none
        assert [e.link for e in parsed.entries] == [f"{BASE}{lang}/{doc}.html" for doc in docs]
        assert [e.id for e in parsed.entries] == [e.link for e in parsed.entries]
        assert [e.published[:10] for e in parsed.entries] == [
            "2026-12-02",
            "2026-11-25",
        ][-len(docs) :]
        assert all(e.updated == e.published for e in parsed.entries)
    ur = feedparser.parse((Path(project.build_dir) / "ur/feed.atom").read_bytes())
    assert ur.entries[0].title == "«Talks Resume»"
    assert ur.entries[0].summary == "«Talks resume in Quetta.»"
    english = page(project, "ur/article.html")
    (link,) = english.find("link", type="application/atom+xml")
    assert link["href"] == f"{BASE}ur/feed.atom"


BCP47 = re.compile(r"^(x-default|[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?)$")
W3C_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$")


def test_the_sitemap_follows_the_protocol_and_names_every_pages_languages(
    project: Project,
) -> None:
    from xml.etree import ElementTree as ET

    dated_documents(project)
    assert run(project, "build", "--all", "-q", "--base-url", BASE) == 0
    sm, xhtml = "{http://www.sitemaps.org/schemas/sitemap/0.9}", "{http://www.w3.org/1999/xhtml}"
    root = ET.parse(Path(project.build_dir) / "sitemap.xml").getroot()
    assert root.tag == f"{sm}urlset"
    urls = root.findall(f"{sm}url")
    assert 0 < len(urls) <= 50_000
    locs = [u.findtext(f"{sm}loc") for u in urls]
    assert len(set(locs)) == len(locs) and all(x and x.startswith(BASE) for x in locs)
    sets: dict[str, dict[str, str]] = {}
    for url in urls:
        assert {child.tag for child in url} <= {f"{sm}loc", f"{sm}lastmod", f"{xhtml}link"}
        lastmod = url.findtext(f"{sm}lastmod")
        assert lastmod is None or W3C_DATE.match(lastmod)
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall(f"{xhtml}link")}
        assert all(a.get("rel") == "alternate" for a in url.findall(f"{xhtml}link"))
        assert all(BCP47.match(lang or "") for lang in alternates), alternates
        assert "x-default" in alternates
        loc = url.findtext(f"{sm}loc") or ""
        assert loc in alternates.values()  # a page is one of its own alternates
        sets[loc] = alternates
    # Symmetric: every page an alternate names lists the same alternates.
    for alternates in sets.values():
        for target in alternates.values():
            assert sets[target] == alternates
    # Every front page and edition is in it; the parallel editions and status page are not.
    html = {
        BASE + str(p.relative_to(project.build_dir))
        for p in Path(project.build_dir).rglob("*.html")
        if "parallel" not in p.parts and p.name != "status.html"
    }
    assert set(locs) == html
    assert sets[f"{BASE}ur/brief.html"] == {
        "en": f"{BASE}en/brief.html",
        "fr": f"{BASE}fr/brief.html",
        "ur": f"{BASE}ur/brief.html",
        "x-default": f"{BASE}en/brief.html",
    }
    (brief,) = [u for u in urls if u.findtext(f"{sm}loc") == f"{BASE}fr/brief.html"]
    assert brief.findtext(f"{sm}lastmod") == "2026-12-02"


def json_ld(html: str) -> Any:
    (data,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(data)


def test_an_edition_tells_search_engines_and_social_networks_what_it_is(
    project: Project,
) -> None:
    assert run(project, "build", "--all", "-q", "--base-url", BASE) == 0
    ur = page(project, "ur/article.html")
    (canonical,) = ur.find("link", rel="canonical")
    assert canonical["href"] == f"{BASE}ur/article.html"
    og = {m["property"]: m["content"] for m in ur.find("meta") if "property" in m}
    assert og["og:type"] == "article" and og["og:url"] == f"{BASE}ur/article.html"
    assert og["og:locale"] == "ur"
    alternates = [m["content"] for m in ur.find("meta", property="og:locale:alternate")]
    assert alternates == [
        x.replace("-", "_")
        for x in map(lambda x: locale_info(x).bcp47, published(project))
        if x != "ur"
    ]
    text = (Path(project.build_dir) / "ur/article.html").read_text("utf-8")
    data = json_ld(text)
    assert data["@type"] == "NewsArticle" and data["inLanguage"] == "ur"
    assert data["headline"] == og["og:title"] and data["datePublished"] == "2026-11-25"
    assert data["url"] == f"{BASE}ur/article.html" and data["author"]["name"]
    assert data["translationOfWork"]["@id"] == f"{BASE}en/article.html"
    english = json_ld((Path(project.build_dir) / "en/article.html").read_text("utf-8"))
    assert "translationOfWork" not in english


def test_no_translation_can_end_the_json_ld_script(project: Project) -> None:
    hostile = "</script><script>alert(1)</script> & <!--"
    from editions.po import read, write

    path = project.po_path("ur", "article")
    po = read.read_po(path)
    (entry,) = [e for e in po if e.msgctxt == "title"]
    entry.msgstr = hostile
    Path(path).write_text(write.format_po(po), "utf-8")
    assert run(project, "build", "--lang", "ur", "--lang", "en", "-q", "--base-url", BASE) == 0
    html = (Path(project.build_dir) / "ur/article.html").read_text("utf-8")
    assert html.count("<script") == 1 and html.count("</script>") == 1
    assert json_ld(html)["headline"] == hostile
    assert "alert(1)</script>" not in html


def test_a_document_may_not_take_a_front_pages_name(project: Project) -> None:
    shutil.copy(project.source_path("article"), project.source_path("index"))
    with pytest.raises(EditionsError, match="cannot be named 'index'"):
        build.build(project, ["fr"])
