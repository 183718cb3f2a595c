"""editions.toml: the project's settings, their errors, and the options over them."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from editions import cli, config, localedata
from editions.project import Project
from editions.render import chrome
from editions.site import Policy


def run(project: Project, *args: str) -> int:
    return cli.main(["-C", str(project.root), *args])


def settings(project: Project, text: str) -> None:
    Path(project.config_path).write_text(textwrap.dedent(text), "utf-8")


def page(project: Project, path: str) -> str:
    return Path(project.build_dir, path).read_text("utf-8")


def test_without_a_file_every_key_has_its_default(tmp_path: Path) -> None:
    found = config.load(Project(tmp_path))
    assert found == config.Config()
    assert config.policy(found) == Policy()
    assert Project(tmp_path).source_lang == "en"


def test_every_key_is_read(project: Project) -> None:
    os.mkdir(Path(project.root, "layout"))
    settings(
        project,
        """\
        [site]
        name = "The Report"
        base_url = "https://example.org/news/"

        [publish]
        languages = ["fr", "ur"]
        min_complete = 50
        use_fuzzy = false

        [publish.ur]
        min_complete = 80.5
        use_fuzzy = true

        [languages.bal]
        name = "بلوچی"
        date_format = "d MMMM y"

        [templates]
        folder = "layout"
        """,
    )
    found = project.config
    assert found.site == config.SiteConfig("The Report", "https://example.org/news/", "en")
    assert found.publish == config.PublishConfig(
        ("fr", "ur"), 50.0, False, (("ur", config.LanguagePolicy(80.5, True)),)
    )
    assert found.languages == (("bal", {"name": "بلوچی", "date_format": "d MMMM y"}),)
    assert found.templates == os.path.join(project.root, "layout")
    policy = config.policy(found)
    assert (policy.min_complete_of("ur"), policy.use_fuzzy_of("ur")) == (80.5, True)
    assert (policy.min_complete_of("fr"), policy.use_fuzzy_of("fr")) == (50.0, False)
    assert (policy.site_name, policy.base_url, policy.languages) == (
        "The Report",
        "https://example.org/news/",
        ("fr", "ur"),
    )
    # the command line's options over the file's, for every language
    given = config.policy(
        found, min_complete=0, use_fuzzy=False, site_name="Other", languages=["bal"]
    )
    assert (given.min_complete_of("ur"), given.use_fuzzy_of("ur")) == (0, False)
    assert (given.site_name, given.languages) == ("Other", None)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('[site]\nname = "x\n', "editions.toml:2: error: illegal character '\\n' (column 10)"),
        ("[site]\n[site]\n", "editions.toml:2: error: cannot declare ('site',) twice (column 6)"),
        ("[site]\nname = ", "editions.toml:2: error: invalid value (at the end of the file)"),
        (
            '# a comment\n[site]\ntitle = "x"\n',
            "editions.toml:3: error: site.title: unknown key (expected one of: name, "
            "base_url, source_language)",
        ),
        (
            "[sites]\n",
            "editions.toml:1: error: sites: unknown key (expected one of: site, publish, "
            "languages, templates)",
        ),
        ('site = "x"\n', "editions.toml:1: error: site: expected a table"),
        ('[languages]\nbal = "x"\n', "editions.toml:2: error: languages.bal: expected a table"),
        ("[site]\nname = 3\n", "editions.toml:2: error: site.name: expected a string"),
        (
            '[site]\nbase_url = "example.org"\n',
            "editions.toml:2: error: site.base_url: expected an absolute http or https "
            "address, e.g. 'https://example.org/news/'",
        ),
        (
            '[site]\nsource_language = "English"\n',
            "editions.toml:2: error: site.source_language: expected a language tag such as 'en'",
        ),
        (
            '[publish]\nmin_complete = 10\nuse_fuzzy = "yes"\n',
            "editions.toml:3: error: publish.use_fuzzy: expected true or false",
        ),
        (
            "[publish]\nmin_complete = 120\n",
            "editions.toml:2: error: publish.min_complete: expected a number from 0 to 100",
        ),
        (
            "[publish]\n\n[publish.ur]\n  min_complete = true\n",
            "editions.toml:4: error: publish.ur.min_complete: expected a number from 0 to 100",
        ),
        (
            "[publish.ur]\nmin_complet = 80\n",
            "editions.toml:2: error: publish.ur.min_complet: unknown key (expected one of: "
            "min_complete, use_fuzzy)",
        ),
        (
            '[publish]\nlanguages = "fr"\n',
            "editions.toml:2: error: publish.languages: expected a list of language tags",
        ),
        (
            '[publish]\nlanguages = ["fr", "tlh"]\n',
            "editions.toml:2: error: publish.languages: unknown language 'tlh': no folder "
            "locales/tlh",
        ),
        (
            "[publish.tlh]\nmin_complete = 80\n",
            "editions.toml:1: error: publish.tlh: unknown language 'tlh': no folder locales/tlh",
        ),
        (
            '[languages.bal]\nname = "بلوچی"\ndirection = "up"\n',
            "editions.toml:3: error: languages.bal.direction: expected 'ltr' or 'rtl'",
        ),
        (
            '[languages.bal]\nname = "بلوچی"\ndate_format = "d MMMM HH:mm"\n',
            "editions.toml:3: error: languages.bal.date_format: 'HH:mm' is not a date field "
            "(CLDR's date fields: d, M, y, E...)",
        ),
        (
            '[languages.bal]\ndate_format = "d \'de MMMM"\n',
            "editions.toml:2: error: languages.bal.date_format: a quote is not closed",
        ),
        (
            '[site]\nname = "x"\n\n[languages.tlh]\nname = "tlhIngan Hol"\n',
            "editions.toml:4: error: languages.tlh: unknown language 'tlh': CLDR has no "
            "locale of that name; give its name and direction",
        ),
        (
            '[languages."fr fr"]\nname = "x"\n',
            "editions.toml:1: error: languages.fr fr: malformed language tag 'fr fr': expected "
            "a CLDR identifier or a locale name such as 'fr', 'pt_BR', 'zh_Hans' or 'sr@latin'",
        ),
        (
            '[templates]\nfolder = "nowhere"\n',
            "editions.toml:2: error: templates.folder: no folder nowhere",
        ),
    ],
)
def test_a_mistake_is_an_error_at_its_line_naming_the_key(
    project: Project, capsys: pytest.CaptureFixture[str], text: str, error: str
) -> None:
    settings(project, text)
    assert run(project, "build", "--all", "-q") == cli.EXIT_ERROR
    assert capsys.readouterr().err == error + "\n"
    assert not os.path.exists(project.build_dir)


def test_another_file_named_on_the_command_line(
    project: Project,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from editions import localedata

    monkeypatch.setattr(localedata, "_defined", {})  # as a new process finds it
    monkeypatch.setattr(localedata, "_infos", {})
    other = tmp_path / "elsewhere.toml"
    other.write_text('[languages.fr]\nname = "Françoys"\n', "utf-8")
    root = ["-C", str(project.root), "--config", str(other)]
    assert cli.main([*root, "build", "--all", "-q", "-j", "2"]) == 0
    assert ">Françoys</a>" in page(project, "ur/article.html")
    assert ">بلۆچی</a>" in page(project, "ur/article.html")  # not the project's file
    missing = ["-C", str(project.root), "--config", str(tmp_path / "none.toml")]
    assert cli.main([*missing, "build", "--all", "-q"]) == cli.EXIT_ERROR
    assert capsys.readouterr().err.endswith("none.toml: error: no such file\n")


def test_the_project_names_balochi_as_its_translation_does_and_dates_it_without_a_latin_comma(
    project: Project,
) -> None:
    assert run(project, "build", "--lang", "bal", "-q") == 0
    html = page(project, "bal/article.html")
    assert ">بلوچی</a>" in html and "بلۆچی" not in html
    assert ">25 نئومبر 2026</time>" in html


def test_the_policy_of_each_language_with_the_options_over_it(project: Project) -> None:
    settings(
        project,
        """\
        [publish]
        min_complete = 50

        [publish.bal]
        min_complete = 0
        use_fuzzy = true
        """,
    )
    assert run(project, "build", "--all", "-q") == 0
    assert 'class="fuzzy"' in page(project, "bal/article.html")  # its drafts, marked
    settings(project, "[publish.bal]\nmin_complete = 90\n")
    assert run(project, "build", "--all", "-q") == 0
    assert not Path(project.build_dir, "bal").exists()  # removed: no longer published
    assert Path(project.build_dir, "ur/article.html").is_file()
    assert run(project, "build", "--all", "-q", "--min-complete", "0", "--no-use-fuzzy") == 0
    assert 'class="fuzzy"' not in page(project, "bal/article.html")


def test_the_languages_published_and_a_language_named_on_the_command_line(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    settings(project, '[publish]\nlanguages = ["fr"]\n')
    assert run(project, "build", "--all") == 0
    assert sorted(os.listdir(project.build_dir)) == [
        ".editions-state.json",
        "en",
        "fr",
        "index.html",
        "parallel",
        "status.html",
    ]
    assert "not published: ur (article): not in [publish] languages" in capsys.readouterr().err
    assert run(project, "build", "--lang", "ur", "-q") == 0  # the option wins
    assert Path(project.build_dir, "ur/article.html").is_file()


BASE = """\
{% extends "editions/base.html.j2" %}
{% block masthead %}
<header class="masthead">The Balochistan Report</header>
{% endblock %}
{% block footer %}
<footer>© The Report</footer>
{% endblock %}
"""


def test_the_projects_templates_fill_the_masthead_and_footer_and_are_inputs_of_every_page(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = Path(project.root, "templates")
    folder.mkdir()
    (folder / "base.html.j2").write_text(BASE, "utf-8")
    assert run(project, "build", "--lang", "fr", "--lang", "ur", "-q") == 0
    html = page(project, "ur/article.html")
    assert '</nav>\n<header class="masthead">The Balochistan Report</header>\n<main>' in html
    assert html.endswith("<footer>© The Report</footer>\n</body>\n</html>\n")
    assert '<p class="dateline">' in html  # the package's edition, in the project's base
    capsys.readouterr()
    assert run(project, "build", "--lang", "fr", "--lang", "ur") == 0
    assert capsys.readouterr().err.splitlines()[-1].startswith("build: 0 file(s) written")
    (folder / "base.html.j2").write_text(BASE.replace("©", "(c)"), "utf-8")
    assert run(project, "build", "--lang", "fr", "--lang", "ur", "-q") == 0
    assert "<footer>(c) The Report</footer>" in page(project, "fr/article.html")


OWN_WORDS = """\
{% extends "editions/base.html.j2" %}
{% block footer %}
<footer>{% trans %}Letters to the editor{% endtrans %}</footer>
{% endblock %}
"""


def test_the_projects_templates_words_come_from_their_own_catalogs(project: Project) -> None:
    folder = Path(project.root, "templates")
    folder.mkdir()
    (folder / "base.html.j2").write_text(OWN_WORDS, "utf-8")
    catalogs = folder / "locales" / "fr" / "LC_MESSAGES"
    catalogs.mkdir(parents=True)
    french = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    french += 'msgid "Letters to the editor"\nmsgstr "Courrier des lecteurs"\n'
    (catalogs / "site.po").write_text(french, "utf-8")
    assert run(project, "build", "--lang", "fr", "--lang", "de", "-q") == 0
    assert "<footer>Courrier des lecteurs</footer>" in page(project, "fr/article.html")
    untranslated = '<span lang="en" dir="ltr" class="untranslated">Letters to the editor</span>'
    assert f"<footer>{untranslated}</footer>" in page(project, "de/article.html")
    assert "Sprache" in page(project, "de/article.html")  # the package's words, still German
    (catalogs / "site.po").write_text(french.replace("Courrier", "Le courrier"), "utf-8")
    chrome.for_language.cache_clear()  # read once a process, and each build is one
    assert run(project, "build", "--lang", "fr", "-q") == 0  # a catalog is an input
    assert "<footer>Le courrier des lecteurs</footer>" in page(project, "fr/article.html")


def test_a_change_of_the_settings_rebuilds_the_pages_it_changes(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(project, "build", "--all", "-q") == 0
    with open(project.config_path, "a", encoding="utf-8") as handle:
        handle.write('english_name = "Balochi"\n')
    assert run(project, "build", "--all") == 0
    said = capsys.readouterr().err
    assert "wrote build/status.html" in said  # the English name is the status page's
    assert "<td>Balochi</td>" in Path(project.build_dir, "status.html").read_text("utf-8")


def test_init_records_a_new_language_in_a_new_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import ROOT

    monkeypatch.setattr(localedata, "_defined", {})  # what it defines ends with the test
    monkeypatch.setattr(localedata, "_infos", {})

    project = Project(tmp_path)
    os.mkdir(tmp_path / "source_text")
    Path(tmp_path, "source_text/article.md").write_text(
        Path(ROOT, "source_text/article.md").read_text("utf-8"), "utf-8"
    )
    args = ["--name", "براہوئی", "--english-name", "Brahui", "--direction", "rtl"]
    assert run(project, "init", "brh", "-q", *args) == 0
    assert Path(project.config_path).read_text("utf-8") == (
        '[languages.brh]\nname = "براہوئی"\nenglish_name = "Brahui"\ndirection = "rtl"\n'
    )


def test_any_key_can_be_set_on_the_command_line_over_the_file(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(localedata, "_defined", {})  # what it defines ends with the test
    monkeypatch.setattr(localedata, "_infos", {})
    given = ["--set", "languages.bal.date_format='y-MM-dd'", "--set", "languages.bal.name=Balòchi"]
    assert run(project, *given, "build", "--lang", "bal", "--lang", "fr", "-q") == 0
    assert '<time datetime="2026-11-25">2026-11-25</time>' in page(project, "bal/article.html")
    assert ">Balòchi</a>" in page(project, "fr/article.html")
    # The file is as it was, and without the settings the next build takes the file's again.
    assert "Balòchi" not in Path(project.config_path).read_text("utf-8")


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("publish.min_complete=200", "--set publish.min_complete: expected a number from 0 to 100"),
        ("site.nme=x", "--set site.nme: unknown key (expected one of: name, base_url,"),
        ("site", "--set 'site': expected KEY=VALUE"),
        ("site.name.first=x", "--set site.name.first: site.name is not a table"),
        # found wrong after the file is read: when the languages are checked
        ("publish.languages=['xx']", "--set publish.languages: unknown language 'xx'"),
        ("languages.xx.direction=ltr", "--set languages.xx: unknown language 'xx'"),
    ],
)
def test_a_wrong_setting_on_the_command_line_names_itself(
    project: Project,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    given: str,
    said: str,
) -> None:
    monkeypatch.setattr(localedata, "_defined", {})  # what it defines ends with the test
    monkeypatch.setattr(localedata, "_infos", {})
    assert run(project, "--set", given, "build", "--lang", "fr", "-q") == cli.EXIT_ERROR
    assert capsys.readouterr().err.startswith(f"editions: error: {said}")


def test_settings_on_the_command_line_need_no_file(tmp_path: Path) -> None:
    project = Project(tmp_path, settings=("site.name=The Report", "publish.use_fuzzy=true"))
    found = config.load(project)
    assert (found.site.name, found.publish.use_fuzzy) == ("The Report", True)
