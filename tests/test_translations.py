"""The catalogs of a project on disk: ``update`` as the library runs it.

The catalogs are merged document by document, in several
processes when there are many: the result must not depend on how many, and a
catalog that cannot be read must leave every catalog as it was, with no
temporary file left behind.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, pseudo_po
from editions import source, translations
from editions.errors import Errors
from editions.po import read, write
from editions.project import Project

DOCS = ("alpha", "beta", "gamma")
LANGS = ("fr", "ur", "zh_Hans")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """Three documents (the article, made distinct) in three languages, all translated;
    then the English edited, so that every catalog has something to update."""
    project = Project(tmp_path)
    Path(project.source_dir).mkdir()
    text = (ROOT / "source_text" / "article.md").read_text("utf-8")
    for number, doc in enumerate(DOCS, 1):
        mine = text.replace("Balochistan", f"Balochistan ({number})")
        path = Path(project.source_path(doc))
        path.write_text(mine, "utf-8")
        article = source.read(path, f"source_text/{doc}.md")
        for lang in LANGS:
            po_path = Path(project.po_path(lang, doc))
            po_path.parent.mkdir(parents=True, exist_ok=True)
            po_path.write_text(write.format_po(pseudo_po(article, lang)), "utf-8")
        edited = mine.replace("Officials describe", "Officials call").replace(
            "2. **Security Measures:**", "2. **Security Steps:**"
        )
        path.write_text(edited, "utf-8")
    return project


def files(folder: str | Path) -> dict[str, tuple[bytes, int]]:
    root = Path(folder)
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def contents(root: str | Path) -> dict[str, bytes]:
    return {name: data for name, (data, _) in files(root).items()}


@pytest.fixture
def in_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Update in processes however few the catalogs."""
    monkeypatch.setattr(translations, "_PARALLEL_FROM", 0)


def summaries(updates: list[translations.Update]) -> list[tuple[str, bool, bool, str]]:
    return [(u.file.name, u.stale, u.written, u.summary) for u in updates]


@pytest.mark.usefixtures("in_processes")
def test_processes_write_what_one_process_writes(project: Project, tmp_path: Path) -> None:
    other = Project(tmp_path / "copy")
    shutil.copytree(project.source_dir, other.source_dir)
    shutil.copytree(project.locales_dir, other.locales_dir)
    alone, _ = translations.update(project, jobs=1, where=True)
    together, _ = translations.update(other, jobs=2, where=True)
    assert contents(project.locales_dir) == contents(other.locales_dir)
    assert summaries(alone) == summaries(together)
    assert [u.lines for u in alone] == [u.lines for u in together]
    assert [u.file.name for u in alone] == [  # the order of the catalogs: language, document
        f"locales/{lang}/LC_MESSAGES/{doc}.po" for lang in LANGS for doc in DOCS
    ]
    assert {u.summary for u in alone} == {"2 fuzzy"}
    assert all(u.stale and u.written for u in alone)
    for update in alone:
        assert write.format_po(read.read_po(update.file.path)) == Path(update.file.path).read_text(
            "utf-8"
        )


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.usefixtures("in_processes")
def test_a_catalog_that_cannot_be_read_leaves_every_catalog_as_it_was(
    project: Project, jobs: int
) -> None:
    broken = [Path(project.po_path("ur", "beta")), Path(project.po_path("fr", "gamma"))]
    for path in broken:
        path.write_text(path.read_text("utf-8").replace('msgstr "⟦', "msgstr ⟦", 1), "utf-8")
    before = files(project.root)
    with pytest.raises(Errors) as caught:
        translations.update(project, jobs=jobs)
    assert [e.path for e in caught.value.errors] == [
        "locales/fr/LC_MESSAGES/gamma.po",
        "locales/ur/LC_MESSAGES/beta.po",
    ]
    assert files(project.root) == before  # nothing written, no temporary file left


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.usefixtures("in_processes")
def test_a_catalog_that_cannot_be_flushed_leaves_every_catalog_as_it_was(
    project: Project, jobs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In this process, and in processes forked from it (which inherit the failure)."""
    fsync = os.fsync
    flushed = 0

    def failing(fd: int) -> None:
        nonlocal flushed
        flushed += 1
        if flushed == 2:  # each process's second catalog
            raise OSError(errno.EIO, "Input/output error")
        fsync(fd)

    monkeypatch.setattr(os, "fsync", failing)
    before = files(project.root)
    with pytest.raises(OSError, match="Input/output"):
        translations.update(project, jobs=jobs)
    assert files(project.root) == before  # nothing renamed, no temporary file left


@pytest.mark.parametrize("parallel", [False, True])
def test_a_catalog_that_cannot_be_renamed_leaves_no_temporary_file(
    project: Project, tmp_path: Path, parallel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if parallel:
        monkeypatch.setattr(translations, "_PARALLEL_FROM", 0)
    other = Project(tmp_path / "copy")
    shutil.copytree(project.source_dir, other.source_dir)
    shutil.copytree(project.locales_dir, other.locales_dir)
    translations.update(other)
    old, new = contents(project.locales_dir), contents(other.locales_dir)
    replace = os.replace
    broken = Path(project.po_path("ur", "beta"))

    def failing(src: str, dst: str) -> None:
        if Path(dst) == broken:
            raise OSError(errno.EIO, "Input/output error")
        replace(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError, match="Input/output"):
        translations.update(project, jobs=2 if parallel else 1)
    now = contents(project.locales_dir)
    assert now.keys() == old.keys()  # no temporary file left
    assert all(now[name] in (old[name], new[name]) for name in now)  # each whole
    assert (
        now[str(broken.relative_to(Path(project.locales_dir)))]
        == old[str(broken.relative_to(Path(project.locales_dir)))]
    )


@pytest.mark.usefixtures("in_processes")
def test_check_writes_nothing_and_a_second_update_changes_nothing(project: Project) -> None:
    before = files(project.root)
    stale, _ = translations.update(project, check=True, jobs=2)
    assert all(u.stale and not u.written for u in stale) and len(stale) == 9
    assert files(project.root) == before
    translations.update(project, jobs=2)
    after = files(project.root)
    again, _ = translations.update(project, jobs=2)
    assert not any(u.stale or u.written for u in again)
    assert files(project.root) == after


def test_temporary_files_a_killed_run_left_go_when_their_catalog_is_written(
    project: Project,
) -> None:
    folder = Path(project.po_path("fr", "alpha")).parent
    left = [folder / ".alpha.po.k1ll3d.tmp", folder / ".beta.po.x.tmp"]
    kept = [folder / ".alphabet.po.x.tmp", folder / "notes.tmp", folder / ".alpha.po"]
    for path in left + kept:
        path.write_text("left over", "utf-8")
    translations.update(project, langs=["fr"], docs=["alpha"])
    assert not left[0].exists()
    assert all(path.exists() for path in [left[1], *kept])  # beta.po was not chosen
    translations.update(project, check=True)
    assert left[1].exists()  # a check writes nothing, and removes nothing
    updates, _ = translations.update(project, langs=["fr"], docs=["alpha", "beta"])
    assert [u.written for u in updates] == [False, True]
    assert not left[1].exists() and all(path.exists() for path in kept)


@pytest.mark.parametrize(("call", "at"), [("fsync", 5), ("replace", 5)])
def test_a_killed_update_leaves_each_catalog_whole_and_the_next_run_cleans_up(
    project: Project, tmp_path: Path, call: str, at: int
) -> None:
    """Killed while it stages the new catalogs, or while it renames them: each catalog is
    its old self or its whole new one; the next run writes the rest and leaves no
    temporary file."""
    other = Project(tmp_path / "copy")
    shutil.copytree(project.source_dir, other.source_dir)
    shutil.copytree(project.locales_dir, other.locales_dir)
    translations.update(other)
    old, new = contents(project.locales_dir), contents(other.locales_dir)
    script = textwrap.dedent(
        f"""
        import os, signal
        from editions import translations
        from editions.project import Project
        real = os.{call}
        count = 0
        def killing(*args):
            global count
            count += 1
            if count == {at}:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args)
        os.{call} = killing
        translations.update(Project({str(project.root)!r}))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == -signal.SIGKILL, done.stderr
    now = contents(project.locales_dir)
    assert {name: data for name, data in now.items() if name in old} != new
    assert all(now[name] in (old[name], new[name]) for name in old)
    assert now.keys() - old.keys()  # the killed run's temporary files
    translations.update(project)
    assert contents(project.locales_dir) == new


def test_a_catalog_in_another_layout_with_nothing_to_change_is_left_alone(
    project: Project,
) -> None:
    translations.update(project)
    path = Path(project.po_path("zh_Hans", "beta"))
    crlf = path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(crlf)
    updates, _ = translations.update(project, docs=["beta"], langs=["zh_Hans"])
    assert [(u.stale, u.written) for u in updates] == [(False, False)]
    assert path.read_bytes() == crlf


def test_the_summary_counts_what_changed_or_says_only_references_did(project: Project) -> None:
    updates, _ = translations.update(project, langs=["fr"], docs=["alpha"], check=True)
    assert [u.summary for u in updates] == ["2 fuzzy"]
    translations.update(project)
    path = Path(project.source_path("beta"))
    text = path.read_text("utf-8")
    path.write_text(text.replace("\n\n", "\n\n\n", 1), "utf-8")  # every line one down
    updates, _ = translations.update(project, langs=["fr"], docs=["alpha", "beta"])
    assert [(u.summary, u.written) for u in updates] == [
        ("", False),
        ("references and comments", True),
    ]


@pytest.mark.usefixtures("in_processes")
def test_a_written_catalog_keeps_its_permissions(project: Project) -> None:
    Path(project.po_path("ur", "gamma")).chmod(0o640)
    modes = {p: p.stat().st_mode & 0o777 for p in Path(project.locales_dir).rglob("*.po")}
    updates, _ = translations.update(project, jobs=2)
    assert all(u.written for u in updates)
    assert {p: p.stat().st_mode & 0o777 for p in modes} == modes
    assert modes[Path(project.po_path("ur", "gamma"))] == 0o640
