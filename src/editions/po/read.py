"""Read a PO or POT file strictly, into polib's model and a :class:`Layout`.

:func:`parse_po` (and :func:`read_po` for a file) hands back a ``polib.POFile`` of
``polib.POEntry`` objects, each with ``linenum``, the first line of its comments or
keywords; :func:`parse_po` also returns what the file looked like (:class:`Layout`),
which :mod:`editions.po.write` takes back to write the file the way it came. Anything
GNU gettext refuses, and a few things it takes silently, is an
:class:`~editions.errors.EditionsError` naming the file and the line: reading never
ends in a traceback.

The syntax accepted is GNU gettext's (``po-lex.c``, ``po-gram.y``), one domain:

- The file is UTF-8, with or without a byte order mark; lines end in LF or CRLF (the
  first line's ending is the file's). No NUL byte, no lone CR, no other charset in
  the header's ``Content-Type``: a catalog that declares another (as tools may write
  ``ISO-8859-1``) is refused at that line, whether or not its bytes are UTF-8.
- A line is blank, a comment, or keywords and strings. Spaces and tabs may lead,
  trail and separate them; ``#~`` opens every line of an obsolete entry, ``#|`` (or
  ``#~|``) the lines of the previous strings of a fuzzy entry.
- Comments are ``# translator``, ``#. extracted``, ``#: file:line`` references (in
  every spelling GNU reads, and Sun's ``# File: a.c, line: 5``), ``#,`` or ``#!``
  flags; they come before the keywords of their entry. Comments after the last
  entry belong to none and are dropped, as GNU drops them.
- An entry is ``#| msgctxt``, ``#| msgid``, ``#| msgid_plural`` (each optional),
  ``msgctxt`` (optional), ``msgid``, then ``msgstr``, or ``msgid_plural`` and
  ``msgstr[0]``, ``msgstr[1]``... in order. Each keyword is followed by one or more
  strings, on its line or the next ones, joined.
- A string is ``"..."`` on one line, with the C escapes ``\\n \\t \\b \\r \\f \\v \\a
  \\\\ \\"``, octal ``\\ooo`` and hexadecimal ``\\xhh`` bytes (the bytes of a string
  are UTF-8); no NUL, no EOT (U+0004, gettext's context separator).
- Two entries never share msgctxt and msgid, obsolete or not; ``domain`` is refused;
  a catalog holds a header or at least one entry.

A plural entry keeps every form, ``msgstr[n]``, in ``msgstr_plural``, and its
``msgstr`` is its ``msgstr[0]``: a document's English has no number, so the first
form is the translation the editions, ``check`` and ``stats`` read (``msgfmt`` too
tells a translated entry by its ``msgstr[0]``); the writer writes every form.

The entry whose msgid is empty, without msgctxt, is the header: its comment is
``po.header``, its ``Name: value`` lines ``po.metadata``, its fuzzy flag
``po.metadata_is_fuzzy``. What polib's model cannot hold is lost: the header's
flags other than ``fuzzy`` and its ``#.`` and ``#:`` lines.

A translator comment is ``tcomment``, its lines joined, each without its ``#`` and
the one space after it. Where GNU would write the lines otherwise (a lone ``#``,
which ``tcomment`` cannot tell from no comment; ``# `` with its space; ``#text``
without one), the entry also has ``tcomment_lines``, the lines as the file had
them after their ``#``, which the writer writes while ``tcomment`` is unchanged.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import polib

from editions.errors import EditionsError

__all__ = ["Layout", "parse_po", "read_po"]

BOM = "\ufeff"
_UTF8 = ("UTF-8", "UTF8")
_KEYWORDS = ("msgctxt", "msgid", "msgid_plural", "msgstr")
#: The order of an entry's keywords before its ``msgstr``.
_ORDER = ("#|msgctxt", "#|msgid", "#|msgid_plural", "msgctxt", "msgid", "msgid_plural")
#: (keyword, keyword before it) where the keyword begins the next entry: after a
#: ``msgstr``, or when it cannot follow the keyword before it in an entry.
_NEXT_ENTRY = {(k, "msgstr") for k in _ORDER} | {
    (k, before) for i, k in enumerate(_ORDER) for before in _ORDER[i:]
}
_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_ESCAPES.update({"\\": "\\", '"': '"'})

_STRING = r'"(?:[^"\\\n]++|\\.)*+"\n'
#: What the reader takes at once: blank lines, comment lines, or a keyword and its strings
#: laid out as GNU writes them (each string on a line of its own, after the prefix of the
#: first); else one line, which :meth:`_Reader.line` reads token by token.
_CHUNK = re.compile(
    r"(?P<blank>\n+)"
    r"|(?P<comments>(?:#(?![~|])[^\n]*\n)+)"
    r"|(?P<field>(?P<prefix>#~ |#~\| |#\| |)(?P<keyword>msgctxt|msgid_plural|msgid|msgstr)"
    rf"(?:\[(?P<index>[0-9]+)\])? {_STRING}(?:(?P=prefix){_STRING})*)"
    r"|(?P<line>[^\n]*\n)"
)
#: A token of any other line, after its prefix.
_TOKEN = re.compile(
    r"""[ \t\f\v]*+(?:
      "(?P<string>(?:[^"\\]|\\.)*)"
    | (?P<open>")
    | (?P<keyword>[A-Za-z_][A-Za-z0-9_]*)(?:[ \t\f\v]*\[[ \t\f\v]*(?P<index>[0-9]+)[ \t\f\v]*\])?
    | (?P<comment>\#.*)
    | (?P<other>.))""",
    re.X,
)
#: The charset a header's ``Content-Type`` declares, found in the bytes of a file that is
#: not UTF-8: its first line of that name, which the header has before any entry.
_CONTENT_TYPE = re.compile(rb'^[ \t]*"Content-Type:[^"\n]*charset=([A-Za-z0-9_.:-]+)', re.M)
_RAW_CONTROL = re.compile("[\a\b\t\v\f]")  # what GNU writes escaped, found raw
_ESCAPE = re.compile(r'\\(?:([ntbrfva\\"])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))', re.S)
_OTHER_ESCAPE = re.compile(r'\\[^ntbrfva\\"]')


@dataclass(frozen=True)
class Layout:
    """What a catalog file looked like, beyond its entries: a byte order mark, its line
    ending, its header's text as read, and the lines of each translation as the file
    had them, by ``(obsolete, wrapped, msgstr)`` (lines GNU could have written: each string on a
    line of its own, escaped as GNU escapes), so that a translation carried over keeps the
    lines a translator's editor gave it."""

    bom: bool = False
    newline: str = "\n"
    header: str | None = None
    translations: Mapping[tuple[bool, bool, str], tuple[str, ...]] = field(default_factory=dict)


def read_po(path: str | os.PathLike[str], name: str | None = None) -> polib.POFile:
    """The catalog at ``path``, or an error naming the file (as ``name``) and line."""
    path = os.fspath(path)
    shown = name or path
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise EditionsError(exc.strerror or str(exc), shown) from None
    po, _ = parse_po(data, shown)
    po.fpath = path
    return po


def parse_po(data: bytes, name: str = "<catalog>") -> tuple[polib.POFile, Layout]:
    """The catalog in ``data`` and its layout, or an error located at ``name:line``.

    >>> po, layout = parse_po(b'msgid "a"\\r\\nmsgstr "b"\\r\\n')
    >>> [(e.msgid, e.msgstr, e.linenum) for e in po], layout.newline
    ([('a', 'b', 1)], '\\r\\n')
    >>> parse_po(b'msgid "a\\nmsgstr ""\\n', "x.po")
    Traceback (most recent call last):
    editions.errors.EditionsError: x.po:1: error: unterminated string
    """
    return _Reader(name).parse(data)


class _Field:
    """A keyword and its strings, e.g. ``msgid "a" "b"``, as they are read."""

    __slots__ = ("keyword", "line", "plural", "obsolete", "previous", "texts", "lines", "raw")

    def __init__(
        self, keyword: str, line: int, plural: int | None, obsolete: bool, previous: bool
    ) -> None:
        self.keyword = keyword  # with "#|" before it for a previous string
        self.line = line
        self.plural = plural  # N of msgstr[N]
        self.obsolete = obsolete
        self.previous = previous
        self.texts: list[str] = []  # the text of each string
        self.lines: list[int] = []  # the line of each string
        self.raw: list[str] = []  # a msgstr's lines if GNU would write them so, else ""

    @property
    def text(self) -> str:
        return "".join(self.texts)


class _Reader:
    """One pass over a catalog: decode, read line by line, group into entries."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.po = polib.POFile(wrapwidth=79)
        self.header: str | None = None
        self.kept: dict[tuple[bool, bool, str], tuple[str, ...]] = {}
        self.seen: dict[tuple[str | None, str], int] = {}
        self.comments: list[tuple[int, str]] = []
        self.fields: list[_Field] = []
        self.found = False  # a header or an entry

    def error(self, message: str, line: int) -> EditionsError:
        return EditionsError(message, self.name, line)

    def charset_error(self, charset: str, line: int) -> EditionsError:
        """The error of a header whose ``Content-Type`` declares ``charset``, not UTF-8."""
        message = f"charset {charset}: catalogs must be UTF-8 (convert with 'msgconv -t UTF-8')"
        return self.error(message, line)

    def parse(self, data: bytes) -> tuple[polib.POFile, Layout]:
        text, bom, newline = self.decode(data)
        if not text.endswith("\n"):
            text += "\n"
        pos, number = 0, 1
        while pos < len(text):
            chunk = _CHUNK.match(text, pos)
            assert chunk is not None  # any line is a chunk
            kind = chunk.lastgroup
            if kind == "field":
                self.field(chunk, number)
            elif kind == "comments":
                if self.fields:
                    self.end()  # a comment after keywords begins the next entry
                lines = chunk.group().split("\n")[:-1]
                self.comments += ((number + i, line[1:]) for i, line in enumerate(lines))
            elif kind == "line":
                self.line(chunk.group()[:-1], number)
            number += chunk.group().count("\n")
            pos = chunk.end()
        self.end()
        if not self.found:
            raise self.error("empty catalog", 1)
        return self.po, Layout(bom, newline, self.header, self.kept)

    def field(self, chunk: re.Match[str], number: int) -> None:
        """A keyword and its strings, laid out as GNU writes them."""
        prefix, keyword, index, whole = chunk.group("prefix", "keyword", "index", "field")
        last = self.open_field(keyword, index, number, "~" in prefix, "|" in prefix)
        # A quote, a line end and a quote can only be where one string ends and the next begins.
        raw = whole[whole.index('"') + 1 : -2].split(f'"\n{prefix}"')
        pieces = raw
        if "\\" in whole or "\4" in whole:
            pieces = [self.unescape(piece, number + i) for i, piece in enumerate(raw)]
        last.texts += pieces
        last.lines += range(number, number + len(pieces))
        if keyword == "msgstr":  # its lines are kept if GNU would write its strings so
            escaped = pieces is raw or all(map(str.__eq__, map(escape, pieces), raw))
            gnu = escaped and _RAW_CONTROL.search(whole) is None
            last.raw += whole.split("\n")[:-1] if gnu else [""]

    def decode(self, data: bytes) -> tuple[str, bool, str]:
        """The text with LF line ends, whether it had a BOM, and its line ending."""
        bom = data.startswith(BOM.encode())
        if bom:
            data = data[3:]
        nul = data.find(b"\0")
        if nul >= 0:
            raise self.error("NUL byte: not a text file", data.count(b"\n", 0, nul) + 1)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            declared = _CONTENT_TYPE.search(data)
            if declared and declared[1].decode("ascii").upper() not in _UTF8:
                line = data.count(b"\n", 0, declared.start()) + 1
                raise self.charset_error(declared[1].decode("ascii"), line) from None
            line = data.count(b"\n", 0, exc.start) + 1
            message = f"invalid UTF-8 (byte 0x{data[exc.start]:02X}): catalogs are UTF-8"
            raise self.error(message, line) from None
        newline = "\r\n" if text.split("\n", 1)[0].endswith("\r") else "\n"
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            line = text.count("\n", 0, text.index("\r")) + 1
            raise self.error("carriage return without line feed: end lines with LF or CRLF", line)
        if text.startswith(BOM):
            raise self.error("two byte order marks", 1)
        return text, bom, newline

    # -- lines ---------------------------------------------------------------------

    def line(self, line: str, number: int) -> None:
        """A line not laid out as GNU writes lines: blank, a comment, or tokens."""
        rest = line.lstrip(" \t\f\v")
        obsolete = previous = False
        if rest.startswith("#~"):
            obsolete, rest = True, rest[2:]
            if rest.startswith("|"):
                previous, rest = True, rest[1:]
        elif rest.startswith("#|"):
            previous, rest = True, rest[2:]
        elif rest.startswith("#"):
            self.comment(rest[1:], number)
            return
        for token in _TOKEN.finditer(rest):
            kind = token.lastgroup
            if kind == "string":
                self.string(token["string"], number, obsolete, previous)
            elif kind == "keyword":
                self.keyword(token["keyword"], token["index"], number, obsolete, previous)
            elif kind == "comment" and obsolete and not previous:
                self.comment(token["comment"][1:], number)  # '#~ # ...', as GNU reads it
                return
            elif kind == "open":
                raise self.error("unterminated string", number)
            else:
                char = token["other"] or "#"
                raise self.error(
                    f"syntax error at {char!r}: expected a keyword or a string", number
                )

    def comment(self, comment: str, number: int) -> None:
        if self.fields:
            self.end()
        self.comments.append((number, comment))

    def keyword(
        self, keyword: str, index: str | None, number: int, obsolete: bool, previous: bool
    ) -> None:
        if keyword not in _KEYWORDS:
            if keyword == "domain":
                raise self.error("'domain' is not supported: one catalog, one domain", number)
            if keyword.startswith("msg"):
                raise self.error(f"unknown keyword '{keyword}'", number)
            raise self.error(f"syntax error at '{keyword}': expected a keyword or a string", number)
        if index is not None and keyword != "msgstr":
            raise self.error("syntax error at '[': expected a keyword or a string", number)
        self.open_field(keyword, index, number, obsolete, previous)

    def open_field(
        self, keyword: str, index: str | None, number: int, obsolete: bool, previous: bool
    ) -> _Field:
        """Begin a field, and the next entry if it cannot be this entry's."""
        name = "#|" + keyword if previous else keyword
        if self.fields:
            last = self.fields[-1]
            if not last.texts:
                raise self.error(f"'{last.keyword.removeprefix('#|')}' without a string", last.line)
            if (name, last.keyword) in _NEXT_ENTRY:
                self.end()
        field = _Field(name, number, None if index is None else int(index), obsolete, previous)
        self.fields.append(field)
        return field

    def string(self, raw: str, number: int, obsolete: bool, previous: bool) -> None:
        """A string of a line :meth:`line` reads: the field's lines are not GNU's."""
        last = self.fields[-1] if self.fields else None
        if last is None or last.obsolete != obsolete or last.previous != previous:
            raise self.error("a string without a keyword before it", number)
        last.texts.append(self.unescape(raw, number))
        last.lines.append(number)
        last.raw.append("")  # not a line GNU writes

    def unescape(self, raw: str, number: int) -> str:
        """The text of a string's ``raw`` text, its escapes replaced."""
        if "\\" not in raw:
            text = raw
        elif not _OTHER_ESCAPE.search(raw):
            text = _ESCAPE.sub(lambda match: _ESCAPES[match[1]], raw)
        else:
            text = self.unescape_bytes(raw, number)
        if "\4" in text:
            raise self.error("EOT character (U+0004) in a string: gettext reserves it", number)
        return text

    def unescape_bytes(self, raw: str, number: int) -> str:
        """:meth:`unescape` of a string with octal or hexadecimal escapes, which are bytes."""
        out = bytearray()
        pos = 0
        for match in _ESCAPE.finditer(raw):
            out += raw[pos : match.start()].encode()
            pos = match.end()
            simple, octal, hexadecimal, other = match.groups()
            if other is not None:
                raise self.error(f"invalid escape sequence '\\{other}'", number)
            if simple is not None:
                out += _ESCAPES[simple].encode()
            else:
                out.append(int(octal, 8) & 0xFF if octal else int(hexadecimal, 16) & 0xFF)
        out += raw[pos:].encode()
        if 0 in out:
            raise self.error("NUL character in a string", number)
        try:
            return out.decode("utf-8")
        except UnicodeDecodeError:
            raise self.error("invalid UTF-8 in an escape sequence", number) from None

    # -- entries -------------------------------------------------------------------

    def end(self) -> None:
        """The entry read so far, checked and added to the catalog."""
        fields, self.fields = self.fields, []
        if not fields:
            return  # comments before a first entry, or after the last: GNU drops these
        comments, self.comments = self.comments, []
        if not fields[-1].texts:
            raise self.error(
                f"'{fields[-1].keyword.removeprefix('#|')}' without a string", fields[-1].line
            )
        self.check(fields)
        line = comments[0][0] if comments else fields[0].line
        entry = _entry(fields, tuple(text for _, text in comments), line)
        key = (entry.msgctxt, entry.msgid)
        if key in self.seen:
            raise self.error(
                f"duplicate entry: the same msgctxt and msgid as the entry at line {self.seen[key]}",
                entry.linenum,
            )
        self.seen[key] = entry.linenum
        self.found = True
        self.keep(fields, wraps(entry.flags))
        if entry.msgid == "" and entry.msgctxt is None and not entry.obsolete:
            self.take_header(entry, fields)
        else:
            self.po.append(entry)

    def check(self, fields: list[_Field]) -> None:
        """Errors for an entry whose keywords are missing, misplaced or mixed."""
        first = fields[0]
        bad = next((f for f in fields if f.obsolete != first.obsolete), None)
        if bad is not None:
            raise self.error("inconsistent use of #~: mark every line of the entry", bad.line)
        names = [f.keyword for f in fields]
        if "msgid" not in names:
            raise self.error("missing 'msgid'", fields[-1].line)
        strs = [f for f in fields if f.keyword == "msgstr"]
        if not strs:
            plural = "[0]" if "msgid_plural" in names else ""
            raise self.error(f"missing 'msgstr{plural}'", fields[names.index("msgid")].line)
        if "msgid_plural" in names:
            for number, f in enumerate(strs):
                if f.plural != number:
                    found = "msgstr" if f.plural is None else f"msgstr[{f.plural}]"
                    raise self.error(f"expected 'msgstr[{number}]', found '{found}'", f.line)
        elif strs[0].plural is not None:
            raise self.error(f"'msgstr[{strs[0].plural}]' without 'msgid_plural'", strs[0].line)
        elif len(strs) > 1:
            raise self.error("a second 'msgstr'", strs[1].line)
        seen: set[str] = set()
        for f in fields:
            if f.keyword != "msgstr" and f.keyword in seen:
                raise self.error(f"a second '{f.keyword.replace('#|', '#| ')}'", f.line)
            seen.add(f.keyword)

    def keep(self, fields: list[_Field], wrap: bool) -> None:
        """Record the lines of a translation, if GNU would write each of its strings so."""
        last = fields[-1]
        if last.keyword == "msgstr" and last.plural is None and all(last.raw):
            self.kept.setdefault((last.obsolete, wrap, last.text), tuple(last.raw))

    def take_header(self, entry: polib.POEntry, fields: list[_Field]) -> None:
        """Take the header entry apart into polib's ``header`` and ``metadata``."""
        msgstr = next(f for f in fields if f.keyword == "msgstr")
        for line, piece in zip(msgstr.lines, msgstr.texts, strict=True):
            match = re.search(r"charset=([^\s;]*)", piece)
            if match and match.group(1).upper() not in _UTF8:
                raise self.charset_error(match.group(1), line)
        self.po.header = entry.tcomment
        self.po.metadata = parse_metadata(entry.msgstr)
        self.po.metadata_is_fuzzy = "fuzzy" in entry.flags
        self.header = entry.msgstr


def _entry(fields: list[_Field], comments: tuple[str, ...], line: int) -> polib.POEntry:
    """The entry of checked ``fields`` and comment lines (each after its ``#``), at ``line``."""
    kw: dict[str, str] = {}
    strs: list[str] = []
    for f in fields:
        if f.keyword == "msgstr":
            strs.append("".join(f.texts))
        else:
            kw[f.keyword] = "".join(f.texts)
    translator, extracted, occurrences, flags, lines = _comments(comments)
    plural = "msgid_plural" in kw
    entry = polib.POEntry(
        msgctxt=kw.get("msgctxt"),
        msgid=kw["msgid"],
        msgid_plural=kw.get("msgid_plural", ""),
        msgstr=strs[0],  # a plural entry's msgstr[0]: see the module's docstring
        msgstr_plural=dict(enumerate(strs)) if plural else {},
        obsolete=fields[0].obsolete,
        tcomment=translator,
        comment=extracted,
        occurrences=list(occurrences),
        flags=list(flags),
        previous_msgctxt=kw.get("#|msgctxt"),
        previous_msgid=kw.get("#|msgid"),
        previous_msgid_plural=kw.get("#|msgid_plural"),
        linenum=line,
    )
    if lines is not None:
        entry.tcomment_lines = lines
    return entry


C_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v"}
_ESCAPE_TABLE = str.maketrans(
    {char: "\\" + letter for char, letter in C_ESCAPES.items()} | {"\\": "\\\\", '"': '\\"'}
)


def escape(text: str) -> str:
    """``text`` escaped as GNU writes strings.

    >>> print(escape('a "b"\\n'))
    a \\"b\\"\\n
    """
    return text.translate(_ESCAPE_TABLE)


@functools.lru_cache(maxsize=1024)  # a document's comments, read again in each of its catalogs
def _comments(
    lines: tuple[str, ...],
) -> tuple[str, str, tuple[tuple[str, str], ...], tuple[str, ...], tuple[str, ...] | None]:
    """An entry's translator comment, extracted comment, references and flags, from its
    comment lines (each without its ``#``), as polib keeps them; and the translator
    comment's lines, if GNU would write them otherwise (see the module's docstring)."""
    raw: list[str] = []
    translator: list[str] = []
    extracted: list[str] = []
    occurrences: list[tuple[str, str]] = []
    flags: list[str] = []
    for comment in lines:
        kind = comment[:1]
        if kind == ".":
            extracted.append(comment[2:] if comment.startswith(". ") else comment[1:])
        elif kind == ":":
            occurrences += (ref for ref in parse_references(comment[1:]) if ref not in occurrences)
        elif kind in (",", "!"):
            flags += split_flags(comment[1:])
        elif (sun := _sun_reference(comment)) is not None:
            if sun not in occurrences:
                occurrences.append(sun)
        else:
            raw.append(comment)
            translator.append(translator_line(comment))
    text = "\n".join(translator)
    as_gnu = all(line == (" " + t if t else "") for line, t in zip(raw, translator, strict=True))
    kept = tuple(raw) if raw and not (text and as_gnu) else None  # a lone "#" is no text
    return text, "\n".join(extracted), tuple(occurrences), tuple(flags), kept


def translator_line(comment: str) -> str:
    """A line of the translator comment, from a comment line after its ``#``.

    >>> translator_line(" Check the name."), translator_line(" "), translator_line("")
    ('Check the name.', '', '')
    """
    return comment[1:] if comment.startswith(" ") else comment


def wraps(flags: list[str]) -> bool:
    """Whether an entry's strings are wrapped: the last of its ``wrap`` and ``no-wrap``
    flags says, and wrapped without either.

    >>> wraps(["fuzzy"]), wraps(["no-wrap"]), wraps(["no-wrap", "wrap"])
    (True, False, True)
    """
    return next((flag == "wrap" for flag in reversed(flags) if flag in ("wrap", "no-wrap")), True)


def parse_metadata(text: str) -> dict[str, str]:
    """The header's ``Name: value`` lines, as polib reads them.

    >>> parse_metadata("Language: fr\\nPlural-Forms: nplurals=2; plural=(n > 1);\\n")
    {'Language': 'fr', 'Plural-Forms': 'nplurals=2; plural=(n > 1);'}
    """
    metadata: dict[str, str] = {}
    key = None
    for line in text.split("\n"):
        if not line:
            continue
        name, colon, value = line.partition(":")
        if colon:
            key = name
            metadata[key] = value.strip()
        elif key is not None:
            metadata[key] += "\n" + line.strip()
    return metadata


def split_flags(text: str) -> list[str]:
    """The flags of a ``#,`` line, split as GNU does; ``range:`` keeps its value.

    >>> split_flags(" fuzzy, python-brace-format range: 1..3")
    ['fuzzy', 'python-brace-format', 'range: 1..3']
    """
    flags: list[str] = []
    tokens = iter(t for t in re.split(r"[\s,]+", text) if t)
    for token in tokens:
        if token == "range:":
            token = f"range: {next(tokens, '')}".rstrip()
        flags.append(token)
    return flags


_WORD = re.compile(r"[^ \t\n]+")
_COLON_NUMBER = re.compile(r"[ \t\n]*:[ \t\n]*([0-9]+)(?![^ \t\n])")
_NUMBER = re.compile(r"[ \t\n]*([0-9]+)(?![^ \t\n])")


def parse_references(text: str) -> list[tuple[str, str]]:
    """The ``file:line`` references of a ``#:`` line, read as gettext 0.21 reads them:
    ``file:12``, ``file :12``, ``file : 12``, ``file: 12``, or a file without a line.

    >>> parse_references(" a.md:5 b.md c.md : 7 d:1:2 e.md: 08")
    [('a.md', '5'), ('b.md', ''), ('c.md', '7'), ('d:1', '2'), ('e.md', '8')]
    """
    refs: list[tuple[str, str]] = []
    pos = 0
    while (word := _WORD.search(text, pos)) is not None:
        start, pos = word.span()
        number, end = _COLON_NUMBER.match(text, pos), pos
        if number is None and text[pos - 1] == ":":
            number, end = _NUMBER.match(text, pos), pos - 1
        if number is not None:
            refs.append((text[start:end], str(int(number[1]))))
            pos = number.end()
            continue
        name, colon, line = word.group().rpartition(":")
        if colon and name and line.isdigit() and line.isascii():
            refs.append((name, str(int(line))))
        else:
            refs.append((word.group(), ""))
    return refs


def _sun_reference(comment: str) -> tuple[str, str] | None:
    """A Sun-style reference comment, ``# File: a.c, line: 5``, which GNU also reads.

    >>> _sun_reference(" File: a.c, line number:5")
    ('a.c', '5')
    """
    match = re.fullmatch(
        r" [Ff]ile:[ \t]*(.*?)[ \t]*,[ \t]*line[ \t]*(?:number[ \t]*)?:([0-9]+)[ \t\n]*", comment
    )
    return (match.group(1), str(int(match.group(2)))) if match else None
