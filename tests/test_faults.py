"""Faults a newsroom meets: Ctrl-C, a killed build, a folder that cannot be written, a full
disk, two runs at once, a closed pipe.

After each, every file is its old self or its whole new one, an edition's Markdown and HTML
are both old or both new, no temporary file is left, and the user reads one line.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from editions import cli, fsutil
from editions.project import Project

Files = dict[str, bytes]

#: Documents of the project the tests build: enough for the work to go to two processes.
DOCS = 4


def run(project: Project, *args: str) -> int:
    return cli.main(["-C", str(project.root), *args])


def files(folder: str | Path) -> Files:
    """Every file under ``folder`` by its relative path, but the build's own record."""
    root = Path(folder)
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".editions-state.json"
    }


def temporary_files(folder: str | Path) -> list[Path]:
    return [p for p in Path(folder).rglob(".*") if fsutil._target_of(p.name) is not None]


def edit_sources(project: Project, new: str) -> None:
    for src in Path(project.source_dir).glob("*.md"):
        src.write_text(src.read_text("utf-8").replace("Balochistan", new), "utf-8")


def assert_old_or_new(now: Files, old: Files, new: Files) -> None:
    """Each file of ``now`` is as in ``old`` or in ``new``; an edition's Markdown and HTML
    that both changed are both old or both new."""
    assert set(now) <= set(old) | set(new)
    for name, data in now.items():
        assert data in (old.get(name), new.get(name)), name
    for md in (name for name in new if name.endswith(".md")):
        html = md[:-3] + ".html"
        if md in now and html in now and old.get(md) != new[md] and old.get(html) != new[html]:
            assert (now[md] == new[md]) == (now[html] == new[html]), md


@pytest.fixture
def newsroom(project: Project) -> Project:
    """The project with ``DOCS`` documents, each with a catalog in every language."""
    text = Path(project.source_path("article")).read_text("utf-8")
    for n in range(2, DOCS + 1):
        Path(project.source_path(f"doc{n}")).write_text(text.replace("Pakistan", f"P{n}"), "utf-8")
    assert run(project, "update", "-q") == 0
    return project


@pytest.fixture
def edited(newsroom: Project, tmp_path: Path) -> tuple[Files, Files]:
    """The site built, then the sources edited: the pages as they are, and as the next build
    makes them."""
    assert run(newsroom, "build", "--all", "-q") == 0
    old = files(newsroom.build_dir)
    edit_sources(newsroom, "Balochistan (edited)")
    fresh = tmp_path / "fresh"
    assert run(newsroom, "build", "--all", "-q", "--out", str(fresh)) == 0
    new = files(fresh)
    assert {name for name in old if old[name] != new[name]} > {"en/article.md", "fr/doc2.html"}
    return old, new


# -- Ctrl-C and kills ---------------------------------------------------------------------------


def start(project: Project, *args: str) -> subprocess.Popen[str]:
    """The command line in a new process group, as a terminal runs a command."""
    return subprocess.Popen(
        [sys.executable, "-m", "editions", "-C", str(project.root), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def wait_for_group(group: int, seconds: float) -> bool:
    """Whether every process of ``group`` has ended within ``seconds``."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    """The processes a test starts: whatever it asserts, none is left running."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()


def holds_the_lock(process: subprocess.Popen[str]) -> bool:
    """Whether ``process`` holds a lock (the project's, taken when its command starts)."""
    locks = Path("/proc/locks").read_text().splitlines()
    return any(line.split()[4] == str(process.pid) for line in locks)


def ctrl_c(process: subprocess.Popen[str], after: float) -> tuple[int, str]:
    """Press Ctrl-C twice, ``after`` seconds once the command has started and a little
    later, as a terminal does (to the whole process group): the exit status and stderr.
    The command ends within 2 s of the first, and leaves no process behind.

    (A Ctrl-C while Python itself starts, before the command does, is Python's.)"""
    end = time.monotonic() + 5
    while not holds_the_lock(process) and process.poll() is None and time.monotonic() < end:
        time.sleep(0.005)
    time.sleep(after)
    pressed = time.monotonic()
    for _ in range(2):
        try:
            os.killpg(process.pid, signal.SIGINT)
        except ProcessLookupError:  # done already
            break
        time.sleep(0.05)
    _, err = process.communicate(timeout=5)
    assert time.monotonic() - pressed < 2, err
    assert wait_for_group(process.pid, 2), "a worker outlived the command"
    return process.returncode, err


def test_ctrl_c_during_a_build_leaves_every_page_old_or_new(
    newsroom: Project, edited: tuple[Files, Files], processes: list[subprocess.Popen[str]]
) -> None:
    old, new = edited
    saved = Path(newsroom.root) / "saved"
    shutil.copytree(newsroom.build_dir, saved)
    moments = random.Random(21)
    interrupted = 0
    for _ in range(8):
        shutil.rmtree(newsroom.build_dir)
        shutil.copytree(saved, newsroom.build_dir)
        processes.append(start(newsroom, "build", "--all", "-q", "-j", "2"))
        status, err = ctrl_c(processes[-1], moments.uniform(0, 0.4))
        assert (status, err) in ((cli.EXIT_INTERRUPTED, "editions: interrupted\n"), (0, ""))
        interrupted += status == cli.EXIT_INTERRUPTED
        assert_old_or_new(files(newsroom.build_dir), old, new)
        assert not temporary_files(newsroom.root)
    assert interrupted >= 4


def test_ctrl_c_during_an_update_changes_all_catalogs_or_none(
    newsroom: Project, processes: list[subprocess.Popen[str]]
) -> None:
    for n in range(DOCS + 1, 8):  # 70 catalogs: updated in processes
        shutil.copy(newsroom.source_path("article"), newsroom.source_path(f"doc{n}"))
    assert run(newsroom, "update", "-q") == 0
    saved = Path(newsroom.root) / "saved"
    shutil.copytree(newsroom.locales_dir, saved)
    old = files(saved)
    edit_sources(newsroom, "Balochistan (edited)")
    assert run(newsroom, "update", "-q") == 0
    new = files(newsroom.locales_dir)
    assert len([name for name in new if new[name] != old[name]]) >= 64
    moments = random.Random(21)
    interrupted = 0
    for _ in range(8):
        shutil.rmtree(newsroom.locales_dir)
        shutil.copytree(saved, newsroom.locales_dir)
        processes.append(start(newsroom, "update", "-q", "-j", "2"))
        status, err = ctrl_c(processes[-1], moments.uniform(0, 0.3))
        assert (status, err) in ((cli.EXIT_INTERRUPTED, "editions: interrupted\n"), (0, ""))
        interrupted += status == cli.EXIT_INTERRUPTED
        assert files(newsroom.locales_dir) in (old, new)
        assert not temporary_files(newsroom.root)
    assert interrupted >= 4


def test_workers_end_when_the_build_is_killed(
    newsroom: Project, processes: list[subprocess.Popen[str]]
) -> None:
    processes.append(start(newsroom, "build", "--all", "-q", "-j", "2"))
    parent = processes[-1].pid
    children = Path(f"/proc/{parent}/task/{parent}/children")
    end = time.monotonic() + 5
    while not children.read_text().split() and time.monotonic() < end:
        time.sleep(0.01)
    workers = children.read_text().split()
    assert workers, "no worker started"
    os.kill(parent, signal.SIGKILL)
    processes[-1].wait()
    end = time.monotonic() + 2
    while not all(map(ended, workers)) and time.monotonic() < end:
        time.sleep(0.05)
    assert all(map(ended, workers)), "the workers outlived the build"


def ended(pid: str) -> bool:
    """Whether the process ``pid`` has ended (its parent gone, it may wait to be reaped)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z"
    except FileNotFoundError:
        return True


def test_a_kill_between_an_editions_two_renames_is_mended_by_the_next_build(
    project: Project,
) -> None:
    """The limit of writing together: two renames are not one step. A build killed between
    them leaves the Markdown new and the HTML old; the next build writes the HTML.

    Renames run on several threads, so the kill is placed by file: the Markdown edition's
    rename is the one that happens, every other rename is one the kill came before."""
    assert run(project, "build", "--lang", "en", "-q") == 0
    old = files(project.build_dir)
    edit_sources(project, "Balochistan (edited)")
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from editions import cli, fsutil
        real = os.replace
        def replace(src, dst):
            if dst.endswith(os.path.join("en", "article.md")):
                real(src, dst)
                os.kill(os.getpid(), signal.SIGKILL)
        fsutil.os.replace = replace
        sys.exit(cli.main(["-C", {str(project.root)!r}, "build", "--lang", "en", "-q"]))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert done.returncode == -signal.SIGKILL, done.stderr
    now = files(project.build_dir)
    assert now["en/article.md"] != old["en/article.md"]
    assert now["en/article.html"] == old["en/article.html"]
    assert run(project, "build", "--lang", "en", "-q") == 0
    assert files(project.build_dir)["en/article.html"] != old["en/article.html"]
    assert not temporary_files(project.root)


def test_ctrl_c_is_one_line_whatever_error_it_becomes(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Python 3.11 turns a KeyboardInterrupt raised in an import into a RuntimeError."""

    def stats(project: Project, args: object) -> int:
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)
        except KeyboardInterrupt as exc:
            raise RuntimeError("Error calling __set_name__") from exc
        return 0

    monkeypatch.setattr(cli, "cmd_stats", stats)
    assert run(project, "stats") == cli.EXIT_INTERRUPTED
    assert capsys.readouterr().err == "editions: interrupted\n"


def test_ctrl_c_waits_for_the_files_being_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGINT in the middle of writing files together is taken once they are all written."""
    pages = [(tmp_path / "a.md", "new"), (tmp_path / "a.html", "new")]
    real = os.replace

    def replace(src: str, dst: str) -> None:
        real(src, dst)
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C after each rename

    monkeypatch.setattr(fsutil.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        fsutil.write_together(pages)
    monkeypatch.undo()
    assert [p.read_text() for p, _ in pages] == ["new", "new"]
    assert not temporary_files(tmp_path)


# -- file systems -------------------------------------------------------------------------------


def test_a_folder_that_cannot_be_written_is_one_line(
    newsroom: Project,
    edited: tuple[Files, Files],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    old, new = edited
    locked = Path(newsroom.build_dir) / "fr"
    real = os.open

    def refuse(path: str, flags: int, mode: int = 0o777) -> int:
        # As root, a folder's mode refuses nothing: refuse as the system would.
        if flags & os.O_CREAT and Path(path).parent == locked:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real(path, flags, mode)

    locked.chmod(0o555)
    try:
        if os.geteuid() == 0:
            monkeypatch.setattr(fsutil.os, "open", refuse)
        assert run(newsroom, "build", "--all", "-j", "1", "-q") == cli.EXIT_ERROR
    finally:
        locked.chmod(0o755)
    err = capsys.readouterr().err
    assert err == "build/fr/article.md: error: Permission denied\n"
    now = files(newsroom.build_dir)
    assert_old_or_new(now, old, new)
    assert now["index.html"] == old["index.html"]
    assert {name for name in now if name.startswith("fr/")} == {
        name for name in old if name.startswith("fr/")
    }
    assert all(now[name] == old[name] for name in now if name.startswith("fr/"))
    assert not temporary_files(newsroom.root)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_full_disk_leaves_the_site_whole(
    newsroom: Project,
    edited: tuple[Files, Files],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    jobs: str,
) -> None:
    old, new = edited
    written = 0
    real = os.write

    def write(fd: int, data: bytes) -> int:
        nonlocal written
        written += 1
        if written > 7:  # some editions written, then the disk is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, data)

    monkeypatch.setattr(fsutil.os, "write", write)
    assert run(newsroom, "build", "--all", "-j", jobs, "-q") == cli.EXIT_ERROR
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert err.startswith("build/") and err.endswith(": error: No space left on device\n"), err
    assert err.count("\n") == 1
    now = files(newsroom.build_dir)
    assert_old_or_new(now, old, new)
    assert now["index.html"] == old["index.html"]
    assert not temporary_files(newsroom.root)
    assert run(newsroom, "build", "--all", "-q") == 0  # the next build mends it
    assert files(newsroom.build_dir) == new


def test_a_full_disk_changes_no_catalog(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files(project.locales_dir)
    edit_sources(project, "Balochistan (edited)")
    synced = 0
    real = os.fsync

    def fsync(fd: int) -> None:
        nonlocal synced
        synced += 1
        if synced > 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr(fsutil.os, "fsync", fsync)
    assert run(project, "update", "-q") == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith("locales/") and err.endswith(".po: error: No space left on device\n")
    assert files(project.locales_dir) == before
    assert not temporary_files(project.root)


# -- two runs at once ---------------------------------------------------------------------------


def test_a_second_run_waits_for_the_first(
    newsroom: Project, processes: list[subprocess.Popen[str]]
) -> None:
    before = files(newsroom.locales_dir)
    edit_sources(newsroom, "Balochistan (edited)")
    held = os.open(newsroom.root, os.O_RDONLY)  # as a run in progress holds it
    try:
        fcntl.flock(held, fcntl.LOCK_EX)
        processes.append(start(newsroom, "update"))
        time.sleep(0.3)
        assert processes[-1].poll() is None
        assert files(newsroom.locales_dir) == before
    finally:
        os.close(held)
    _, err = processes[-1].communicate(timeout=10)
    assert processes[-1].returncode == 0, err
    assert err.startswith(f"editions: waiting for another run in {newsroom.root} to end\n")
    assert files(newsroom.locales_dir) != before


def test_two_builds_at_once_both_succeed(
    project: Project, tmp_path: Path, processes: list[subprocess.Popen[str]]
) -> None:
    assert run(project, "build", "--all", "-q", "--out", str(tmp_path / "alone")) == 0
    processes += [start(project, "build", "--all", "-q") for _ in range(2)]
    for process in processes:
        _, err = process.communicate(timeout=20)
        assert process.returncode == 0, err
    assert files(project.build_dir) == files(tmp_path / "alone")
    assert not temporary_files(project.root)


# -- pipes --------------------------------------------------------------------------------------


def test_a_closed_pipe_ends_quietly(project: Project) -> None:
    """``editions stats | head -1``: the reader leaves before the table is written."""
    process = subprocess.Popen(
        [sys.executable, "-m", "editions", "-C", str(project.root), "stats"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    process.stdout.close()
    _, err = process.communicate(timeout=10)
    assert (process.returncode, err) == (cli.EXIT_PIPE, "")
