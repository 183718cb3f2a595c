"""The ``editions`` command line's arguments: every command's options and help, as
argparse reads them.

What each command does is :mod:`editions.cli`'s: the parser only names the command
it read (``args.run``), and ``cli`` runs the function of that name. This module
imports nothing of ``cli``'s, so each can be read, and imported, without the other.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from editions import __version__

if TYPE_CHECKING:
    Subcommands = argparse._SubParsersAction[argparse.ArgumentParser]


def _doc_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--doc",
        action="append",
        metavar="NAME",
        help="only this document (source_text/NAME.md); repeatable; default: all",
    )


def _quiet_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-q", "--quiet", action="store_true", help="say nothing on success, show no progress"
    )


def _format_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )


def _jobs_option(p: argparse.ArgumentParser, work: str) -> None:
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help=f"{work} (default: one per core)",
    )


def _extract_parser(sub: Subcommands, parallel_from: int) -> None:
    p = sub.add_parser(
        "extract",
        help="write locales/<doc>.pot from source_text/<doc>.md",
        description="Write one template per document, locales/<doc>.pot.",
    )
    _doc_option(p)
    p.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 3 and list the templates that are out of date",
    )
    _jobs_option(
        p, f"read and format in N processes when there are {parallel_from} documents or more"
    )
    _quiet_option(p)


def _init_parser(sub: Subcommands) -> None:
    p = sub.add_parser(
        "init",
        help="start a new language: locales/LANG/LC_MESSAGES/<doc>.po",
        description="Create each document's catalog for LANG, header from CLDR. A catalog "
        "that exists is never overwritten: 'editions update' brings it up to date.",
    )
    p.add_argument(
        "lang",
        metavar="LANG",
        help="the language, as its folder is to be named: a CLDR identifier or a locale "
        "name (fr, ur, zh_Hans, zh_CN, pt_BR, sr@latin...)",
    )
    p.add_argument(
        "--name",
        metavar="NAME",
        help="the language's name for itself, for a language CLDR lacks (or to replace "
        "CLDR's); recorded as [languages.LANG] in editions.toml",
    )
    p.add_argument("--english-name", metavar="NAME", help="its name in English (with --name)")
    p.add_argument(
        "--direction", choices=("ltr", "rtl"), help="its writing direction (with --name)"
    )
    _doc_option(p)
    _quiet_option(p)


def _build_parser(sub: Subcommands) -> None:
    p = sub.add_parser(
        "build",
        help="write Markdown and HTML editions under build/",
        description="Write build/<lang>/<doc>.md and .html for each language; with --all,\n"
        "also the source language beside every language\n"
        "(build/parallel/<source>-<lang>/<doc>.md, .html) and build/index.html.\n"
        "Only pages whose inputs changed are rebuilt; the record\n"
        "of the last build that decides this is build/.editions-state.json, safe to\n"
        "delete.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--lang", action="append", metavar="LANG", help="this language; repeatable")
    p.add_argument(
        "--all", action="store_true", help="the source language and every language in locales/"
    )
    p.add_argument(
        "--use-fuzzy",
        action=argparse.BooleanOptionalAction,
        help="use translations marked fuzzy (marked in HTML as awaiting review), or not; "
        "default: editions.toml's, else not",
    )
    p.add_argument(
        "--keep-going",
        action="store_true",
        help="build the other languages when one fails; exit non-zero at the end",
    )
    p.add_argument(
        "--parallel",
        action="append",
        metavar="A:B",
        help="also a side-by-side edition of A beside B, e.g. en:ur; repeatable "
        "(--all makes the source language beside every published language)",
    )
    p.add_argument(
        "--min-complete",
        type=float,
        metavar="PCT",
        help="publish a language only when at least PCT%% of its messages are translated "
        "(default: editions.toml's, else 0: publish all, the source standing in, marked, "
        "for the rest)",
    )
    p.add_argument(
        "--base-url",
        metavar="URL",
        help="make links absolute under URL, an http(s) address (hreflang wants absolute "
        "links); default: editions.toml's, else relative",
    )
    p.add_argument("--site-name", metavar="NAME", help="the site's name; default: editions.toml's")
    p.add_argument(
        "--out",
        metavar="DIR",
        help="output folder (default: build/): new, empty, or an earlier build's; never "
        "the project's folder, source_text or locales",
    )
    _jobs_option(p, "build documents in N processes")
    _quiet_option(p)
    _doc_option(p)


def _serve_parser(sub: Subcommands) -> None:
    p = sub.add_parser(
        "serve",
        help="build the site, serve it on localhost, build again on every change",
        description="Build the site as 'build --all' does, serve the build folder on\n"
        "http://127.0.0.1:8000/, and build again (only what changed) when a source, a\n"
        "catalog, a template of the project's folder or editions.toml changes. A build\n"
        "that fails says why and leaves the last good pages served. Ctrl-C ends it.",
        epilog="exit status:\n  1  the settings cannot be read, or the port cannot be taken\n"
        "  130  ended by Ctrl-C",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--port", type=int, default=8000, help="the port (default 8000; 0: any free)")
    p.add_argument("--bind", default="127.0.0.1", metavar="ADDRESS", help="default 127.0.0.1")
    p.add_argument("--out", metavar="DIR", help="the build folder (default: build/)")
    p.add_argument("--min-complete", type=float, metavar="PCT", help="as for build")
    p.add_argument("--use-fuzzy", action=argparse.BooleanOptionalAction, help="as for build")
    p.add_argument("--site-name", metavar="NAME", help="as for build")
    _jobs_option(p, "build documents in N processes")
    _quiet_option(p)


def _translator_parser(
    sub: Subcommands,
    name: str,
    help: str,
    description: str,
    exits: str,
) -> argparse.ArgumentParser:
    """A command of the translator's workflow (update, check, stats, compile), with the
    options they share."""
    p: argparse.ArgumentParser = sub.add_parser(
        name,
        help=help,
        description=description,
        epilog="exit status:\n" + exits,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--lang", action="append", metavar="LANG", help="only this language; repeatable")
    _doc_option(p)
    return p


def _update_parser(sub: Subcommands) -> None:
    p = _translator_parser(
        sub,
        "update",
        "merge the source into every locales/<lang>/LC_MESSAGES/<doc>.po",
        "Bring every catalog up to date with its source, losing no translation.\n\n"
        "Same msgctxt and source text: kept. Source changed only in whitespace, quotes,\n"
        "dashes or ellipsis: kept as it is. Source changed: kept, marked fuzzy, with the\n"
        "old source text as '#| msgid'. A message moved to a new msgctxt: its translation\n"
        "follows. A message gone: kept as an obsolete '#~' entry, and brought back if\n"
        "its source text returns. Comments, flags and the header are kept, and a translation\n"
        "carried over keeps its lines. A catalog whose content does not change is not\n"
        "written. A new document, with no catalog yet, is given one in every language,\n"
        "as 'init' makes it. Nothing is written if any catalog cannot be read.",
        "  0  up to date, or updated\n"
        "  1  a source or catalog cannot be read: nothing written\n"
        "  3  with --check: catalogs are out of date or missing (listed on stderr)",
    )
    p.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 3 and list the catalogs that are out of date",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="list each message update changed")
    _memory_options(p)
    _quiet_option(p)
    _jobs_option(p, "update catalogs in N processes")


def _memory_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--memory",
        action="append",
        metavar="FILE",
        help="also suggest from this TMX file or PO compendium; repeatable",
    )
    p.add_argument(
        "--accept-exact",
        action="store_true",
        help="file a suggestion of the same source text, same kind of passage, as reviewed",
    )
    p.add_argument(
        "--no-memory", action="store_true", help="suggest nothing from translation memory"
    )


def _check_parser(sub: Subcommands) -> None:
    p = _translator_parser(
        sub,
        "check",
        "check every catalog against its source",
        "Report each problem as 'path:line: error|warning: message [check]'.\n\n"
        "Errors: PO syntax and encoding; header Language, and Plural-Forms gettext\n"
        "cannot use; msgctxt not in the source; links and their addresses, raw HTML and\n"
        "block structure (heading or list marker, blank line) that differ from the\n"
        "source; leading or trailing whitespace; bidi controls; the point layout's\n"
        "{title} and {text}. Warnings: Plural-Forms other than CLDR's, untranslated,\n"
        "fuzzy, stale, same as the source, emphasis, inline code or numbers that\n"
        "differ, zero-width characters. The glossary (locales/glossary.tbx): a forbidden\n"
        "rendering is an error; a term without its approved translation, and the same\n"
        "source text or term translated differently in two places, are warnings.",
        "  0  no errors (there may be warnings)\n  1  errors found, or the source cannot be read",
    )
    _format_option(p)
    p.add_argument("--errors-only", action="store_true", help="report errors, not warnings")


def _stats_parser(sub: Subcommands) -> None:
    p = _translator_parser(
        sub,
        "stats",
        "how much of each catalog is translated, in messages and words",
        "A table per language and document: translated, fuzzy, untranslated and\n"
        "obsolete messages and words, with percentages of the source.",
        "  0  done\n  1  a catalog cannot be read (the others are still shown)",
    )
    _format_option(p)


def _compile_parser(sub: Subcommands) -> None:
    p = _translator_parser(
        sub,
        "compile",
        "write <doc>.mo beside each catalog, for gettext",
        "Write locales/<lang>/LC_MESSAGES/<doc>.mo beside each catalog: translated\n"
        "messages only, found by msgctxt and source text (pgettext). Nothing is written if\n"
        "any catalog cannot be read. .mo files are not committed.",
        "  0  done\n  1  a catalog cannot be read: nothing written",
    )
    p.add_argument("--use-fuzzy", action="store_true", help="include translations marked fuzzy")
    _quiet_option(p)


def _glossary_parser(sub: Subcommands) -> None:
    p = sub.add_parser(
        "glossary",
        help="export or import the glossary, locales/glossary.tbx (TBX-Basic)",
        description="The glossary: each term's approved translation in every language, the\n"
        "forms it may take and the renderings it forbids, in locales/glossary.tbx.\n"
        "'check' enforces it; 'update' shows it to translators as '#. glossary:' lines.",
        epilog="exit status:\n  0  done\n  1  a glossary cannot be read, or there is none: "
        "nothing written",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write the glossary as TBX")
    export.add_argument("--format", choices=("tbx",), default="tbx", help="tbx (default)")
    export.add_argument("-o", "--output", metavar="FILE", help="write FILE (default: stdout)")
    _quiet_option(export)
    imported = actions.add_parser("import", help="check a TBX file, make it the glossary")
    imported.add_argument("file", metavar="FILE.tbx", help="a TBX-Basic file, as export writes")
    _quiet_option(imported)


def _exchange_parsers(sub: Subcommands) -> None:
    p = sub.add_parser(
        "export",
        help="write a language's catalogs as XLIFF 1.2 or TMX 1.4, for CAT tools",
        description="XLIFF: one <file> per document, one unit per message (id = msgctxt,\n"
        "notes, state, source location). TMX: the reviewed translations.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--lang", required=True, metavar="LANG", help="the language")
    p.add_argument("--format", choices=("xliff", "tmx"), default="xliff", help="default: xliff")
    p.add_argument("-o", "--out", metavar="FILE", help="write here (default: standard output)")
    _doc_option(p)
    _quiet_option(p)
    p = sub.add_parser(
        "import",
        help="merge an XLIFF file's translations back into the catalogs",
        description="Units are matched by document and msgctxt, checked as 'check' checks;\n"
        "a unit that fails is reported with its line and not imported (exit 1).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE.xlf", help="an XLIFF 1.2 file, as exported")
    _quiet_option(p)
    p = sub.add_parser(
        "pretranslate",
        help="file machine translations of untranslated messages, fuzzy",
        description="Send each catalog's untranslated messages to CMD as JSON on its\n"
        "stdin, file its checked answers as fuzzy (see README, 'Machine translation').",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--lang", required=True, metavar="LANG", help="the language")
    p.add_argument("--command", required=True, metavar="CMD", help="the engine to run")
    p.add_argument(
        "--timeout", type=float, default=120.0, metavar="S", help="per catalog (default 120)"
    )
    _doc_option(p)
    _quiet_option(p)


def parser(parallel_from: int) -> argparse.ArgumentParser:
    """The command line's parser; ``extract`` works in several processes from
    ``parallel_from`` documents, as its help says.

    It names the command it reads as ``run`` (``None`` for ``editions`` alone), not
    only as ``command``, which ``pretranslate --command`` takes for its own."""
    top = argparse.ArgumentParser(
        prog="editions",
        description="Localized Markdown and HTML editions of Markdown documents, through gettext.",
    )
    top.add_argument("--version", action="version", version=f"editions {__version__}")
    top.add_argument(
        "-C", "--root", default=".", help="the project folder (default: the current folder)"
    )
    top.add_argument(
        "--config",
        metavar="FILE",
        help="the project's settings (default: editions.toml in the project folder, if any)",
    )
    top.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a setting over the file's, e.g. --set site.name='The Report' or --set "
        "publish.ur.min_complete=80; VALUE as in TOML, or a plain string; repeatable",
    )
    top.set_defaults(run=None)  # no command: the list of them
    sub = top.add_subparsers(dest="command", metavar="COMMAND")
    _extract_parser(sub, parallel_from)
    for setup in (
        _init_parser,
        _build_parser,
        _serve_parser,
        _update_parser,
        _check_parser,
        _stats_parser,
        _compile_parser,
        _glossary_parser,
        _exchange_parsers,
    ):
        setup(sub)
    for name, command in sub.choices.items():
        command.set_defaults(run=name)
    return top
