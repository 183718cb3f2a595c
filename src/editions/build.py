"""Build editions: every chosen document in every chosen language.

:func:`localized` gives one document in one language (English is the source
itself); :func:`build` renders and writes the editions and reports what it
wrote. Failures of one language are collected when ``keep_going`` is set, so
the other languages are still built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from editions import catalog, pofile, render_html, render_markdown, source
from editions.errors import EditionsError
from editions.fsutil import write_atomic
from editions.localedata import locale_info
from editions.model import SOURCE_LANG, Article
from editions.project import Project


@dataclass
class Report:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    failed: list[EditionsError] = field(default_factory=list)


def articles(project: Project, docs: list[str] | None = None) -> list[Article]:
    """The English source of each named document (all by default)."""
    known = project.documents()
    for name in docs or []:
        if name not in known:
            raise EditionsError(f"no document '{name}': expected {project.source_path(name)}")
    return [
        source.read(project.source_path(d), project.relative(project.source_path(d)))
        for d in docs or known
    ]


def localized(project: Project, article: Article, lang: str, use_fuzzy: bool = False) -> Article:
    """``article`` in ``lang``, from that language's catalog."""
    if lang == SOURCE_LANG:
        return article
    info = locale_info(lang)
    path = project.po_path(info.code, article.doc)
    if not path.is_file():
        raise EditionsError(
            f"no catalog for '{info.code}': run 'editions init {info.code}'",
            project.relative(path),
        )
    po = pofile.read_po(path, name=project.relative(path))
    return catalog.localize(article, po, info, use_fuzzy=use_fuzzy)


def all_languages(project: Project) -> list[str]:
    """English first, then every language that has a catalog folder."""
    return [SOURCE_LANG, *(lang for lang in project.languages() if lang != SOURCE_LANG)]


def build(
    project: Project,
    langs: list[str],
    docs: list[str] | None = None,
    out: Path | None = None,
    use_fuzzy: bool = False,
    keep_going: bool = False,
) -> Report:
    """Write ``<out>/<lang>/<doc>.md`` and ``.html`` for each language and document."""
    out = out or project.build_dir
    report = Report()
    for article in articles(project, docs):
        for lang in langs:
            try:
                edition = localized(project, article, lang, use_fuzzy)
            except EditionsError as exc:
                if not keep_going:
                    raise
                report.failed.append(exc)
                continue
            info = locale_info(lang)
            for suffix, text in (
                ("md", render_markdown.render(edition)),
                ("html", render_html.render(edition, info)),
            ):
                path = out / info.code / f"{article.doc}.{suffix}"
                (report.written if write_atomic(path, text) else report.unchanged).append(path)
    return report
