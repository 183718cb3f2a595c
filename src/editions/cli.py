"""The ``editions`` command line: a thin layer over the library.

Every subcommand maps :class:`~editions.errors.EditionsError` to a
``path:line: error: message`` line on stderr and a non-zero exit status.

Modules are imported at the top, but for the heavy ones that only some commands
need (those that load polib, babel, Markdown, Jinja2, tqdm or a process pool):
those commands import them when they run, so that a build with nothing to do
loads none of them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from types import FrameType
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from editions import __version__, fsutil
from editions.errors import EditionsError
from editions.project import Project, path_parts

try:
    import fcntl
except ImportError:  # Windows: no lock (see _lock)
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from editions.localedata import LocaleInfo

    Subcommands = argparse._SubParsersAction[argparse.ArgumentParser]

T = TypeVar("T")

EXIT_ERROR = 1
EXIT_USAGE = 2  #: as argparse exits on a command line it cannot read
EXIT_STALE = 3


def cmd_extract(project: Project, args: argparse.Namespace) -> int:
    from editions import catalog, source  # noqa: F401  (see below)
    from editions.po import write  # noqa: F401  (see below)
    from editions.workers import map_in_processes

    # the modules and the parser _template uses, loaded once here: the workers start
    # with them (forked) instead of each loading its own
    source.parser()

    docs = project.documents(args.doc)
    # every template made before any is written: a source that cannot be read stops all
    work = [(project.root, doc) for doc in docs]
    texts = list(map_in_processes(_template, work, args.jobs, at_least=_PARALLEL_FROM))
    stale = []
    for doc, text in zip(docs, texts, strict=True):
        path = project.pot_path(doc)
        if args.check:
            current = _text(path) if os.path.isfile(path) else None
            if current != text:
                stale.append(project.relative(path))
        elif fsutil.write_atomic(path, text, durable=False):  # made again from the source
            _say(args, f"wrote {project.relative(path)}")
    for name in stale:
        print(f"{name}: stale: run 'editions extract'", file=sys.stderr)
    return EXIT_STALE if stale else 0


def _text(path: str) -> str:
    """The text of the file at ``path``."""
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _template(job: tuple[str, str]) -> str:
    """The template of one document (the project's root, the document), as ``extract``
    writes it."""
    from editions import catalog, source
    from editions.po.write import format_po

    root, doc = job
    project = Project(root)
    path = project.source_path(doc)
    article = source.read(path, project.relative(path))
    return format_po(catalog.to_pot(article, article.path))


#: Fewer documents than this are done in this process: starting others would take
#: longer than the work.
_PARALLEL_FROM = 32


def cmd_init(project: Project, args: argparse.Namespace) -> int:
    from editions import catalog, glossary, source, translations

    info, facts = _new_language(project, args)
    terms = glossary.load_project(project)
    articles = source.read_documents(project, args.doc)
    paths = [project.po_path(info.code, article.doc) for article in articles]
    if found := [path for path in paths if os.path.exists(path)]:
        raise EditionsError(
            "already exists: translations are never overwritten (use 'editions update')",
            project.relative(found[0]),
        )
    if facts:
        project.define_language(info.code, facts)
    for article, path in zip(articles, paths, strict=True):
        pot = catalog.to_pot(article, article.path)
        fsutil.write_atomic(path, translations.first_catalog(pot, article.doc, info, terms))
        _say(args, f"wrote {project.relative(path)}")
    return 0


def _new_language(project: Project, args: argparse.Namespace) -> tuple[LocaleInfo, dict[str, str]]:
    """The language ``init`` starts, named as ``LANG`` is written, and the names and
    direction given for it (to record), if any.

    Refused: the language of the sources, a language the project already has under
    another name (``zh_CN`` beside ``zh_Hans``, ``iw`` beside ``he``), and one that
    neither CLDR nor the options name."""
    from editions import localedata

    code = localedata.folder_name(args.lang)
    if localedata.same_language(code, [project.source_lang]):
        raise EditionsError(f"'{args.lang}' is the language of the sources: it has no catalog")
    other = localedata.same_language(code, [lang for lang in project.languages() if lang != code])
    if other is not None:
        raise EditionsError(
            f"'{args.lang}' is the language the project already has as '{other}': "
            f"use 'editions init {other}'"
        )
    given = {"name": args.name, "english_name": args.english_name, "direction": args.direction}
    facts = {key: value for key, value in given.items() if value}
    if facts:
        return localedata.define(code, facts), facts
    try:
        return localedata.locale_info(code), {}
    except EditionsError as exc:
        raise EditionsError(
            f"{exc.message}; give its names and direction: 'editions init {code} --name NAME "
            "--english-name NAME --direction ltr|rtl'"
        ) from None


def _say(args: argparse.Namespace, text: str) -> None:
    """Tell, on stderr, what a command did, unless ``--quiet``."""
    if not args.quiet:
        print(text, file=sys.stderr)


def _progress(stream: Iterator[T], total: int) -> Iterator[T]:
    """A progress bar on a terminal, for builds of several documents."""
    from tqdm import tqdm

    yield from tqdm(stream, total=total, unit="doc", desc="building", leave=False)


def _shows_progress(args: argparse.Namespace) -> bool:
    """Whether a long run shows its progress: on a terminal, unless ``--quiet``."""
    return not args.quiet and sys.stderr.isatty()


def cmd_build(project: Project, args: argparse.Namespace) -> int:
    langs = project.edition_languages() if args.all else list(args.lang or [])
    if not langs and not args.parallel:
        raise EditionsError(
            "say which editions to build: --lang LANG (repeatable), --parallel A:B or --all"
        )
    return _report(project, args, _build(project, args, langs))


def _build(project: Project, args: argparse.Namespace, langs: list[str]) -> Any:
    """Build ``langs`` as ``args`` ask, over the project's settings: the build's
    :class:`editions.build.Report`."""
    from editions import build
    from editions.site import Pair, check_out

    if args.out is not None:
        check_out(project, args.out)
    return build.build(
        project,
        langs,
        docs=args.doc,
        out=args.out,
        policy=_policy(project, args),
        pairs=tuple(Pair.parse(text) for text in args.parallel or []),
        keep_going=args.keep_going,
        site=args.all,
        jobs=args.jobs,
        progress=_progress if _shows_progress(args) else None,
    )


def _policy(project: Project, args: argparse.Namespace) -> Any:
    """The publication policy: the options given, else the project's settings."""
    from editions import config

    if args.min_complete is not None and not 0 <= args.min_complete <= 100:
        raise EditionsError(
            f"--min-complete {args.min_complete:g}: expected a percentage, 0 to 100"
        )
    config.check_published(project.config, project.edition_languages())
    return config.policy(
        project.config,
        min_complete=args.min_complete,
        use_fuzzy=args.use_fuzzy,
        base_url=args.base_url,
        site_name=args.site_name,
        languages=args.lang,
    )


def cmd_serve(project: Project, args: argparse.Namespace) -> int:
    from editions import serve

    named = ["--config", os.path.abspath(project.config_path)] if project.config_named else []
    named += [part for setting in project.settings for part in ("--set", setting)]
    build = ["-C", os.path.abspath(project.root), *named, "build", "--all", "-j", str(args.jobs)]
    given = {"--out": args.out, "--min-complete": args.min_complete, "--site-name": args.site_name}
    build += [
        str(part)
        for option, value in given.items()
        if value is not None
        for part in (option, value)
    ]
    if args.use_fuzzy is not None:
        build.append("--use-fuzzy" if args.use_fuzzy else "--no-use-fuzzy")
    if args.quiet:
        build.append("-q")
    out = project.build_dir if args.out is None else args.out
    serve.serve(project, out, build, args.bind, args.port)
    return 0


def _report(project: Project, args: argparse.Namespace, report: Any) -> int:
    """Say what a build did (a :class:`editions.build.Report`); its exit status."""
    unchanged = len(report.unchanged)
    for note in report.notes:
        print(note, file=sys.stderr)
    if not args.quiet:
        for line in report.advice:
            print(line, file=sys.stderr)
        for line in report.stale:
            print(line, file=sys.stderr)
        for path in report.written:
            print(f"wrote {project.relative(path)}", file=sys.stderr)
        for path in report.removed:
            print(f"removed {project.relative(path)} (no longer published)", file=sys.stderr)
    if report.failed:
        for error in report.failed:
            print(error, file=sys.stderr)
        failed = sorted({_language_of(project, e) for e in report.failed})
        print(
            f"build: {len(report.written)} file(s) written, {unchanged} unchanged; "
            f"failed: {', '.join(failed)}",
            file=sys.stderr,
        )
        return EXIT_ERROR
    if not args.quiet:
        print(
            f"build: {len(report.written)} file(s) written, {unchanged} unchanged",
            file=sys.stderr,
        )
    return 0


@contextlib.contextmanager
def _catalogs_bar(shown: bool) -> Iterator[Callable[[int], None] | None]:
    """A progress bar of the catalogs done, told their number, on a terminal (``shown``)."""
    if not shown:
        yield None
        return
    from tqdm import tqdm

    with tqdm(unit="catalog", desc="updating", leave=False) as bar:
        yield bar.update


def _language_of(project: Project, error: EditionsError) -> str:
    """The language a failed catalog belongs to, from its path."""
    parts = path_parts(error.path or "")
    if "LC_MESSAGES" in parts and parts.index("LC_MESSAGES") > 0:
        return parts[parts.index("LC_MESSAGES") - 1]
    return error.location()


def cmd_update(project: Project, args: argparse.Namespace) -> int:
    from editions import memory, translations

    suggest = (
        None if args.no_memory else memory.setup(project, args.memory or (), args.accept_exact)
    )
    with _catalogs_bar(_shows_progress(args) and not args.verbose) as progress:
        updates, missing = translations.update(
            project,
            args.lang,
            args.doc,
            check=args.check,
            where=args.verbose,
            jobs=args.jobs,
            progress=progress,
            suggest=suggest,
        )
    for ref in missing:
        print(
            f"{ref.name}: no catalog, skipped (run 'editions init {ref.lang} --doc {ref.doc}')",
            file=sys.stderr,
        )
    if args.check:
        stale = [update for update in updates if update.stale]
        for update in stale:
            state = "missing" if update.new else "stale"
            print(
                f"{update.file.name}: {state}: {update.summary} (run 'editions update')",
                file=sys.stderr,
            )
        return EXIT_STALE if stale else 0
    for update in updates:
        if not update.written or args.quiet:
            continue
        done = "created" if update.new else "updated"
        print(f"{done} {update.file.name}: {update.summary}", file=sys.stderr)
        for line, change in update.lines:
            where = f"{update.file.name}:{line}" if line else update.file.name
            origin = (
                f" (from {change.origin})" if change.origin not in (None, change.msgctxt) else ""
            )
            print(f"{where}: {change.action}: {change.msgctxt}{origin}", file=sys.stderr)
    return 0


def cmd_check(project: Project, args: argparse.Namespace) -> int:
    from editions import translations

    problems = translations.check(project, args.lang, args.doc)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if args.errors_only:
        problems = [p for p in problems if p.severity == "error"]
    if args.format == "json":
        print(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            print(problem)
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return EXIT_ERROR if errors else 0


def cmd_stats(project: Project, args: argparse.Namespace) -> int:
    from editions import stats, translations

    found, failed = translations.statistics(project, args.lang, args.doc)
    for error in failed:
        print(error, file=sys.stderr)
    if not found and not failed:
        print("no catalogs: start a language with 'editions init LANG'", file=sys.stderr)
    print(stats.as_json(found) if args.format == "json" else stats.table(found))
    return EXIT_ERROR if failed else 0


def cmd_compile(project: Project, args: argparse.Namespace) -> int:
    from editions import translations

    written, _ = translations.compile_all(project, args.lang, args.doc, args.use_fuzzy)
    for path in written:
        _say(args, f"wrote {project.relative(path)}")
    return 0


def cmd_glossary(project: Project, args: argparse.Namespace) -> int:
    from editions import glossary

    target = glossary.path_in(project)
    if args.action == "import":
        terms = glossary.load(args.file, source=project.source_lang)
        written = fsutil.write_atomic(target, glossary.to_tbx(terms))
        state = "wrote" if written else "unchanged:"
        _say(args, f"{state} {project.relative(target)} ({len(terms.terms)} terms)")
        return 0
    terms = glossary.load_project(project) or _no_glossary(target)
    data = glossary.to_tbx(terms)
    if args.output is None:
        sys.stdout.buffer.write(data)
    elif fsutil.write_atomic(args.output, data):
        _say(args, f"wrote {args.output}")
    return 0


def _no_glossary(path: str) -> NoReturn:
    raise EditionsError("no glossary: write one, or run 'editions glossary import FILE.tbx'", path)


def cmd_export(project: Project, args: argparse.Namespace) -> int:
    from editions import exchange, localedata

    lang = localedata.locale_info(args.lang).code
    make = exchange.export_xliff if args.format == "xliff" else exchange.export_tmx
    for line in exchange.write_export(make(project, lang, args.doc), args.out):
        _say(args, line)
    return 0


def cmd_import(project: Project, args: argparse.Namespace) -> int:
    from editions import exchange

    done = exchange.import_xliff(project, args.file)
    for error in done.refused:
        print(error, file=sys.stderr)
    for path in done.written:
        _say(args, f"updated {path}")
    _say(args, f"import: {done.taken} unit(s) taken, {len(done.refused)} refused")
    return EXIT_ERROR if done.refused else 0


def cmd_pretranslate(project: Project, args: argparse.Namespace) -> int:
    from editions import localedata, pretranslate

    lang = localedata.locale_info(args.lang).code
    done = pretranslate.pretranslate(project, lang, args.doc, args.command, args.timeout)
    for line in done.refused:
        print(line, file=sys.stderr)
    for path in done.written:
        _say(args, f"updated {path}")
    _say(args, f"pretranslate: {done.filed} filed fuzzy, {len(done.refused)} refused")
    return 0


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


def _extract_parser(sub: Subcommands) -> None:
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
        p, f"read and format in N processes when there are {_PARALLEL_FROM} documents or more"
    )
    _quiet_option(p)
    p.set_defaults(run=cmd_extract)


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
    p.set_defaults(run=cmd_init)


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
    p.set_defaults(run=cmd_build)


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
    p.set_defaults(run=cmd_serve)


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
    p.set_defaults(run=cmd_update)


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
    p.set_defaults(run=cmd_check)


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
    p.set_defaults(run=cmd_stats)


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
    p.set_defaults(run=cmd_compile)


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
    p.set_defaults(run=cmd_glossary)


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
    p.set_defaults(run=cmd_export)
    p = sub.add_parser(
        "import",
        help="merge an XLIFF file's translations back into the catalogs",
        description="Units are matched by document and msgctxt, checked as 'check' checks;\n"
        "a unit that fails is reported with its line and not imported (exit 1).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE.xlf", help="an XLIFF 1.2 file, as exported")
    _quiet_option(p)
    p.set_defaults(run=cmd_import)
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
    p.set_defaults(run=cmd_pretranslate)


def parser() -> argparse.ArgumentParser:
    """The command line's parser."""
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
    top.set_defaults(run=_commands)  # no command: the list of them
    sub = top.add_subparsers(dest="command", metavar="COMMAND")
    for setup in (
        _extract_parser,
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
    for command in sub.choices.values():
        command.set_defaults(run=_knowing_languages(command.get_default("run")))
    return top


Command = Callable[[Project, argparse.Namespace], int]


def _knowing_languages(command: Command) -> Command:
    """``command``, run once the languages the project defines are known."""

    def run(project: Project, args: argparse.Namespace) -> int:
        project.know_languages()
        return command(project, args)

    return run


def _commands(project: Project, args: argparse.Namespace) -> int:
    """``editions`` alone: its help, which lists the commands, on stderr; a usage error."""
    parser().print_help(sys.stderr)
    return EXIT_USAGE


def run() -> NoReturn:
    """The ``editions`` program (and ``python -m editions``): :func:`main` on the
    process's arguments, then exit with its status.

    Ctrl-C is :func:`main`'s to take: before it runs the program ignores it, and
    once it has returned, blocks it (as it exits, Python may put back the
    default action, which would end it by SIGINT)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    status = main()
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    sys.exit(status)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv``; its exit status.

    The user sees one line per error, never a traceback: an
    :class:`~editions.errors.EditionsError` as itself, an error of the
    system's (a folder that cannot be written, a full disk) as
    ``path: error: <the system's words>``, both with status 1. Ctrl-C ends the
    command with ``editions: interrupted`` and status 130; it is taken once,
    and a second one, while the command cleans up, is ignored. When standard
    output is closed early (``editions stats | head -1``), the command ends
    quietly with status 141, as one killed by SIGPIPE would. A command that
    writes waits for another writing in the same project (:func:`_lock`).
    """
    with _interruptible() as interrupted:
        args = parser().parse_args(argv)
        project = Project(args.root, args.config, tuple(args.set))
        try:
            with _lock(project, args):
                status = int(args.run(project, args))
            sys.stdout.flush()  # a closed pipe is found here, not at exit
            return status
        except BrokenPipeError:
            _drop_stdout()
            return EXIT_PIPE
        except (KeyboardInterrupt, Exception) as exc:
            # Once Ctrl-C is taken, what ends the command is its doing, whatever it
            # became on the way (Python 3.11 makes one taken in an import a RuntimeError).
            if interrupted or isinstance(exc, KeyboardInterrupt):
                print("editions: interrupted", file=sys.stderr)
                return EXIT_INTERRUPTED
            if isinstance(exc, EditionsError):
                print(exc, file=sys.stderr)
            elif isinstance(exc, OSError):
                print(_system_error(project, exc), file=sys.stderr)
            else:
                raise
    return EXIT_ERROR


EXIT_INTERRUPTED = 130  #: 128 + SIGINT, as the shell reports a command ended by Ctrl-C
EXIT_PIPE = 141  #: 128 + SIGPIPE, as the shell reports a command whose reader left


def _system_error(project: Project, exc: OSError) -> str:
    """An error of the system's as the user reads it: ``path: error: <strerror>``.

    >>> _system_error(Project("p"), PermissionError(13, "Permission denied", "p/build/a.html"))
    'build/a.html: error: Permission denied'
    >>> _system_error(Project("."), OSError(28, "No space left on device"))
    'editions: error: No space left on device'
    """
    where = project.relative(exc.filename) if isinstance(exc.filename, str) else "editions"
    return f"{where}: error: {exc.strerror or exc}"


def _drop_stdout() -> None:
    """Point standard output at the null device, so that Python, flushing it at exit,
    does not find the closed pipe again."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):  # not a file (a test's capture)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, fd)
    os.close(null)


@contextlib.contextmanager
def _interruptible() -> Iterator[list[int]]:
    """A block in which the first SIGINT raises KeyboardInterrupt and the others are
    ignored, so that what the first one interrupts can clean up; the handler in place
    before is put back at its end. The list it gives holds the signal once taken. (In a
    thread other than the main one, which cannot handle signals, the block runs as it
    is.)"""
    taken: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield taken
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        taken.append(signum)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        yield taken
    finally:
        signal.signal(signal.SIGINT, previous)


#: The commands that write, with the option that makes each write nothing.
_WRITERS = {
    "extract": "check",
    "init": None,
    "build": None,
    "update": "check",
    "compile": None,
    "glossary": None,
    "import": None,
    "pretranslate": None,
}


@contextlib.contextmanager
def _lock(project: Project, args: argparse.Namespace) -> Iterator[None]:
    """A block that holds the project's lock when the command writes: another run that
    writes in the same project waits for the block to end, saying so on stderr.

    The lock is the project folder itself, locked with ``flock`` (so no file is
    made for it, and none left to commit); the system releases it when the
    process ends, however it ends. Where there is no ``flock`` (Windows), there
    is no lock.
    """
    command: str = args.command
    writes = command in _WRITERS and not getattr(args, _WRITERS[command] or "", False)
    if fcntl is None or not writes or not os.path.isdir(project.root):
        yield
        return
    fd = os.open(project.root, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            _say(args, f"editions: waiting for another run in {project.root} to end")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)  # also held by any process forked in the block
        os.close(fd)
