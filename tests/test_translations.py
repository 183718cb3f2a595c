"""The catalogs of a project on disk: ``update`` as the library runs it.

The catalogs are merged and written document by document, in several
processes when there are many: the result must not depend on how many, and a
catalog that cannot be read must leave every catalog as it was, with no
temporary file left behind.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, pseudo_po
from editions import fsutil, source, translations
from editions.errors import Errors
from editions.po import merge, read, write
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


@pytest.mark.parametrize(("jobs", "parallel_from"), [(1, 0), (2, 0), (1, 64)])
def test_a_catalog_that_cannot_be_flushed_leaves_every_catalog_as_it_was(
    project: Project, jobs: int, parallel_from: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In processes, in threads of this one, and (a few catalogs) in this thread."""
    monkeypatch.setattr(translations, "_PARALLEL_FROM", parallel_from)
    flush = fsutil.flush

    def failing(tmp: str) -> None:
        if fsutil.target_of(Path(tmp).name) == "beta.po" and Path(tmp).parts[-3] == "ur":
            raise OSError(errno.EIO, "Input/output error")
        flush(tmp)

    monkeypatch.setattr(fsutil, "flush", failing)
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
def test_tasks_are_made_as_they_are_handed_to_the_processes(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The calling process holds no task for every catalog: each is made as it is handed
    to a process, at most ``_AHEAD`` a process ahead of the results taken (here none)."""
    monkeypatch.setattr(translations, "_AHEAD", 0)
    made = 0
    tasks = translations._update_tasks

    def counted(*args: Any) -> Iterator[Any]:
        nonlocal made
        for task in tasks(*args):
            made += 1
            yield task

    monkeypatch.setattr(translations, "_update_tasks", counted)
    ahead: list[int] = []
    updates, _ = translations.update(
        project, jobs=2, progress=lambda done: ahead.append(made - len(ahead) - 1)
    )
    assert ahead == [0, 0, 0]  # one task a document
    assert len(updates) == 9 and all(u.written for u in updates)


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
    assert all(path.exists() for path in [left[1], *kept])  # beta.po was not written


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


def test_the_summary_counts_what_changed() -> None:
    changes = (merge.Change("a", merge.Action.FUZZY), merge.Change("b", merge.Action.NEW))
    ref = translations.CatalogFile("fr", "a", Path("a.po"), "a.po")
    assert translations.Update(ref, changes, True).summary == "1 fuzzy, 1 new"
    assert translations.Update(ref, (), True).summary == "references and comments"


@pytest.mark.usefixtures("in_processes")
def test_a_written_catalog_keeps_its_permissions(project: Project) -> None:
    Path(project.po_path("ur", "gamma")).chmod(0o640)
    modes = {p: p.stat().st_mode & 0o777 for p in Path(project.locales_dir).rglob("*.po")}
    updates, _ = translations.update(project, jobs=2)
    assert all(u.written for u in updates)
    assert {p: p.stat().st_mode & 0o777 for p in modes} == modes
    assert modes[Path(project.po_path("ur", "gamma"))] == 0o640


def test_threads_try_every_item_and_raise_the_first_failure_in_order() -> None:
    """Flushes and renames in threads: each file is tried whatever the others do, and the
    error raised is that of the first file, as the files were given."""
    tried: list[int] = []

    def work(item: int) -> None:
        tried.append(item)
        if item % 3 == 2:
            raise OSError(errno.EIO, f"failed {item}")

    threads = translations._Threads(work, 4)
    for item in range(50):
        threads.put(item)
    assert len(threads.threads) == 4
    with pytest.raises(OSError, match="failed 2$"):
        threads.finish()
    assert sorted(tried) == list(range(50))


def test_threads_start_only_as_items_come() -> None:
    """Nothing to flush starts no thread; a few files start one each; with no thread
    allowed, each item is done as it is put."""
    done: list[int] = []
    idle = translations._Threads(done.append, 16)
    idle.finish()
    assert idle.threads == [] and idle.items is None
    few = translations._Threads(done.append, 16)
    for item in range(3):
        few.put(item)
    assert len(few.threads) == 3
    few.finish()
    assert sorted(done) == [0, 1, 2]
    assert not any(thread.is_alive() for thread in few.threads)
    inline = translations._Threads(done.append, 0)
    inline.put(3)
    assert done[-1] == 3 and inline.threads == []
    inline.finish()
