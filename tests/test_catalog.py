from __future__ import annotations

from pytest_regressions.file_regression import FileRegressionFixture

from conftest import PSEUDO_LAYOUT, pseudo_po
from editions import catalog
from editions.localedata import locale_info
from editions.model import Article, State
from editions.po import write


def test_pot_snapshot(article: Article, file_regression: FileRegressionFixture) -> None:
    pot = catalog.to_pot(article, article.path)
    file_regression.check(write.format_po(pot), extension=".pot", binary=False)


def test_pot_is_one_entry_per_segment_in_document_order(article: Article) -> None:
    pot = catalog.to_pot(article, article.path)
    assert [(e.msgctxt, e.msgid) for e in pot] == [(s.id, s.text) for s in article.segments()]
    layout = next(e for e in pot if e.msgctxt == "layout/point")
    assert layout.msgid == "**{title}:** {text}"
    assert layout.flags == ["python-brace-format"]
    first = pot[0]
    assert first.occurrences == [("source_text/article.md", "5")]
    assert first.comment == "Headline of the article"


def test_new_po_header_comes_from_cldr(article: Article) -> None:
    pot = catalog.to_pot(article, article.path)
    po = catalog.new_po(pot, "article", locale_info("ar"))
    assert po.metadata["Language"] == "ar"
    assert po.metadata["Plural-Forms"].startswith("nplurals=6;")
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.metadata["Last-Translator"] == ""
    assert all(e.msgstr == "" for e in po)


def test_every_segment_goes_through_the_catalog(article: Article) -> None:
    localized = catalog.localize(article, pseudo_po(article), locale_info("fr"))
    for segment in localized.segments():
        assert segment.state is State.TRANSLATED, segment.id
        if segment.kind == "point-layout":
            assert segment.text == PSEUDO_LAYOUT
        else:
            assert segment.text.startswith("⟦") and segment.text.endswith("⟧"), segment.id
        assert segment.lang == "fr"


def test_missing_fuzzy_stale_and_broken_translations_fall_back(article: Article) -> None:
    po = pseudo_po(article)
    by_id = {e.msgctxt: e for e in po}
    by_id["title"].msgstr = ""
    by_id["lede"].flags.append("fuzzy")
    by_id["closing"].msgid = "An older English closing."
    by_id["layout/point"].msgstr = "**{title}**"  # lost {text}
    localized = catalog.localize(article, po, locale_info("fr"))
    fallen = {s.id: s for s in localized.segments() if s.state is State.UNTRANSLATED}
    assert set(fallen) == {"title", "lede", "closing", "layout/point"}
    assert all(s.lang == "en" for s in fallen.values())
    assert fallen["title"].text == article.title.text

    with_fuzzy = catalog.localize(article, po, locale_info("fr"), use_fuzzy=True)
    assert with_fuzzy.lede[0].state is State.FUZZY
    assert with_fuzzy.lede[0].text == "⟦" + article.lede[0].text + "⟧"


def test_obsolete_entries_are_not_used(article: Article) -> None:
    po = pseudo_po(article)
    po[0].obsolete = True
    localized = catalog.localize(article, po, locale_info("fr"))
    assert localized.title == article.title._replace(state=State.UNTRANSLATED)


def test_an_i18n_comment_is_the_next_message_s_guidance() -> None:
    from editions import source

    article = source.parse("# T\n\n<!-- i18n: keep the pun -->\n\n- An item\n", "a.md", "a")
    text = write.format_po(catalog.to_pot(article, "a.md"))
    assert '#. List item 1\n#. keep the pun\n#: a.md:5\nmsgctxt "lede/list-1/item-1"' in text
    assert "<!--" not in text
