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
