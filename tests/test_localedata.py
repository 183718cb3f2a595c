from __future__ import annotations

import gettext
import subprocess
from pathlib import Path

import pytest
from babel import Locale

from editions.localedata import CATEGORIES, SAMPLES, locale_info, plural_forms

LANGUAGES = [
    "en",
    "ur",
    "ar",
    "fa",
    "ps",
    "bal",
    "fr",
    "es",
    "de",
    "ru",
    "zh_Hans",
    "pl",
    "cy",
    "ga",
    "he",
    "lt",
    "sl",
    "ja",
    "pt",
    "it",
    "uk",
    "cs",
    "br",
    "mt",
]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_forms_agree_with_cldr_for_every_count(lang: str) -> None:
    rule = Locale.parse(lang).plural_form
    header = plural_forms(rule)
    nplurals = int(header.split(";")[0].split("=")[1])
    expression = header.split("plural=", 1)[1].rstrip(";")
    choose = gettext.c2py(expression)
    tags = [tag for tag in CATEGORIES if tag in {rule(n) for n in SAMPLES}]
    assert len(tags) == nplurals
    for n in (*range(0, 2000), 1_000_000, 1_000_001, 3_000_000):
        assert tags[choose(n)] == rule(n), (lang, n)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_msgfmt_accepts_the_plural_forms(lang: str, tmp_path: Path) -> None:
    info = locale_info(lang)
    nplurals = int(info.plural_forms.split(";")[0].split("=")[1])
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Plural-Forms: {info.plural_forms}\\n"\n\n'
        'msgid "%d file"\nmsgid_plural "%d files"\n'
        + "".join(f'msgstr[{i}] "%d x{i}"\n' for i in range(nplurals)),
        encoding="utf-8",
    )
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    assert b"nplurals" not in done.stderr and b"plural expression" not in done.stderr


def test_rtl_languages_and_their_scripts() -> None:
    for lang in ("ur", "ar", "fa", "ps", "bal"):
        info = locale_info(lang)
        assert (info.direction, info.script) == ("rtl", "Arab"), lang
    assert locale_info("zh_Hans").script == "Hans"
    assert locale_info("ru").script == "Cyrl"
    assert locale_info("ur").native_name == "اردو"
    assert locale_info("fr").bcp47 == "fr"


def test_answers_made_anew_together_are_the_same_and_still_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """compact() remakes the kept answers (for the pages forked workers touch): the same
    answers, and none asks CLDR again."""
    from datetime import date

    from editions import localedata

    day = date(2026, 11, 25)
    before = {tag: localedata.prepare(tag, [day]) for tag in ("fr", "ur", "zh_Hans")}
    dates = {tag: info.format_date(day) for tag, info in before.items()}
    localedata.compact()

    def no_cldr(*args: object, **kwargs: object) -> None:
        raise AssertionError("CLDR asked again")

    monkeypatch.setattr(localedata.Locale, "parse", no_cldr)
    after = {tag: localedata.locale_info(tag) for tag in before}
    assert after == before
    assert all(after[tag] is not before[tag] for tag in before)  # made anew
    assert {tag: info.format_date(day) for tag, info in after.items()} == dates


def test_the_plural_forms_are_worked_out_only_when_asked_for() -> None:
    """A build asks CLDR for each language's facts but never for its Plural-Forms (the
    rule checked on a thousand numbers): worked out on first use."""
    from editions import localedata

    localedata._infos.clear()
    localedata._plurals.clear()
    info = localedata.locale_info("ru")
    assert "ru" not in localedata._plurals
    assert info.plural_forms.startswith("nplurals=3; plural=(n % 10 == 1 && ")
    assert localedata._plurals["ru"] == info.plural_forms
