"""Checks of a translation catalog against its source document.

Each check is a small function with a name; a problem it finds is reported as
``path:line: error|warning: message [name]``. An *error* is something that
breaks an edition or loses content (a link gone, a heading marker that would
start a new block, a header that does not match the folder); a *warning* is
something a translator should look at (an untranslated or fuzzy message, a
number that is not in the translation, emphasis that differs).

Catalog checks (:data:`CATALOG_CHECKS`) look at the whole file: PO syntax and
encoding (from :func:`editions.po.read.read_po`), the header, which messages
are there. Message checks (:data:`MESSAGE_CHECKS`) compare one translation with
its English. They run on every translated message that is not fuzzy: a fuzzy
translation is still being reviewed, it is reported as such and never used by
an edition unless asked for.

Markdown is parsed by markdown-it-py, as :mod:`editions.render.inline` reads it
for the editions, except that raw HTML and links to any address are recognised,
so they can be reported. Markup is compared as a whole, not in order, because
languages put words, and the links and emphasis on them, in different orders.

Every check takes time in proportion to the message it reads, and a translation
longer than :data:`~editions.catalog.MAX_MESSAGE` is reported as such and not
read further (no edition uses it).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal, NamedTuple

import polib

from editions.catalog import HIDDEN, MAX_MESSAGE, PLACEHOLDERS, REPLACEMENT
from editions.errors import EditionsError
from editions.glossary import Glossary, used_form
from editions.localedata import (
    LocaleInfo,
    locale_info,
    plural_forms_fault,
    plural_forms_mismatch,
    same_language,
)
from editions.model import Article, Segment
from editions.po.read import read_po
from editions.render.inline import safe_url
from editions.render.markdown import BLOCK_START

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"


@dataclass(frozen=True)
class Problem:
    """One problem found in a catalog."""

    path: str
    line: int | None
    severity: Severity
    check: str  #: the name of the check that found it
    message: str
    msgctxt: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.severity}: {self.message} [{self.check}]"

    def as_dict(self) -> dict[str, str | int | None]:
        return {
            "path": self.path,
            "line": self.line,
            "severity": self.severity,
            "check": self.check,
            "message": self.message,
            "msgctxt": self.msgctxt,
        }


Finding = tuple[Severity, str]


# -- Markdown, as the editions read it ----------------------------------------------------------


@dataclass(frozen=True)
class Markup:
    """What markdown-it-py finds in one message's inline Markdown."""

    links: Counter[str] = field(default_factory=Counter)  #: link and image addresses
    strong: int = 0
    emphasis: int = 0
    code: Counter[str] = field(default_factory=Counter)  #: inline code, as written
    html: Counter[str] = field(default_factory=Counter)  #: raw HTML tags and comments
    text: str = ""  #: the words: link text and code kept, markup and addresses gone


@lru_cache(maxsize=1)
def _markdown() -> Any:
    """CommonMark's inline rules, as :mod:`editions.render.inline` reads a message, except
    that raw HTML and links to any address are recognised, so they can be reported."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


@lru_cache(maxsize=1024)
def markup(text: str) -> Markup:
    """The markup of inline Markdown ``text``.

    >>> m = markup("**Bold**, *it* and [a link](https://example.org) <b>raw</b>")
    >>> (m.strong, m.emphasis, dict(m.links), dict(m.html))
    (1, 1, {'https://example.org': 1}, {'<b>': 1, '</b>': 1})
    >>> m.text
    'Bold, it and a link raw'
    """
    links: Counter[str] = Counter()
    code: Counter[str] = Counter()
    html: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    words: list[str] = []
    for token in _markdown().parseInline(text)[0].children or []:
        kinds[token.type] += 1
        if token.type == "link_open":
            links[str(token.attrs.get("href", ""))] += 1
        elif token.type == "image":
            links[str(token.attrs.get("src", ""))] += 1
        elif token.type == "code_inline":
            code[token.content] += 1
            words.append(token.content)
        elif token.type == "html_inline":
            html[token.content] += 1
        elif token.type == "text":
            words.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            words.append("\n")
    return Markup(links, kinds["strong_open"], kinds["em_open"], code, html, "".join(words))


# -- Message checks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    """One translated message and what a check needs to know about it."""

    msgctxt: str
    english: str
    translation: str
    info: LocaleInfo
    kind: str | None = None  #: the segment's kind (``heading``...), None when not in the source
    glossary: Glossary | None = None  #: the project's glossary, if it has one
    #: the source language's English name: findings call the source text "the English"
    original: str = "English"


MessageCheck = Callable[[Message], Iterator[Finding]]
MESSAGE_CHECKS: list[tuple[str, MessageCheck]] = []


def message_check(name: str) -> Callable[[MessageCheck], MessageCheck]:
    def register(fn: MessageCheck) -> MessageCheck:
        MESSAGE_CHECKS.append((name, fn))
        return fn

    return register


def _counted(english: Counter[str], translation: Counter[str]) -> tuple[list[str], list[str]]:
    """What the translation lacks, and what it adds, each sorted."""
    return sorted((english - translation).elements()), sorted((translation - english).elements())


#: Where a link may go (see :func:`editions.render.inline.safe_url`).
UNSAFE = "a link goes to http, https, mailto or a relative address"


@message_check("markdown-links")
def links(m: Message) -> Iterator[Finding]:
    """Every link and image of the English, to the same address, and no other."""
    missing, added = _counted(markup(m.english).links, markup(m.translation).links)
    for url in missing:
        yield ERROR, f"the link to {url} is missing"
    for url in added:
        shown = "" if safe_url(url) else f": the editions show it as text ({UNSAFE})"
        yield ERROR, f"a link to {url} that the {m.original} does not have{shown}"


@message_check("markdown-emphasis")
def emphasis(m: Message) -> Iterator[Finding]:
    """As much **strong** and *emphasis* as the English (some scripts set no italics)."""
    english, translation = markup(m.english), markup(m.translation)
    for what, mark, a, b in (
        ("strong", "**", english.strong, translation.strong),
        ("emphasis", "*", english.emphasis, translation.emphasis),
    ):
        if a != b:
            yield WARNING, f"{b} {what} ({mark}…{mark}) where the {m.original} has {a}"


@message_check("markdown-code")
def code(m: Message) -> Iterator[Finding]:
    """The English's inline code, as it is: code is not translated."""
    missing, added = _counted(markup(m.english).code, markup(m.translation).code)
    for text in missing:
        yield WARNING, f"inline code `{text}` of the {m.original} is missing"
    for text in added:
        yield WARNING, f"inline code `{text}` that the {m.original} does not have"


@message_check("raw-html")
def raw_html(m: Message) -> Iterator[Finding]:
    """No raw HTML: the editions show it as text, never as markup."""
    english, translation = markup(m.english).html, markup(m.translation).html
    added = [tag for tag, n in translation.items() if n > english[tag]]  # in order of appearance
    if added:
        tags = " ".join(added)
        yield ERROR, f"raw HTML {tags} shows as text in the editions: use Markdown"


_BLOCK_NAMES = {
    "#": "a heading marker",
    ">": "a quote marker",
    "`": "a code fence",
    "~": "a code fence",
    "|": "a table row",
    "=": "a heading underline",
    "_": "a thematic break",
    "[": "a link reference definition",
}


def _blocks(text: str) -> Counter[str]:
    """What in ``text`` Markdown would read as the start of a block of its own."""
    found: Counter[str] = Counter()
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if not line.strip():
            if 0 < index < len(lines) - 1:
                found["a blank line"] += 1
            continue
        match = BLOCK_START.match(line)
        if not match:
            continue
        mark = match.group(2)
        if mark[0].isdigit():
            found["a numbered list marker"] += 1
        elif match.group("rule"):
            found["a thematic break"] += 1
        elif mark[0] in "-+*":  # "- item", or "---" under a line
            found["a list marker" if len(mark.strip()) == 1 else "a heading underline"] += 1
        else:
            found[_BLOCK_NAMES.get(mark[0], f"'{mark[0]}'")] += 1
    return found


@message_check("block-structure")
def block_structure(m: Message) -> Iterator[Finding]:
    """No block of its own: a message is set inside one heading, paragraph, list item,
    table cell or point; a heading, a cell, a caption is one line."""
    _, added = _counted(_blocks(m.english), _blocks(m.translation))
    for what in dict.fromkeys(added):
        where = "a blank line" if what == "a blank line" else f"{what} at the start of a line"
        yield ERROR, f"{where}: Markdown would start a new block there"
    if m.kind in ONE_LINE and "\n" in m.translation.strip():
        yield ERROR, f"a line break in {ONE_LINE[m.kind]}: it is one line"


#: Messages set on one line, by kind: what a line break would break.
ONE_LINE = {
    "title": "a heading",
    "heading": "a heading",
    "cell": "a table cell",
    "alt": "an image's text",
    "caption": "a caption",
    "link-title": "a link's title",
    "meta": "a front matter value",
}

#: A footnote reference ``[^label]``, and the label of a reference link ``[text][label]``.
_FOOTNOTE = re.compile(r"\[\^([^\[\]\s]+)\]")
_REFERENCE = re.compile(r"\]\[([^\]]+)\]")


@message_check("markdown-references")
def references(m: Message) -> Iterator[Finding]:
    """Every footnote reference and reference link label of the English, and no other:
    they link to the document's footnotes and link definitions by their labels."""
    for what, pattern, shown in (
        ("footnote reference", _FOOTNOTE, "[^{}]"),
        ("link reference", _REFERENCE, "[{}]"),
    ):
        missing, added = _counted(
            Counter(pattern.findall(m.english)), Counter(pattern.findall(m.translation))
        )
        for label in missing:
            yield ERROR, f"the {what} {shown.format(label)} is missing"
        for label in added:
            yield ERROR, f"a {what} {shown.format(label)} that the {m.original} does not have"


# Digits, with the separators languages group and split them with: a space only before three.
_NUMBER = re.compile(r"\d+(?:[.,\u066b\u066c\u00a0\u202f'’]\d+| \d{3}(?!\d))*")


def numbers(text: str) -> Counter[str]:
    """The numbers in ``text``, as ASCII digits without separators, in any script.

    >>> sorted(numbers("In 2026, 1,500 people; ۱۵۰۰ and १२ more, 1 500 or 3 4").elements())
    ['12', '1500', '1500', '1500', '2026', '3', '4']
    """
    return Counter(
        "".join(str(unicodedata.digit(c)) for c in match if c.isdigit())
        for match in _NUMBER.findall(text)
    )


@message_check("numbers")
def kept_numbers(m: Message) -> Iterator[Finding]:
    """Every number of the English, in any digits and with any separators."""
    missing, _ = _counted(numbers(markup(m.english).text), numbers(markup(m.translation).text))
    for number in dict.fromkeys(missing):
        yield WARNING, f"the number {number} of the {m.original} is not in the translation"


@message_check("whitespace")
def whitespace(m: Message) -> Iterator[Finding]:
    """Leading and trailing whitespace as in the English."""
    for side, strip in (("starts", str.lstrip), ("ends", str.rstrip)):
        english = len(m.english) != len(strip(m.english))
        translation = len(m.translation) != len(strip(m.translation))
        if translation and not english:
            yield ERROR, f"{side} with whitespace, the {m.original} does not"
        elif english and not translation:
            yield ERROR, f"the {m.original} {side} with whitespace, the translation does not"


BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
#: Zero-width characters that are part of writing in some scripts: ZWNJ in
#: Persian and other Arabic-script languages and in Indic scripts, ZWJ in Indic
#: scripts, ZWSP as a word break in scripts written without spaces.
ZERO_WIDTH_ALLOWED = {
    "\u200c": {"Arab", "Deva", "Beng", "Guru", "Gujr", "Orya", "Taml", "Telu", "Knda", "Mlym"},
    "\u200d": {"Deva", "Beng", "Guru", "Gujr", "Orya", "Taml", "Telu", "Knda", "Mlym", "Sinh"},
    "\u200b": {"Thai", "Laoo", "Khmr", "Mymr", "Tibt"},
}


def _invisible(text: str, chars: frozenset[str]) -> Iterator[tuple[str, int]]:
    for column, char in enumerate(text, 1):
        if char in chars:
            yield char, column


def _name(char: str) -> str:
    """A character's code point and name.

    >>> _name("\u202e"), _name("\x1b")
    ('U+202E RIGHT-TO-LEFT OVERRIDE', 'U+001B control character')
    """
    return f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}"


@message_check("bidi-control")
def bidi_control(m: Message) -> Iterator[Finding]:
    """No invisible bidi embeddings, overrides or isolates: the editions set direction."""
    allowed = set(m.english)
    for char, column in _invisible(m.translation, BIDI_CONTROLS):
        if char not in allowed:
            yield ERROR, f"invisible bidi control {_name(char)} at character {column}"


@message_check("zero-width")
def zero_width(m: Message) -> Iterator[Finding]:
    """No zero-width characters, except those the language's script writes with."""
    allowed = set(m.english)
    for char, column in _invisible(m.translation, ZERO_WIDTH):
        if char not in allowed and m.info.script not in ZERO_WIDTH_ALLOWED.get(char, set()):
            yield WARNING, f"invisible {_name(char)} at character {column}"


@message_check("control-character")
def control_character(m: Message) -> Iterator[Finding]:
    """No control or invisible format character (C0, C1, the soft hyphen...: see
    :data:`editions.catalog.HIDDEN`): the editions show each as U+FFFD."""
    seen = set()
    for match in HIDDEN.finditer(m.translation):
        if match[0] not in seen:
            seen.add(match[0])
            where = f"{_name(match[0])} at character {match.start() + 1}"
            yield ERROR, f"invisible {where}: the editions show it as {_name(REPLACEMENT)}"


@message_check("layout-placeholders")
def layout_placeholders(m: Message) -> Iterator[Finding]:
    """The point layout keeps ``{title}`` and ``{text}`` once each."""
    if m.kind != "point-layout":
        return
    for placeholder in PLACEHOLDERS:
        count = m.translation.count(placeholder)
        if count != 1:
            yield ERROR, f"{placeholder} must appear once, not {count} times"


_LETTER = re.compile(r"[^\W\d_]")


@message_check("same-as-source")
def same_as_source(m: Message) -> Iterator[Finding]:
    """A translation that is the English itself (names and numbers aside)."""
    if m.kind == "point-layout" or m.translation != m.english:
        return
    if _LETTER.search(markup(m.english).text):
        yield WARNING, f"the translation is the {m.original} text"


@message_check("glossary")
def glossary_terms(m: Message) -> Iterator[Finding]:
    """Each glossary term of the English in its approved translation, and no forbidden
    rendering of it (see :mod:`editions.glossary`), in the words of each: link addresses
    are not read."""
    if m.glossary is not None:
        english, translation = markup(m.english).text, markup(m.translation).text
        yield from m.glossary.findings(english, translation, m.info.code, m.info.script)


# -- The whole catalog ---------------------------------------------------------------------------


@dataclass
class Catalog:
    """A catalog being checked: its entries, its text for lines, its language and source."""

    po: polib.POFile
    text: str
    path: str  #: as shown in messages
    lang: str  #: the folder's name
    source: dict[str, Segment]  #: the source's segments by id
    info: LocaleInfo | None = None
    glossary: Glossary | None = None
    original: str = "English"  #: the source language's English name (see :class:`Message`)
    lines: list[str] = field(init=False)
    msgstr_lines: dict[str, list[int]] = field(init=False)
    msgctxt_lines: dict[str, list[int]] = field(init=False)

    def __post_init__(self) -> None:
        self.lines = self.text.split("\n")
        self.msgctxt_lines, self.msgstr_lines = _locate(self.lines)

    def line_of(self, keyword: str) -> int | None:
        """The first line that starts with ``keyword``."""
        for number, line in enumerate(self.lines, 1):
            if line.startswith(keyword):
                return number
        return None

    def entry_line(self, entry: polib.POEntry, nth: int = 0, msgstr: bool = True) -> int | None:
        table = self.msgstr_lines if msgstr else self.msgctxt_lines
        found = table.get(entry.msgctxt or "", [])
        return found[nth] if nth < len(found) else (entry.linenum or None)


_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _locate(lines: list[str]) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Where each active entry's ``msgctxt`` and ``msgstr`` start, by ``msgctxt``."""
    ctxt_lines: dict[str, list[int]] = {}
    str_lines: dict[str, list[int]] = {}
    current: str | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("msgctxt "):
            parts = _STRING.findall(line)
            start = index
            while index + 1 < len(lines) and lines[index + 1].startswith('"'):
                index += 1
                parts += _STRING.findall(lines[index])
            current = polib.unescape("".join(parts))
            ctxt_lines.setdefault(current, []).append(start + 1)
        elif line.startswith("msgstr") and current is not None:
            str_lines.setdefault(current, []).append(index + 1)
            current = None
        index += 1
    return ctxt_lines, str_lines


CatalogCheck = Callable[[Catalog], Iterator[Problem]]
CATALOG_CHECKS: list[tuple[str, CatalogCheck]] = []


def catalog_check(name: str) -> Callable[[CatalogCheck], CatalogCheck]:
    def register(fn: CatalogCheck) -> CatalogCheck:
        CATALOG_CHECKS.append((name, fn))
        return fn

    return register


def _problem(
    c: Catalog, line: int | None, severity: Severity, check: str, message: str, ctxt: str | None
) -> Problem:
    return Problem(c.path, line, severity, check, message, ctxt)


@catalog_check("header-language")
def header_language(c: Catalog) -> Iterator[Problem]:
    """The header's Language is the language of the folder."""
    name = "header-language"
    line = c.line_of('"Language:') or c.line_of("msgstr")
    value = c.po.metadata.get("Language")
    if c.info is None:
        yield _problem(c, line, ERROR, name, f"the folder '{c.lang}' is not a CLDR language", None)
    elif value is None:
        yield _problem(c, line, ERROR, name, f'no Language in the header: add "{c.lang}"', None)
    elif value != c.lang and not _same_language(value, c.lang):
        yield _problem(
            c,
            line,
            ERROR,
            name,
            f"Language is '{value}', but the catalog is in the folder '{c.lang}'",
            None,
        )


def _same_language(value: str, folder: str) -> bool:
    """Whether the header's ``value`` names the folder's language in another form
    (``zh_Hans`` in ``zh_CN``, ``he`` in ``iw``), as other tools write it."""
    try:
        return same_language(value, [folder]) is not None
    except EditionsError:
        return False


@catalog_check("header-plural-forms")
def header_plural_forms(c: Catalog) -> Iterator[Problem]:
    """The header has Plural-Forms that gettext can use (an error if not); a rule that
    differs from CLDR's, as other tools write for some languages, is a warning."""
    if c.info is None:
        return
    line = c.line_of('"Plural-Forms:') or c.line_of("msgstr")
    value = c.po.metadata.get("Plural-Forms")
    expected = c.info.plural_forms
    severity: Severity = ERROR
    if value is None:
        message = f"no Plural-Forms in the header: CLDR gives '{expected}'"
    elif (fault := plural_forms_fault(value)) is not None:
        message = f"Plural-Forms are '{value}': {fault}; CLDR gives '{expected}'"
    elif not c.info.cldr:  # a language CLDR lacks: no rule to compare with
        return
    elif (mismatch := plural_forms_mismatch(value, expected)) is not None:
        message = f"Plural-Forms are '{value}': {mismatch}; CLDR gives '{expected}'"
        severity = WARNING
    else:
        return
    yield _problem(c, line, severity, "header-plural-forms", message, None)


@catalog_check("header-charset")
def header_charset(c: Catalog) -> Iterator[Problem]:
    """The header says UTF-8, the encoding every catalog is read in."""
    value = c.po.metadata.get("Content-Type", "")
    match = re.search(r"charset=([\w.-]+)", value)
    if not match or match.group(1).upper().replace("_", "-") != "UTF-8":
        line = c.line_of('"Content-Type:') or c.line_of("msgstr")
        message = "the header must say 'Content-Type: text/plain; charset=UTF-8'"
        yield _problem(c, line, ERROR, "header-charset", message, None)


@catalog_check("unknown-context")
def unknown_context(c: Catalog) -> Iterator[Problem]:
    """Every message has a msgctxt that the source has."""
    seen: Counter[str] = Counter()
    for entry in c.po:
        if entry.obsolete:
            continue
        ctxt = entry.msgctxt or ""
        nth = seen[ctxt]
        seen[ctxt] += 1
        if entry.msgctxt is None:
            yield _problem(
                c,
                entry.linenum or None,
                ERROR,
                "unknown-context",
                "a message without msgctxt: the editions find messages by msgctxt",
                None,
            )
        elif ctxt not in c.source:
            yield _problem(
                c,
                c.entry_line(entry, nth, msgstr=False),
                ERROR,
                "unknown-context",
                f"msgctxt '{ctxt}' is not in the source (run 'editions update')",
                ctxt,
            )


@catalog_check("duplicate-context")
def duplicate_context(c: Catalog) -> Iterator[Problem]:
    """One message per msgctxt."""
    seen: Counter[str] = Counter()
    for entry in c.po:
        if entry.obsolete or entry.msgctxt is None:
            continue
        nth = seen[entry.msgctxt]
        seen[entry.msgctxt] += 1
        if nth:
            first = c.entry_line(entry, 0, msgstr=False)
            yield _problem(
                c,
                c.entry_line(entry, nth, msgstr=False),
                ERROR,
                "duplicate-context",
                f"msgctxt '{entry.msgctxt}' again (first at line {first})",
                entry.msgctxt,
            )


@catalog_check("missing")
def missing(c: Catalog) -> Iterator[Problem]:
    """Every message of the source is in the catalog."""
    have = {e.msgctxt for e in c.po if not e.obsolete}
    line = c.line_of("msgid")
    for ctxt in c.source:
        if ctxt not in have:
            yield _problem(
                c,
                line,
                WARNING,
                "missing",
                f"msgctxt '{ctxt}' of the source is not in the catalog (run 'editions update')",
                ctxt,
            )


@catalog_check("messages")
def messages(c: Catalog) -> Iterator[Problem]:
    """Each message: its state (untranslated, fuzzy, stale), then the message checks."""
    seen: Counter[str] = Counter()
    for entry in c.po:
        if entry.obsolete or entry.msgctxt is None:
            continue
        ctxt = entry.msgctxt
        nth = seen[ctxt]
        seen[ctxt] += 1
        segment = c.source.get(ctxt)
        line = c.entry_line(entry, nth)

        def found(severity: Severity, check: str, message: str, line: int | None = line) -> Problem:
            return _problem(c, line, severity, check, message, ctxt)  # noqa: B023 - used at once

        if segment is not None and entry.msgid != segment.text:
            yield found(
                WARNING,
                "stale",
                f"the {c.original} has changed since the last update (run 'editions update')",
            )
        if not entry.msgstr:
            yield found(WARNING, "untranslated", "not translated yet")
            continue
        if len(entry.msgstr) > MAX_MESSAGE:
            yield found(
                ERROR,
                "message-size",
                f"a translation of {len(entry.msgstr):,} characters: the editions use none "
                f"longer than {MAX_MESSAGE:,}",
            )
            continue
        if "fuzzy" in entry.flags:
            yield found(WARNING, "fuzzy", "fuzzy: the translation awaits review")
            continue
        if c.info is None:
            continue
        kind = segment.kind if segment else None
        message = Message(ctxt, entry.msgid, entry.msgstr, c.info, kind, c.glossary, c.original)
        for name, check in MESSAGE_CHECKS:
            for severity, text in check(message):
                yield found(severity, name, text)


def _info(lang: str) -> LocaleInfo | None:
    try:
        return locale_info(lang)
    except EditionsError:
        return None


def check_catalog(
    po: polib.POFile,
    text: str,
    path: str,
    lang: str,
    article: Article,
    glossary: Glossary | None = None,
    across: Consistency | None = None,
) -> list[Problem]:
    """Every problem of the catalog ``po`` (whose file reads ``text``) for ``article``;
    with ``across``, also what differs from the catalogs it was given before."""
    source = {s.id: s for s in article.segments()}
    catalog = Catalog(po, text, path, lang, source, _info(lang), glossary, original_name(article))
    problems = [problem for _, check in CATALOG_CHECKS for problem in check(catalog)]
    if across is not None:
        problems += across.add(catalog, article.doc)
    return problems


def original_name(article: Article) -> str:
    """The English name of the language ``article`` is written in, as findings call its
    text: "the English", "the French"."""
    info = _info(article.lang)
    return info.english_name if info is not None else article.lang


def check_file(
    path: str | os.PathLike[str],
    name: str,
    lang: str,
    article: Article,
    glossary: Glossary | None = None,
    across: Consistency | None = None,
) -> list[Problem]:
    """Every problem of the catalog at ``path`` (shown as ``name``), syntax errors included."""
    try:
        po = read_po(path, name=name)
    except EditionsError as exc:
        return [Problem(exc.path or name, exc.line, ERROR, "po-syntax", exc.message)]
    with open(path, "rb") as handle:
        text = handle.read().decode("utf-8", errors="replace")
    return check_catalog(po, text, name, lang, article, glossary, across)


# -- Across catalogs -----------------------------------------------------------------------------


class _Place(NamedTuple):
    name: str  #: the catalog, as messages show it
    line: int | None
    value: str | None  #: the translation, or the glossary form it uses (None: none)

    def __str__(self) -> str:
        return self.name if self.line is None else f"{self.name}:{self.line}"


class Consistency:
    """What differs between the catalogs of one language, given one at a time: the same
    English translated differently in two places, and a glossary term rendered by
    different forms (or outside the glossary) in two documents. Each is reported at the
    later place, naming the first. Only what is compared is kept, not the catalogs; a
    translation no edition uses (fuzzy, or longer than :data:`MAX_MESSAGE`) is not read."""

    def __init__(self, glossary: Glossary | None = None) -> None:
        self.glossary = glossary
        self.english: dict[tuple[str, str], _Place] = {}  #: (lang, English): first place
        self.terms: dict[tuple[str, str], tuple[str, _Place]] = {}  #: (lang, term): doc, place

    def add(self, c: Catalog, doc: str) -> list[Problem]:
        """What differs between the catalog ``c`` of document ``doc`` and those before it."""
        problems: list[Problem] = []
        seen: Counter[str] = Counter()
        for entry in c.po:
            if entry.obsolete or entry.msgctxt is None:
                continue
            line = c.entry_line(entry, seen[entry.msgctxt])
            seen[entry.msgctxt] += 1
            if not entry.msgstr or "fuzzy" in entry.flags or len(entry.msgstr) > MAX_MESSAGE:
                continue  # what no edition uses, and a message-size problem already
            here = _Place(c.path, line, entry.msgstr)
            first = self.english.setdefault((c.lang, entry.msgid), here)
            messages = []
            if first.value != here.value:
                messages.append(f"the same {c.original} is translated differently at {first}")
            if self.glossary is not None and c.info is not None:
                messages += self._term_forms(self.glossary, entry, c.info, doc, here)
            problems += (
                Problem(c.path, line, WARNING, "consistency", m, entry.msgctxt) for m in messages
            )
        return problems

    def _term_forms(
        self, glossary: Glossary, entry: polib.POEntry, info: LocaleInfo, doc: str, here: _Place
    ) -> Iterator[str]:
        """For each glossary term of the entry's English, what differs from the form the
        first document that has it gives it."""
        for term in glossary.terms_in(entry.msgid):
            rendering = term.rendering(info.code)
            if rendering is None or rendering.review:
                continue
            form = used_form(entry.msgstr, rendering, info.script)
            place = here._replace(value=form)
            first_doc, before = self.terms.setdefault((info.code, term.id), (doc, place))
            if first_doc == doc or (before.value == form and form is not None):
                continue
            if form is None and before.value is None:
                yield f"'{term.english}' is translated outside the glossary here and at {before}"
            else:
                said = f"'{form}'" if form is not None else "none of the glossary's forms"
                had = f"'{before.value}'" if before.value is not None else "none of them"
                yield f"'{term.english}' is translated with {said} here, with {had} at {before}"
