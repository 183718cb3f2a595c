"""The ``editions`` command line: a thin layer over the library.

This module holds what each command does (``cmd_<name>``) and how the process runs
one (:func:`main`: errors, Ctrl-C, the lock, a closed stdout); the options and help
of each are :mod:`editions.arguments`'s.

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

from editions import arguments, fsutil
from editions.errors import EditionsError
from editions.project import Project, path_parts

try:
    import fcntl
except ImportError:  # Windows: no lock (see _lock)
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from editions.localedata import LocaleInfo

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


def parser() -> argparse.ArgumentParser:
    """The command line's parser (:func:`editions.arguments.parser`)."""
    return arguments.parser(parallel_from=_PARALLEL_FROM)


Command = Callable[[Project, argparse.Namespace], int]


def _command(args: argparse.Namespace) -> Command:
    """The function that runs the command ``args`` name (``args.run``), looked up as
    it runs: ``editions`` alone, the list of the commands; any other, its
    ``cmd_<name>``, run once the languages the project defines are known."""
    if args.run is None:
        return _commands
    commands: dict[str, Command] = {
        "extract": cmd_extract,
        "init": cmd_init,
        "build": cmd_build,
        "serve": cmd_serve,
        "update": cmd_update,
        "check": cmd_check,
        "stats": cmd_stats,
        "compile": cmd_compile,
        "glossary": cmd_glossary,
        "export": cmd_export,
        "import": cmd_import,
        "pretranslate": cmd_pretranslate,
    }
    return _knowing_languages(commands[args.run])


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
                status = int(_command(args)(project, args))
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
    command: str = args.run or ""  # the name; args.command is pretranslate's engine
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
