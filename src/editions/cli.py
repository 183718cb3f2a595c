"""The ``editions`` command line: a thin layer over the library.

Every subcommand maps :class:`~editions.errors.EditionsError` to a
``path:line: error: message`` line on stderr and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from editions import __version__, build, catalog, pofile
from editions.errors import EditionsError, Errors
from editions.fsutil import write_atomic
from editions.localedata import locale_info
from editions.project import Project

EXIT_ERROR = 1
EXIT_STALE = 3


def cmd_extract(project: Project, args: argparse.Namespace) -> int:
    stale = []
    for article in build.articles(project, args.doc):
        pot = catalog.to_pot(article, article.path)
        text = pofile.format_po(pot)
        path = project.pot_path(article.doc)
        if args.check:
            current = path.read_text(encoding="utf-8") if path.is_file() else None
            if current != text:
                stale.append(project.relative(path))
        elif write_atomic(path, text):
            print(f"wrote {project.relative(path)}", file=sys.stderr)
    for name in stale:
        print(f"{name}: stale: run 'editions extract'", file=sys.stderr)
    return EXIT_STALE if stale else 0


def cmd_init(project: Project, args: argparse.Namespace) -> int:
    info = locale_info(args.lang)
    for article in build.articles(project, args.doc):
        pot = catalog.to_pot(article, article.path)
        path = project.po_path(info.code, article.doc)
        if path.exists() and not args.force:
            raise EditionsError(
                "already exists: translations are never overwritten (use 'editions update')",
                project.relative(path),
            )
        write_atomic(path, pofile.format_po(catalog.new_po(pot, article.doc, info)))
        print(f"wrote {project.relative(path)}", file=sys.stderr)
    return 0


def cmd_build(project: Project, args: argparse.Namespace) -> int:
    if args.all:
        langs = build.all_languages(project)
    elif args.lang:
        langs = [locale_info(lang).code for lang in args.lang]
    else:
        raise EditionsError("say which editions to build: --lang LANG (repeatable) or --all")
    report = build.build(
        project,
        langs,
        docs=args.doc,
        out=Path(args.out) if args.out else None,
        use_fuzzy=args.use_fuzzy,
        keep_going=args.keep_going,
    )
    if not args.quiet:
        for path in report.written:
            print(f"wrote {project.relative(path)}", file=sys.stderr)
    if report.failed:
        raise Errors(report.failed)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="editions",
        description="Localized Markdown and HTML editions of Markdown documents, through gettext.",
    )
    top.add_argument("--version", action="version", version=f"editions {__version__}")
    top.add_argument(
        "-C", "--root", default=".", help="the project folder (default: the current folder)"
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def doc_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--doc",
            action="append",
            metavar="NAME",
            help="only this document (source_text/NAME.md); repeatable; default: all",
        )

    p = sub.add_parser(
        "extract",
        help="write locales/<doc>.pot from source_text/<doc>.md",
        description="Write one template per document, locales/<doc>.pot.",
    )
    doc_option(p)
    p.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 3 and list the templates that are out of date",
    )
    p.set_defaults(run=cmd_extract)

    p = sub.add_parser(
        "init",
        help="start a new language: locales/LANG/LC_MESSAGES/<doc>.po",
        description="Create each document's catalog for LANG, header from CLDR.",
    )
    p.add_argument("lang", metavar="LANG", help="CLDR language identifier: fr, ur, zh_Hans...")
    p.add_argument("--force", action="store_true", help="overwrite an existing catalog")
    doc_option(p)
    p.set_defaults(run=cmd_init)

    p = sub.add_parser(
        "build",
        help="write Markdown and HTML editions under build/",
        description="Write build/<lang>/<doc>.md and build/<lang>/<doc>.html.",
    )
    p.add_argument("--lang", action="append", metavar="LANG", help="this language; repeatable")
    p.add_argument("--all", action="store_true", help="English and every language in locales/")
    p.add_argument(
        "--use-fuzzy",
        action="store_true",
        help="use translations marked fuzzy (marked in HTML as awaiting review)",
    )
    p.add_argument(
        "--keep-going",
        action="store_true",
        help="build the other languages when one fails; exit non-zero at the end",
    )
    p.add_argument("--out", metavar="DIR", help="output folder (default: build/)")
    p.add_argument("-q", "--quiet", action="store_true", help="say nothing on success")
    doc_option(p)
    p.set_defaults(run=cmd_build)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    project = Project(Path(args.root))
    try:
        return int(args.run(project, args))
    except EditionsError as exc:
        print(exc, file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
