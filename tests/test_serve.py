"""``editions serve``: the site on localhost, built again when a catalog is saved."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import ROOT
from editions import cli
from editions.project import Project

#: How long a build may take on a busy machine before a test gives up waiting.
PATIENCE = 60.0

FRENCH = "Le Pakistan face à une pression internationale croissante au sujet des "
CHANGED = "Le Pakistan fait face à une pression internationale croissante au sujet des "


class Served:
    """``editions serve`` running on a copy of the project, its stderr read as it comes."""

    def __init__(self, project: Project) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        command = [sys.executable, "-m", "editions", "-C", str(project.root), "serve"]
        self.process = subprocess.Popen(
            [*command, "--port", "0", "-j", "1"],
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        found = self.wait_for(lambda: self._address())
        self.url = str(found)

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    def _address(self) -> str | None:
        for line in self.lines:
            if match := re.fullmatch(r"serving build on (http://127\.0\.0\.1:\d+/)", line):
                return match[1]
        return None

    def wait_for(self, found: Callable[[], object]) -> object:
        """Poll until ``found()`` is true; its value."""
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            if value := found():
                return value
            assert self.process.poll() is None, "\n".join(self.lines)
            time.sleep(0.05)
        raise AssertionError("waited in vain; it said:\n" + "\n".join(self.lines))

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            text: str = response.read().decode("utf-8")
            return text

    def stop(self) -> tuple[int, list[str]]:
        """Ctrl-C: its exit status, and what it said."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        status = self.process.wait(timeout=PATIENCE)
        self.reader.join()
        assert self.process.stderr is not None
        self.process.stderr.close()
        return status, self.lines


@pytest.fixture
def served(project: Project) -> Iterator[Served]:
    server = Served(project)
    yield server
    if server.process.poll() is None:
        server.process.kill()
    server.stop()


def test_a_saved_catalog_shows_at_once_and_a_broken_one_leaves_the_last_good_page(
    project: Project, served: Served
) -> None:
    page = served.get("fr/article.html")
    assert FRENCH in page
    assert "<html" in served.get("")  # the index, as the folder's page
    catalog = Path(project.po_path("fr", "article"))
    text = catalog.read_text("utf-8")
    catalog.write_text(text.replace(FRENCH, CHANGED), "utf-8")
    served.wait_for(lambda: CHANGED in served.get("fr/article.html"))

    broken = text.replace(FRENCH, CHANGED).replace('msgctxt "lede"', 'msgctxt "lede', 1)
    catalog.write_text(broken, "utf-8")
    line = broken[: broken.index('msgctxt "lede\n')].count("\n") + 1
    error = f"locales/fr/LC_MESSAGES/article.po:{line}: error: "
    served.wait_for(lambda: any(said.startswith(error) for said in served.lines))
    assert CHANGED in served.get("fr/article.html")  # the last good page, still served
    with pytest.raises(urllib.error.HTTPError):
        served.get("xx/article.html")

    status, said = served.stop()
    assert status == cli.EXIT_INTERRUPTED
    assert said[-1] == "editions: interrupted"
    assert not any(line.startswith(("wrote ", "Traceback")) for line in said)


def test_a_change_of_the_settings_builds_again(project: Project, served: Served) -> None:
    assert ">بلوچی</a>" in served.get("fr/article.html")
    settings = Path(project.config_path)
    settings.write_text(settings.read_text("utf-8").replace("بلوچی", "بلۏچی"), "utf-8")
    served.wait_for(lambda: ">بلۏچی</a>" in served.get("fr/article.html"))
