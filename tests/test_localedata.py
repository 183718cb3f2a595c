from __future__ import annotations

import gettext
import os
import subprocess
import tomllib
from pathlib import Path

import pytest
from babel import Locale

from conftest import ROOT
from editions import cli
from editions.errors import EditionsError
from editions.localedata import CATEGORIES, SAMPLES, locale_info, plural_forms
from editions.project import Project

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


def test_answers_made_in_other_processes_are_kept_and_cldr_not_asked_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A build asks CLDR in other processes (babel keeps what it loads): the answers
    kept here are the same, and asked again, CLDR is not looked at."""
    from datetime import date

    from editions import localedata
    from editions.workers import map_in_processes

    day = date(2026, 11, 25)
    tags = ["fr", "ur", "zh_Hans"]
    made = list(map_in_processes(localedata.answers, [(tags, [day])], jobs=2, at_least=1))
    expected = {tag: (locale_info(tag), locale_info(tag).format_date(day)) for tag in tags}
    monkeypatch.setattr(localedata, "_infos", {})
    monkeypatch.setattr(localedata, "_dates", {})
    for answer in made[0]:
        localedata.keep(*answer)

    def no_cldr(*args: object, **kwargs: object) -> None:
        raise AssertionError("CLDR asked again")

    monkeypatch.setattr(localedata.Locale, "parse", no_cldr)
    found = {tag: (locale_info(tag), locale_info(tag).format_date(day)) for tag in tags}
    assert found == expected


# -- language codes: a folder's name as the project wrote it, understood by CLDR ---------------


@pytest.mark.parametrize(
    ("tag", "code", "bcp47", "cldr", "english_name"),
    [
        ("zh_Hans", "zh_Hans", "zh-Hans", "zh_Hans", "Chinese (Simplified)"),
        ("zh_CN", "zh_CN", "zh-CN", "zh_Hans_CN", "Chinese (Simplified, China)"),
        ("zh-cn", "zh_CN", "zh-CN", "zh_Hans_CN", "Chinese (Simplified, China)"),
        ("pt_BR", "pt_BR", "pt-BR", "pt_BR", "Portuguese (Brazil)"),
        ("sr@latin", "sr@latin", "sr-Latn", "sr_Latn", "Serbian (Latin)"),
        ("iw", "iw", "he", "he", "Hebrew"),
    ],
)
def test_a_tag_keeps_its_name_and_cldr_understands_it(
    tag: str, code: str, bcp47: str, cldr: str, english_name: str
) -> None:
    info = locale_info(tag)
    assert (info.code, info.bcp47, info.cldr, info.english_name) == (
        code,
        bcp47,
        cldr,
        english_name,
    )


@pytest.mark.parametrize(
    ("tag", "others", "same"),
    [
        ("zh_CN", ["fr", "zh_Hans"], "zh_Hans"),
        ("zh_Hans", ["zh_CN"], "zh_CN"),
        ("zh_TW", ["zh_Hans"], None),
        ("iw", ["he"], "he"),
        ("tl", ["fil"], "fil"),
        ("en", ["en_US"], "en_US"),
        ("en_GB", ["en"], None),
        ("pt_PT", ["pt_BR"], None),
        ("sr@latin", ["sr"], None),
        ("sr_Latn", ["sr@latin"], "sr@latin"),
    ],
)
def test_same_language_sees_aliases_and_longer_forms(
    tag: str, others: list[str], same: str | None
) -> None:
    from editions.localedata import same_language

    assert same_language(tag, others) == same


def test_a_language_cldr_lacks_takes_the_names_and_direction_the_project_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from datetime import date

    from editions import localedata
    from editions.localedata import DEFAULT_PLURAL_FORMS, define

    monkeypatch.setattr(localedata, "_defined", {})
    monkeypatch.setattr(localedata, "_infos", {})

    with pytest.raises(EditionsError, match="unknown language 'brh'"):
        locale_info("brh")
    info = define("brh", {"name": "براہوئی", "english_name": "Brahui", "direction": "rtl"})
    assert info == locale_info("brh")
    assert (info.code, info.bcp47, info.native_name, info.english_name, info.direction) == (
        "brh",
        "brh",
        "براہوئی",
        "Brahui",
        "rtl",
    )
    assert (info.cldr, info.plural_forms) == ("", DEFAULT_PLURAL_FORMS)
    assert info.format_date(date(2026, 11, 25)) == "2026-11-25"
    with pytest.raises(EditionsError, match="'ltr' or 'rtl'"):
        define("brh", {"name": "Brahui", "direction": "up"}, "editions.toml")


# -- the command line: init and build name a language as its folder is named -------------------


def run(project: Project, *args: str) -> int:
    return cli.main(["-C", str(project.root), *args])


def test_a_gettext_named_folder_is_built_under_its_name(project: Project) -> None:
    os.rename(project.po_dir("zh_Hans").rpartition("/")[0], Path(project.locales_dir, "zh_CN"))
    assert run(project, "build", "--all", "-q") == 0
    page = Path(project.build_dir, "zh_CN/article.html").read_text("utf-8")
    assert '<html lang="zh-CN"' in page
    french = Path(project.build_dir, "fr/article.html").read_text("utf-8")
    assert 'href="../zh_CN/article.html" hreflang="zh-CN"' in french
    assert not Path(project.build_dir, "zh_Hans").exists()
    assert run(project, "build", "--lang", "zh-Hans", "--lang", "zh_CN", "-q") == 0
    assert run(project, "build", "--parallel", "ur:zh-Hans", "-q") == 0
    assert Path(project.build_dir, "parallel/ur-zh_CN/article.html").is_file()


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        (
            "zh_CN",
            "'zh_CN' is the language the project already has as 'zh_Hans': "
            "use 'editions init zh_Hans'",
        ),
        ("zh-Hans-CN", "'zh-Hans-CN' is the language the project already has as 'zh_Hans'"),
        ("en", "'en' is the language of the sources: it has no catalog"),
        ("en_US", "'en_US' is the language of the sources: it has no catalog"),
        (
            "brh",
            "unknown language 'brh': CLDR has no locale of that name; give its names and "
            "direction: 'editions init brh --name NAME --english-name NAME --direction ltr|rtl'",
        ),
    ],
)
def test_init_refuses_a_second_name_of_a_language_the_source_language_and_an_unknown_one(
    project: Project, capsys: pytest.CaptureFixture[str], lang: str, message: str
) -> None:
    before = sorted(os.listdir(project.locales_dir))
    assert run(project, "init", lang, "-q") == cli.EXIT_ERROR
    assert capsys.readouterr().err.startswith(f"editions: error: {message}")
    assert sorted(os.listdir(project.locales_dir)) == before


def test_init_names_the_folder_as_the_language_is_written(project: Project) -> None:
    for lang in ("pt_BR", "sr@latin", "iw"):
        assert run(project, "init", lang, "-q") == 0
        header = Path(project.po_path(lang, "article")).read_text("utf-8")
        assert f'"Language: {lang}\\n"' in header
    assert run(project, "init", "he", "-q") == cli.EXIT_ERROR  # iw is there


def test_init_adds_a_language_cldr_lacks_with_the_names_given(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    from editions import localedata

    monkeypatch.setattr(localedata, "_defined", {})
    monkeypatch.setattr(localedata, "_infos", {})
    args = ["--name", "براہوئی", "--english-name", "Brahui", "--direction", "rtl"]
    assert run(project, "init", "brh", "-q", *args) == 0
    text = Path(project.config_path).read_text("utf-8")
    assert tomllib.loads(text)["languages"]["brh"] == {
        "name": "براہوئی",
        "english_name": "Brahui",
        "direction": "rtl",
    }
    assert text.startswith(Path(ROOT, "editions.toml").read_text("utf-8"))  # comments kept
    header = Path(project.po_path("brh", "article")).read_text("utf-8")
    assert '"Language: brh\\n"' in header and "Brahui translation" in header
    monkeypatch.setattr(localedata, "_defined", {})  # as a new process finds it
    monkeypatch.setattr(localedata, "_infos", {})
    assert run(project, "check", "--lang", "brh", "--errors-only") == 0
    assert run(project, "build", "--all", "-q") == 0
    page = Path(project.build_dir, "brh/article.html").read_text("utf-8")
    assert '<html lang="brh" dir="rtl"' in page
    index = Path(project.build_dir, "index.html").read_text("utf-8")
    assert '<a href="brh/index.html" hreflang="brh">براہوئی</a>' in index
    status = Path(project.build_dir, "status.html").read_text("utf-8")
    assert ">براہوئی</a>" in status and "<td>Brahui</td>" in status
