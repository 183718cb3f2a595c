from __future__ import annotations

from pathlib import Path

from conftest import PSEUDO_LAYOUT, pseudo_po
from editions import catalog, source
from editions.localedata import locale_info
from editions.model import Article, Point, Segment
from editions.project import Project
from editions.render import markdown as render_markdown


def test_english_edition_is_the_source_byte_for_byte(article: Article, repo: Project) -> None:
    assert render_markdown.render(article) == Path(repo.source_path("article")).read_text("utf-8")


def test_every_segment_of_a_pseudo_edition_comes_from_the_catalog(article: Article) -> None:
    localized = catalog.localize(article, pseudo_po(article), locale_info("fr"))
    text = render_markdown.render(localized)
    # The pseudo edition has the source's shape: it parses back, every unit bracketed.
    again = source.parse(text, "pseudo.md", "article")
    assert [s.id for s in again.segments()] == [s.id for s in article.segments()]
    assert again.point_layout is not None
    assert again.point_layout.text == PSEUDO_LAYOUT
    for segment in again.segments():
        if segment.kind == "point-layout":
            continue
        assert segment.text.startswith("⟦") and segment.text.endswith("⟧"), segment.id


def test_point_layout_comes_from_the_catalog(article: Article) -> None:
    po = pseudo_po(article, mark="{}")
    for entry in po:
        if entry.msgctxt == "layout/point":
            entry.msgstr = "**{title}**：{text}"
    localized = catalog.localize(article, po, locale_info("zh_Hans"))
    lines = render_markdown.render(localized).split("\n")
    assert "1. **Allegations of Abuse**：Human rights organizations have" in "\n".join(lines)


def test_a_translation_cannot_open_blocks_of_its_own(article: Article) -> None:
    po = pseudo_po(article, mark="{}")
    hostile = {
        "lede": "# Not a heading\n\n> not a quote\n- not a list\n```\nnot a fence",
        "concerns/point-1/text": "text\n2. not a point",
    }
    for entry in po:
        entry.msgstr = hostile.get(entry.msgctxt, entry.msgstr)
    text = render_markdown.render(catalog.localize(article, po, locale_info("fr")))
    again = source.parse(text, "hostile.md", "article")
    assert [s.id for s in again.segments()] == [s.id for s in article.segments()]
    assert (
        again.lede[0].text
        == "\\# Not a heading\n\\> not a quote\n\\- not a list\n\\```\nnot a fence"
    )


def test_a_line_break_in_a_heading_keeps_the_heading_whole(article: Article) -> None:
    po = pseudo_po(article, mark="{}")
    for entry in po:
        if entry.msgctxt in ("title", "concerns/heading"):
            entry.msgstr = "First line\nsecond line"
    text = render_markdown.render(catalog.localize(article, po, locale_info("fr")))
    again = source.parse(text, "edition.md", "article")
    assert again.title.text == "First line second line"
    assert again.sections[0].heading.text == "First line second line"


LISTS = (
    "# T\n\n* star\n* list\n\n+ plus\n\n   1) paren\n   2) list\n\n7. seven\n8. eight\n\n"
    "> quoted\n> > nested\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n"
)


def test_markers_start_numbers_nesting_and_alignment_are_the_source_s() -> None:
    article = source.parse(LISTS, "a.md", "a")
    text = render_markdown.render(catalog.localize(article, pseudo_po(article), locale_info("fr")))
    assert "* ⟦star⟧\n* ⟦list⟧" in text
    assert "+ ⟦plus⟧\n\n  1) ⟦paren⟧\n  2) ⟦list⟧" in text
    assert "7. ⟦seven⟧\n8. ⟦eight⟧" in text
    assert "> ⟦quoted⟧\n>\n> > ⟦nested⟧" in text
    assert "| :---: | ---: |" in text


def test_a_list_item_s_translation_cannot_open_a_block() -> None:
    article = source.parse(LISTS, "a.md", "a")
    po = pseudo_po(article, mark="{}")
    for entry in po:
        if entry.msgctxt == "lede/list-1/item-1":
            entry.msgstr = "star\n\n- not an item\n# nor a heading <b>raw</b>"
    text = render_markdown.render(catalog.localize(article, po, locale_info("fr")))
    again = source.parse(text, "again.md", "a")
    assert [s.id for s in again.segments()] == [s.id for s in article.segments()]
    item = next(s for s in again.segments() if s.id == "lede/list-1/item-1")
    assert item.text == "star\n\\- not an item\n\\# nor a heading &lt;b>raw&lt;/b>"


def test_a_translated_front_matter_value_is_one_quoted_yaml_string() -> None:
    article = source.parse('---\nsummary: Short.\ndate: "2026-11-25"\n---\n\n# T\n', "a.md", "a")
    po = pseudo_po(article, mark="{}")
    for entry in po:
        if entry.msgctxt == "meta/summary":
            entry.msgstr = 'Court "et"\n---\ntitle: pirate'
    text = render_markdown.render(catalog.localize(article, po, locale_info("fr")))
    assert text.startswith(
        '---\nsummary: "Court \\"et\\" --- title: pirate"\ndate: "2026-11-25"\n---\n'
    )


def test_a_stray_bidi_control_cannot_uncover_a_block_marker() -> None:
    """An unmatched closer is dropped before the lines are read, so the mark behind it is
    escaped like any other."""
    assert render_markdown.inline("x\n\u202c> quote\n\u2069# heading") == (
        "x\n\\> quote\n\\# heading"
    )


def test_a_point_s_pieces_cannot_make_a_link_together() -> None:
    """The layout, the title and the text are made safe as one line."""
    layout = Segment(
        "layout/point", "point-layout", "{title}(javascript:alert(1)) {text}", "a", 1, ""
    )
    point = Point(
        1, Segment("t", "title", "[x]", "a", 1, ""), Segment("x", "text", "y", "a", 1, "")
    )
    assert render_markdown._point(layout, point) == "1. [x\\](javascript:alert(1)) y"


def test_a_translation_of_nothing_but_bidi_closers_is_empty(article: Article) -> None:
    """The renderers drop closers that close nothing: such a translation is no translation,
    and the English stands in, so the edition keeps every paragraph."""
    po = pseudo_po(article, mark="{}")
    for entry in po:
        if entry.msgctxt == "lede":
            entry.msgstr = "\u2069 \u202c\n\u2069"
    localized = catalog.localize(article, po, locale_info("fr"))
    again = source.parse(render_markdown.render(localized), "edition.md", "article")
    assert again.lede[0].text == article.lede[0].text
