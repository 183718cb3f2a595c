"""The translator's commands on the command line: init, update, check, stats, compile.

Exit codes, what goes to stdout and stderr, and that a failing run changes no file.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, pseudo_po
from editions import cli, source
from editions.po import read, write
from editions.project import Project

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """The real source, with a French and an Urdu catalog, every message pseudo-translated."""
    shutil.copytree(ROOT / "source_text", tmp_path / "source_text")
    project = Project(tmp_path)
    article = source.read(project.source_path("article"), "source_text/article.md")
    for lang in ("fr", "ur"):
        path = Path(project.po_path(lang, "article"))
        path.parent.mkdir(parents=True)
        path.write_text(write.format_po(pseudo_po(article, lang)), "utf-8")
    return project


def run(project: Project, *args: str) -> int:
    return cli.main(["-C", str(project.root), *args])


def files(folder: str | Path) -> dict[str, tuple[bytes, int]]:
    root = Path(folder)
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def edit_source(project: Project, old: str, new: str) -> None:
    path = Path(project.source_path("article"))
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


# -- init --------------------------------------------------------------------------------------


def test_init_has_no_force_and_never_wipes_a_language(project: Project, capsys: Capture) -> None:
    """Starting a language again would lose every translation of every document: init
    refuses, says to run update, and has no option that would do it anyway."""
    before = files(Path(project.root, "locales"))
    assert run(project, "init", "fr") == cli.EXIT_ERROR
    assert capsys.readouterr().err == (
        "locales/fr/LC_MESSAGES/article.po: error: already exists: translations are never "
        "overwritten (use 'editions update')\n"
    )
    with pytest.raises(SystemExit) as exit_:
        run(project, "init", "fr", "--force")
    assert exit_.value.code == 2
    assert "unrecognized arguments: --force" in capsys.readouterr().err
    assert files(Path(project.root, "locales")) == before


# -- update ------------------------------------------------------------------------------------


def test_update_check_lists_stale_catalogs_and_changes_nothing(
    project: Project, capsys: Capture
) -> None:
    assert run(project, "update", "--check") == 0
    edit_source(project, "Officials describe", "Officials call")
    before = files(project.root)
    assert run(project, "update", "--check") == cli.EXIT_STALE
    assert capsys.readouterr().err.split("\n") == [
        "locales/fr/LC_MESSAGES/article.po: stale: 1 fuzzy (run 'editions update')",
        "locales/ur/LC_MESSAGES/article.po: stale: 1 fuzzy (run 'editions update')",
        "",
    ]
    assert files(project.root) == before


def test_update_says_what_it_did_message_by_message(project: Project, capsys: Capture) -> None:
    edit_source(project, "Officials describe", "Officials call")
    assert run(project, "update", "--lang", "fr", "--verbose") == 0
    err = capsys.readouterr().err.split("\n")
    assert err[0] == "updated locales/fr/LC_MESSAGES/article.po: 1 fuzzy"
    path, line, action, ctxt = err[1].split(":")
    assert (path, action, ctxt) == (
        "locales/fr/LC_MESSAGES/article.po",
        " fuzzy",
        " response/point-1/text",
    )
    lines = Path(project.po_path("fr", "article")).read_text("utf-8").split("\n")
    assert lines[int(line) - 1] == 'msgctxt "response/point-1/text"'
    assert run(project, "update", "--check") == cli.EXIT_STALE  # Urdu was not updated


def test_update_with_an_unreadable_catalog_writes_none(project: Project, capsys: Capture) -> None:
    edit_source(project, "Officials describe", "Officials call")
    broken = Path(project.po_path("ur", "article"))
    broken.write_text(broken.read_text("utf-8").replace('msgstr "⟦', "msgstr ⟦", 1), "utf-8")
    before = files(project.root)
    assert run(project, "update") == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith("locales/ur/LC_MESSAGES/article.po:"), err
    assert ": error: " in err and "Traceback" not in err
    assert files(project.root) == before


def test_update_skips_a_language_without_the_document(project: Project, capsys: Capture) -> None:
    (Path(project.locales_dir) / "de" / "LC_MESSAGES").mkdir(parents=True)
    assert run(project, "update") == 0
    assert capsys.readouterr().err == (
        "locales/de/LC_MESSAGES/article.po: no catalog, skipped "
        "(run 'editions init de --doc article')\n"
    )


def add_document(project: Project, doc: str) -> None:
    """A new document: the article, made distinct, with no catalog yet."""
    text = Path(project.source_path("article")).read_text("utf-8")
    Path(project.source_path(doc)).write_text(text.replace("Balochistan", "Makran"), "utf-8")


def test_update_gives_a_new_document_a_catalog_in_every_language(
    project: Project, capsys: Capture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    (Path(project.locales_dir) / "de" / "LC_MESSAGES").mkdir(parents=True)  # started, empty
    add_document(project, "brief")
    before = files(project.root)
    # without memory, the catalogs 'init' makes (test_memory.py has them with it)
    assert run(project, "update", "--check", "--no-memory") == cli.EXIT_STALE
    assert capsys.readouterr().err.split("\n") == [
        "locales/de/LC_MESSAGES/article.po: no catalog, skipped "
        "(run 'editions init de --doc article')",
        "locales/de/LC_MESSAGES/brief.po: missing: new document (run 'editions update')",
        "locales/fr/LC_MESSAGES/brief.po: missing: new document (run 'editions update')",
        "locales/ur/LC_MESSAGES/brief.po: missing: new document (run 'editions update')",
        "",
    ]
    assert files(project.root) == before
    assert run(project, "check", "--doc", "brief") == 0  # warnings only
    assert (
        "locales/fr/LC_MESSAGES/brief.po: warning: no catalog of 'brief' in 'fr' "
        "(run 'editions update') [missing-catalog]"
    ) in capsys.readouterr().out.split("\n")
    assert run(project, "update", "--no-memory") == 0
    assert capsys.readouterr().err.split("\n")[1:] == [
        "created locales/de/LC_MESSAGES/brief.po: new document",
        "created locales/fr/LC_MESSAGES/brief.po: new document",
        "created locales/ur/LC_MESSAGES/brief.po: new document",
        "",
    ]
    # each as 'init' makes it, its header from CLDR
    other = Project(tmp_path / "other")
    shutil.copytree(project.source_dir, other.source_dir)
    for lang in ("de", "fr", "ur"):
        assert run(other, "init", lang, "--doc", "brief", "--quiet") == 0
        made = Path(project.po_path(lang, "brief")).read_bytes()
        assert made == Path(other.po_path(lang, "brief")).read_bytes()
        assert f'"Language: {lang}\\n"'.encode() in made and b"Plural-Forms: " in made
    assert run(project, "update", "--check", "--no-memory") == 0  # up to date, no longer new
    assert not Path(project.po_path("de", "article")).exists()


def test_a_new_document_gets_catalogs_only_in_the_chosen_languages(
    project: Project, capsys: Capture
) -> None:
    add_document(project, "brief")
    assert run(project, "update", "--lang", "fr", "--doc", "brief", "--quiet") == 0
    assert Path(project.po_path("fr", "brief")).is_file()
    assert not Path(project.po_path("ur", "brief")).exists()
    assert run(project, "update") == 0  # no longer new: Urdu is a language to start
    assert capsys.readouterr().err == (
        "locales/ur/LC_MESSAGES/brief.po: no catalog, skipped (run 'editions init ur --doc brief')\n"
    )


def test_building_a_new_document_before_update_says_to_run_update(
    project: Project, capsys: Capture
) -> None:
    add_document(project, "brief")
    assert run(project, "build", "--lang", "fr", "--doc", "brief") == cli.EXIT_ERROR
    assert capsys.readouterr().err == (
        "locales/fr/LC_MESSAGES/brief.po: error: no catalog for 'fr': run 'editions update'\n"
    )
    assert run(project, "update", "--quiet") == 0
    assert run(project, "build", "--lang", "fr", "--doc", "brief", "--quiet") == 0
    assert "Makran" in (Path(project.build_dir) / "fr" / "brief.md").read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["update", "--lang", "xx"], "editions: error: unknown language 'xx'"),
        (["update", "--lang", "de"], "locales/de/LC_MESSAGES: error: no catalogs for 'de'"),
        (["check", "--doc", "nope"], "editions: error: no document 'nope'"),
        (["stats", "--lang", "en-"], "editions: error: malformed language tag 'en-'"),
        (["compile", "--lang", "sw"], "locales/sw/LC_MESSAGES: error: no catalogs for 'sw'"),
    ],
)
def test_bad_arguments_are_one_error_line(
    project: Project, capsys: Capture, args: list[str], message: str
) -> None:
    assert run(project, *args) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith(message), err
    assert "Traceback" not in err


# -- check -------------------------------------------------------------------------------------


def break_french(project: Project) -> Path:
    """Translate the closing with a heading marker inside: an error."""
    path = Path(project.po_path("fr", "article"))
    po = read.read_po(path)
    entry = next(e for e in po if e.msgctxt == "closing")
    entry.msgstr = "Fin.\n# Pas un titre."
    next(e for e in po if e.msgctxt == "title").msgstr = ""
    path.write_text(write.format_po(po), "utf-8")
    return path


def test_check_prints_located_problems_and_fails_on_errors(
    project: Project, capsys: Capture
) -> None:
    assert run(project, "check") == 0
    assert capsys.readouterr() == ("", "0 error(s), 0 warning(s)\n")
    path = break_french(project)
    assert run(project, "check") == cli.EXIT_ERROR
    out, err = capsys.readouterr()
    lines = path.read_text("utf-8").split("\n")

    def msgstr_line(ctxt: str) -> int:
        start = lines.index(f'msgctxt "{ctxt}"')
        return next(n for n in range(start, len(lines)) if lines[n].startswith("msgstr")) + 1

    title_line, closing_line = msgstr_line("title"), msgstr_line("closing")
    assert out.split("\n") == [
        f"locales/fr/LC_MESSAGES/article.po:{title_line}: warning: not translated yet "
        "[untranslated]",
        f"locales/fr/LC_MESSAGES/article.po:{closing_line}: error: a heading marker at the start "
        "of a line: Markdown would start a new block there [block-structure]",
        "",
    ]
    assert lines[closing_line - 1].startswith("msgstr ")
    assert err == "1 error(s), 1 warning(s)\n"


def test_check_json_is_a_list_of_problems(project: Project, capsys: Capture) -> None:
    break_french(project)
    assert run(project, "check", "--format", "json", "--errors-only") == cli.EXIT_ERROR
    (problem,) = json.loads(capsys.readouterr().out)
    assert problem["path"] == "locales/fr/LC_MESSAGES/article.po"
    assert isinstance(problem["line"], int)
    assert {k: problem[k] for k in ("severity", "check", "msgctxt")} == {
        "severity": "error",
        "check": "block-structure",
        "msgctxt": "closing",
    }


def test_check_reports_a_syntax_error_and_goes_on(project: Project, capsys: Capture) -> None:
    path = Path(project.po_path("ur", "article"))
    path.write_text(path.read_text("utf-8").replace('msgctxt "lede"', 'msgctxt "lede', 1), "utf-8")
    break_french(project)
    assert run(project, "check", "--errors-only") == cli.EXIT_ERROR
    out = capsys.readouterr().out.split("\n")
    assert [line.rsplit(" ", 1)[-1] for line in out if line] == [
        "[block-structure]",
        "[po-syntax]",
    ]
    assert out[1].startswith("locales/ur/LC_MESSAGES/article.po:")


def test_warnings_alone_exit_zero(project: Project, capsys: Capture) -> None:
    edit_source(project, "Officials describe", "Officials call")
    assert run(project, "check", "--lang", "ur") == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.rstrip().endswith("[stale]")


# -- stats -------------------------------------------------------------------------------------


def test_stats_table_and_json(project: Project, capsys: Capture) -> None:
    break_french(project)
    assert run(project, "stats") == 0
    out = capsys.readouterr().out.split("\n")
    assert out[0].split()[:4] == ["language", "document", "unit", "total"]
    assert out[1].split()[:6] == ["fr", "article", "messages", "34", "33", "(97.0%)"]
    assert out[3].split()[:6] == ["ur", "article", "messages", "34", "34", "(100.0%)"]
    assert run(project, "stats", "--format", "json", "--lang", "fr") == 0
    (data,) = json.loads(capsys.readouterr().out)
    assert data["messages"] == {
        "translated": 33,
        "fuzzy": 0,
        "untranslated": 1,
        "obsolete": 0,
        "total": 34,
    }


def test_stats_shows_the_readable_catalogs_and_fails_for_the_others(
    project: Project, capsys: Capture
) -> None:
    Path(project.po_path("ur", "article")).write_bytes(b'msgid ""\nmsgstr "\xff"\n')
    assert run(project, "stats") == cli.EXIT_ERROR
    out, err = capsys.readouterr()
    assert out.split("\n")[1].startswith("fr ")
    assert err.startswith("locales/ur/LC_MESSAGES/article.po:2: error: ")


# -- every command ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["update", "check", "stats", "compile"])
def test_help_documents_the_options_and_exit_status(name: str, capsys: Capture) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main([name, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: editions {name}")
    assert "--doc NAME" in out and "--lang LANG" in out
    assert "exit status:\n  0  " in out


def test_stats_without_catalogs_says_how_to_start(tmp_path: Path, capsys: Capture) -> None:
    shutil.copytree(ROOT / "source_text", tmp_path / "source_text")
    assert cli.main(["-C", str(tmp_path), "stats"]) == 0
    out, err = capsys.readouterr()
    assert out.split() == [
        "language",
        "document",
        "unit",
        "total",
        "translated",
        "fuzzy",
        "untranslated",
        "obsolete",
    ]
    assert err == "no catalogs: start a language with 'editions init LANG'\n"
