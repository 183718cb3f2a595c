from __future__ import annotations

from pathlib import Path

import pytest

from editions import source
from editions.errors import EditionsError
from editions.model import Article
from editions.project import Project

ARTICLE = "# T\n\nLede.\n\n## H {#h}\n\n1. **P:** Q.\n2. **R:** S.\n\nEnd.\n"


def test_article_has_one_segment_per_unit(article: Article) -> None:
    kinds = [s.kind for s in article.segments()]
    assert kinds.count("title") == 1
    assert kinds.count("lede") == 1
    assert kinds.count("heading") == 6
    assert kinds.count("point-title") == kinds.count("point-text") == 12
    assert kinds.count("point-layout") == 1
    assert kinds.count("closing") == 1
    ids = [s.id for s in article.segments()]
    assert len(ids) == len(set(ids))


def test_ids_name_places_and_lines_point_at_the_source(article: Article, repo: Project) -> None:
    lines = Path(repo.source_path("article")).read_text(encoding="utf-8").split("\n")
    for segment in article.segments():
        if segment.kind != "point-layout":
            assert segment.text in lines[segment.line - 1], segment.id
    assert [s.id for s in article.sections] == [
        "concerns",
        "reactions",
        "response",
        "diplomacy",
        "public",
        "prospects",
    ]
    point = article.sections[2].points[0]
    assert (point.title.id, point.title.text) == ("response/point-1/title", "Government Denials")
    assert point.text.id == "response/point-1/text"
    assert point.title.comment == "Title of point 1 in the section 'Pakistan’s Response'"
    assert article.meta_value("date") == "2026-11-25"


def test_ids_survive_edits_to_the_english() -> None:
    before = source.parse(ARTICLE, "a.md", "a")
    after = source.parse(ARTICLE.replace("Q.", "Quite different words."), "a.md", "a")
    assert [s.id for s in before.segments()] == [s.id for s in after.segments()]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("Lede only.\n", 1, "no title: start the document with '# Title'"),
        (
            "# T\n\n## H {#h}\n\n1. **P:** Q.\n\n## I {#h}\n\n1. **R:** S.\n",
            7,
            "already used at line 3",
        ),
        ("---\ndate 2026\n---\n# T\n", 2, "front matter"),
        ("---\ndate: 25/11/2026\n---\n# T\n", 2, "is not a date"),
        ("# T\n\nText ![a](b.png) more.\n", 3, "an image inside text"),
        ("# T\n\nText <span>x</span>.\n", 3, "inline HTML '<span>'"),
        ("# T\n\n##\n", 3, "an empty heading"),
        ("# T\n\nText.\n\n[^1]: Never referred to.\n", 5, "footnote [^1] is never referred to"),
        ("# T\n\n<!-- note --> text\n", 3, "HTML comment on lines of its own"),
        ("# T\n\n- ## In a list\n", 3, "a heading inside a list"),
    ],
)
def test_malformed_sources_are_located(text: str, line: int, message: str) -> None:
    with pytest.raises(EditionsError) as info:
        source.parse(text, "doc.md", "doc")
    assert info.value.path == "doc.md"
    assert info.value.line == line
    assert message in info.value.message


def ids_of(text: str) -> list[str]:
    return [s.id for s in source.parse(text, "doc.md", "doc").segments()]


def test_headings_of_any_level_get_an_id_from_their_words_unique_in_the_page() -> None:
    text = (
        "Title\n=====\n\nLede.\n\nA Subhead\n---------\n\nText.\n\n### A Subhead\n\nMore.\n\n"
        "## Lede\n\n#### Deep {#deep}\n"
    )
    assert ids_of(text) == [
        "title",
        "lede",
        "a-subhead/heading",
        "a-subhead/p-1",
        "a-subhead-2/heading",
        "a-subhead-2/p-1",
        "lede-2/heading",  # a place the document names itself is never a heading's
        "deep/heading",
    ]


def test_lists_quotes_tables_and_notes_are_named_by_place() -> None:
    text = (
        "# T\n\n## Facts {#facts}\n\n- one\n  1. nested\n- two\n\n  again\n\n> said\n>\n> — who\n\n"
        '| a | b |\n|---|---|\n|  | c[^n] |\n\n![alt](x.png "cap")\n\n[^n]: Note.\n'
    )
    assert ids_of(text) == [
        "title",
        "facts/heading",
        "facts/list-1/item-1",
        "facts/list-1/item-1/list-1/item-1",
        "facts/list-1/item-2",
        "facts/list-1/item-2/p-2",
        "facts/quote-1",
        "facts/quote-1/p-2",
        "facts/table-1/r1/c1",
        "facts/table-1/r1/c2",
        "facts/table-1/r2/c2",  # an empty cell is no message
        "facts/figure-1/alt",
        "facts/figure-1/caption",
        "fn/n",
    ]


def test_a_brief_without_sections_and_paragraphs_anywhere() -> None:
    assert ids_of("# T\n\nOne.\n\nTwo.\n") == ["title", "lede", "lede/paragraph-2"]
    # paragraphs after points that do not end the document stay in their section
    text = "# T\n\n## H {#h}\n\n1. **P:** Q.\n\nAfter.\n\n## I {#i}\n\nEnd.\n"
    assert ids_of(text) == [
        "title",
        "h/heading",
        "layout/point",
        "h/point-1/title",
        "h/point-1/text",
        "h/p-1",
        "i/heading",
        "i/p-1",
    ]


def test_comments_are_never_messages_and_i18n_ones_guide_the_next() -> None:
    text = "# T\n\n<!-- i18n: a pun in English -->\n\nLede <!-- check with the desk --> here.\n"
    article = source.parse(text, "doc.md", "doc")
    lede = article.lede[0]
    assert lede.text == "Lede here."
    assert lede.comment == "Opening paragraph (lede) of the article\na pun in English"


@pytest.mark.parametrize(
    "value", ["2026-11-25", '"2026-11-25"', "'2026-11-25'", "2026-11-25T10:30:00+05:00"]
)
def test_a_date_as_front_matter_writes_it(value: str, tmp_path: Path) -> None:
    text = f"---\ndate: {value}\ntags:\n  - news\n---\n\n# T\n"
    article = source.parse(text, "doc.md", "doc")
    assert str(article.published) == "2026-11-25"
    assert article.meta == (("date", value), ("tags", "\n  - news"))
    (tmp_path / "doc.md").write_text(text, "utf-8")
    assert source.front_matter(tmp_path / "doc.md")["date"] == "2026-11-25"


def test_a_front_matter_title_is_the_headline_when_there_is_no_heading() -> None:
    article = source.parse('---\ntitle: "A Headline"\n---\n\nText.\n', "doc.md", "doc")
    assert (article.title.id, article.title.text, article.title_in_body) == (
        "title",
        "A Headline",
        False,
    )
    both = source.parse("---\ntitle: Short\n---\n\n# A Long Headline\n", "doc.md", "doc")
    assert [s.id for s in both.segments()] == ["meta/title", "title"]


def test_a_heading_id_is_never_a_footnote_s() -> None:
    assert ids_of("# T\n\n## Fn 1\n") == ["title", "fn-1-2/heading"]
