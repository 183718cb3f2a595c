"""The command line: exit codes, error lines, and runs that change nothing."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from editions import cli
from editions.project import Project


def run(project: Project, *args: str) -> int:
    return cli.main(["-C", str(project.root), *args])


def snapshot(folder: str | Path) -> dict[str, tuple[bytes, int]]:
    root = Path(folder)
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_extract_twice_changes_no_file(project: Project) -> None:
    assert run(project, "extract") == 0
    before = snapshot(project.root)
    assert run(project, "extract") == 0
    assert snapshot(project.root) == before
    assert run(project, "extract", "--check") == 0


def test_extract_check_names_a_stale_template(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    src = Path(project.source_path("article"))
    src.write_text(src.read_text("utf-8").replace("Activist and Public", "Public"), "utf-8")
    before = Path(project.pot_path("article")).read_bytes()
    assert run(project, "extract", "--check") == cli.EXIT_STALE
    assert "locales/article.pot: stale" in capsys.readouterr().err
    assert Path(project.pot_path("article")).read_bytes() == before


def test_extract_in_processes_writes_what_one_process_writes(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_PARALLEL_FROM", 2)
    text = Path(project.source_path("article")).read_text("utf-8")
    for n in range(2, 6):
        Path(project.source_path(f"doc{n}")).write_text(text.replace("Balochistan", f"Baloch {n}"))
    assert run(project, "extract", "-j", "1") == 0
    alone = snapshot(project.locales_dir)
    for pot in Path(project.locales_dir).glob("*.pot"):
        pot.unlink()
    assert run(project, "extract", "-j", "2") == 0
    together = snapshot(project.locales_dir)
    assert {k: v[0] for k, v in together.items()} == {k: v[0] for k, v in alone.items()}
    assert "Baloch 5" in (Path(project.locales_dir) / "doc5.pot").read_text("utf-8")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extract_writes_nothing_when_a_source_cannot_be_read(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    monkeypatch.setattr(cli, "_PARALLEL_FROM", 2)
    text = Path(project.source_path("article")).read_text("utf-8")
    Path(project.source_path("doc2")).write_text(text.replace("Balochistan", "Baloch 2"))
    Path(project.source_path("doc3")).write_text("---\nno closing line\n")
    before = snapshot(project.locales_dir)
    assert run(project, "extract", "-j", jobs) == cli.EXIT_ERROR
    assert (
        "source_text/doc3.md:2: error: front matter line is not 'key: value'"
        in capsys.readouterr().err
    )
    assert snapshot(project.locales_dir) == before


def test_build_twice_changes_no_file(project: Project) -> None:
    assert run(project, "build", "--lang", "en") == 0
    before = snapshot(project.build_dir)
    assert run(project, "build", "--lang", "en", "--quiet") == 0
    assert snapshot(project.build_dir) == before


def test_init_writes_a_catalog_that_msgfmt_accepts(project: Project) -> None:
    assert run(project, "init", "pt_BR") == 0
    po = Path(project.po_path("pt_BR", "article"))
    assert '"Language: pt_BR\\n"' in po.read_text("utf-8")
    check = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    assert "warning" not in check.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["init", "xx"], "editions: error: unknown language 'xx'"),
        (["init", "en-"], "editions: error: malformed language tag 'en-'"),
        (["build", "--lang", "tlh"], "editions: error: unknown language 'tlh'"),
        (["build"], "editions: error: say which editions to build"),
        (
            ["build", "--lang", "sw"],
            "locales/sw/LC_MESSAGES/article.po: error: no catalog for 'sw'",
        ),
        (["build", "--lang", "en", "--doc", "nope"], "editions: error: no document 'nope'"),
    ],
)
def test_errors_are_one_line_and_exit_non_zero(
    project: Project, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert run(project, *args) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith(message), err
    assert "Traceback" not in err


def test_init_never_overwrites_a_translation(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(project, "init", "it") == 0
    po = Path(project.po_path("it", "article"))
    po.write_text(po.read_text("utf-8") + "\n# work in progress\n", "utf-8")
    before = po.read_bytes()
    assert run(project, "init", "it") == cli.EXIT_ERROR
    assert "locales/it/LC_MESSAGES/article.po: error: already exists" in capsys.readouterr().err
    assert po.read_bytes() == before


def test_init_writes_no_catalog_when_one_already_exists(project: Project) -> None:
    text = Path(project.source_path("article")).read_text("utf-8")
    Path(project.source_path("zeta")).write_text(text.replace("Balochistan", "Baloch Z"), "utf-8")
    assert run(project, "init", "it", "--doc", "zeta") == 0
    assert run(project, "init", "it") == cli.EXIT_ERROR  # article.po would be new, zeta.po is not
    assert not Path(project.po_path("it", "article")).exists()


@pytest.mark.parametrize(
    "args",
    [["extract"], ["init", "it"], ["update"], ["compile"], ["build", "--all"]],
)
def test_quiet_says_nothing_on_success(
    project: Project, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    pot = Path(project.pot_path("article"))
    pot.write_text(pot.read_text("utf-8").replace("Balochistan", "Baluchistan"), "utf-8")
    po = Path(project.po_path("fr", "article"))
    po.write_text(po.read_text("utf-8").replace("Balochistan", "Baluchistan"), "utf-8")
    before = snapshot(project.root)
    assert run(project, *args, "--quiet") == 0
    assert snapshot(project.root) != before  # each wrote something, and said nothing
    assert capsys.readouterr() == ("", "")


def test_update_shows_progress_only_on_a_terminal(
    project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    po = Path(project.po_path("fr", "article"))
    original = po.read_text("utf-8")
    po.write_text(original.replace("Balochistan", "Baluchistan"), "utf-8")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert run(project, "update") == 0
    err = capsys.readouterr().err
    assert "updating" in err and "catalog" in err  # the bar
    assert "updated locales/fr/LC_MESSAGES/article.po" in err
    po.write_text(original.replace("Balochistan", "Baluchistan"), "utf-8")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert run(project, "update") == 0
    assert "updating" not in capsys.readouterr().err


def test_a_malformed_source_is_located(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    src = Path(project.source_path("article"))
    lines = src.read_text("utf-8").split("\n")
    index = lines.index("## International Reactions {#reactions}")
    lines[index] = "## International Reactions {#concerns}"  # an id used twice
    src.write_text("\n".join(lines), "utf-8")
    before = snapshot(project.root)
    assert run(project, "extract") == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith(f"source_text/article.md:{index + 1}: error: section id"), err
    assert snapshot(project.root) == before


def test_every_subcommand_has_help() -> None:
    parser = cli.parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert {"extract", "init", "build"} <= set(commands)
    for name, sub in commands.items():
        assert sub.format_help().startswith(f"usage: editions {name}")
        assert sub.description, name


def test_each_command_runs_its_own_function_whatever_its_options_are_named(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command run is the one named, not an option's value: pretranslate's
    --command, here naming another command, is only the engine it runs."""
    ran: list[tuple[str, str]] = []
    for name in ("pretranslate", "stats"):
        monkeypatch.setattr(
            cli, f"cmd_{name}", lambda _, args, name=name: ran.append((name, args.command)) or 0
        )
    assert run(project, "pretranslate", "--lang", "fr", "--command", "stats") == 0
    assert ran == [("pretranslate", "stats")]


def test_an_unknown_command_is_an_error_that_lists_every_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        cli.main(["bogus"])
    err = capsys.readouterr().err
    assert "invalid choice: 'bogus'" in err
    for name in ("extract", "init", "build", "update", "check", "stats", "compile"):
        assert f"'{name}'" in err


@pytest.mark.parametrize(("argv", "wrapped"), [(["extract"], True), (["build"], False), ([], True)])
def test_help_fits_the_terminal(
    argv: list[str],
    wrapped: bool,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Help is laid out to the terminal's width; the descriptions written with their own
    line breaks keep them."""

    def help_at(columns: int) -> list[str]:
        monkeypatch.setenv("COLUMNS", str(columns))
        with pytest.raises(SystemExit):
            cli.main([*argv, "--help"])
        return capsys.readouterr().out.splitlines()

    narrow, wide = help_at(40), help_at(200)
    assert len(narrow) > len(wide)
    assert max(map(len, narrow)) <= 40 or not wrapped
    described = [line for line in wide if line and not line.startswith((" ", "usage"))][0]
    assert (described in narrow) is not wrapped


def test_python_dash_m_runs_the_same_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "editions", "--help"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("usage: editions")
    for name in ("extract", "init", "build"):
        assert name in done.stdout


def test_the_program_exits_with_the_status_of_the_command(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["editions", "-C", str(project.root), "check"])
    (Path(project.locales_dir) / "fr" / "LC_MESSAGES" / "article.po").write_text("msgid", "utf-8")
    handler, mask = signal.getsignal(signal.SIGINT), signal.pthread_sigmask(signal.SIG_BLOCK, [])
    with pytest.raises(SystemExit) as exited:
        cli.run()
    # the program, exiting, ignores and blocks Ctrl-C; pytest goes on
    signal.signal(signal.SIGINT, handler)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    assert exited.value.code == cli.main(sys.argv[1:]) == cli.EXIT_ERROR


@pytest.mark.parametrize(
    ("argv", "locks"),
    [
        (["pretranslate", "--lang", "fr", "--command", "stats"], True),
        (["update"], True),
        (["import", "fr.xlf"], True),
        (["glossary", "import", "g.tbx"], True),
        (["build", "--all"], True),
        (["update", "--check"], False),
        (["check"], False),
        (["stats"], False),
    ],
)
def test_a_command_that_writes_takes_the_project_lock(
    project: Project, monkeypatch: pytest.MonkeyPatch, argv: list[str], locks: bool
) -> None:
    assert cli.fcntl is not None
    taken: list[int] = []
    monkeypatch.setattr(cli.fcntl, "flock", lambda fd, operation: taken.append(operation))
    with cli._lock(project, cli.parser().parse_args(argv)):
        pass
    assert bool(taken) is locks
    assert not taken or taken[0] & cli.fcntl.LOCK_EX
