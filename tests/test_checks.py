"""``editions check``: each broken catalog in tests/data/check/ is named for its one fault.

Every file there is ``good.po`` (a French translation of ``article.md`` with
no problem at all) with one thing broken; the check must find exactly that
thing, on its line, and nothing else.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from editions import checks, source
from editions.catalog import MAX_MESSAGE
from editions.localedata import locale_info
from editions.model import Article

DATA = Path(__file__).parent / "data" / "check"

#: file -> every problem: (line, severity, check)
EXPECTED: dict[str, list[tuple[int | None, str, str]]] = {
    "good.po": [],
    "po_syntax_unterminated_string.po": [(62, "error", "po-syntax")],
    "po_encoding_latin1.po": [(49, "error", "po-syntax")],
    "header_language_mismatch.po": [(8, "error", "header-language")],
    "header_language_missing.po": [(3, "error", "header-language")],
    "header_plural_forms_other_tool.po": [(12, "warning", "header-plural-forms")],
    "header_plural_forms_beyond_nplurals.po": [(12, "error", "header-plural-forms")],
    "header_charset_missing.po": [(3, "error", "header-charset")],
    "header_charset_latin1.po": [(10, "error", "po-syntax")],
    "msgctxt_unknown.po": [(70, "error", "unknown-context")],
    "msgctxt_absent.po": [(70, "error", "unknown-context"), (2, "warning", "missing")],
    "msgctxt_duplicate.po": [(76, "error", "duplicate-context"), (78, "warning", "stale")],
    "message_missing.po": [(2, "warning", "missing")],
    "link_missing.po": [(27, "error", "markdown-links")],
    "link_url_changed.po": [(27, "error", "markdown-links"), (27, "error", "markdown-links")],
    "link_unsafe_scheme.po": [(49, "error", "markdown-links")],
    "emphasis_dropped.po": [(27, "warning", "markdown-emphasis")],
    "code_translated.po": [(55, "warning", "markdown-code"), (55, "warning", "markdown-code")],
    "raw_html.po": [(49, "error", "raw-html")],
    "block_heading_marker.po": [(74, "error", "block-structure")],
    "block_list_marker.po": [(68, "error", "block-structure")],
    "block_blank_line.po": [(74, "error", "block-structure")],
    "block_reference_definition.po": [(74, "error", "block-structure")],
    "heading_line_break.po": [(36, "error", "block-structure")],
    "number_changed.po": [(55, "warning", "numbers")],
    "whitespace_leading.po": [(62, "error", "whitespace")],
    "whitespace_trailing.po": [(62, "error", "whitespace")],
    "bidi_override.po": [(62, "error", "bidi-control")],
    "zero_width_space.po": [(62, "warning", "zero-width")],
    "control_character.po": [
        (62, "error", "control-character"),
        (62, "error", "control-character"),
    ],
    "layout_placeholder_missing.po": [(43, "error", "layout-placeholders")],
    "layout_placeholder_twice.po": [(43, "error", "layout-placeholders")],
    "untranslated.po": [(62, "warning", "untranslated")],
    "fuzzy.po": [(63, "warning", "fuzzy")],
    "same_as_source.po": [(36, "warning", "same-as-source")],
    "stale_english.po": [(68, "warning", "stale")],
}


@pytest.fixture(scope="module")
def article() -> Article:
    return source.read(DATA / "article.md", "article.md")


def test_every_data_file_has_an_expectation() -> None:
    assert sorted(p.name for p in DATA.glob("*.po")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_catalog_reports_its_fault_and_only_it(article: Article, name: str) -> None:
    problems = checks.check_file(DATA / name, name, "fr", article)
    found = [(p.line, p.severity, p.check) for p in problems]
    assert found == EXPECTED[name], "\n".join(map(str, problems))
    for problem in problems:
        assert str(problem).startswith(f"{name}:{problem.line}: {problem.severity}: ")
        assert str(problem).endswith(f" [{problem.check}]")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("po_syntax_unterminated_string.po", "unterminated string"),
        ("po_encoding_latin1.po", "UTF-8"),
        ("header_language_mismatch.po", "Language is 'de', but the catalog is in the folder 'fr'"),
        ("header_charset_latin1.po", "charset ISO-8859-1: catalogs must be UTF-8"),
        ("header_plural_forms_other_tool.po", "nplurals=2 where CLDR has 3; CLDR gives"),
        ("header_plural_forms_beyond_nplurals.po", "n = 2 takes form 2, beyond nplurals=2"),
        ("msgctxt_unknown.po", "msgctxt 'events/point-3/text' is not in the source"),
        ("link_missing.po", "the link to https://port.example.org/news is missing"),
        ("raw_html.po", "raw HTML <b> </b> shows as text"),
        ("block_heading_marker.po", "a heading marker at the start of a line"),
        ("block_list_marker.po", "a list marker at the start of a line"),
        ("block_blank_line.po", "a blank line"),
        ("number_changed.po", "the number 120"),
        ("bidi_override.po", "U+202E RIGHT-TO-LEFT OVERRIDE at character 1"),
        ("zero_width_space.po", "U+200B ZERO WIDTH SPACE at character 5"),
        (
            "control_character.po",
            "U+00AD SOFT HYPHEN at character 4: the editions show it as U+FFFD",
        ),
        (
            "link_unsafe_scheme.po",
            "a link to javascript:alert(1) that the English does not have: "
            "the editions show it as text",
        ),
        ("block_reference_definition.po", "a link reference definition at the start of a line"),
        ("layout_placeholder_missing.po", "{text} must appear once, not 0 times"),
    ],
)
def test_messages_say_what_is_wrong(article: Article, name: str, words: str) -> None:
    first = checks.check_file(DATA / name, name, "fr", article)[0]
    assert words in first.message


def test_link_url_changed_names_both_addresses(article: Article) -> None:
    problems = checks.check_file(DATA / "link_url_changed.po", "x.po", "fr", article)
    assert [p.message for p in problems] == [
        "the link to https://port.example.org/news is missing",
        "a link to https://port.example.org/actualites that the English does not have",
    ]


def test_a_catalog_in_the_wrong_folder(article: Article) -> None:
    problems = checks.check_file(DATA / "good.po", "good.po", "de", article)
    assert [(p.line, p.severity, p.check) for p in problems] == [
        (8, "error", "header-language"),
        (12, "warning", "header-plural-forms"),
    ]


def test_a_header_may_name_the_folder_s_language_in_another_form(
    article: Article, tmp_path: Path
) -> None:
    """Weblate and msginit write ``Language: zh_Hans`` or ``zh_CN`` as they name the
    language; a folder named the other way is the same language, not an error."""
    text = (
        (DATA / "good.po").read_text("utf-8").replace('"Language: fr\\n"', '"Language: zh_Hans\\n"')
    )
    assert '"Language: zh_Hans' in text
    path = tmp_path / "zh.po"
    path.write_text(text, "utf-8")
    found = [p.check for p in checks.check_file(path, "zh.po", "zh_CN", article)]
    assert "header-language" not in found
    found = [p.check for p in checks.check_file(path, "zh.po", "ja", article)]
    assert "header-language" in found


@pytest.mark.parametrize(
    ("plural_forms", "fault"),
    [
        # CLDR's rule as other releases of CLDR and other tools write it
        ("nplurals=3; plural=(n >= 0 && n <= 1) ? 0 : (n != 0 && n % 1000000 == 0) ? 1 : 2;", None),
        ("nplurals=3;plural=n<2?0:n%1000000==0?1:2", None),
        # what msginit, Poedit and Weblate write for French: msgfmt -c takes it
        ("nplurals=2; plural=(n > 1);", ("warning", "nplurals=2 where CLDR has 3")),
        ("nplurals=3; plural=(n > 1) ? 2 : 0;", ("warning", "n = 1000000 takes form 2")),
        # what msgfmt -c refuses
        ("nplurals=3; plural=__import__('os');", ("error", "is not a C expression of n")),
        ("plural=n > 1", ("error", "not of the form 'nplurals=N; plural=EXPRESSION;'")),
        ("nplurals=2; plural=n % 3;", ("error", "n = 2 takes form 2, beyond nplurals=2")),
        ("nplurals=0; plural=0;", ("error", "nplurals=0: at least one form is needed")),
    ],
)
def test_plural_forms_are_judged_by_the_form_each_count_takes(
    article: Article, tmp_path: Path, plural_forms: str, fault: tuple[str, str] | None
) -> None:
    lines = (DATA / "good.po").read_text("utf-8").splitlines(keepends=True)
    assert lines[11].startswith('"Plural-Forms:') and lines[12].startswith('"1000000')
    lines[11:13] = [f'"Plural-Forms: {plural_forms}\\n"\n']
    path = tmp_path / "fr.po"
    path.write_text("".join(lines), "utf-8")
    problems = checks.check_file(path, "fr.po", "fr", article)
    if fault is None:
        assert problems == []
    else:
        severity, words = fault
        assert [(p.line, p.severity, p.check) for p in problems] == [
            (12, severity, "header-plural-forms")
        ]
        assert words in problems[0].message


def test_as_dict_is_what_json_output_lists(article: Article) -> None:
    (problem,) = checks.check_file(DATA / "raw_html.po", "raw_html.po", "fr", article)
    assert problem.as_dict() == {
        "path": "raw_html.po",
        "line": 49,
        "severity": "error",
        "check": "raw-html",
        "message": "raw HTML <b> </b> shows as text in the editions: use Markdown",
        "msgctxt": "events/point-1/title",
    }


# -- Message checks, one by one ----------------------------------------------------------------


def message(english: str, translation: str, lang: str = "fr", kind: str = "lede") -> checks.Message:
    return checks.Message("lede", english, translation, locale_info(lang), kind)


def run(english: str, translation: str, lang: str = "fr", kind: str = "lede") -> list[str]:
    m = message(english, translation, lang, kind)
    return [f"{name}: {text}" for name, check in checks.MESSAGE_CHECKS for _, text in check(m)]


def test_reordered_links_and_emphasis_are_fine() -> None:
    english = "[A](https://a.org) and *b* and [C](https://c.org)"
    assert run(english, "*b* et [C’](https://c.org), puis [A’](https://a.org)") == []


def test_numbers_may_be_written_in_the_language_s_own_digits() -> None:
    english = "In 2026, 1,500 people left."
    assert run(english, "۲۰۲۶ میں ۱۵۰۰ افراد چلے گئے۔", "ur") == []
    assert run(english, "En 2026, 1 500 personnes sont parties.") == []
    assert run(english, "En 2026, 1\u202f500 personnes sont parties.") == []
    assert run(english, "En 2025, 1 500 personnes sont parties.") == [
        "numbers: the number 2026 of the English is not in the translation"
    ]


def test_zero_width_non_joiner_is_persian_spelling() -> None:
    english = "The houses"
    assert run(english, "خانه\u200cها", "fa") == []
    assert run(english, "les mai\u200csons", "fr") == [
        "zero-width: invisible U+200C ZERO WIDTH NON-JOINER at character 8"
    ]


def test_zero_width_joiner_is_allowed_where_the_script_needs_it() -> None:
    assert run("Text", "क्\u200dष", "hi") == []
    assert run("Text", "Te\u200dxt", "de") == [
        "zero-width: invisible U+200D ZERO WIDTH JOINER at character 3"
    ]


@pytest.mark.parametrize("char", sorted(checks.BIDI_CONTROLS))
def test_every_bidi_control_is_an_error(char: str) -> None:
    m = message("Text", f"Te{char}xt", "ur")
    assert [s for s, _ in checks.bidi_control(m)] == ["error"]


def test_a_translation_may_keep_the_markup_the_english_has() -> None:
    english = "Use `code`, **bold** <br> and a line\n- with a dash"
    assert run(english, "Utilisez `code`, **gras** <br> et une ligne\n- avec un tiret") == []


def test_emphasis_differences_are_counted() -> None:
    assert run("**a** *b*", "a b") == [
        "markdown-emphasis: 0 strong (**…**) where the English has 1",
        "markdown-emphasis: 0 emphasis (*…*) where the English has 1",
    ]


def test_same_as_source_skips_the_layout_and_texts_without_words() -> None:
    assert run("**{title}:** {text}", "**{title}:** {text}", kind="point-layout") == []
    assert run("2026", "2026") == []
    assert run("Balochistan", "Balochistan") == [
        "same-as-source: the translation is the English text"
    ]


@pytest.mark.parametrize(
    ("translation", "what"),
    [
        ("> cité", "a quote marker"),
        ("1. un", "a numbered list marker"),
        ("```", "a code fence"),
        ("texte\n===", "a heading underline"),
        ("texte\n---", "a heading underline"),
        ("* point", "a list marker"),
        ("texte\n***", "a thematic break"),
        ("texte\n_ _ _", "a thematic break"),
        ("[a]: https://example.org", "a link reference definition"),
    ],
)
def test_block_starts(translation: str, what: str) -> None:
    assert run("text", translation) == [
        f"block-structure: {what} at the start of a line: Markdown would start a new block there"
    ]


@pytest.mark.parametrize(
    ("kind", "what"), [("heading", "a heading"), ("cell", "a table cell"), ("caption", "a caption")]
)
def test_a_one_line_message_takes_no_line_break(kind: str, what: str) -> None:
    assert run("A cell", "Une\ncellule", kind=kind) == [
        f"block-structure: a line break in {what}: it is one line"
    ]
    assert run("An item", "Un\nélément", kind="item") == []  # a list item's paragraph may


def test_a_list_item_cannot_open_a_block() -> None:
    assert run("An item", "Un élément\n- un autre", kind="item") == [
        "block-structure: a list marker at the start of a line: "
        "Markdown would start a new block there"
    ]


def test_footnote_and_reference_labels_are_kept() -> None:
    english = "A claim[^src], as the [ministry][fin] says."
    assert run(english, "Une affirmation[^src], dit le [ministère][fin].") == []
    assert run(english, "Une affirmation, dit le [ministère][finance][^x].") == [
        "markdown-references: the footnote reference [^src] is missing",
        "markdown-references: a footnote reference [^x] that the English does not have",
        "markdown-references: the link reference [fin] is missing",
        "markdown-references: a link reference [finance] that the English does not have",
    ]


@pytest.mark.parametrize(
    "char", ["\x00", "\x07", "\x1b", "\r", "\x7f", "\x85", "\x9b", "\xad", "\u2062", "\U000e0041"]
)
def test_every_control_and_invisible_format_character_is_an_error(char: str) -> None:
    name = f"U+{ord(char):04X}"
    assert run("Text", f"Te{char}xt") == [
        f"control-character: invisible {name} {unicodedata.name(char, 'control character')} "
        "at character 3: the editions show it as U+FFFD REPLACEMENT CHARACTER"
    ]


@pytest.mark.parametrize("char", ["\t", "\u200e", "\u200f", "\u061c", "\u0600"])
def test_tabs_bidi_marks_and_visible_signs_are_not_control_characters(char: str) -> None:
    m = message("Text", f"Te{char}xt", "ar")
    assert list(checks.control_character(m)) == []


def test_a_message_over_the_size_limit_is_an_error_and_read_no_further(
    article: Article, tmp_path: Path
) -> None:
    lines = (DATA / "good.po").read_text("utf-8").split("\n")
    assert lines[61] == 'msgstr "Navires"'
    lines[61] = 'msgstr "' + "<b>[" * (MAX_MESSAGE // 4 + 1) + '"'
    path = tmp_path / "fr.po"
    path.write_text("\n".join(lines), "utf-8")
    problems = checks.check_file(path, "fr.po", "fr", article)
    assert [(p.line, p.severity, p.check) for p in problems] == [(62, "error", "message-size")]
    assert problems[0].message == (
        f"a translation of {MAX_MESSAGE + 4:,} characters: the editions use none longer than 20,000"
    )
