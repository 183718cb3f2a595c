"""The project's settings: ``editions.toml`` at the project root.

Every key is optional, and so is the file; the command line wins over it: any
key as ``--set KEY=VALUE`` (``--set publish.ur.min_complete=80``), and the
options ``--site-name``, ``--base-url``, ``--min-complete``, ``--use-fuzzy``,
``--lang``; ``--config FILE`` reads another file. ::

    [site]
    name = "The Balochistan Report"       # the site's name, for titles and the masthead
    base_url = "https://example.org/news/"  # absolute links under it (an http(s) address)
    source_language = "en"                 # the language of the sources (default "en")

    [publish]
    languages = ["fr", "ur"]  # the languages published (default: every one in locales/)
    min_complete = 50         # percent translated below which a language is not published
    use_fuzzy = false         # show translations awaiting review, marked

    [publish.ur]              # the same two keys for one language, over the ones above
    min_complete = 80
    use_fuzzy = true

    [languages.bal]           # what CLDR says of a language, corrected, or a language
    name = "بلوچی"            # CLDR lacks: its name for itself (required for the latter),
    english_name = "Balochi"  # its name in English,
    direction = "rtl"         # "ltr" or "rtl" (required for a language CLDR lacks),
    date_format = "d MMMM y"  # a CLDR date pattern (default: CLDR's long date)
    script = "Arab"           # ISO 15924 (a language CLDR lacks; default "Zyyy")

    [templates]
    folder = "templates"      # the project's own Jinja2 templates, over the package's

A template in the folder replaces the package's of the same file name; it may
extend the package's own as ``editions/<name>`` (``{% extends
"editions/base.html.j2" %}``) and fill its empty ``masthead`` and ``footer``
blocks. The folder is optional: ``templates`` is used when it exists, another
one named must exist.

A mistake is an error naming the file, the line and the key:
``editions.toml:7: error: publish.min_complete: expected a number from 0 to 100``.
Reading the file needs no heavy module: the language tags and date patterns are
checked when the languages are made known (:func:`editions.localedata.define`).
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from editions.errors import EditionsError

if TYPE_CHECKING:
    from editions.project import Project
    from editions.site import Policy

T = TypeVar("T")

FILENAME = "editions.toml"
#: The template folder used when the file names none, if it exists.
TEMPLATES = "templates"


@dataclass(frozen=True)
class SiteConfig:
    name: str = ""  #: the site's name
    base_url: str = ""  #: absolute links under this address; relative when empty
    source_language: str = "en"  #: the language of the sources


@dataclass(frozen=True)
class LanguagePolicy:
    """The publication policy of one language, where it differs from the default."""

    min_complete: float | None = None
    use_fuzzy: bool | None = None


@dataclass(frozen=True)
class PublishConfig:
    languages: tuple[str, ...] | None = None  #: the languages published; None: all
    min_complete: float = 0.0
    use_fuzzy: bool = False
    by_language: tuple[tuple[str, LanguagePolicy], ...] = ()  #: ``[publish.<tag>]``


@dataclass(frozen=True)
class Config:
    """The settings of a project, each key's default where the file does not give it."""

    path: str = ""  #: the file, as errors name it; "" when there is none
    site: SiteConfig = field(default_factory=SiteConfig)
    publish: PublishConfig = field(default_factory=PublishConfig)
    #: ``[languages.<tag>]``: the facts given of each language, by tag as written
    languages: tuple[tuple[str, dict[str, str]], ...] = ()
    templates: str = ""  #: the folder of the project's templates; "" for none
    lines: tuple[str, ...] = ()  #: the file's lines, to place the errors found later
    given: tuple[str, ...] = ()  #: the keys given on the command line (``--set``)

    def error(self, message: str, table: tuple[str, ...], key: str | None = None) -> EditionsError:
        """An error about ``key`` of ``table`` (``("publish", "ur")``), at its line, or
        naming the ``--set`` that gave it."""
        name = ".".join((*table, key) if key else table)
        if any(given == name or given.startswith(name + ".") for given in self.given):
            return EditionsError(f"--set {name}: {message}")
        return EditionsError(f"{name}: {message}", self.path, line_of(self.lines, table, key))


#: The keys of each table, and the type each takes.
_SITE_KEYS = {"name": str, "base_url": str, "source_language": str}
_POLICY_KEYS = {"min_complete": float, "use_fuzzy": bool}
_LANGUAGE_KEYS = {
    "name": str,
    "english_name": str,
    "direction": str,
    "date_format": str,
    "script": str,
}
_TABLES = ("site", "publish", "languages", "templates")


def load(project: Project) -> Config:
    """The settings in ``project.config_path``; the defaults when the file is missing and
    was not named on the command line (``project.config_named``)."""
    path = project.config_path
    shown = project.relative(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        if project.config_named:
            raise EditionsError("no such file", shown) from None
        if not project.settings:
            return Config(templates=_default_templates(project))
        data = b""
    except OSError as exc:
        raise EditionsError(f"cannot be read: {exc.strerror}", shown) from None
    try:
        text = data.decode("utf-8")
        found = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise EditionsError("not UTF-8 text", shown, line) from None
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(str(exc), shown, text) from None
    given = tuple(_set(found, setting) for setting in project.settings)
    return _parse(project, Config(path=shown, lines=tuple(text.splitlines()), given=given), found)


def _set(found: dict[str, Any], setting: str) -> str:
    """Put the setting ``KEY=VALUE`` (``--set``) into the tables ``found``, over what is
    there; its key. VALUE is read as a TOML value, or else taken as a string.

    >>> found = {"site": {"name": "A"}}
    >>> _set(found, "site.name=The Report"), _set(found, "publish.ur.min_complete=80")
    ('site.name', 'publish.ur.min_complete')
    >>> found
    {'site': {'name': 'The Report'}, 'publish': {'ur': {'min_complete': 80}}}
    >>> _set(found, "site")
    Traceback (most recent call last):
    editions.errors.EditionsError: editions: error: --set 'site': expected KEY=VALUE, e.g. site.name='The Report'
    """
    key, sep, text = setting.partition("=")
    parts = [part.strip() for part in key.split(".")]
    if not sep or not all(parts):
        raise EditionsError(f"--set {setting!r}: expected KEY=VALUE, e.g. site.name='The Report'")
    try:
        value = tomllib.loads(f"value = {text}")["value"]
    except tomllib.TOMLDecodeError:
        value = text
    table = found
    for depth, part in enumerate(parts[:-1], 1):
        table = table.setdefault(part, {})
        if not isinstance(table, dict):
            raise EditionsError(f"--set {key}: {'.'.join(parts[:depth])} is not a table")
    table[parts[-1]] = value
    return ".".join(parts)


def _syntax_error(message: str, path: str, text: str) -> EditionsError:
    """tomllib's ``Invalid value (at line 3, column 5)`` as ``path:3: error: ...``.

    >>> print(_syntax_error("Invalid value (at line 3, column 5)", "editions.toml", ""))
    editions.toml:3: error: invalid value (column 5)
    >>> print(_syntax_error("Unterminated string (at end of document)", "e.toml", "a\\nb"))
    e.toml:2: error: unterminated string (at the end of the file)
    """
    found = re.fullmatch(r"(.*) \(at line (\d+), column (\d+)\)", message, re.S)
    if found:
        words, line, where = found[1], int(found[2]), f"(column {found[3]})"
    else:
        words = message.replace(" (at end of document)", "")
        line, where = max(1, len(text.splitlines())), "(at the end of the file)"
    return EditionsError(f"{words[:1].lower()}{words[1:]} {where}", path, line)


def _parse(project: Project, config: Config, found: dict[str, Any]) -> Config:
    _known(config, found, (), _TABLES)
    for name in _TABLES:
        if name in found and not isinstance(found[name], dict):
            raise config.error("expected a table", (), name)
    site = _site(config, found.get("site", {}))
    publish = _publish(config, found.get("publish", {}))
    languages = _languages(config, found.get("languages", {}))
    templates = _templates(project, config, found.get("templates", {}))
    return Config(config.path, site, publish, languages, templates, config.lines, config.given)


def _known(config: Config, table: dict[str, Any], where: tuple[str, ...], keys: Any) -> None:
    """Refuse a key of ``table`` that is not one of ``keys``."""
    for key in table:
        if key not in keys:
            expected = ", ".join(keys)
            raise config.error(f"unknown key (expected one of: {expected})", where, key)


def _value(config: Config, table: dict[str, Any], where: tuple[str, ...], key: str) -> Any:
    """``table[key]``, refused unless of its type (a number for a float)."""
    kinds = {"site": _SITE_KEYS, "languages": _LANGUAGE_KEYS}.get(where[0], _POLICY_KEYS)
    kind, value = kinds[key], table[key]
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
            raise config.error("expected a number from 0 to 100", where, key)
        return float(value)
    if not isinstance(value, kind):
        raise config.error(
            f"expected {'true or false' if kind is bool else 'a string'}", where, key
        )
    return value


def _site(config: Config, table: dict[str, Any]) -> SiteConfig:
    _known(config, table, ("site",), _SITE_KEYS)
    values = {key: _value(config, table, ("site",), key) for key in table}
    site = SiteConfig(**values)
    if site.base_url:
        from editions.site import base_url_fault

        if fault := base_url_fault(site.base_url):
            raise config.error(fault, ("site",), "base_url")
    if not re.fullmatch(r"[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*", site.source_language):
        raise config.error("expected a language tag such as 'en'", ("site",), "source_language")
    return site


def _publish(config: Config, table: dict[str, Any]) -> PublishConfig:
    values: dict[str, Any] = {}
    by_language = []
    for key, value in table.items():
        if isinstance(value, dict):
            by_language.append((key, _language_policy(config, key, value)))
        elif key == "languages":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise config.error("expected a list of language tags", ("publish",), key)
            values[key] = tuple(value)
        elif key in _POLICY_KEYS:
            values[key] = _value(config, table, ("publish",), key)
        else:
            keys = ("languages", *_POLICY_KEYS, "[publish.<language>]")
            _known(config, {key: value}, ("publish",), keys)
    return PublishConfig(**values, by_language=tuple(sorted(by_language)))


def _language_policy(config: Config, tag: str, table: dict[str, Any]) -> LanguagePolicy:
    where = ("publish", tag)
    _known(config, table, where, _POLICY_KEYS)
    return LanguagePolicy(**{key: _value(config, table, where, key) for key in table})


def _languages(config: Config, table: dict[str, Any]) -> tuple[tuple[str, dict[str, str]], ...]:
    languages = []
    for tag, facts in table.items():
        where = ("languages", tag)
        if not isinstance(facts, dict):
            raise config.error("expected a table", ("languages",), tag)
        _known(config, facts, where, _LANGUAGE_KEYS)
        values = {key: _value(config, facts, where, key) for key in facts}
        if values.get("direction", "ltr") not in ("ltr", "rtl"):
            raise config.error("expected 'ltr' or 'rtl'", where, "direction")
        languages.append((tag, values))
    return tuple(languages)


def _templates(project: Project, config: Config, table: dict[str, Any]) -> str:
    _known(config, table, ("templates",), ("folder",))
    folder = table.get("folder")
    if folder is None:
        return _default_templates(project)
    if not isinstance(folder, str) or not folder:
        raise config.error("expected the name of a folder", ("templates",), "folder")
    path = os.path.normpath(os.path.join(project.root, folder))
    if not os.path.isdir(path):
        raise config.error(f"no folder {project.relative(path)}", ("templates",), "folder")
    return path


def _default_templates(project: Project) -> str:
    path = os.path.join(project.root, TEMPLATES)
    return path if os.path.isdir(path) else ""


def check_published(config: Config, languages: list[str]) -> None:
    """Refuse a language of ``[publish]`` that is not one of ``languages`` (those with a
    catalog folder, and the source's)."""
    named: list[tuple[tuple[str, ...], str | None, str]] = [
        (("publish",), "languages", tag) for tag in config.publish.languages or ()
    ]
    named += [(("publish", tag), None, tag) for tag, _ in config.publish.by_language]
    for where, key, tag in named:
        if tag not in languages:
            raise config.error(f"unknown language '{tag}': no folder locales/{tag}", where, key)


def policy(
    config: Config,
    *,
    min_complete: float | None = None,
    use_fuzzy: bool | None = None,
    base_url: str | None = None,
    site_name: str | None = None,
    languages: list[str] | None = None,
) -> Policy:
    """The publication policy of ``config``, with what the command line gives (None: not
    given) over it: an option given holds for every language, and the languages named
    are built whatever ``[publish] languages`` says."""
    from editions.site import Policy

    publish = config.publish
    return Policy(
        min_complete=_given(min_complete, publish.min_complete),
        use_fuzzy=_given(use_fuzzy, publish.use_fuzzy),
        base_url=_given(base_url, config.site.base_url),
        site_name=_given(site_name, config.site.name),
        templates=config.templates,
        source_lang=config.site.source_language,
        languages=None if languages else publish.languages,
        by_language=tuple(
            (lang, _given(min_complete, p.min_complete), _given(use_fuzzy, p.use_fuzzy))
            for lang, p in publish.by_language
        ),
    )


def _given(option: T | None, setting: T) -> T:
    """The command line's ``option`` when it was given, else the ``setting``."""
    return setting if option is None else option


_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")


def line_of(lines: tuple[str, ...], table: tuple[str, ...], key: str | None) -> int | None:
    """The line of ``key`` in the table ``table`` of a TOML file of ``lines`` (of the
    table's header when ``key`` is None, or is not found under it); None when neither is
    found.

    >>> lines = ("[site]", "name = 'x'", "", "[publish.ur]", "  min_complete = 8")
    >>> line_of(lines, ("publish", "ur"), "min_complete"), line_of(lines, ("site",), None)
    (5, 1)
    >>> line_of(lines, ("publish",), "use_fuzzy") is None
    True
    """
    current: tuple[str, ...] = ()
    header = None
    quoted = r"[\"']?"
    key_line = re.compile(rf"^\s*{quoted}{re.escape(key or '')}{quoted}\s*=") if key else None
    for number, line in enumerate(lines, 1):
        found = _HEADER.match(line)
        if found:
            current = tuple(part.strip().strip("\"'") for part in found[1].split("."))
            if current == table:
                header = number
            elif key and current[: len(table) + 1] == (*table, key):
                return number  # the key is a table of its own
        elif current == table and key_line is not None and key_line.match(line):
            return number
    return header


def write_language(project: Project, tag: str, facts: dict[str, str]) -> None:
    """Record ``facts`` as ``[languages.<tag>]`` in the project's file, keeping the rest of
    it as it is written, comments included; the file is made when missing."""
    import tomlkit

    from editions.fsutil import write_atomic

    path = project.config_path
    try:
        with open(path, encoding="utf-8") as handle:
            document = tomlkit.parse(handle.read())
    except FileNotFoundError:
        document = tomlkit.document()
    except (OSError, ValueError) as exc:
        raise EditionsError(f"cannot be read: {exc}", project.relative(path)) from None
    languages = document.get("languages")
    if languages is None:
        languages = tomlkit.table(is_super_table=True)
        document["languages"] = languages
    table = tomlkit.table()
    for key, value in facts.items():
        table[key] = value
    languages[tag] = table
    write_atomic(path, tomlkit.dumps(document))
