"""``pretranslate``: an external engine's answers, checked, filed fuzzy; its failures."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from editions import cli
from editions.po import read
from editions.po.write import format_po
from editions.project import Project

Capture = pytest.CaptureFixture[str]
ENGINE = Path(__file__).parent / "data" / "engines" / "fake_engine.py"


@pytest.fixture
def project(unfinished: Project) -> Project:
    return unfinished


def run(project: Project, *args: str) -> int:
    return cli.main(["-C", str(project.root), *args])


def engine(mode: str) -> str:
    return f"{sys.executable} {ENGINE} {mode}"


def catalogs(project: Project) -> dict[str, tuple[bytes, int]]:
    return {
        str(p): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(Path(project.locales_dir).rglob("*.po"))
    }


def test_pretranslate_files_checked_answers_fuzzy_and_refuses_the_others(
    project: Project, capsys: Capture
) -> None:
    path = project.po_path("bal", "article")
    before = {e.msgctxt: e for e in read.read_po(path) if not e.obsolete}
    untranslated = [c for c, e in before.items() if not e.msgstr]
    assert untranslated
    command = engine("brackets")
    assert run(project, "pretranslate", "--lang", "bal", "--command", command) == 0
    err = capsys.readouterr().err
    after = {e.msgctxt: e for e in read.read_po(path) if not e.obsolete}
    first, *rest = untranslated
    assert after[first].msgstr == ""  # the engine made it a heading: refused, with why
    assert f"machine translation of '{first}' not filed" in err
    assert "[block-structure]" in err
    for ctxt in rest:
        e = after[ctxt]
        assert e.msgstr == "[bal] " + e.msgid
        assert e.flags[0] == "fuzzy"
        assert e.tcomment.endswith(f"machine translation: {command}")
    # translations already there are untouched
    for ctxt, e in before.items():
        if e.msgstr:
            assert (after[ctxt].msgstr, after[ctxt].flags) == (e.msgstr, e.flags)
    # nothing left to send that the engine can do: a second run changes nothing
    again = catalogs(project)
    assert run(project, "pretranslate", "--lang", "bal", "--command", command, "-q") == 0
    assert catalogs(project) == again


@pytest.mark.parametrize(
    ("mode", "said"),
    [
        ("fail", "failed with status 2: quota exceeded"),
        ("sleep", "no answer within 1 s"),
        ("garbage", "not an answer"),
    ],
)
def test_an_engine_that_fails_is_one_error_and_nothing_is_written(
    project: Project, capsys: Capture, mode: str, said: str
) -> None:
    before = catalogs(project)
    args = ("pretranslate", "--lang", "bal", "--command", engine(mode), "--timeout", "1")
    assert run(project, *args) == 1
    err = capsys.readouterr().err.strip().split("\n")
    assert len(err) == 1
    assert said in err[0] and "Traceback" not in err[0]
    assert catalogs(project) == before


def test_an_engine_that_cannot_be_run_is_one_error(project: Project, capsys: Capture) -> None:
    assert run(project, "pretranslate", "--lang", "bal", "--command", "/no/such/engine") == 1
    assert "cannot be run" in capsys.readouterr().err


def test_a_translated_plural_entry_is_not_sent(project: Project) -> None:
    path = project.po_path("bal", "article")
    po = read.read_po(path)
    entry = [e for e in po if not e.obsolete and not e.msgstr][1]
    entry.msgid_plural = entry.msgid + "s"
    entry.msgstr_plural = {0: "one form", 1: "the other"}
    Path(path).write_text(format_po(po), encoding="utf-8")
    assert run(project, "pretranslate", "--lang", "bal", "--command", engine("brackets")) == 0
    after = {e.msgctxt: e for e in read.read_po(path) if not e.obsolete}[entry.msgctxt]
    assert after.msgstr_plural == {0: "one form", 1: "the other"}
    assert "fuzzy" not in after.flags and not after.tcomment
