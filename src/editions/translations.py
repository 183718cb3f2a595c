"""The translations of a project on disk: find, update, check, count and compile them.

The ends of the translator's workflow, where files are read and written; the
work itself is done by pure functions: :mod:`editions.merge`,
:mod:`editions.checks`, :mod:`editions.stats`, :mod:`editions.mofile`.

Every command here reads every catalog it needs before it writes any: when
one cannot be read, all the errors are reported together and no file
changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib

from editions import build, catalog, checks, merge, mofile, pofile, stats
from editions.errors import EditionsError, Errors
from editions.fsutil import write_atomic
from editions.localedata import locale_info
from editions.model import Article
from editions.project import Project


@dataclass(frozen=True)
class CatalogFile:
    """One language's catalog of one document."""

    lang: str
    doc: str
    path: Path
    name: str  #: the path as messages show it


def catalog_files(
    project: Project, langs: list[str] | None = None, docs: list[str] | None = None
) -> tuple[list[CatalogFile], list[CatalogFile]]:
    """The catalogs of the chosen languages (all by default) and documents.

    Returns those that exist, and those missing (a language folder without
    the document's catalog).
    """
    known = project.documents()
    for name in docs or []:
        if name not in known:
            raise EditionsError(f"no document '{name}': expected {project.source_path(name)}")
    if langs:
        chosen = [locale_info(lang).code for lang in langs]
        for lang in chosen:
            folder = project.locales_dir / lang / "LC_MESSAGES"
            if not folder.is_dir():
                raise EditionsError(
                    f"no catalogs for '{lang}': run 'editions init {lang}'",
                    project.relative(folder),
                )
    else:
        chosen = project.languages()
    found: list[CatalogFile] = []
    missing: list[CatalogFile] = []
    for lang in chosen:
        for doc in docs or known:
            path = project.po_path(lang, doc)
            ref = CatalogFile(lang, doc, path, project.relative(path))
            (found if path.is_file() else missing).append(ref)
    return found, missing


def read_all(files: list[CatalogFile]) -> list[polib.POFile]:
    """Every catalog of ``files``, or one error listing each that cannot be read."""
    read: list[polib.POFile] = []
    failed: list[EditionsError] = []
    for ref in files:
        try:
            read.append(pofile.read_po(ref.path, name=ref.name))
        except EditionsError as exc:
            failed.append(exc)
    if failed:
        raise Errors(failed)
    return read


def _sources(project: Project, files: list[CatalogFile]) -> dict[str, Article]:
    docs = sorted({ref.doc for ref in files})
    return {article.doc: article for article in build.articles(project, docs)} if docs else {}


# -- update ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Update:
    """What ``editions update`` does to one catalog."""

    file: CatalogFile
    merged: merge.Merged
    text: str  #: the catalog as it will be written
    stale: bool  #: whether its content changes

    @property
    def summary(self) -> str:
        """What changed, counted: ``1 fuzzy, 2 moved``, or that only references did."""
        return self.merged.summary() or "references and comments"


def plan_updates(
    project: Project, langs: list[str] | None = None, docs: list[str] | None = None
) -> tuple[list[Update], list[CatalogFile]]:
    """The update of every chosen catalog, computed in memory; nothing is written.

    A catalog is stale when merging the source into it changes its content;
    one whose content stays the same is left as it is on disk, however it is
    formatted (Poedit, a text editor), so that a run with nothing new changes
    no byte.
    """
    files, missing = catalog_files(project, langs, docs)
    sources = _sources(project, files)
    templates = {doc: catalog.to_pot(a, a.path) for doc, a in sources.items()}
    plans: list[Update] = []
    for ref, po in zip(files, read_all(files), strict=True):
        merged = merge.merge(po, templates[ref.doc])
        text = pofile.format_po(merged.po)
        plans.append(Update(ref, merged, text, text != pofile.format_po(po)))
    return plans, missing


def write_updates(plans: list[Update]) -> list[Update]:
    """Write the stale catalogs; the ones written."""
    return [plan for plan in plans if plan.stale and write_atomic(plan.file.path, plan.text)]


def changed_lines(plan: Update) -> list[tuple[int, merge.Change]]:
    """Each message that update changed, with its line in the written catalog."""
    lines = plan.text.split("\n")
    where: dict[str, int] = {}
    obsolete: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        if line.startswith('msgctxt "'):
            where.setdefault(polib.unescape(line[9:-1]), number)
        elif line.startswith('#~ msgctxt "'):
            obsolete[polib.unescape(line[12:-1])] = number
    found: list[tuple[int, merge.Change]] = []
    for change in plan.merged.changes:
        if change.action is merge.Action.UNCHANGED:
            continue
        table = where if change.action is not merge.Action.OBSOLETE else obsolete
        found.append((table.get(change.msgctxt, 0), change))
    return found


# -- check, stats, compile ---------------------------------------------------------------------


def check(
    project: Project, langs: list[str] | None = None, docs: list[str] | None = None
) -> list[checks.Problem]:
    """Every problem of every chosen catalog, in file order."""
    files, missing = catalog_files(project, langs, docs)
    sources = _sources(project, files)
    problems: list[checks.Problem] = [
        checks.Problem(
            ref.name,
            None,
            checks.WARNING,
            "missing-catalog",
            f"no catalog of '{ref.doc}' in '{ref.lang}' (run 'editions init {ref.lang} "
            f"--doc {ref.doc}')",
        )
        for ref in missing
    ]
    for ref in files:
        problems.extend(checks.check_file(ref.path, ref.name, ref.lang, sources[ref.doc]))
    return problems


def statistics(
    project: Project, langs: list[str] | None = None, docs: list[str] | None = None
) -> tuple[list[stats.Stats], list[EditionsError]]:
    """The statistics of every readable catalog, and the errors of the others."""
    files, _ = catalog_files(project, langs, docs)
    found: list[stats.Stats] = []
    failed: list[EditionsError] = []
    for ref in files:
        try:
            po = pofile.read_po(ref.path, name=ref.name)
        except EditionsError as exc:
            failed.append(exc)
            continue
        found.append(stats.count(po, ref.lang, ref.doc, ref.name))
    return found, failed


def compile_all(
    project: Project,
    langs: list[str] | None = None,
    docs: list[str] | None = None,
    use_fuzzy: bool = False,
) -> tuple[list[Path], list[Path]]:
    """Write ``<doc>.mo`` beside each chosen catalog; the files written, and those unchanged."""
    files, _ = catalog_files(project, langs, docs)
    compiled = [mofile.to_mo(po, use_fuzzy) for po in read_all(files)]
    written: list[Path] = []
    unchanged: list[Path] = []
    for ref, data in zip(files, compiled, strict=True):
        path = mofile.mo_path(ref.path)
        (written if write_atomic(path, data) else unchanged).append(path)
    return written, unchanged
