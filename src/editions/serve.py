"""``editions serve``: build the site, serve it on localhost, build again on every change.

A translator saves a catalog and sees it in the browser: the site is built as
``build --all`` builds it, served from the build folder by the standard
library's HTTP server, and built again when a source (``source_text/*.md``), a
catalog (``locales/*/LC_MESSAGES/*.po``), a template of the project's folder or
the settings file changes (watched by watchfiles).

Each build is ``editions build --all`` run in a process of its own, with the
options ``serve`` was given: the same incremental build, which rebuilds only
what changed, takes the project's lock and reads the settings afresh; nothing
else writes. A build that fails says why in one line (``path:line: error:
...``) and writes nothing, so the pages of the last good build are served
until the next change. Ctrl-C ends it, as any command.
"""

from __future__ import annotations

import functools
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from editions.project import Project

#: How long, in milliseconds, the watcher waits for a burst of changes to end (an
#: editor's save, ``editions update`` renaming catalogs) before a build.
DEBOUNCE = 200


class _Handler(SimpleHTTPRequestHandler):
    """The build folder's files, without a line on stderr for each request."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(project: Project, out: str, build: Sequence[str], bind: str, port: int) -> None:
    """Build with the command line ``build`` (arguments of ``editions``), serve ``out`` on
    ``bind:port`` (port 0: one the system picks), and build again on each change, until
    interrupted (KeyboardInterrupt)."""
    run_build(build)
    handler = functools.partial(_Handler, directory=out)
    server = ThreadingHTTPServer((bind, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    stop = threading.Event()
    try:
        batches = changes(project, stop)  # watching before the address is said
        host, port = str(server.server_address[0]), server.server_address[1]
        print(f"serving {project.relative(out)} on http://{host}:{port}/", file=sys.stderr)
        for _ in batches:
            run_build(build)
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


def run_build(build: Sequence[str]) -> bool:
    """Run ``editions`` with the arguments ``build``, and say what it said but the page
    it wrote, one line each; whether it succeeded."""
    command = [sys.executable, "-m", "editions", *build]
    done = subprocess.run(command, check=False, stderr=subprocess.PIPE, text=True)
    for line in done.stderr.splitlines():
        if not line.startswith("wrote "):
            print(line, file=sys.stderr, flush=True)
    return done.returncode == 0


def watched(project: Project) -> list[tuple[str, bool, Callable[[str], bool]]]:
    """What a change of rebuilds the site: each folder, whether its subfolders too, and
    which of its files count."""
    folders: list[tuple[str, bool, Callable[[str], bool]]] = [
        (project.source_dir, False, lambda path: path.endswith(".md")),
        (project.locales_dir, True, lambda path: path.endswith(".po")),
    ]
    config = os.path.abspath(project.config_path)
    folders.append((os.path.dirname(config), False, lambda path: path == config))
    templates = project.config.templates
    if templates:
        folders.append((templates, True, lambda path: not path.endswith(".tmp")))
    return [(folder, deep, wanted) for folder, deep, wanted in folders if os.path.isdir(folder)]


def changes(project: Project, stop: threading.Event) -> Iterator[set[str]]:
    """Each set of files changed that a build depends on (:func:`watched`), until
    ``stop`` is set; every folder is watched when this returns, so no change made after
    it is missed."""
    found: queue.Queue[set[str]] = queue.Queue()
    ready = []
    for folder, deep, wanted in watched(project):
        ready.append(threading.Event())
        args = (folder, deep, wanted, stop, found, ready[-1])
        threading.Thread(target=_watch, args=args, daemon=True).start()
    for watching in ready:
        watching.wait(timeout=_READY)
    return _batches(found, stop)


#: Seconds to wait for a folder's watch to start before serving anyway.
_READY = 10.0


def _batches(found: queue.Queue[set[str]], stop: threading.Event) -> Iterator[set[str]]:
    """The sets of files the watchers put in ``found``, those seen together as one, until
    ``stop`` is set."""
    while not stop.is_set():
        try:
            paths = found.get(timeout=0.5)
        except queue.Empty:
            continue
        while not found.empty():  # changes seen in several folders at once: one build
            paths |= found.get_nowait()
        yield paths


def _watch(
    folder: str,
    deep: bool,
    wanted: Callable[[str], bool],
    stop: threading.Event,
    found: queue.Queue[set[str]],
    ready: threading.Event,
) -> None:
    """Put in ``found`` each set of ``wanted`` files of ``folder`` that changed; set
    ``ready`` once the folder is watched (the watcher's first, empty, batch says so)."""
    import watchfiles

    for batch in watchfiles.watch(
        folder,
        watch_filter=lambda change, path: wanted(path),
        recursive=deep,
        debounce=DEBOUNCE,
        step=50,
        stop_event=stop,
        raise_interrupt=False,
        yield_on_timeout=True,
        rust_timeout=100,
    ):
        ready.set()
        if batch:
            found.put({path for _, path in batch})
