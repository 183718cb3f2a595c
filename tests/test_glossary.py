"""The glossary: reading and validating it, matching terms, the checks it drives, the
``#. glossary:`` lines ``update`` writes, and its TBX round trip."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from editions import checks, glossary, source, translations
from editions.catalog import MAX_MESSAGE
from editions.cli import main
from editions.errors import EditionsError
from editions.glossary import Glossary, Rendering, Term
from editions.localedata import locale_info
from editions.model import Article
from editions.po.read import read_po
from editions.project import Project

ROOT = Path(__file__).resolve().parent.parent
SEEDED = ROOT / "locales" / "glossary.tbx"
DATA = Path(__file__).parent / "data" / "glossary"
SCHEMA = Path(__file__).parent / "data" / "schemas" / "TBXcoreStructV03_TBX-Basic_integrated.rng"
COMPLETE = ["ar", "de", "es", "fa", "fr", "ps", "ru", "ur", "zh_Hans"]


@pytest.fixture(scope="module")
def seeded() -> Glossary:
    return glossary.load(SEEDED)


@pytest.fixture(scope="module")
def article() -> Article:
    return source.read(ROOT / "source_text" / "article.md", "source_text/article.md")


def findings(g: Glossary, english: str, translation: str, lang: str) -> list[tuple[str, str]]:
    return list(g.findings(english, translation, lang, locale_info(lang).script))


# -- matching ------------------------------------------------------------------------------------


def test_terms_in_english_whole_words_plurals_and_the_longest_term(seeded: Glossary) -> None:
    english = "Reports of enforced disappearances, human rights abuses and arbitrary arrests."
    ids = [t.id for t in seeded.terms_in(english)]
    assert ids == ["enforced-disappearance", "human-rights-abuse", "arbitrary-arrest"]
    assert seeded.terms_in("Pakistani officials") == [seeded.terms[-1]]  # not 'Pakistan'
    assert [t.id for t in seeded.terms_in("PAKISTAN’S REGION")] == ["pakistan", "region"]
    assert seeded.terms_in("regional abusers") == []


@pytest.mark.parametrize(
    ("lang", "translation"),
    [
        ("ru", "Сообщается о насильственных исчезновениях в Белуджистане."),
        ("ru", "Насильственное исчезновение в Белуджистане."),
        ("de", "Fälle von Verschwindenlassen in Belutschistan."),
        ("ur", "بلوچستان میں جبری گمشدگیوں کے واقعات۔"),
        ("fa", "ناپدیدسازی\u200cقهری در بلوچستان"),  # a ZWNJ where the glossary has a space
        ("zh_Hans", "俾路支省发生强迫失踪事件。"),
    ],
)
def test_inflected_forms_are_accepted(seeded: Glossary, lang: str, translation: str) -> None:
    english = "Enforced disappearances in Balochistan."
    assert findings(seeded, english, translation, lang) == []


@pytest.mark.parametrize(
    ("lang", "english", "translation"),
    [
        ("de", "Human rights abuses.", "Die Menschenrechtsverletzungen."),
        ("de", "Human rights abuses.", "Eine Menschenrechtsverletzung."),
        ("ru", "Human rights abuses.", "Нарушениями прав человека."),
        ("ur", "Arbitrary arrests.", "من مانی گرفتاریوں کی اطلاعات۔"),
    ],
)
def test_more_inflections(seeded: Glossary, lang: str, english: str, translation: str) -> None:
    assert findings(seeded, english, translation, lang) == []


def test_a_term_without_its_approved_translation_is_a_warning(seeded: Glossary) -> None:
    found = findings(seeded, "Enforced disappearances.", "Des enlèvements.", "fr")
    assert found == [
        ("warning", "'enforced disappearance' is translated 'disparitions forcées' in the glossary")
    ]


def test_a_forbidden_rendering_is_an_error_with_its_reason(seeded: Glossary) -> None:
    found = findings(seeded, "Enforced disappearances.", "جبري ورکېدل او جبري ورکونې", "ps")
    assert found == [
        (
            "error",
            "'جبري ورکېدل' for 'enforced disappearance': intransitive, ‘going missing’: it loses "
            "who made the person disappear (glossary: 'جبري ورکونه')",
        )
    ]
    assert [s for s, _ in findings(seeded, "Human rights abuses.", "侵权行为", "zh_Hans")] == [
        "error",
        "warning",
    ]


def test_entries_awaiting_review_are_shown_not_enforced(seeded: Glossary) -> None:
    assert findings(seeded, "Enforced disappearances.", "anything", "bal") == []
    assert seeded.notes("Enforced disappearances.", "bal") == [
        "glossary: enforced disappearance = جبری بیگواه کنگ (needs review)"
    ]


# -- check: each catalog with exactly one fault --------------------------------------------------


def _msgstr_line(text: str, msgctxt: str) -> int:
    lines = text.split("\n")
    start = lines.index(f'msgctxt "{msgctxt}"')
    return next(n for n in range(start, len(lines)) if lines[n].startswith("msgstr")) + 1


@pytest.mark.parametrize(
    ("lang", "msgctxt", "old", "new", "expected"),
    [
        ("fr", "concerns/point-1/text", "des disparitions", "des enlèvements", ["warning"]),
        ("fr", "reactions/point-1/text", "Nations unies", "Nations-Unies", ["error"]),
        ("ur", "lede", "صوبے", "خطے", ["error", "warning"]),
        ("de", "concerns/point-1/text", "Verschwindenlassen", "Entführungen", ["warning"]),
        ("ru", "concerns/point-1/text", "насильственных", "принудительных", ["error", "warning"]),
    ],
)
def test_check_finds_the_one_fault(
    seeded: Glossary,
    article: Article,
    tmp_path: Path,
    lang: str,
    msgctxt: str,
    old: str,
    new: str,
    expected: list[str],
) -> None:
    text = (ROOT / "locales" / lang / "LC_MESSAGES" / "article.po").read_text("utf-8")
    assert text.count(old) >= 1
    index = text.index(old, text.index(f'msgctxt "{msgctxt}"'))
    broken = text[:index] + new + text[index + len(old) :]
    path = tmp_path / "article.po"
    path.write_text(broken, "utf-8")
    problems = checks.check_file(path, "article.po", lang, article, seeded)
    line = _msgstr_line(broken, msgctxt)
    assert [(p.line, p.check, p.msgctxt) for p in problems] == [
        (line, "glossary", msgctxt) for _ in expected
    ]
    assert [p.severity for p in problems] == expected


@pytest.mark.parametrize("lang", COMPLETE)
def test_the_seeded_glossary_passes_on_every_complete_catalog(
    seeded: Glossary, article: Article, lang: str
) -> None:
    path = ROOT / "locales" / lang / "LC_MESSAGES" / "article.po"
    assert checks.check_file(path, "article.po", lang, article, seeded) == []


def test_check_format_json_carries_glossary_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("source_text", "locales"):
        shutil.copytree(ROOT / name, tmp_path / name)
    po = tmp_path / "locales" / "fr" / "LC_MESSAGES" / "article.po"
    po.write_text(po.read_text("utf-8").replace("exactions", "abus"), "utf-8")
    assert main(["-C", str(tmp_path), "check", "--lang", "fr", "--format", "json"]) == 1
    found = [p for p in json.loads(capsys.readouterr().out) if p["check"] == "glossary"]
    assert {p["severity"] for p in found} == {"error", "warning"}
    assert set(found[0]) == {"path", "line", "severity", "check", "message", "msgctxt"}
    assert found[0]["path"] == "locales/fr/LC_MESSAGES/article.po"
    assert "a false friend" in found[0]["message"]


# -- consistency across documents ----------------------------------------------------------------


HEADER = 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def _po(path: Path, *entries: tuple[str, str, str]) -> str:
    body = "".join(f'msgctxt "{c}"\nmsgid "{i}"\nmsgstr "{s}"\n\n' for c, i, s in entries)
    path.write_text(HEADER + body, "utf-8")
    return str(path)


def consistency(files: list[tuple[str, str, str, str]], g: Glossary | None = None) -> list[str]:
    """What :class:`checks.Consistency` finds in French catalogs ``(path, name, lang, doc)``."""
    across = checks.Consistency(g)
    found = []
    for path, name, lang, doc in files:
        text = Path(path).read_text("utf-8")
        catalog = checks.Catalog(read_po(path, name), text, name, lang, {}, locale_info(lang))
        found += [str(p) for p in across.add(catalog, doc)]
    return found


def test_the_same_english_translated_differently_names_both_places(tmp_path: Path) -> None:
    a = _po(tmp_path / "a.po", ("lede", "Calls for action.", "Des appels à agir."))
    b = _po(tmp_path / "b.po", ("lede", "Calls for action.", "Des appels à l’action."))
    assert consistency([(a, "a.po", "fr", "a"), (b, "b.po", "fr", "b")]) == [
        "b.po:8: warning: the same English is translated differently at a.po:8 [consistency]"
    ]


def test_a_translation_no_edition_uses_is_not_compared(seeded: Glossary, tmp_path: Path) -> None:
    """An oversized translation is a message-size error and nothing else: it is not read
    for consistency (its glossary forms would take time out of proportion to it)."""
    a = _po(tmp_path / "a.po", ("lede", "Human rights.", "Droits humains."))
    b = _po(tmp_path / "b.po", ("lede", "Human rights.", "Droits" + " humains" * MAX_MESSAGE))
    assert consistency([(a, "a.po", "fr", "a"), (b, "b.po", "fr", "b")], seeded) == []


def test_a_term_given_different_forms_in_two_documents(seeded: Glossary, tmp_path: Path) -> None:
    a = _po(
        tmp_path / "a.po",
        ("lede", "The United Nations.", "L’Organisation des Nations unies."),
        ("p", "At the United Nations.", "À l’ONU."),  # one document may use both
    )
    b = _po(tmp_path / "b.po", ("lede", "Said the United Nations.", "A dit l’ONU."))
    files = [(a, "a.po", "fr", "a"), (b, "b.po", "fr", "b")]
    assert consistency(files, seeded) == [
        "b.po:8: warning: 'United Nations' is translated with 'ONU' here, with "
        "'Organisation des Nations unies' at a.po:8 [consistency]"
    ]


def test_a_term_outside_the_glossary_in_two_documents(seeded: Glossary, tmp_path: Path) -> None:
    a = _po(tmp_path / "a.po", ("lede", "Displacement.", "L’exode."))
    b = _po(tmp_path / "b.po", ("lede", "Fear and displacement.", "La peur et l’exil."))
    assert consistency([(a, "a.po", "fr", "a"), (b, "b.po", "fr", "b")], seeded) == [
        "b.po:8: warning: 'displacement' is translated outside the glossary here and at a.po:8 "
        "[consistency]"
    ]


# -- validation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bad_syntax.tbx", ["bad_syntax.tbx:6: error: not TBX: "]),
        ("bad_unknown_field.tbx", ["bad_unknown_field.tbx:16: error: unknown element <descrip"]),
        ("bad_empty_term.tbx", ["bad_empty_term.tbx:13: error: an empty <term>"]),
        ("bad_pattern.tbx", ["bad_pattern.tbx:17: error: the form 'dé*placement' has a '*'"]),
        ("bad_duplicate_term.tbx", ["bad_duplicate_term.tbx:23: error: duplicate term"]),
        ("bad_forbidden_without_reason.tbx", ["bad_forbidden_without_reason.tbx:17: error: "]),
        (
            "bad_two_approved.tbx",
            ["bad_two_approved.tbx:12: error: 'fr' needs one approved term"],
        ),
        ("bad_two_lang_secs.tbx", ["bad_two_lang_secs.tbx:18: error: a second <langSec>"]),
    ],
)
def test_validation_errors_name_their_line(name: str, expected: list[str]) -> None:
    with pytest.raises(EditionsError) as caught:
        glossary.load(DATA / name, name)
    errors = getattr(caught.value, "errors", [caught.value])
    assert len(errors) == len(expected)
    for error, start in zip(errors, expected, strict=True):
        assert str(error).startswith(start)


def test_a_bad_glossary_stops_check_and_update_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("source_text", "locales"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(DATA / "bad_empty_term.tbx", tmp_path / "locales" / "glossary.tbx")
    for command in ("check", "update"):
        assert main(["-C", str(tmp_path), command]) == 1
        assert capsys.readouterr().err == "locales/glossary.tbx:13: error: an empty <term>\n"


# -- the TBX round trip --------------------------------------------------------------------------


def test_import_of_export_is_the_glossary(seeded: Glossary, tmp_path: Path) -> None:
    exported = tmp_path / "g.tbx"
    exported.write_bytes(glossary.to_tbx(seeded))
    assert glossary.load(exported) == seeded


def test_export_of_import_is_the_same_bytes() -> None:
    assert glossary.to_tbx(glossary.load(SEEDED)) == SEEDED.read_bytes()


def test_a_glossary_with_every_field_round_trips(tmp_path: Path) -> None:
    term = Term(
        "x",
        "enforced disappearance",
        ("enforced disappearances",),
        "a note & <markup>",
        (
            Rendering("fr", "disparition forcée", ("disparitions forcées",), (), "n", False),
            Rendering("bal", "draft", (), (("bad", "why"),), "", True),
        ),
    )
    g = Glossary((term,))
    path = tmp_path / "g.tbx"
    path.write_bytes(glossary.to_tbx(g))
    assert glossary.load(path) == g
    assert glossary.to_tbx(glossary.load(path)) == path.read_bytes()


def test_the_export_is_valid_tbx_basic(seeded: Glossary) -> None:
    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    document = etree.fromstring(glossary.to_tbx(seeded))
    assert schema.validate(document), schema.error_log


def test_glossary_export_and_import_commands(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    for name in ("source_text", "locales"):
        shutil.copytree(ROOT / name, tmp_path / name)
    assert main(["-C", str(tmp_path), "glossary", "export", "--format", "tbx"]) == 0
    assert capsysbinary.readouterr().out == SEEDED.read_bytes()
    out = tmp_path / "out.tbx"
    assert main(["-C", str(tmp_path), "glossary", "export", "-o", str(out), "-q"]) == 0
    target = tmp_path / "locales" / "glossary.tbx"
    target.unlink()
    assert main(["-C", str(tmp_path), "glossary", "export"]) == 1
    assert main(["-C", str(tmp_path), "glossary", "import", str(out), "-q"]) == 0
    assert target.read_bytes() == SEEDED.read_bytes()
    assert main(["-C", str(tmp_path), "glossary", "import", str(DATA / "bad_pattern.tbx")]) == 1
    assert target.read_bytes() == SEEDED.read_bytes()


# -- what translators see ------------------------------------------------------------------------


def test_update_writes_glossary_lines_and_a_second_update_changes_nothing(tmp_path: Path) -> None:
    for name in ("source_text", "locales"):
        shutil.copytree(ROOT / name, tmp_path / name)
    project = Project(tmp_path)
    fr = tmp_path / "locales" / "fr" / "LC_MESSAGES" / "article.po"
    committed = fr.read_bytes()
    (tmp_path / "locales" / "glossary.tbx").rename(tmp_path / "saved.tbx")
    translations.update(project, ["fr"])
    assert "#. glossary:" not in fr.read_text("utf-8")
    (tmp_path / "saved.tbx").rename(tmp_path / "locales" / "glossary.tbx")
    updates, _ = translations.update(project, ["fr"])
    assert [u.summary for u in updates] == ["references and comments"]
    assert fr.read_bytes() == committed
    text = fr.read_text("utf-8")
    assert (
        "#. Text of point 1 in the section 'Human Rights Concerns in Balochistan'\n"
        "#. glossary: human rights organization = organisations de défense des droits humains\n"
        "#. glossary: abuse = exactions\n"
        "#. glossary: Balochistan = Baloutchistan\n"
        "#. glossary: enforced disappearance = disparitions forcées\n"
    ) in text
    again, _ = translations.update(project, ["fr"])
    assert [u.stale for u in again] == [False]
    assert fr.read_bytes() == committed
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(fr)], check=True)


def test_glossary_lines_follow_the_glossary(tmp_path: Path) -> None:
    for name in ("source_text", "locales"):
        shutil.copytree(ROOT / name, tmp_path / name)
    project = Project(tmp_path)
    seeded = glossary.load(SEEDED)
    fewer = Glossary(tuple(t for t in seeded.terms if t.id != "abuse"))
    (tmp_path / "locales" / "glossary.tbx").write_bytes(glossary.to_tbx(fewer))
    translations.update(project, ["ur"])
    text = (tmp_path / "locales" / "ur" / "LC_MESSAGES" / "article.po").read_text("utf-8")
    assert "#. glossary: abuse" not in text
    assert "#. glossary: region = صوبہ\n" in text


def test_init_writes_glossary_lines_that_update_keeps(tmp_path: Path) -> None:
    for name in ("source_text", "locales"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.rmtree(tmp_path / "locales" / "fr")
    assert main(["-C", str(tmp_path), "init", "fr", "-q"]) == 0
    text = (tmp_path / "locales" / "fr" / "LC_MESSAGES" / "article.po").read_text("utf-8")
    assert "#. glossary: displacement = déplacement\n" in text
    assert main(["-C", str(tmp_path), "update", "--check", "--lang", "fr"]) == 0


def test_check_compares_the_documents_of_a_language(tmp_path: Path) -> None:
    for name in ("source_text", "locales"):
        shutil.copytree(ROOT / name, tmp_path / name)
    project = Project(tmp_path)
    (tmp_path / "source_text" / "brief.md").write_text(
        "# In Brief\n\nThe United Nations called for accountability.\n", "utf-8"
    )
    translations.update(project)
    path = tmp_path / "locales" / "fr" / "LC_MESSAGES" / "brief.po"
    po = read_po(path)
    po.metadata["Language"] = "fr"
    for entry in po:
        entry.msgstr = {"title": "En bref"}.get(
            entry.msgctxt or "", "L’ONU a appelé à rendre des comptes."
        )
    po.save(str(path))
    problems = [p for p in translations.check(project, ["fr"]) if p.check == "consistency"]
    assert [(p.path, p.msgctxt) for p in problems] == [("locales/fr/LC_MESSAGES/brief.po", "lede")]
    assert problems[0].message.startswith(
        "'United Nations' is translated with 'ONU' here, with 'Organisation des Nations unies' "
        "at locales/fr/LC_MESSAGES/article.po:"
    )


def test_link_addresses_are_not_read_for_terms(seeded: Glossary) -> None:
    message = checks.Message(
        "lede",
        "See [the report](https://example.org/balochistan).",
        "Voir [le rapport](https://example.org/balochistan).",
        locale_info("fr"),
        glossary=seeded,
    )
    assert list(checks.glossary_terms(message)) == []


def test_the_xliff_export_carries_the_glossary_lines_as_notes() -> None:
    from editions import exchange

    xliff = exchange.export_xliff(Project(ROOT), "fr").decode("utf-8")
    assert "glossary: enforced disappearance = disparitions forcées" in xliff


def test_a_form_is_searched_in_time_in_proportion_to_the_text() -> None:
    """Where words run together, a word ending in ``*`` takes a bounded ending: an unbounded
    one makes a search go back over the rest of the text at every start (minutes here)."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError("more than 10 s")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(10)
    try:
        text = "حقوق" * (5 * MAX_MESSAGE // 4)
        assert not glossary.contains(text, "حقوق* بشر*", "Arab")
        assert not glossary.contains("人权" * (5 * MAX_MESSAGE // 2), "人权* 组织*", "Hans")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert glossary.contains("حقوق‌بشر", "حقوق* بشر*", "Arab")  # joined, as Persian writes it
    assert glossary.contains("حقوقهای بشری", "حقوق* بشر*", "Arab")
