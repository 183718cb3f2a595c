"""The command line: exit codes, error lines, and runs that change nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from editions import cli
from editions.project import Project


def run(project: Project, *args: str) -> int:
    return cli.main(["-C", str(project.root), *args])


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
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
    src = project.source_path("article")
    src.write_text(src.read_text("utf-8").replace("Activist and Public", "Public"), "utf-8")
    before = project.pot_path("article").read_bytes()
    assert run(project, "extract", "--check") == cli.EXIT_STALE
    assert "locales/article.pot: stale" in capsys.readouterr().err
    assert project.pot_path("article").read_bytes() == before


def test_build_twice_changes_no_file(project: Project) -> None:
    assert run(project, "build", "--lang", "en") == 0
    before = snapshot(project.build_dir)
    assert run(project, "build", "--lang", "en", "--quiet") == 0
    assert snapshot(project.build_dir) == before


def test_init_writes_a_catalog_that_msgfmt_accepts(project: Project) -> None:
    assert run(project, "init", "pt_BR") == 0
    po = project.po_path("pt_BR", "article")
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
    po = project.po_path("it", "article")
    po.write_text(po.read_text("utf-8") + "\n# work in progress\n", "utf-8")
    before = po.read_bytes()
    assert run(project, "init", "it") == cli.EXIT_ERROR
    assert "locales/it/LC_MESSAGES/article.po: error: already exists" in capsys.readouterr().err
    assert po.read_bytes() == before


def test_a_malformed_source_is_located(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    src = project.source_path("article")
    lines = src.read_text("utf-8").split("\n")
    index = lines.index("## International Reactions {#reactions}")
    lines[index] = "## International Reactions"  # the stable id is gone
    src.write_text("\n".join(lines), "utf-8")
    before = snapshot(project.root)
    assert run(project, "extract") == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith(f"source_text/article.md:{index + 1}: error: a section heading"), err
    assert snapshot(project.root) == before


def test_every_subcommand_has_help() -> None:
    parser = cli.parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert {"extract", "init", "build"} <= set(commands)
    for name, sub in commands.items():
        assert sub.format_help().startswith(f"usage: editions {name}")
        assert sub.description, name


def test_python_dash_m_runs_the_same_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "editions", "--help"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("usage: editions")
    for name in ("extract", "init", "build"):
        assert name in done.stdout
