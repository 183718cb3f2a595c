"""Benchmark editions against today's gettext-for-Markdown tools on the same workload.

    python3 bench/run.py                       # set up, then (1,10), (100,10), (100,30)
    python3 bench/run.py --sizes 100x30 --runs 3 --tools editions,floor

What it does, in order:

1. Makes sure the editions venv (.venv) exists, and re-runs itself with its Python.
2. Sets up the other tools for the benchmark only, never as editions' dependencies:
   mdpo in bench/.venv/mdpo, Translate Toolkit in bench/.venv/ttk (they install
   commands of the same names, md2po and po2md, so each has its own venv); po4a and
   GNU gettext (msgmerge) from Debian with apt-get when missing.
3. For each size DxL: generates the workload with bench/generate.py into
   bench/work/DxL/workload (reused when it was made with the same arguments and the
   same generate.py), prepares each tool's own catalogs of the same documents and
   languages (untimed), then times every step of every tool.

Protocol, the same for every tool and step: the step's state is restored (untimed),
the step is run once as a warm-up, then N times (default 5) each from the restored
state; the table gives the median wall time and the median peak memory. A step is
one or more commands run one after the other by a fresh measuring process (not
timed itself); wall time runs from the first command's start to the last one's end.
Peak memory is the larger of the biggest single process of the tree
(getrusage(RUSAGE_CHILDREN).ru_maxrss) and the sum of the tree's PSS sampled every
10 ms (for tools that run worker processes side by side). A cell whose warm-up
times N exceeds --budget seconds gets fewer runs (at least 1); the table says how many.

Results go to stdout and to bench/results-DxL.md (and .json).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
EDITIONS_VENV = REPO / ".venv"
EPY = EDITIONS_VENV / "bin" / "python"
TOOLS = BENCH / ".venv"
WORK = BENCH / "work"
RUNNER = WORK / "runner"
DISCARDED = WORK / ".discarded"

MDPO_REQ = "mdpo==2.1.4"
TTK_REQ = "translate-toolkit[markdown,levenshtein]==3.20.4"
STEPS = (
    "extract", "update", "update, no memory", "new document", "new document, no memory",
    "build", "no-op build", "import floor",
)  # fmt: skip
#: editions' update with translation memory (the default) and without, on the same work
MEMORY_STEPS = (("update", "update, no memory"), ("new document", "new document, no memory"))
ALL_TOOLS = ("editions", "mdpo", "ttk", "po4a", "po4a.conf", "msgmerge", "floor")
TOOL_NAMES = {
    "editions": "editions",
    "mdpo": "mdpo",
    "ttk": "Translate Toolkit",
    "po4a": "po4a (per-file commands)",
    "po4a.conf": "po4a (po4a.conf, one run)",
    "msgmerge": "GNU msgmerge",
    "floor": "python -c 'import markdown, babel, polib'",
}
PO4A_TEXT = ["-f", "text", "-o", "markdown", "-M", "UTF-8"]


# ---------------------------------------------------------------------------
# Measuring one step: a fresh process runs the commands, times them, watches memory
# ---------------------------------------------------------------------------


def _tree_pss_kb(root: int) -> int:
    """PSS of every descendant of ``root`` now alive, in kB (0 when only one is)."""
    pids: list[int] = []
    stack = [root]
    while stack:
        pid = stack.pop()
        try:
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except OSError:
            continue
        if pid != root:
            pids.append(pid)
    if len(pids) < 2:
        return 0  # one process: ru_maxrss has it exactly
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total


def measure_child(spec_path: str) -> int:
    """Run a spec's commands through the C runner; print wall time and peak memory as JSON."""
    spec = json.loads(Path(spec_path).read_text())
    env = {**os.environ, **spec.get("env", {})}
    peak = [0]
    done = threading.Event()
    with tempfile.TemporaryDirectory() as tmp:
        cmdfile, resultfile = Path(tmp) / "commands", Path(tmp) / "result"
        cmdfile.write_bytes(
            b"".join(
                b"".join(a.encode() + b"\0" for a in argv) + b"\0" for argv in spec["commands"]
            )
        )
        with open(Path(tmp) / "stderr", "w+b") as err:
            runner = subprocess.Popen(
                [str(RUNNER), str(cmdfile), str(resultfile)],
                cwd=spec["cwd"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=err,
            )

            def sample() -> None:
                while not done.wait(0.01):
                    peak[0] = max(peak[0], _tree_pss_kb(runner.pid))

            watcher = threading.Thread(target=sample, daemon=True)
            watcher.start()
            runner.wait()
            done.set()
            watcher.join()
            wall_s, peak_s, failed_s, status_s = resultfile.read_text().split()
            error = None
            if int(failed_s) >= 0:
                argv = spec["commands"][int(failed_s)]
                err.seek(0)
                tail = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
                error = f"exit {status_s}: {' '.join(argv[:3])}...: {' / '.join(tail)}"[:400]
    print(json.dumps({"wall": float(wall_s), "peak_kb": max(int(peak_s), peak[0]), "error": error}))
    return 0


def measure(commands: list[list[str]], cwd: Path, env: dict[str, str] | None = None) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({"commands": commands, "cwd": str(cwd), "env": env or {}}, f)
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--measure-spec", f.name],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(f.name)
    return json.loads(out.stdout)


# ---------------------------------------------------------------------------
# Set-up
# ---------------------------------------------------------------------------


def run(argv: list[str], **kw: object) -> None:
    print("+ " + " ".join(str(a) for a in argv), file=sys.stderr)
    subprocess.run(argv, check=True, **kw)  # type: ignore[call-overload]


def ensure_editions_venv() -> None:
    if not EPY.exists():
        run([sys.executable or "python3", "-m", "venv", str(EDITIONS_VENV)])
        run([str(EPY), "-m", "pip", "install", "-q", "-e", f"{REPO}[test]"])


def ensure_runner() -> None:
    """bench/work/runner, compiled from bench/runner.c when missing or older."""
    source = BENCH / "runner.c"
    if not RUNNER.exists() or RUNNER.stat().st_mtime < source.stat().st_mtime:
        WORK.mkdir(parents=True, exist_ok=True)
        run([os.environ.get("CC", "cc"), "-O2", "-o", str(RUNNER), str(source)])


def ensure_tool_venv(name: str, requirement: str) -> Path:
    venv = TOOLS / name
    stamp = venv / (".installed-" + hashlib.sha256(requirement.encode()).hexdigest()[:12])
    if not stamp.exists():
        shutil.rmtree(venv, ignore_errors=True)
        run([sys.executable, "-m", "venv", str(venv)])
        run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", requirement])
        stamp.touch()
    return venv / "bin"


def ensure_debian(commands: dict[str, str]) -> None:
    missing = sorted({pkg for cmd, pkg in commands.items() if not shutil.which(cmd)})
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print(f"bench: cannot install {missing} (not root or no apt-get)", file=sys.stderr)
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(["apt-get", "update", "-qq"], env=env)
    run(["apt-get", "install", "-y", "-qq", *missing], env=env)


def version_of(argv: list[str]) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except OSError as exc:
        return f"missing ({exc.strerror})"
    text = (out.stdout or out.stderr).strip().splitlines()
    return text[0].strip() if text else "?"


# ---------------------------------------------------------------------------
# Workloads and each tool's own catalogs (untimed)
# ---------------------------------------------------------------------------


_DISCARDS = itertools.count()


def discard(path: Path) -> None:
    """Move ``path`` (a folder or a file) out of the way, into ``DISCARDED``, which is
    deleted when the benchmark ends (:func:`empty_discarded`).

    Deleting it now would slow down the steps measured next, by how many files they
    create: ext4 without a journal (this machine's) will not give a new file an inode
    freed less than a minute or so before, and looks at each such inode in turn for
    every file it creates. Thousands deleted by each restore, run after run, made
    editions' update at 100×30 2.3, 3.1, 3.6, then 4.3 s over four runs (`perf`: a
    third of its time in the kernel's `recently_deleted`, `find_get_block_common`,
    `find_inode_bit`); moved aside instead, 2.9, 2.7, 2.6, 2.6 s.
    """
    if path.exists() or path.is_symlink():
        DISCARDED.mkdir(parents=True, exist_ok=True)
        path.rename(DISCARDED / f"{os.getpid()}-{next(_DISCARDS)}")


def empty_discarded() -> None:
    shutil.rmtree(DISCARDED, ignore_errors=True)


def copytree(src: Path, dst: Path) -> None:
    discard(dst)
    shutil.copytree(src, dst)


def workload(docs: int, langs: int) -> Path:
    """bench/work/DxL/workload, generated unless it is already there, made the same way."""
    root = WORK / f"{docs}x{langs}" / "workload"
    key = hashlib.sha256(
        (BENCH / "generate.py").read_bytes()
        + (REPO / "source_text" / "article.md").read_bytes()
        + f"{docs}x{langs}".encode()
    ).hexdigest()
    stamp = root / ".generated"
    if not (stamp.exists() and stamp.read_text() == key):
        print(f"bench: generating {docs}x{langs} workload in {root}", file=sys.stderr)
        run([str(EPY), str(BENCH / "generate.py"), str(root), "-D", str(docs), "-L", str(langs)])
        stamp.write_text(key)
    return root


def pseudo_translate_catalogs(pot_dir: Path, out: Path, langs: list[str], suffix: str) -> None:
    """out/<lang>/<name>.po for each pot_dir/<name><suffix>, every msgstr pseudo-translated."""
    import polib

    sys.path.insert(0, str(BENCH))
    from generate import translate_message

    for lang in langs:
        (out / lang).mkdir(parents=True, exist_ok=True)
        for pot_path in sorted(pot_dir.glob(f"*{suffix}")):
            po = polib.pofile(str(pot_path), wrapwidth=79)
            po.metadata["Language"] = lang
            po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
            for entry in po:
                entry.msgstr = translate_message(entry.msgid, lang)
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
            po.save(str(out / lang / (pot_path.name[: -len(suffix)] + ".po")))


# ---------------------------------------------------------------------------
# Steps
# ---------------------------------------------------------------------------


@dataclass
class Step:
    tool: str
    step: str
    commands: Callable[[], list[list[str]]]
    cwd: Path
    prepare: Callable[[], None] = lambda: None  # before every run, untimed
    prepare_once: Callable[[], None] = lambda: None  # before the warm-up, untimed
    env: dict[str, str] = field(default_factory=dict)
    outputs: Callable[[], str] | None = None  # what the last run produced, for the table


@dataclass
class Result:
    tool: str
    step: str
    runs: int = 0
    times: list[float] = field(default_factory=list)
    peaks_kb: list[int] = field(default_factory=list)
    na: str | None = None
    outputs: str = ""
    warm_up: float = 0.0

    @property
    def time(self) -> float:
        return statistics.median(self.times)

    @property
    def peak_mb(self) -> float:
        return statistics.median(self.peaks_kb) / 1024


def count(folder: Path, pattern: str) -> int:
    return sum(1 for _ in folder.rglob(pattern)) if folder.exists() else 0


class Bench:
    def __init__(self, args: argparse.Namespace, docs: int, langs: int) -> None:
        self.args = args
        self.docs_n, self.langs_n = docs, langs
        self.wl = workload(docs, langs)
        meta = json.loads((self.wl / "workload.json").read_text())
        self.docs: list[str] = meta["docs"]
        self.langs: list[str] = meta["languages"]
        self.dir = WORK / f"{docs}x{langs}"
        self.mdpo = TOOLS / "mdpo" / "bin"
        self.ttk = TOOLS / "ttk" / "bin"
        self.md2html = [str(EPY), str(BENCH / "md2html.py"), "out"]
        self.editions_cmd = args.editions_cmd
        self.editions_env = args.editions_env

    # -- helpers ------------------------------------------------------------

    def tool_root(self, name: str) -> Path:
        """A tool's folder with its own copy of both versions of the sources."""
        root = self.dir / name
        discard(root)
        root.mkdir(parents=True)
        for sub in ("source_text", "source_v2"):
            shutil.copytree(self.wl / sub, root / sub)
        return root

    def fresh(self, root: Path, *subs: str) -> Callable[[], None]:
        def go() -> None:
            for sub in subs:
                discard(root / sub)
                (root / sub).mkdir(parents=True)

        return go

    def outdirs(self, root: Path) -> Callable[[], None]:
        def go() -> None:
            discard(root / "out")
            for lang in self.langs:
                (root / "out" / lang).mkdir(parents=True)

        return go

    def built(self, root: Path) -> Callable[[], str]:
        return lambda: f"{count(root / 'out', '*.md')} md, {count(root / 'out', '*.html')} html"

    # -- editions -------------------------------------------------------------

    def editions(self) -> list[Step]:
        root = self.dir / "editions"
        ed = [*self.editions_cmd, "-C", str(root)]

        def state(sources: str, built: bool = False) -> Callable[[], None]:
            def go() -> None:
                discard(root)
                root.mkdir(parents=True)
                shutil.copytree(self.wl / sources, root / "source_text")
                shutil.copytree(self.wl / "locales", root / "locales")
                if built:
                    subprocess.run(
                        [*ed, "build", "--all"],
                        env={**os.environ, **self.editions_env},
                        check=True,
                        capture_output=True,
                    )

            return go

        def new_document() -> None:
            """The catalogs as the sources are, and one document more: the first one with
            its headings reworded and its paragraphs and point texts kept, so that memory
            has the same English and a similar one to offer in every language."""
            state("source_text")()
            text = (self.wl / "source_text" / "doc-001.md").read_text("utf-8")
            (root / "source_text" / "zz-follow-up.md").write_text(
                text.replace("## ", "## Follow-up: ").replace("See note 1.", "See note 1 again."),
                "utf-8",
            )

        def no_pot() -> None:
            state("source_text")()
            for pot in (root / "locales").glob("*.pot"):
                discard(pot)

        env = self.editions_env

        def pages() -> str:
            return f"{count(root / 'build', '*.md')} md, {count(root / 'build', '*.html')} html"

        return [
            Step(
                "editions",
                "extract",
                lambda: [[*ed, "extract"]],
                root,
                no_pot,
                env=env,
                outputs=lambda: f"{count(root / 'locales', '*.pot')} pot",
            ),
            Step(
                "editions",
                "update",
                lambda: [[*ed, "update"]],
                root,
                state("source_v2"),
                env=env,
                outputs=lambda: f"{count(root / 'locales', '*.po')} po",
            ),
            *(
                Step(
                    "editions",
                    name,
                    lambda extra=extra: [[*ed, "update", *extra]],
                    root,
                    prepare,
                    env=env,
                    outputs=lambda: f"{count(root / 'locales', '*.po')} po",
                )
                for name, extra, prepare in (
                    ("update, no memory", ["--no-memory"], state("source_v2")),
                    ("new document", [], new_document),
                    ("new document, no memory", ["--no-memory"], new_document),
                )
            ),
            Step(
                "editions",
                "build",
                lambda: [[*ed, "build", "--all"]],
                root,
                state("source_text"),
                env=env,
                outputs=pages,
            ),
            Step(
                "editions",
                "no-op build",
                lambda: [[*ed, "build", "--all"]],
                root,
                prepare_once=state("source_text", built=True),
                env=env,
                outputs=pages,
            ),
        ]

    # -- mdpo ------------------------------------------------------------------

    def mdpo_steps(self) -> list[Step]:
        root = self.tool_root("mdpo")
        md2po, po2md = str(self.mdpo / "md2po"), str(self.mdpo / "po2md")
        (root / "pot").mkdir()
        for doc in self.docs:
            subprocess.run(
                [md2po, f"source_text/{doc}.md", "-p", f"pot/{doc}.pot", "-s", "-q"],
                cwd=root,
                check=True,
            )
        pseudo_translate_catalogs(root / "pot", root / "pristine", self.langs, ".pot")
        restore = lambda: copytree(root / "pristine", root / "po")  # noqa: E731
        dl = [(d, lang) for d in self.docs for lang in self.langs]

        def build_prep() -> None:
            self.outdirs(root)()

        return [
            Step(
                "mdpo",
                "extract",
                lambda: [
                    [md2po, f"source_text/{d}.md", "-p", f"pot/{d}.pot", "-s", "-q"]
                    for d in self.docs
                ],
                root,
                self.fresh(root, "pot"),
                outputs=lambda: f"{count(root / 'pot', '*.pot')} pot",
            ),
            Step(
                "mdpo",
                "update",
                lambda: [
                    [md2po, f"source_v2/{d}.md", "-p", f"po/{lang}/{d}.po", "-s", "-q"]
                    for d, lang in dl
                ],
                root,
                restore,
                outputs=lambda: f"{count(root / 'po', '*.po')} po",
            ),
            Step(
                "mdpo",
                "build",
                lambda: (
                    [
                        [
                            po2md,
                            f"source_text/{d}.md",
                            "-p",
                            f"pristine/{lang}/{d}.po",
                            "-s",
                            f"out/{lang}/{d}.md",
                            "-q",
                        ]
                        for d, lang in dl
                    ]
                    + [self.md2html]
                ),
                root,
                build_prep,
                outputs=self.built(root),
            ),
        ]

    # -- Translate Toolkit -----------------------------------------------------

    def ttk_steps(self) -> list[Step]:
        root = self.tool_root("ttk")
        md2po, pot2po, po2md = (str(self.ttk / n) for n in ("md2po", "pot2po", "po2md"))
        quiet = "--progress=none"
        subprocess.run(
            [md2po, "-i", "source_text", "-o", "pot", "-P", quiet],
            cwd=root,
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [md2po, "-i", "source_v2", "-o", "pot_v2", "-P", quiet],
            cwd=root,
            check=True,
            capture_output=True,
        )
        pseudo_translate_catalogs(root / "pot", root / "pristine", self.langs, ".pot")
        return [
            Step(
                "ttk",
                "extract",
                lambda: [[md2po, "-i", "source_text", "-o", "pot", "-P", quiet]],
                root,
                lambda: discard(root / "pot"),
                outputs=lambda: f"{count(root / 'pot', '*.pot')} pot",
            ),
            Step(
                "ttk",
                "update",
                lambda: [
                    [pot2po, "-t", f"pristine/{lang}", "-i", "pot_v2", "-o", f"po/{lang}", quiet]
                    for lang in self.langs
                ],
                root,
                self.fresh(root, *(f"po/{lang}" for lang in self.langs)),
                outputs=lambda: f"{count(root / 'po', '*.po')} po",
            ),
            Step(
                "ttk",
                "build",
                lambda: (
                    [
                        [
                            po2md,
                            "-t",
                            "source_text",
                            "-i",
                            f"pristine/{lang}",
                            "-o",
                            f"out/{lang}",
                            quiet,
                        ]
                        for lang in self.langs
                    ]
                    + [self.md2html]
                ),
                root,
                self.outdirs(root),
                outputs=self.built(root),
            ),
        ]

    # -- po4a, one command per file ---------------------------------------------

    def po4a_steps(self) -> list[Step]:
        root = self.tool_root("po4a")
        (root / "pot").mkdir()
        for doc in self.docs:
            subprocess.run(
                [
                    "po4a-updatepo",
                    *PO4A_TEXT,
                    "-m",
                    f"source_text/{doc}.md",
                    "-p",
                    f"pot/{doc}.pot",
                ],
                cwd=root,
                check=True,
                capture_output=True,
            )
        pseudo_translate_catalogs(root / "pot", root / "pristine", self.langs, ".pot")
        dl = [(d, lang) for d in self.docs for lang in self.langs]
        return [
            Step(
                "po4a",
                "extract",
                lambda: [
                    ["po4a-updatepo", *PO4A_TEXT, "-m", f"source_text/{d}.md", "-p", f"pot/{d}.pot"]
                    for d in self.docs
                ],
                root,
                self.fresh(root, "pot"),
                outputs=lambda: f"{count(root / 'pot', '*.pot')} pot",
            ),
            Step(
                "po4a",
                "update",
                lambda: [
                    [
                        "po4a-updatepo",
                        *PO4A_TEXT,
                        "-m",
                        f"source_v2/{d}.md",
                        "-p",
                        f"po/{lang}/{d}.po",
                    ]
                    for d, lang in dl
                ],
                root,
                lambda: copytree(root / "pristine", root / "po"),
                outputs=lambda: f"{count(root / 'po', '*.po')} po",
            ),
            Step(
                "po4a",
                "build",
                lambda: (
                    [
                        [
                            "po4a-translate",
                            *PO4A_TEXT,
                            "-L",
                            "UTF-8",
                            "-k",
                            "0",
                            "-m",
                            f"source_text/{d}.md",
                            "-p",
                            f"pristine/{lang}/{d}.po",
                            "-l",
                            f"out/{lang}/{d}.md",
                        ]
                        for d, lang in dl
                    ]
                    + [self.md2html]
                ),
                root,
                self.outdirs(root),
                outputs=self.built(root),
            ),
        ]

    # -- po4a, its own driver over a po4a.conf -------------------------------------

    def po4a_conf_steps(self) -> list[Step]:
        root = self.tool_root("po4a.conf")
        lines = [
            f"[po4a_langs] {' '.join(self.langs)}",
            "[po4a_paths] pot/$master.pot $lang:po/$lang/$master.po",
            '[options] opt:"-M UTF-8 -L UTF-8 -k 0"',
            *(
                f'[type: text] source_text/{d}.md $lang:out/$lang/{d}.md pot={d} opt:"-o markdown"'
                for d in self.docs
            ),
        ]
        (root / "po4a.conf").write_text("\n".join(lines) + "\n")
        for lang in self.langs:
            (root / "po" / lang).mkdir(parents=True)
        # Its own catalogs: extract once with po4a itself, then pseudo-translate.
        subprocess.run(
            ["po4a", "--no-translations", "--force", "po4a.conf"],
            cwd=root,
            check=True,
            capture_output=True,
        )
        pseudo_translate_catalogs(root / "pot", root / "pristine", self.langs, ".pot")

        def update_prep() -> None:
            copytree(root / "pristine", root / "po")
            copytree(root / "source_v2", root / "source_text")  # po4a.conf names source_text/

        def build_prep() -> None:
            copytree(self.wl / "source_text", root / "source_text")
            copytree(root / "pristine", root / "po")
            self.outdirs(root)()

        return [
            Step(
                "po4a.conf",
                "update",
                lambda: [["po4a", "--no-translations", "po4a.conf"]],
                root,
                update_prep,
                outputs=lambda: f"{count(root / 'po', '*.po')} po, templates too",
            ),
            Step(
                "po4a.conf",
                "build",
                lambda: [["po4a", "--no-update", "po4a.conf"], self.md2html],
                root,
                build_prep,
                outputs=self.built(root),
            ),
        ]

    # -- GNU msgmerge on editions' own catalogs ------------------------------------

    def msgmerge_steps(self) -> list[Step]:
        root = self.dir / "msgmerge"
        discard(root)
        root.mkdir(parents=True)
        shutil.copytree(self.wl / "pot_v2", root / "pot_v2")
        dl = [(d, lang) for d in self.docs for lang in self.langs]
        return [
            Step(
                "msgmerge",
                "update",
                lambda: [
                    [
                        "msgmerge",
                        "--quiet",
                        "--previous",
                        "--update",
                        "--backup=off",
                        f"locales/{lang}/LC_MESSAGES/{d}.po",
                        f"pot_v2/{d}.pot",
                    ]
                    for d, lang in dl
                ],
                root,
                lambda: copytree(self.wl / "locales", root / "locales"),
                outputs=lambda: f"{count(root / 'locales', '*.po')} po",
            ),
        ]

    def floor_steps(self) -> list[Step]:
        return [
            Step(
                "floor",
                "import floor",
                lambda: [[str(EPY), "-c", "import markdown, babel, polib"]],
                REPO,
            )
        ]

    # -- running -------------------------------------------------------------------

    def steps(self) -> list[Step | Result]:
        makers = {
            "editions": self.editions, "mdpo": self.mdpo_steps, "ttk": self.ttk_steps,
            "po4a": self.po4a_steps, "po4a.conf": self.po4a_conf_steps,
            "msgmerge": self.msgmerge_steps, "floor": self.floor_steps,
        }  # fmt: skip
        found: list[Step | Result] = []
        for tool in self.args.tools:
            try:
                found.extend(makers[tool]())
            except Exception as exc:  # a tool that cannot even prepare: n/a, not a crash
                reason = getattr(exc, "stderr", None) or str(exc)
                if isinstance(reason, bytes):
                    reason = reason.decode("utf-8", "replace")
                reason = " ".join(str(reason).split())[-300:]
                print(f"bench: {tool}: n/a: {reason}", file=sys.stderr)
                found.append(Result(tool, "(all)", na=f"set-up failed: {reason}"))
        return found

    def run(self) -> list[Result]:
        """Every step of every tool, a step's runs taken in turns across the tools.

        A step (extract, update, build; the no-op build with the import floor)
        is warmed up once for each tool; then run 1 of each tool, run 2 of
        each, and so on. On a shared machine whose speed drifts by tens of
        percent over minutes, a slow spell then falls on every tool alike,
        not on whichever was measured during it.
        """
        items = self.steps()
        results: dict[int, Result] = {}
        groups: dict[str, list[int]] = {}
        for at, item in enumerate(items):
            if isinstance(item, Result):
                results[at] = item
            else:
                groups.setdefault(_GROUPS.get(item.step, item.step), []).append(at)
        for members in groups.values():
            left: dict[int, int] = {}  # runs still to take, by step
            for at in members:
                step = items[at]
                assert isinstance(step, Step)
                results[at], runs = self.warm_up(step)
                if runs:
                    left[at] = runs
            while left:
                for at in list(left):
                    step, result = items[at], results[at]
                    assert isinstance(step, Step)
                    if not self.time_run(step, result):
                        del left[at]
                        continue
                    left[at] -= 1
                    if not left[at]:
                        del left[at]
                        self.done(step, result)
        return [results[at] for at in range(len(items))]

    def label(self, step: Step) -> str:
        return f"{self.docs_n}x{self.langs_n} {step.tool} {step.step}"

    def warm_up(self, step: Step) -> tuple[Result, int]:
        """Prepare ``step`` and run it once, untimed; its result, and how many timed runs
        it gets (fewer than ``--runs`` when they would pass ``--budget``; 0 if it failed)."""
        result = Result(step.tool, step.step)
        try:
            step.prepare_once()
            step.prepare()
        except Exception as exc:
            result.na = f"preparation failed: {exc}"[:300]
            return result, 0
        warm = measure(step.commands(), step.cwd, step.env)
        if warm["error"]:
            result.na = warm["error"]
            print(f"bench: {self.label(step)}: n/a: {warm['error']}", file=sys.stderr)
            return result, 0
        result.warm_up = warm["wall"]
        runs = self.args.runs
        if warm["wall"] * runs > self.args.budget:
            runs = max(1, int(self.args.budget // warm["wall"]))
        return result, runs

    def time_run(self, step: Step, result: Result) -> bool:
        """One timed run of ``step`` into ``result``; False if it failed."""
        step.prepare()
        m = measure(step.commands(), step.cwd, step.env)
        if m["error"]:
            result.na = m["error"]
            return False
        result.times.append(m["wall"])
        result.peaks_kb.append(m["peak_kb"])
        result.runs += 1
        return True

    def done(self, step: Step, result: Result) -> None:
        result.outputs = step.outputs() if step.outputs else ""
        print(
            f"bench: {self.label(step)}: {result.time:.3f} s, {result.peak_mb:.0f} MB "
            f"(median of {result.runs}; warm-up {result.warm_up:.3f} s)",
            file=sys.stderr,
        )


#: Steps whose runs are taken in turns with another's: the no-op build is judged
#: against the import floor.
_GROUPS = {
    "import floor": "no-op build",
    "update, no memory": "update",
    "new document, no memory": "new document",
}


# ---------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------


def fmt_time(seconds: float) -> str:
    return f"{seconds:.3f} s" if seconds < 10 else f"{seconds:.1f} s"


def table(results: list[Result], docs: int, langs: int) -> str:
    rows = [
        "| step | tool | runs | median time | median peak memory | produced |",
        "|---|---|---:|---:|---:|---|",
    ]
    order = {s: i for i, s in enumerate(STEPS)}
    for r in sorted(results, key=lambda r: (order.get(r.step, -1), ALL_TOOLS.index(r.tool))):
        name = TOOL_NAMES[r.tool]
        if r.na:
            rows.append(f"| {r.step} | {name} | – | n/a | n/a | {r.na.replace('|', '/')} |")
        else:
            rows.append(
                f"| {r.step} | {name} | {r.runs} | {fmt_time(r.time)} | "
                f"{r.peak_mb:.0f} MB | {r.outputs} |"
            )
    rows += [
        "",
        "| editions step | editions | fastest other tool | its time | "
        "editions is … faster (other ÷ editions) |",
        "|---|---:|---|---:|---:|",
    ]
    ok = {(r.tool, r.step): r for r in results if not r.na and r.times}
    for step in ("extract", "update", "build"):
        mine = ok.get(("editions", step))
        others = [r for (t, s), r in ok.items() if s == step and t != "editions"]
        if not mine:
            continue
        if not others:
            rows.append(f"| {step} | {fmt_time(mine.time)} | (none ran) | – | – |")
            continue
        best = min(others, key=lambda r: r.time)
        rows.append(
            f"| {step} | {fmt_time(mine.time)} | {TOOL_NAMES[best.tool]} | "
            f"{fmt_time(best.time)} | {best.time / mine.time:.2f}x |"
        )
    for with_memory, without in MEMORY_STEPS:
        mine, plain = ok.get(("editions", with_memory)), ok.get(("editions", without))
        if mine and plain:
            rows.append(
                f"| {with_memory}, memory | {fmt_time(mine.time)} | editions, no memory | "
                f"{fmt_time(plain.time)} | memory ÷ none = {mine.time / plain.time:.2f} |"
            )
    noop, floor = ok.get(("editions", "no-op build")), ok.get(("floor", "import floor"))
    if noop and floor:
        rows.append(
            f"| no-op build | {fmt_time(noop.time)} | import floor | "
            f"{fmt_time(floor.time)} | no-op ÷ floor = {noop.time / floor.time:.2f} |"
        )
    return "\n".join(rows)


def machine() -> str:
    def sh(cmd: str) -> str:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()

    cpu = sh("lscpu | grep -m1 'Model name' | sed 's/.*: *//'")
    mem = sh("free -m | awk '/Mem:/ {print $2}'")
    return "\n".join([
        f"- nproc: {sh('nproc')}",
        f"- CPU: {cpu}",
        f"- memory: {mem} MB",
        f"- Python: {platform.python_version()}, {platform.system()} {platform.release()}",
    ])  # fmt: skip


def versions(args: argparse.Namespace) -> str:
    return "\n".join([
        f"- editions: {args.editions_label}",
        f"- mdpo: {version_of([str(TOOLS / 'mdpo/bin/md2po'), '--version'])}",
        f"- Translate Toolkit: {version_of([str(TOOLS / 'ttk/bin/md2po'), '--version'])}",
        f"- po4a: {version_of(['po4a', '--version'])}",
        f"- msgmerge: {version_of(['msgmerge', '--version'])}",
        f"- Python-Markdown (HTML step): {version_of([str(EPY), '-c', 'import markdown; print(markdown.__version__)'])}",
    ])  # fmt: skip


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def compile_sources(folder: Path) -> None:
    subprocess.run([str(EPY), "-m", "compileall", "-q", str(folder)], check=True)


def editions_command(args: argparse.Namespace) -> None:
    """How editions is run: the working tree's (the editable install), or a commit's.

    Its modules are compiled to bytecode first, as pip does for the packages the
    other tools are installed as: an environment with PYTHONDONTWRITEBYTECODE set
    would otherwise compile editions' sources again in every timed run.
    """
    if not args.editions_rev:
        compile_sources(REPO / "src")
        args.editions_cmd = [str(EDITIONS_VENV / "bin" / "editions")]
        args.editions_env = {}
        rev = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "src"], capture_output=True, text=True
        ).stdout.strip()
        args.editions_label = f"working tree at {rev}" + (" (src/ modified)" if dirty else "")
        return
    sha = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--verify", args.editions_rev],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    dest = WORK / f"editions-{sha[:12]}"
    if not (dest / "src" / "editions" / "__init__.py").exists():
        dest.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", sha, "src"], capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    compile_sources(dest / "src")
    args.editions_cmd = [str(EPY), "-m", "editions"]
    args.editions_env = {"PYTHONPATH": str(dest / "src")}
    args.editions_label = f"commit {sha[:12]} (git archive, PYTHONPATH)"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--measure-spec"]:
        return measure_child(argv[1])
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--sizes",
        default="1x10,100x10,100x30",
        help="DxL workloads, comma-separated (default 1x10,100x10,100x30)",
    )
    p.add_argument("--runs", type=int, default=5, help="timed runs after the warm-up (default 5)")
    p.add_argument(
        "--budget",
        type=float,
        default=600.0,
        help="seconds one cell may take; fewer runs (at least 1) past it (default 600)",
    )
    p.add_argument(
        "--tools",
        default=",".join(ALL_TOOLS),
        help=f"comma-separated subset of {','.join(ALL_TOOLS)}",
    )
    p.add_argument(
        "--editions-rev",
        metavar="REV",
        help="measure this commit's src/ (git archive) instead of the working tree",
    )
    p.add_argument("--no-setup", action="store_true", help="install nothing")
    p.add_argument("--out", type=Path, default=BENCH, help="where results-DxL.md go")
    args = p.parse_args(argv)
    args.tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    if unknown := set(args.tools) - set(ALL_TOOLS):
        p.error(f"unknown tools: {sorted(unknown)}")

    ensure_editions_venv()
    if Path(sys.prefix).resolve() != EDITIONS_VENV.resolve():
        os.execv(str(EPY), [str(EPY), __file__, *argv])
    if not args.no_setup:
        if "mdpo" in args.tools:
            ensure_tool_venv("mdpo", MDPO_REQ)
        if "ttk" in args.tools:
            ensure_tool_venv("ttk", TTK_REQ)
        ensure_debian({"msgmerge": "gettext", "po4a": "po4a"})
    ensure_runner()
    editions_command(args)

    try:
        for size in args.sizes.split(","):
            docs, langs = (int(n) for n in size.lower().split("x"))
            started = time.time()
            results = Bench(args, docs, langs).run()
            text = table(results, docs, langs)
            header = (
                f"## {docs} documents × {langs} languages\n\n"
                f"Protocol: one warm-up, then the median of up to {args.runs} runs, taken "
                f"in turns across the tools (budget {args.budget:.0f} s a cell); {time.strftime('%Y-%m-%d %H:%M %Z')}, "
                f"{(time.time() - started) / 60:.1f} min in all.\n\n"
            )
            body = (
                header
                + text
                + "\n\nMachine:\n\n"
                + machine()
                + "\n\nVersions:\n\n"
                + versions(args)
            )
            print("\n" + body + "\n")
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"results-{docs}x{langs}.md").write_text(body + "\n")
            (args.out / f"results-{docs}x{langs}.json").write_text(
                json.dumps(
                    [
                        {
                            "tool": r.tool,
                            "step": r.step,
                            "runs": r.runs,
                            "times_s": r.times,
                            "peaks_kb": r.peaks_kb,
                            "na": r.na,
                            "produced": r.outputs,
                        }
                        for r in results
                    ],
                    indent=1,
                )
                + "\n"
            )
    finally:
        empty_discarded()  # what the restores moved aside, and an interrupted run's
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
