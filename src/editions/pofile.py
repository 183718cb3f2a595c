"""PO and POT files: read strictly, written byte for byte as GNU gettext writes them.

Reading. :func:`read_po` (and :func:`parse_po` for bytes) follows the syntax GNU
gettext's ``po-lex.c`` and ``po-gram.y`` accept, and hands back polib's model: a
``POFile`` of ``POEntry`` objects, each with ``linenum``, the first line of its
comments or keywords. Anything GNU would refuse, and a few things it takes
silently (a NUL byte, a lone CR, a charset other than UTF-8, a file with no
entry), is an :class:`~editions.errors.EditionsError` naming the file and the
line; reading never ends in a traceback. A UTF-8 byte order mark and CRLF line
endings are accepted and recorded on the catalog (``po.bom``, ``po.newline``)
so that :func:`format_po` writes the file back the way it came. A catalog laid
out as GNU writes it is read by one regular expression, entry by entry
(:func:`_parse_laid_out`); any other text, and every error, goes through the
token by token reader (:class:`_Parser`), which reads everything the same way.

Writing. :func:`generate_po` yields the lines GNU ``msgcat`` (default options,
page width 79) writes for the catalog, following ``write-po.c`` of gettext 0.21;
:func:`format_po` joins them. The catalog's order is kept, except that obsolete
entries go last, as GNU writes them. What msgcat normalises, this does too:
comments before references before flags, flags in GNU's order (unknown flags
dropped, ``fuzzy`` only on a translated entry, no ``range`` on an obsolete one),
references without ``./`` and without repeats, obsolete entries without a
translation dropped. :func:`format_changed` formats a catalog updated from
another once, and tells whether its text changed; entries are kept by content
across calls, so the English of a document is wrapped once for all its
languages, and a translation carried over keeps the lines it had in the file
read (the reader's fast path records them in ``po.msgstr_lines``): update does
not wrap a translator's text again.

Wrapping. GNU breaks long strings where Unicode line breaking (UAX #14, as
libunistring 1.0 implements it) allows and counts columns as a terminal does
(East Asian wide characters take two). :func:`_width_breaks` and
:func:`_possible_breaks` are that algorithm; the tables at the end of the module
are libunistring 1.0's (Unicode 14.0). :func:`_breaks` finds the same breaks
faster: a string that fits is not looked at, and in text of ordinary classes
each line's break is found by looking back from where it would overflow.
``tests/test_pofile.py`` checks the algorithm against the installed library,
the fast paths against it, and the whole writer against ``msgcat``.

Where this differs from GNU, on purpose or not:

- several ``#,`` lines add up (GNU keeps only the last); a header that is not
  first is still the header, and is written first (polib keeps it apart);
- a catalog with a header and no entry is written (msgcat writes nothing
  unless given ``--force-po``);
- what polib's model cannot hold is lost on reading: the header's flags other
  than ``fuzzy`` and its ``#.`` and ``#:`` lines, and a translator comment that
  is a single empty ``#`` line;
- a string holding NUL or EOT (U+0004) cannot be written (``ValueError``):
  GNU cannot read it back;
- GNU keeps lines from breaking inside the format directives of an entry's
  format flag. Python brace directives (``python-brace-format``, the flag our
  templates use) are handled as gettext 0.21 does it; directives of other
  formats are not located, so a break opportunity inside one (only a space
  can make one, as in the C directive ``% d``) may be taken where GNU's is not.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

import polib

from editions.errors import EditionsError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "FORMAT_LANGUAGES",
    "PAGE_WIDTH",
    "format_changed",
    "format_po",
    "generate_po",
    "parse_po",
    "read_po",
]

PAGE_WIDTH = 79

#: The format flags gettext 0.21 knows (``<language>-format``), in the order it writes them.
FORMAT_LANGUAGES = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "sh", "awk", "lua", "object-pascal", "smalltalk",
    "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace", "php",
    "gcc-internal", "gfc-internal", "ycp",
)  # fmt: skip

BOM = "\ufeff"


# ============================================================================
# Reading
# ============================================================================


def read_po(path: str | os.PathLike[str], name: str | None = None) -> polib.POFile:
    """Read a PO or POT file, or raise an error naming the file (as ``name``) and line."""
    path = os.fspath(path)
    shown = name or path
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise EditionsError(exc.strerror or str(exc), shown) from None
    po = parse_po(data, shown)
    po.fpath = path
    return po


def parse_po(data: bytes, name: str = "<catalog>") -> polib.POFile:
    """The catalog in ``data``, or an error located at ``name:line``.

    >>> po = parse_po(b'msgid "a"\\nmsgstr "b"\\n')
    >>> [(e.msgid, e.msgstr, e.linenum) for e in po]
    [('a', 'b', 1)]
    >>> parse_po(b'msgid "a\\nmsgstr ""\\n', "x.po")
    Traceback (most recent call last):
    editions.errors.EditionsError: x.po:1: error: unterminated string
    """
    return _Parser(name).parse(data)


_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_ESCAPES.update({"\\": "\\", '"': '"'})
_KEYWORDS = ("domain", "msgctxt", "msgid", "msgid_plural", "msgstr")
#: A string on one line, escapes whole. Possessive: nothing in a string can end it but
#: its closing quote, so there is nothing to try again, and the reader's pattern, which
#: has it 32 times, compiles in 2.6 ms instead of 3.5 (matching as fast).
_STRING_TEXT = r'"(?:[^"\\\n]++|\\.)*+"'


class _ReaderPatterns:
    """The reader's regular expressions, compiled by :func:`_reading` when a process
    first reads a catalog: commands that only write catalogs, such as ``extract``,
    have no use for them (compiling them took 4 of the 137 million instructions of a
    one-document ``editions extract``, counted by valgrind)."""

    def __init__(self) -> None:
        self.layout = _layout()
        self.string = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')
        self.plural_form = re.compile(
            rf"(?:#~ )?msgstr\[([0-9]+)\] ({_STRING_TEXT}\n(?:(?:#~ )?{_STRING_TEXT}\n)*)"
        )
        self.other_escape = re.compile(r'\\[^ntbrfva\\"]')
        self.charset = re.compile(r"charset=([^\s;]*)")
        self.simple_references = re.compile(r"(?: [^\s:]+:[0-9]+)+")  # " file:line file:line"
        self.simple_reference = re.compile(r"([^\s:]+):([0-9]+)")
        # the token by token reader's
        self.keyword = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
        self.plural_index = re.compile(r"\s*\[\s*([0-9]+)\s*\]")
        self.digits = re.compile(r"[0-9]+")


@functools.cache
def _reading() -> _ReaderPatterns:
    return _ReaderPatterns()


def _layout() -> re.Pattern[str]:
    """Entries laid out as GNU writes them (the fast path of the reader).

    Each match is one entry, and its groups: the whole entry, its comments
    (lines of ``#``, ``#.``, ``#:``, ``#,``...), then the raw strings (``"a"\\n"b"\\n``)
    of a live entry: ``#| msgctxt``, ``#| msgid``, ``#| msgid_plural``,
    ``msgctxt``, ``msgid``, ``msgid_plural``, all the ``msgstr[N]`` lines,
    ``msgstr``; then the same of an obsolete entry (``#~`` lines). Each keyword
    and string is on its own line; blank lines may follow.
    """
    string = _STRING_TEXT + r"\n"

    def fields(main: str, prev: str) -> str:
        def field(prefix: str, keyword: str) -> str:
            lead = re.escape(prefix)
            return f"{lead}{re.escape(keyword)} ({string}(?:{lead}{string})*)"

        plural = rf"{re.escape(main)}msgstr\[[0-9]+\] {string}(?:{re.escape(main)}{string})*"
        return (
            f"(?:{field(prev, 'msgctxt')})?"
            + f"(?:{field(prev, 'msgid')})?"
            + f"(?:{field(prev, 'msgid_plural')})?"
            + f"(?:{field(main, 'msgctxt')})?"
            + field(main, "msgid")
            + f"(?:{field(main, 'msgid_plural')}((?:{plural})+)|{field(main, 'msgstr')})"
        )

    return re.compile(
        "("  # the whole entry
        + r"((?:#(?![~|])[^\n]*\n)*)"  # its comments
        + f"(?:{fields('', '#| ')}|{fields('#~ ', '#~| ')})"
        + r"\n*)"
    )


_UNESCAPES = [("\\" + letter, char) for letter, char in _ESCAPES.items() if letter != "\\"]


class _Token(NamedTuple):
    kind: str  # "comment", "keyword" or "string"
    value: str  # the comment after '#', the keyword, or the string's text
    line: int
    obsolete: bool = False  # on a '#~' line
    previous: bool = False  # on a '#|' or '#~|' line
    plural: int | None = None  # N of msgstr[N]


class _Field(NamedTuple):
    """A keyword and its strings, e.g. ``msgid "a" "b"``."""

    keyword: str
    line: int
    plural: int | None  # N of msgstr[N]
    obsolete: bool
    pieces: list[tuple[int, str]]  #: (line, text) of each string, added as they are read

    @property
    def text(self) -> str:
        return "".join(text for _, text in self.pieces)


class _Parser:
    """One pass over a catalog's bytes: decode, lex into tokens, group into entries."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.patterns = _reading()

    def error(self, message: str, line: int) -> EditionsError:
        return EditionsError(message, self.name, line)

    # -- bytes to text ---------------------------------------------------

    def decode(self, data: bytes) -> tuple[str, bool, str]:
        """The text with LF line ends, whether it had a BOM, and its line ending.

        The line ending is the first line's: a file that mixes CRLF and LF is
        read, and written back with the first line's ending throughout.
        """
        bom = data.startswith(BOM.encode())
        if bom:
            data = data[3:]
        if data.find(b"\0") >= 0:
            raise self.error(
                "NUL byte: not a text file", data.count(b"\n", 0, data.find(b"\0")) + 1
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = data[exc.start]
            line = data.count(b"\n", 0, exc.start) + 1
            raise self.error(
                f"invalid UTF-8 (byte 0x{bad:02X}): catalogs are UTF-8", line
            ) from None
        newline = "\r\n" if text.split("\n", 1)[0].endswith("\r") else "\n"
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            line = text.count("\n", 0, text.index("\r")) + 1
            raise self.error("carriage return without line feed: end lines with LF or CRLF", line)
        if text.startswith(BOM):
            raise self.error("two byte order marks", 1)
        return text, bom, newline

    # -- text to tokens ----------------------------------------------------

    def tokens(self, text: str) -> Iterator[_Token]:
        for number, line in enumerate(text.split("\n"), 1):
            rest = line.lstrip(" \t\f\v")
            if not rest:
                continue
            obsolete = previous = False
            if rest.startswith("#~"):
                obsolete, rest = True, rest[2:]
                if rest.startswith("|"):
                    previous, rest = True, rest[1:]
            elif rest.startswith("#|"):
                previous, rest = True, rest[2:]
            elif rest.startswith("#"):
                yield _Token("comment", rest[1:], number)
                continue
            yield from self.line_tokens(rest, number, obsolete, previous)

    def line_tokens(
        self, rest: str, number: int, obsolete: bool, previous: bool
    ) -> Iterator[_Token]:
        pos = 0
        while True:
            while pos < len(rest) and rest[pos] in " \t\f\v":
                pos += 1
            if pos == len(rest):
                return
            char = rest[pos]
            if char == '"':
                value, pos = self.string(rest, pos + 1, number)
                yield _Token("string", value, number, obsolete, previous)
                continue
            if char == "#" and obsolete and not previous:
                yield _Token("comment", rest[pos + 1 :], number)  # '#~ # ...', as GNU reads it
                return
            word = self.patterns.keyword.match(rest, pos)
            if word is None:
                raise self.error(
                    f"syntax error at {char!r}: expected a keyword or a string", number
                )
            keyword, pos = word.group(), word.end()
            if keyword not in _KEYWORDS:
                if keyword.startswith("msg"):
                    raise self.error(f"unknown keyword '{keyword}'", number)
                raise self.error(
                    f"syntax error at '{keyword}': expected a keyword or a string", number
                )
            index = None
            if keyword == "msgstr":
                bracket = self.patterns.plural_index.match(rest, pos)
                if bracket:
                    index, pos = int(bracket.group(1)), bracket.end()
            yield _Token("keyword", keyword, number, obsolete, previous, index)

    def string(self, rest: str, pos: int, number: int) -> tuple[str, int]:
        """The text of the string starting after the quote at ``pos - 1``, and where it ends."""
        out = bytearray()
        while True:
            end = pos
            while end < len(rest) and rest[end] not in '"\\':
                end += 1
            out += rest[pos:end].encode()
            if end == len(rest):
                raise self.error("unterminated string", number)
            if rest[end] == '"':
                pos = end + 1
                break
            if end + 1 == len(rest):
                raise self.error("unterminated string", number)
            char = rest[end + 1]
            pos = end + 2
            if char in _ESCAPES:
                out += _ESCAPES[char].encode()
            elif char in "01234567":
                digits = re.match(r"[0-7]{1,3}", rest[end + 1 :])
                assert digits is not None
                out.append(int(digits.group(), 8) & 0xFF)
                pos = end + 1 + len(digits.group())
            elif char == "x" and re.match(r"[0-9A-Fa-f]", rest[pos : pos + 1]):
                digits = re.match(r"[0-9A-Fa-f]+", rest[pos:])
                assert digits is not None
                out.append(int(digits.group(), 16) & 0xFF)
                pos += len(digits.group())
            else:
                raise self.error(f"invalid escape sequence '\\{char}'", number)
        if 0 in out:
            raise self.error("NUL character in a string", number)
        if 4 in out:
            raise self.error("EOT character (U+0004) in a string: gettext reserves it", number)
        try:
            return out.decode("utf-8"), pos
        except UnicodeDecodeError:
            raise self.error("invalid UTF-8 in an escape sequence", number) from None

    # -- tokens to entries -------------------------------------------------

    def parse(self, data: bytes) -> polib.POFile:
        text, bom, newline = self.decode(data)
        po = _parse_laid_out(text)
        if po is None:
            po = self.parse_text(text)
        po.bom, po.newline = bom, newline
        return po

    def parse_text(self, text: str) -> polib.POFile:
        """The catalog in ``text``, read token by token: any input, any error."""
        tokens = list(self.tokens(text))
        po = polib.POFile(wrapwidth=PAGE_WIDTH)
        po.metadata_text = None
        seen: dict[tuple[str | None, str], int] = {}
        header_seen = False
        pos = 0
        while pos < len(tokens):
            comments: list[_Token] = []
            while pos < len(tokens) and tokens[pos].kind == "comment":
                comments.append(tokens[pos])
                pos += 1
            if pos == len(tokens):
                break  # comments after the last entry belong to none: GNU drops them too
            fields, pos = self.fields(tokens, pos)
            entry = self.entry(comments, fields)
            key = (entry.msgctxt, entry.msgid)
            if key in seen:
                raise self.error(
                    f"duplicate entry: the same msgctxt and msgid as the entry at line {seen[key]}",
                    entry.linenum,
                )
            seen[key] = entry.linenum
            if entry.msgid == "" and entry.msgctxt is None and not entry.obsolete:
                header_seen = True
                self.header(po, entry, fields)
            else:
                po.append(entry)
        if not header_seen and not po:
            raise self.error("empty catalog", 1)
        return po

    def fields(self, tokens: Sequence[_Token], pos: int) -> tuple[list[_Field], int]:
        """The keywords of one entry and their strings, checked for order."""
        fields: list[_Field] = []
        while pos < len(tokens) and tokens[pos].kind != "comment":
            token = tokens[pos]
            if token.kind == "string":
                if not fields or fields[-1].obsolete != token.obsolete:
                    raise self.error("a string without a keyword before it", token.line)
                if token.previous != fields[-1].keyword.startswith("#|"):
                    raise self.error("a string without a keyword before it", token.line)
                fields[-1].pieces.append((token.line, token.value))
                pos += 1
                continue
            if token.value == "domain":
                raise self.error("'domain' is not supported: one catalog, one domain", token.line)
            keyword = ("#|" if token.previous else "") + token.value
            if self.starts_entry(keyword, fields):
                break
            fields.append(_Field(keyword, token.line, token.plural, token.obsolete, []))
            pos += 1
            if pos == len(tokens) or tokens[pos].kind != "string":
                raise self.error(f"'{token.value}' without a string", token.line)
        self.check(fields)
        return fields, pos

    @staticmethod
    def starts_entry(keyword: str, fields: list[_Field]) -> bool:
        """Whether ``keyword`` begins the next entry rather than continuing this one."""
        order = ["#|msgctxt", "#|msgid", "#|msgid_plural", "msgctxt", "msgid", "msgid_plural"]
        if not fields or keyword == "msgstr":
            return False
        last = fields[-1].keyword
        if last == "msgstr":
            return True
        if keyword in order and last in order:
            return order.index(keyword) <= order.index(last)
        return False

    def check(self, fields: list[_Field]) -> None:
        """Errors for an entry whose keywords are missing, misplaced or mixed."""
        first = fields[0]
        if any(f.obsolete != first.obsolete for f in fields):
            bad = next(f for f in fields if f.obsolete != first.obsolete)
            raise self.error("inconsistent use of #~: mark every line of the entry", bad.line)
        names = [f.keyword for f in fields]
        if "msgid" not in names:
            raise self.error("missing 'msgid'", fields[-1].line)
        msgid = fields[names.index("msgid")]
        if names.count("msgstr") == 0:
            plural = "msgid_plural" in names
            raise self.error(f"missing 'msgstr{'[0]' if plural else ''}'", msgid.line)
        strs = [f for f in fields if f.keyword == "msgstr"]
        if "msgid_plural" in names:
            for number, f in enumerate(strs):
                if f.plural != number:
                    found = "msgstr" if f.plural is None else f"msgstr[{f.plural}]"
                    raise self.error(f"expected 'msgstr[{number}]', found '{found}'", f.line)
        else:
            if strs[0].plural is not None:
                raise self.error(f"'msgstr[{strs[0].plural}]' without 'msgid_plural'", strs[0].line)
            if len(strs) > 1:
                raise self.error("a second 'msgstr'", strs[1].line)
        seen: set[str] = set()
        for f in fields:
            if f.keyword != "msgstr" and f.keyword in seen:
                raise self.error(f"a second '{_shown(f.keyword)}'", f.line)
            seen.add(f.keyword)

    def entry(self, comments: list[_Token], fields: list[_Field]) -> polib.POEntry:
        kw = {f.keyword: f.text for f in fields if f.keyword != "msgstr"}
        return _entry(
            kw.get("msgctxt"),
            kw["msgid"],
            kw.get("msgid_plural"),
            [f.text for f in fields if f.keyword == "msgstr"],
            (kw.get("#|msgctxt"), kw.get("#|msgid"), kw.get("#|msgid_plural")),
            _comments(["#" + c.value for c in comments]),
            fields[0].obsolete,
            comments[0].line if comments else fields[0].line,
        )

    def header(self, po: polib.POFile, entry: polib.POEntry, fields: list[_Field]) -> None:
        """Take the header entry apart into polib's ``header`` and ``metadata``."""
        msgstr = next(f for f in fields if f.keyword == "msgstr")
        for line, piece in msgstr.pieces:
            match = re.search(r"charset=([^\s;]*)", piece)
            if match and match.group(1).upper() not in _UTF8:
                raise self.error(
                    f"charset {match.group(1)}: catalogs must be UTF-8 "
                    "(convert with 'msgconv -t UTF-8')",
                    line,
                )
        po.header = entry.tcomment
        po.metadata = _parse_metadata(entry.msgstr)
        po.metadata_text = entry.msgstr
        po.metadata_is_fuzzy = "fuzzy" in entry.flags


def _parse_laid_out(text: str) -> polib.POFile | None:
    """The catalog in ``text`` if it is laid out as GNU writes catalogs, else None.

    The fast path of :class:`_Parser`: entries are matched whole by a regular
    expression, and whatever it does not take (other spacing, several strings
    on a line, octal escapes, anything wrong) is left to the token by token
    reader, which gives the same catalog or the error.
    """
    if "\4" in text:
        return None
    if not text.endswith("\n"):
        text += "\n"
    start = len(text) - len(text.lstrip("\n"))  # blank lines before the first entry
    line = start + 1
    po = polib.POFile(wrapwidth=PAGE_WIDTH)
    po.metadata_text = None
    seen: set[tuple[str | None, str]] = set()
    header_seen = False
    entries: list[polib.POEntry] = []
    kept: dict[tuple[bool, str], str] = {}  # (obsolete, msgstr): its strings as read
    patterns = _reading()
    strings = patterns.string.findall
    covered = start
    for (
        whole, comments, prev_ctxt, prev_id, prev_plural, ctxt, msgid, msgid_plural, plural,
        msgstr, *obsolete_fields,
    ) in patterns.layout.findall(text, start):  # fmt: skip
        obsolete = not msgid  # no live msgid: the obsolete groups hold the entry
        if obsolete:
            prev_ctxt, prev_id, prev_plural, ctxt, msgid, msgid_plural, plural, msgstr = (
                obsolete_fields
            )
        prev_joint, joint = _JOINTS[obsolete]
        try:
            msgid = _field(msgid, joint)
            ctxt = _field(ctxt, joint) if ctxt else None
            if prev_ctxt or prev_id or prev_plural:
                prev_ctxt = _field(prev_ctxt, prev_joint) if prev_ctxt else None
                prev_id = _field(prev_id, prev_joint) if prev_id else None
                prev_plural = _field(prev_plural, prev_joint) if prev_plural else None
            else:
                prev_ctxt = prev_id = prev_plural = None
            if not plural:
                strs = [_field(msgstr, joint)]
                msgid_plural = None
                kept.setdefault((obsolete, strs[0]), msgstr)
            else:
                msgid_plural = _field(msgid_plural, joint)
                strs = []
                at = 0
                for form in patterns.plural_form.finditer(plural):
                    value = _unescape("".join(strings(form.group(2))))
                    if form.start() != at or int(form.group(1)) != len(strs) or value is None:
                        return None
                    strs.append(value)
                    at = form.end()
                if at != len(plural):
                    return None
        except _Unreadable:
            return None
        entry = _entry(
            ctxt,
            msgid,
            msgid_plural,
            strs,
            (prev_ctxt, prev_id, prev_plural),
            _comment_block(comments) if comments else _NO_COMMENTS,
            obsolete,
            line,
        )
        key = (ctxt, msgid)
        if key in seen:
            return None
        seen.add(key)
        if msgid == "" and ctxt is None and not obsolete:
            for piece in strings(msgstr):
                charset = patterns.charset.search(_unescape(piece) or "")
                if charset and charset.group(1).upper() not in _UTF8:
                    return None
            header_seen = True
            po.header = entry.tcomment
            po.metadata = _parse_metadata(entry.msgstr)
            po.metadata_text = entry.msgstr
            po.metadata_is_fuzzy = "fuzzy" in entry.flags
        else:
            entries.append(entry)
        line += whole.count("\n")
        covered += len(whole)
    if covered != len(text) or not (header_seen or entries):
        return None  # something the entries do not cover
    list.extend(po, entries)  # polib's append checks nothing here: it is not asked to
    po.msgstr_lines = kept
    return po


_UTF8 = ("UTF-8", "UTF8")
#: What joins two strings of a field in :func:`_layout`, for ``#|`` fields and
#: the others, of a live entry and of an obsolete one.
_JOINTS = {False: ('"\n#| "', '"\n"'), True: ('"\n#~| "', '"\n#~ "')}


class _Unreadable(Exception):
    """A string the fast path of the reader leaves to the token reader."""


def _field(raw: str, joint: str) -> str:
    """The text of a field's strings as :func:`_layout` matched them (``"a"\\n"b"\\n``),
    their lines joined by ``joint``.

    A closing quote, a line end and an opening quote can only be where one
    string ends and the next begins.
    """
    value = raw[1:-2].replace(joint, "")
    if "\\" in value and (value := _unescape(value)) is None:  # type: ignore[assignment]
        raise _Unreadable
    return value


def _unescape(text: str) -> str | None:
    r"""``text`` with its C escapes replaced, or None if it has others (octal, hex, invalid).

    >>> _unescape(r'a\\n\"b\n'), _unescape(r"\x41")
    ('a\\n"b\n', None)
    """
    if "\\" not in text:
        return text
    plain = text.replace("\\\\", "\0")  # NUL: never in a catalog's text
    if _reading().other_escape.search(plain):
        return None
    for escape, char in _UNESCAPES:
        if escape in plain:
            plain = plain.replace(escape, char)
    return plain.replace("\0", "\\")


def _entry(
    msgctxt: str | None,
    msgid: str,
    msgid_plural: str | None,
    strs: list[str],
    previous: tuple[str | None, str | None, str | None],
    comments: _Comments,
    obsolete: bool,
    linenum: int,
) -> polib.POEntry:
    """The entry of these keywords, ``msgstr`` strings ``strs``, ``#|`` ``previous``
    (``msgctxt``, ``msgid``, ``msgid_plural``) and :func:`_comments`."""
    translator, extracted, occurrences, flags = comments
    plural = msgid_plural is not None
    return _new_entry(
        {
            "msgid": msgid,
            "msgstr": "" if plural else strs[0],
            "msgid_plural": msgid_plural or "",
            "msgstr_plural": dict(enumerate(strs)) if plural else {},
            "msgctxt": msgctxt,
            "obsolete": obsolete,
            "encoding": polib.default_encoding,
            "comment": extracted,
            "tcomment": translator,
            "occurrences": list(occurrences),
            "flags": list(flags),
            "previous_msgctxt": previous[0],
            "previous_msgid": previous[1],
            "previous_msgid_plural": previous[2],
            "linenum": linenum,
        }
    )


#: An entry's translator comment, extracted comment, references and flags.
_Comments = tuple[str, str, tuple[tuple[str, str], ...], tuple[str, ...]]
_NO_COMMENTS: _Comments = ("", "", (), ())

#: Entries each cache of what recurs across catalogs keeps. What recurs is a
#: document's English, in every language, and update does a document's catalogs one
#: after another: this is the English of tens of documents. A bound that is reached
#: whatever the number of languages keeps a process's memory the same: at 4,096, the
#: caches of an update of 100 documents filled further with 30 languages than with 10
#: (+1 MB a worker process), for no gain in time.
_RECURRING = 1024


@functools.lru_cache(maxsize=_RECURRING)  # the same comments come back in every language
def _comment_block(block: str) -> _Comments:
    """:func:`_comments` of the lines of ``block``, each ending in a line feed."""
    return _comments(block.split("\n")[:-1])


def _comments(lines: list[str]) -> _Comments:
    """What an entry's comment lines (each with its ``#``) say, as polib keeps it."""
    translator: list[str] = []
    extracted: list[str] = []
    occurrences: list[tuple[str, str]] = []
    flags: list[str] = []
    for comment in lines:
        kind = comment[1:2]
        if kind == ".":
            extracted.append(comment[3:] if comment.startswith("#. ") else comment[2:])
        elif kind == ":":
            for ref in _references(comment[2:]):
                if ref not in occurrences:
                    occurrences.append(ref)
        elif kind in (",", "!"):
            flags += _flags_of(comment[2:])
        elif (sun := _parse_sun_reference(comment[1:])) is not None:
            if sun not in occurrences:
                occurrences.append(sun)
        else:
            translator.append(comment[2:] if kind == " " else comment[1:])
    return "\n".join(translator), "\n".join(extracted), tuple(occurrences), tuple(flags)


@functools.lru_cache(maxsize=_RECURRING)  # the same lines come back in every language
def _references(text: str) -> tuple[tuple[str, str], ...]:
    """The references of a ``#:`` line."""
    patterns = _reading()
    if patterns.simple_references.fullmatch(text):
        return tuple((f, str(int(n))) for f, n in patterns.simple_reference.findall(text))
    return tuple(_parse_references(text))


@functools.lru_cache(maxsize=256)
def _flags_of(text: str) -> tuple[str, ...]:
    """The flags of a ``#,`` line."""
    return tuple(_split_flags(text))


def _new_entry(fields: dict[str, Any]) -> polib.POEntry:
    """``polib.POEntry(**fields)`` given every attribute, made without going through its
    ``__init__`` (a fifth of the time of reading a catalog)."""
    if not _SAME_ATTRIBUTES:  # another polib: let it make its entries
        return polib.POEntry(**fields)
    entry = polib.POEntry.__new__(polib.POEntry)
    entry.__dict__.update(fields)
    return entry


_SAME_ATTRIBUTES = set(vars(polib.POEntry())) == {
    "msgid", "msgstr", "msgid_plural", "msgstr_plural", "msgctxt", "obsolete", "encoding",
    "comment", "tcomment", "occurrences", "flags", "previous_msgctxt", "previous_msgid",
    "previous_msgid_plural", "linenum",
}  # fmt: skip


def _shown(keyword: str) -> str:
    """A keyword as the file spells it: ``#|msgid`` is ``#| msgid``."""
    return keyword.replace("#|", "#| ")


def _parse_metadata(text: str) -> dict[str, str]:
    """The header's ``Name: value`` lines, as polib reads them.

    >>> _parse_metadata("Language: fr\\nPlural-Forms: nplurals=2; plural=(n > 1);\\n")
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


def _split_flags(text: str) -> list[str]:
    """The flags of a ``#,`` line, split as GNU does; ``range:`` keeps its value.

    >>> _split_flags(" fuzzy, python-brace-format range: 1..3")
    ['fuzzy', 'python-brace-format', 'range: 1..3']
    """
    flags: list[str] = []
    tokens = iter(t for t in re.split(r"[\s,]+", text) if t)
    for token in tokens:
        if token == "range:":
            token = f"range: {next(tokens, '')}".rstrip()
        flags.append(token)
    return flags


def _parse_references(text: str) -> list[tuple[str, str]]:
    """The ``file:line`` references of a ``#:`` line, parsed as gettext 0.21 does.

    >>> _parse_references(" a.md:5 b.md c.md : 7 d:1:2")
    [('a.md', '5'), ('b.md', ''), ('c.md', '7'), ('d:1', '2')]
    """
    refs: list[tuple[str, str]] = []
    pos, end = 0, len(text)
    space = " \t\n"
    digits_at = _reading().digits.match
    while pos < end:
        while pos < end and text[pos] in space:
            pos += 1
        if pos == end:
            break
        start = pos
        while pos < end and text[pos] not in space:
            pos += 1
        name_end = pos
        # "file : 12" or "file :12"
        p = pos
        while p < end and text[p] in space:
            p += 1
        if p < end and text[p] == ":":
            p += 1
            while p < end and text[p] in space:
                p += 1
            digits = digits_at(text, p)
            if digits and (digits.end() == end or text[digits.end()] in space):
                refs.append((text[start:name_end], str(int(digits.group()))))
                pos = digits.end()
                continue
        # "file: 12"
        if text[pos - 1] == ":":
            p = pos
            while p < end and text[p] in space:
                p += 1
            digits = digits_at(text, p)
            if digits and (digits.end() == end or text[digits.end()] in space):
                refs.append((text[start : pos - 1], str(int(digits.group()))))
                pos = digits.end()
                continue
        # "file:12"
        word = text[start:pos]
        match = re.fullmatch(r"(.+):([0-9]+)", word, re.S)
        if match:
            refs.append((match.group(1), str(int(match.group(2)))))
        else:
            refs.append((word, ""))
    return refs


def _parse_sun_reference(comment: str) -> tuple[str, str] | None:
    """A Sun-style reference comment, ``# File: a.c, line: 5``, which GNU also reads.

    >>> _parse_sun_reference(" File: a.c, line number:5")
    ('a.c', '5')
    """
    match = re.fullmatch(
        r" [Ff]ile:[ \t]*(.*?)[ \t]*,[ \t]*line[ \t]*(?:number[ \t]*)?:([0-9]+)[ \t\n]*", comment
    )
    return (match.group(1), str(int(match.group(2)))) if match else None


# ============================================================================
# Writing
# ============================================================================


def format_po(
    po: polib.POFile,
    cache: dict[Any, tuple[str, ...]] | None = None,
    kept: dict[tuple[bool, str], str] | None = None,
) -> str:
    """The text of ``po`` as GNU ``msgcat`` would write it.

    The line ending and byte order mark ``po`` was read with are kept.
    ``cache`` keeps each entry's lines by the entry's content, for catalogs
    that share most of their entries (a catalog before and after a merge):
    an entry already written is not wrapped again. ``kept`` are the lines of
    translations as a catalog had them (its ``msgstr_lines``, see
    :func:`format_changed`): a translation found there is written so.
    """
    newline = getattr(po, "newline", "\n")
    blocks = [newline.join(block) for block in _blocks(po, PAGE_WIDTH, cache, kept)]
    text = (newline + newline).join(blocks) + newline if blocks else ""
    return (BOM if getattr(po, "bom", False) else "") + text


def format_changed(po: polib.POFile, before: polib.POFile) -> str | None:
    """The text of ``po``, as :func:`format_po` gives it, or None if ``before`` has the
    same text (``po`` being ``before`` updated, they share most of their entries:
    each is wrapped once, and the comparison stops at the first entry that differs).

    A translation that ``before`` had, as it had it (live or obsolete), keeps the
    lines it had in the file ``before`` was read from, when that file was laid out
    as GNU lays catalogs out (``before.msgstr_lines``, from :func:`parse_po`):
    what a translator's editor wrapped its own way is not wrapped again, and a
    translation seldom has to be wrapped at all. Everything else is laid out as
    GNU does.
    """
    cache: dict[Any, tuple[str, ...]] = {}
    kept: dict[tuple[bool, str], str] | None = getattr(before, "msgstr_lines", None)
    ends = (getattr(po, "newline", "\n"), bool(getattr(po, "bom", False)))
    if ends != (getattr(before, "newline", "\n"), bool(getattr(before, "bom", False))):
        text = format_po(po, cache, kept)
        return None if text == format_po(before, cache, kept) else text
    blocks = list(_blocks(po, PAGE_WIDTH, cache, kept))
    for block, old in itertools.zip_longest(blocks, _blocks(before, PAGE_WIDTH, cache, kept)):
        if block != old:
            break
    else:
        return None
    newline, bom = ends
    text = (newline * 2).join(newline.join(block) for block in blocks) + newline if blocks else ""
    return (BOM if bom else "") + text


def generate_po(po: polib.POFile, width: int = PAGE_WIDTH) -> Iterator[str]:
    """The lines of ``po`` (without line ends), as ``msgcat --width=WIDTH`` writes them."""
    first = True
    for block in _blocks(po, width, None, None):
        if not first:
            yield ""
        first = False
        yield from block


def _blocks(
    po: polib.POFile,
    width: int,
    cache: dict[Any, tuple[str, ...]] | None,
    kept: dict[tuple[bool, str], str] | None,
) -> Iterator[tuple[str, ...]]:
    """The lines of each entry written: the header, live entries, then obsolete ones;
    a translation in ``kept`` as it is there (:func:`format_po`)."""
    header = _header_entry(po)
    live = [] if header is None else [header]
    live += (entry for entry in po if not entry.obsolete)
    for obsolete, entries in ((False, live), (True, (e for e in po if e.obsolete))):
        for entry in entries:
            msgstrs = _msgstrs(entry)
            if obsolete and not msgstrs[0]:
                continue  # an obsolete entry without a translation is dropped
            key = (
                obsolete, width, bool(msgstrs[0]), entry.tcomment, entry.comment,
                tuple(entry.occurrences), tuple(entry.flags), entry.previous_msgctxt,
                entry.previous_msgid, entry.previous_msgid_plural, entry.msgctxt, entry.msgid,
                entry.msgid_plural,
            )  # fmt: skip
            try:
                head = _HEADS.get(key)
            except TypeError:  # something unhashable in a list: nothing kept
                yield _entry_block(entry, width, obsolete, msgstrs)
                continue
            if head is None:
                if len(_HEADS) >= _RECURRING:
                    _HEADS.clear()
                head = _HEADS[key] = _entry_head(entry, width, obsolete, bool(msgstrs[0]))
            if cache is None:
                yield head[0] + _msgstr_lines(entry, msgstrs, width, obsolete, head, kept)
                continue
            both = (key, tuple(msgstrs))
            block = cache.get(both)
            if block is None:
                # The same translation under another head (an entry now fuzzy): wrapped once.
                strs = (obsolete, width, head[1], head[2], bool(entry.msgid_plural), both[1])
                lines = cache.get(strs)
                if lines is None:
                    lines = _msgstr_lines(entry, msgstrs, width, obsolete, head, kept)
                    cache[strs] = lines
                block = cache[both] = head[0] + lines
            yield block


#: The lines before ``msgstr`` of entries written, by content: they are the
#: same in every language of a document. Cleared when past ``_RECURRING``.
_HEADS: dict[Any, tuple[tuple[str, ...], str | None, bool]] = {}


def _header_entry(po: polib.POFile) -> polib.POEntry | None:
    """The header entry of ``po``, or None if it has none."""
    metadata: dict[str, str] = po.metadata
    text: str | None = getattr(po, "metadata_text", None)  # the header as read
    if text is None or _parse_metadata(text) != metadata:
        text = "".join(f"{name}: {value}\n" for name, value in metadata.items())
        if not (text or po.header or po.metadata_is_fuzzy):
            return None
    fuzzy = po.metadata_is_fuzzy  # polib's own reader keeps the header's flags here
    flags = ["fuzzy"] if ("fuzzy" in fuzzy if isinstance(fuzzy, list) else fuzzy) else []
    return polib.POEntry(msgid="", msgstr=text, tcomment=po.header, flags=flags)


def _msgstrs(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        forms = entry.msgstr_plural
        return [forms[k] for k in sorted(forms)] or [""]
    return [entry.msgstr]


def _entry_block(
    entry: polib.POEntry, width: int, obsolete: bool, msgstrs: list[str] | None = None
) -> tuple[str, ...]:
    """One entry, as ``message_print`` or ``message_print_obsolete`` writes it."""
    if msgstrs is None:
        msgstrs = _msgstrs(entry)
    head = _entry_head(entry, width, obsolete, bool(msgstrs[0]))
    return head[0] + _msgstr_lines(entry, msgstrs, width, obsolete, head)


def _entry_head(
    entry: polib.POEntry, width: int, obsolete: bool, translated: bool
) -> tuple[tuple[str, ...], str | None, bool]:
    """The lines of an entry before its ``msgstr``, the format whose directives must not
    be broken, and whether the entry's strings are wrapped."""
    out: list[str] = []
    if entry.tcomment:
        out += [f"# {line}" if line else "#" for line in entry.tcomment.split("\n")]
    if entry.comment:
        out += [f"#. {line}" if line else "#." for line in entry.comment.split("\n")]
    if entry.occurrences:
        out += _reference_lines(entry.occurrences, width)
    described, directives, wrap = _flag_info(tuple(entry.flags), translated, obsolete)
    if described:
        out.append(described)
    prev = "#~| " if obsolete else "#| "
    prefix = "#~ " if obsolete else ""
    if entry.previous_msgctxt is not None:
        out += _wrapped(prev, "msgctxt", entry.previous_msgctxt, width, wrap, directives)
    if entry.previous_msgid is not None:
        out += _wrapped(prev, "msgid", entry.previous_msgid, width, wrap, directives)
    if entry.previous_msgid_plural is not None:
        out += _wrapped(prev, "msgid_plural", entry.previous_msgid_plural, width, wrap, directives)
    if entry.msgctxt is not None:
        out += _wrapped(prefix, "msgctxt", entry.msgctxt, width, wrap, directives)
    out += _wrapped(prefix, "msgid", entry.msgid, width, wrap, directives)
    if entry.msgid_plural:
        out += _wrapped(prefix, "msgid_plural", entry.msgid_plural, width, wrap, directives)
    return tuple(out), directives, wrap


def _msgstr_lines(
    entry: polib.POEntry,
    msgstrs: list[str],
    width: int,
    obsolete: bool,
    head: tuple[tuple[str, ...], str | None, bool],
    kept: dict[tuple[bool, str], str] | None = None,
) -> tuple[str, ...]:
    """The ``msgstr`` lines of an entry whose :func:`_entry_head` is ``head``: as they
    are in ``kept`` (:func:`format_po`) if its translation is there, else wrapped."""
    prefix = "#~ " if obsolete else ""
    raw = None if kept is None or entry.msgid_plural else kept.get((obsolete, msgstrs[0]))
    if raw is not None:  # the strings as read: '"a"\n"b"\n', with '#~ ' when obsolete
        first, *rest = raw[:-1].split("\n")
        return (f"{prefix}msgstr {first}", *rest)
    _, directives, wrap = head
    if not entry.msgid_plural:
        return _wrap_lines(prefix, "msgstr", msgstrs[0], width, wrap, directives)
    out: list[str] = []
    for index, value in enumerate(msgstrs):
        out += _wrap_lines(prefix, f"msgstr[{index}]", value, width, wrap, directives)
    return tuple(out)


@functools.lru_cache(maxsize=256)
def _flag_info(
    flags: tuple[str, ...], translated: bool, obsolete: bool
) -> tuple[str, str | None, bool]:
    """The ``#,`` line written for ``flags`` (or ``""``), the format whose directives
    must not be broken, and whether the entry's strings are wrapped."""
    parsed = _Flags.parse(flags)
    described = parsed.describe(fuzzy=translated, obsolete=obsolete)
    return ("#, " + ", ".join(described) if described else ""), parsed.directives, parsed.wrap


def _reference_lines(occurrences: Iterable[tuple[str, Any]], width: int) -> Iterator[str]:
    """``#:`` lines: GNU fills them to the page width, counting bytes."""
    refs: list[tuple[str, str]] = []
    for file, line in occurrences:
        text = "" if line in ("", None) else str(line)
        if text.isdigit():
            text = str(int(text))
        if (file, text) not in refs:
            refs.append((file, text))
    if not refs:
        return
    out = "#:"
    column = 2
    for file, line in refs:
        while file.startswith("./"):
            file = file[2:]
        ref = f"{file}:{line}" if line else file
        size = len(ref.encode()) + 1
        if column > 2 and column + size > width:
            yield out
            out, column = "#:", 2
        out += " " + ref
        column += size
    yield out


class _Flags(NamedTuple):
    """An entry's flags as GNU reads them: later flags override earlier ones."""

    fuzzy: bool
    formats: dict[str, str]  # language -> yes, possible, no...
    range: tuple[int, int] | None
    wrap: bool

    @classmethod
    def parse(cls, flags: Iterable[str]) -> _Flags:
        """
        >>> _Flags.parse(["fuzzy", "no-c-format", "possible-python-format", "no-wrap"])
        _Flags(fuzzy=True, formats={'c': 'no', 'python': 'possible'}, range=None, wrap=False)
        """
        fuzzy, wrap = False, True
        formats: dict[str, str] = {}
        limits: tuple[int, int] | None = None
        for flag in _split_flags(", ".join(flags)):
            if flag == "fuzzy":
                fuzzy = True
            elif flag in ("wrap", "no-wrap"):
                wrap = flag == "wrap"
            elif flag.startswith("range: "):
                match = re.fullmatch(r"range: ([0-9]+)\.\.([0-9]+).*", flag, re.S)
                if match and int(match.group(1)) <= int(match.group(2)):
                    limits = (int(match.group(1)), int(match.group(2)))
            elif flag.endswith("-format"):
                lang, state = flag[: -len("-format")], "yes"
                for prefix in ("no", "possible", "impossible"):
                    if lang.startswith(prefix + "-"):
                        lang, state = lang[len(prefix) + 1 :], prefix
                        break
                if lang in FORMAT_LANGUAGES:
                    formats[lang] = state
        return cls(fuzzy, formats, limits, wrap)

    def describe(self, fuzzy: bool, obsolete: bool) -> list[str]:
        """The flags GNU writes: ``fuzzy`` only if translated, no range on obsolete entries."""
        out = ["fuzzy"] if self.fuzzy and fuzzy else []
        for lang in FORMAT_LANGUAGES:
            state = self.formats.get(lang)
            if state in ("yes", "possible"):
                out.append(f"{lang}-format")
            elif state == "no":
                out.append(f"no-{lang}-format")
        if self.range is not None and not obsolete:
            out.append(f"range: {self.range[0]}..{self.range[1]}")
        if not self.wrap:
            out.append("no-wrap")
        return out

    @property
    def directives(self) -> str | None:
        """The format whose directives must not be broken: the first one that may apply."""
        for lang in FORMAT_LANGUAGES:
            if self.formats.get(lang) in ("yes", "possible"):
                return lang
        return None


# -- strings -------------------------------------------------------------------

_C_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v"}
_ESCAPE_TABLE = str.maketrans(
    {char: "\\" + letter for char, letter in _C_ESCAPES.items()} | {"\\": "\\\\", '"': '\\"'}
)
_ESCAPE_PAIR = re.compile(r"\\.", re.S)
_TO_ESCAPE = re.compile(r'[\a\b\f\n\r\t\v\\"]')  # what _ESCAPE_TABLE changes
_PORTION = re.compile(r"[^\n]*\n|[^\n]+")
_INT_MAX = 2**31 - 1
#: Wrapped strings kept by value: the English of a document's catalogs is
#: the same in every language. Cleared when it grows past ``_RECURRING``.
_WRAPPED: dict[tuple[str, str, str, int, bool, str | None], tuple[str, ...]] = {}


def _wrapped(
    prefix: str, name: str, value: str, width: int, wrap: bool, fmt: str | None
) -> tuple[str, ...]:
    """:func:`_wrap_lines`, remembered for strings that recur across catalogs."""
    key = (prefix, name, value, width, wrap, fmt)
    lines = _WRAPPED.get(key)
    if lines is None:
        if len(_WRAPPED) >= _RECURRING:
            _WRAPPED.clear()
        lines = _WRAPPED[key] = _wrap_lines(prefix, name, value, width, wrap, fmt)
    return lines


def _wrap(
    prefix: str, name: str, value: str, width: int, wrap: bool, fmt: str | None
) -> Iterator[str]:
    """``name "value"``, escaped and wrapped as write-po.c's ``wrap`` does.

    Each piece of ``value`` ending in a newline starts a new line; a value that
    spans several lines starts with an empty string.

    >>> list(_wrap("", "msgid", "Hello,\\nworld", 79, True, None))
    ['msgid ""', '"Hello,\\\\n"', '"world"']
    """
    yield from _wrap_lines(prefix, name, value, width, wrap, fmt)


def _wrap_lines(
    prefix: str, name: str, value: str, width: int, wrap: bool, fmt: str | None
) -> tuple[str, ...]:
    """The lines of :func:`_wrap`."""
    if "\0" in value or "\4" in value:
        raise ValueError(f"a catalog string cannot hold NUL or EOT (U+0004): {value!r}")
    room = (width if wrap else _INT_MAX) - 2 - len(prefix)
    plain = _TO_ESCAPE.search(value) is None  # one line of the file, nothing escaped
    if plain and len(name) + 1 + 2 * len(value) <= room:
        return (f'{prefix}{name} "{value}"',)  # it fits: nothing to break
    inside = _directive_interiors(value) if fmt == "python-brace" and "{" in value else frozenset()
    if plain and not inside:  # the most common long string, in short
        shape = _shape(value)
        breaks = _breaks(value, room, 0, frozenset(), -1, shape)
        column = len(name) + 1
        if not value or not (
            breaks or column > room or _breaks(value, room, column, frozenset(), 1, shape)
        ):
            return (f'{prefix}{name} "{value}"',)
        starts = [0, *breaks]
        ends = [*breaks, len(value)]
        return (
            f'{prefix}{name} ""',
            *(f'{prefix}"{value[a:b]}"' for a, b in zip(starts, ends, strict=True)),
        )
    out: list[str] = []
    first_line = True
    start = 0
    portions = _PORTION.findall(value) if "\n" in value else [value]
    last_portion = len(portions) - 1
    for number, portion in enumerate(portions):
        text = portion.translate(_ESCAPE_TABLE) if _TO_ESCAPE.search(portion) else portion
        locked = _locked(text, portion, start, inside)
        start += len(portion)
        shape = _UNKNOWN if 2 * len(text) + len(name) + 1 <= room else _shape(text)
        breaks = _breaks(text, room, 0, locked, -1, shape)  # as if on a line of its own
        if first_line and text:
            # The keyword goes on a line of its own when more lines follow, or when
            # the text would have to break after it; else all goes on one line.
            column = len(name) + 1
            if (
                number < last_portion
                or column > room
                or breaks  # it breaks even alone: so after the keyword too
                or _breaks(text, room, column, locked, 1, shape)  # it breaks just there
            ):
                out.append(f'{prefix}{name} ""')
                first_line = False
        lead = f'{prefix}{name} "' if first_line else f'{prefix}"'
        first_line = False
        at = 0
        for brk in breaks:
            out.append(f'{lead}{text[at:brk]}"')
            lead = f'{prefix}"'
            at = brk
        out.append(f'{lead}{text[at:]}"')
    return tuple(out)


def _locked(text: str, portion: str, start: int, inside: frozenset[int]) -> frozenset[int]:
    """Where no line may break in ``text``, the escaped ``portion`` of a string at ``start``.

    Not inside an escape sequence, not just before a final ``\\n``, not inside
    the directives ``inside`` (indices into the whole string).

    >>> sorted(_locked('a\\\\"b\\\\n', 'a"b\\n', 0, frozenset()))
    [2, 4, 5]
    """
    if inside and not inside.isdisjoint(range(start, start + len(portion))):
        locked: set[int] = set()
        at = 0
        for offset, char in enumerate(portion):
            if start + offset in inside:
                locked.add(at)
            if char in _C_ESCAPES or char in '\\"':
                locked.add(at + 1)
                at += 2
            else:
                at += 1
    elif "\\" in text:
        locked = {match.start() + 1 for match in _ESCAPE_PAIR.finditer(text)}
    else:
        return frozenset()
    if portion.endswith("\n"):
        locked.add(len(text) - 2)  # never break just before the final \n
    return frozenset(locked)


def _directive_interiors(text: str) -> frozenset[int]:
    """Indices of the characters of ``text`` a Python brace directive keeps a break from.

    gettext 0.21 means to keep lines from breaking inside ``{name}``, but its
    parser marks each directive's start and end relative to the directive
    itself, so the marks land at the start of the string: the characters whose
    UTF-8 offset is 1 to the offset of the first mark found after the start.
    Reproduced as is, since it decides where ``msgcat`` breaks.

    >>> sorted(_directive_interiors("**{title}:** {text}"))
    [1, 2, 3, 4, 5]
    >>> sorted(_directive_interiors("no directive {{here}}"))
    []
    """
    data = text.encode()
    starts = ends = 0  # bit sets of byte offsets, relative to each directive
    errors = 0
    pos = 0
    while pos < len(data):
        if data[pos] != 0x7B:  # '{'
            pos += 1
            continue
        result = _brace_directive(data, pos, toplevel=True)
        if isinstance(result, _BraceError):
            errors |= 1 << result.offset
            break
        end, marked = result
        if marked:
            starts |= 1
            ends |= 1 << (end - 1 - pos)
        pos = end
    if not starts:
        return frozenset()
    marks = ends | errors
    first = (marks & -marks).bit_length() - 1  # the lowest mark
    if errors >> first & 1:
        return frozenset()  # an invalid directive: marked, not protected
    inside: set[int] = set()
    offset = 0
    for index, char in enumerate(text):
        if 1 <= offset <= first:
            inside.add(index)
        offset += len(char.encode())
    return frozenset(inside)


class _BraceError(NamedTuple):
    offset: int  # where gettext's parser marks the error


@functools.cache
def _brace_patterns() -> tuple[re.Pattern[bytes], re.Pattern[bytes], re.Pattern[bytes]]:
    """A field's name, an index or attribute, and a format spec of python-brace-format
    (``[[fill]align][sign][#][0][width][.precision][type]``), compiled when first
    needed: few catalogs have a directive to wrap around."""
    return (
        re.compile(rb"[A-Za-z_][A-Za-z0-9_]*|[0-9]+"),
        re.compile(rb"[A-Za-z_][A-Za-z0-9_]*"),
        re.compile(rb"(?:.[<>=^]|[<>=^])?[-+ ]?#?0?[0-9]*(?:\.[0-9]+)?[bcdoxXneEfFgG%]?", re.S),
    )


def _brace_directive(data: bytes, pos: int, toplevel: bool) -> tuple[int, bool] | _BraceError:
    """Parse the directive whose ``{`` is at ``pos`` as gettext 0.21's format-python-brace.c.

    Returns where it ends and whether it is a directive (not an escaped ``{{``),
    or where the parser marks it invalid, relative to the directive's ``{``.
    A field name is required: ``{}`` is invalid in 0.21.
    """
    field, attribute, format_spec = _brace_patterns()
    start = pos
    pos += 1
    if data[pos : pos + 1] == b"{":
        return pos + 1, False  # '{{', an escaped brace
    name = field.match(data, pos)
    if not name:
        return _BraceError(pos - start)
    pos = name.end()
    while data[pos : pos + 1] in (b".", b"["):
        pattern = attribute if data[pos : pos + 1] == b"." else field
        item = pattern.match(data, pos + 1)
        if not item:
            return _BraceError(pos + 1 - start)
        pos = item.end()
        if pattern is field:
            if data[pos : pos + 1] != b"]":
                return _BraceError(pos - start)
            pos += 1
    if data[pos : pos + 1] == b":":
        if not toplevel:
            return _BraceError(pos - start)
        pos += 1
        if data[pos : pos + 1] == b"{":
            nested = _brace_directive(data, pos, toplevel=False)
            if isinstance(nested, _BraceError):
                return _BraceError(nested.offset)  # relative to the nested '{', as in gettext
            pos = nested[0]
        elif pos == len(data):
            return _BraceError(pos - start)
        else:
            spec = format_spec.match(data, pos)
            assert spec is not None
            pos = spec.end()
    if data[pos : pos + 1] != b"}":
        return _BraceError(pos - start)
    return pos + 1, toplevel


# ============================================================================
# Unicode line breaking, as libunistring 1.0 does it for gettext 0.21
# ============================================================================

# Line breaking classes, numbered as libunistring numbers them: the first 33
# index the pair table, the others are resolved before it is consulted. CP, OP
# and ID come in two kinds in libunistring's tables; the pair table tells them apart.
(WJ, GL, B2, BA, BB, HY, CL, CP1, CP2, EX, IN, NS, OP1, OP2, QU, IS, NU, PO, PR, SY, AL,
 H2, H3, ID1, ID2, JL, JV, JT, HL, RI, ZWJ, EB, EM,
 BK, CR, LF, CM, ZW, SP, CB, AI, SA, XX) = range(43)  # fmt: skip
HL_BA = 100  # a Hebrew letter followed by a hyphen or break-after character (LB21a)

PROHIBITED, POSSIBLE, MANDATORY = 0, 1, 2

# UAX #14's pair table as libunistring 1.0 has it: row = class before, column =
# class after; D break, I break only if spaces are between, P no break.
#   columns: WJ GL B2 BA BB HY CL CP1 CP2 EX IN NS OP1 OP2 QU IS NU PO PR SY AL
#            H2 H3 ID1 ID2 JL JV JT HL RI ZWJ EB EM
_PAIRS = (
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # WJ
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # GL
    "PIPIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # B2
    "PDDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # BA
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # BB
    "PDDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",  # HY
    "PIDIDIPPPPIPDDIPDIIPDDDDDDDDDDDDD",  # CL
    "PIDIDIPPPPIIDDIPIIIPIDDDDDDDIDIDD",  # CP1
    "PIDIDIPPPPIIDDIPDIIPDDDDDDDDDDDDD",  # CP2
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # EX
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # IN
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # NS
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP1
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP2
    "PIIIIIPPPPIIPPIPIIIPIIIIIIIIIIIII",  # QU
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",  # IS
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # NU
    "PIDIDIPPPPIIIIIPIDDPIDDDDDDDIDIDD",  # PO
    "PIDIDIPPPPIIIIIPIDDPIIIIIIIIIDIII",  # PR
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDIDDDD",  # SY
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # AL
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",  # H2
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",  # H3
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",  # ID1
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",  # ID2
    "PIDIDIPPPPIIDDIPDIDPDIIDDIIDDDDDD",  # JL
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",  # JV
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",  # JT
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # HL
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # RI
    "PIDIDIPPPPIIIDIPIIIPIDDIIDDDIDIII",  # ZWJ
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",  # EB
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",  # EM
)


def _possible_breaks(classes: Sequence[int]) -> list[int]:
    """Where a line may (or must) break before each character, from its class.

    libunistring's ``u8_possible_linebreaks``: UAX #14 through the pair table,
    with its rules for spaces, combining marks, ZWJ (LB8a), Hebrew (LB21a) and
    regional indicators (LB30a). A mandatory break is marked on the breaking
    character itself.
    """
    out = [PROHIBITED] * len(classes)
    prev = last = BK  # the class of the previous character; of the last non-space
    spaces = False  # whether spaces came after the last non-space
    ri_count = 0
    for i, cls in enumerate(classes):
        if cls in (BK, CR, LF):
            out[i] = MANDATORY
            prev, last, spaces = cls, BK, False
        else:
            if cls in (AI, SA, XX):
                cls = AL
            elif cls == CB:
                cls = ID1
            if cls == SP:
                spaces = True
            elif cls == ZW:
                last, spaces = ZW, False
            elif cls in (CM, ZWJ):
                if last == BK:
                    last, spaces = AL, False
                elif last == ZW or spaces:
                    out[i] = POSSIBLE
                    last, spaces = AL, False
            else:
                if last == BK or (last != ZW and prev == ZWJ):
                    pass  # LB4-6: not at the start of a line; LB8a: not after ZWJ
                elif last == ZW:
                    out[i] = POSSIBLE  # LB8
                elif last == RI and cls == RI:
                    out[i] = POSSIBLE if spaces or ri_count % 2 == 0 else PROHIBITED  # LB30a
                elif prev == HL_BA:
                    pass  # LB21a
                else:
                    rule = _PAIRS[last][cls]
                    if rule == "D" or (rule == "I" and spaces):
                        out[i] = POSSIBLE
                last, spaces = cls, False
            prev = HL_BA if prev == HL and cls in (HY, BA) else cls
        ri_count = ri_count + 1 if cls == RI else 0
    return out


def _width_breaks(
    chars: Sequence[str], width: int, column: int, prohibit: Sequence[bool]
) -> list[bool]:
    """Where to break ``chars`` (starting at ``column``) to keep within ``width`` columns.

    libunistring's ``u8_width_linebreaks``: take each piece between break
    opportunities whole, and break before it if it would end past the width.
    ``prohibit`` marks characters before which no break may go.
    """
    possible = _possible_breaks([_line_class(c) for c in chars])
    breaks = [False] * len(chars)
    last: int | None = None
    piece = 0
    for i, char in enumerate(chars):
        kind = PROHIBITED if prohibit[i] else possible[i]
        if kind != PROHIBITED and last is not None and column + piece > width:
            breaks[last] = True
            column = 0
        if kind == MANDATORY:
            last, column, piece = None, 0, 0
        else:
            if kind == POSSIBLE:
                last, column, piece = i, column + piece, 0
            piece += _column_width(char)
    if last is not None and column + piece > width:
        breaks[last] = True
    return breaks


_UNKNOWN: Any = object()
_IRREGULAR: Any = object()


def _shape(text: str) -> list[int] | None:
    """What :func:`_breaks` needs to know of ``text``: ``_IRREGULAR`` if it is not of
    ordinary classes, else the columns each prefix of it takes (``ends[i]`` for
    ``text[:i]``), or None when every character takes one column.

    Mostly, one match (:data:`_PATTERNS`) tells that every character is of none of
    the kinds that matter here; else each distinct character is looked up.
    """
    if text.isascii() and text.isprintable():
        return None
    patterns = _PATTERNS
    if patterns.plain.fullmatch(text):
        return None
    chars = set(text)
    if patterns.learn(chars) and patterns.plain.fullmatch(text):
        return None
    kinds = _KINDS
    seen = 0
    for char in chars:
        seen |= kinds[char]
    if seen & _STATEFUL:
        return _IRREGULAR  # type: ignore[no-any-return]
    if seen & _HEBREW and seen & _HYPHEN:  # is a Hebrew letter just before a hyphen?
        hebrew = [char for char in chars if kinds[char] & _HEBREW]
        hyphens = [char for char in chars if kinds[char] & _HYPHEN]
        if any(letter + hyphen in text for letter in hebrew for hyphen in hyphens):
            return _IRREGULAR  # type: ignore[no-any-return]
    if seen & _WIDE:
        return [0, *itertools.accumulate(map(_column_width, text))]
    return None


def _breaks(
    text: str,
    width: int,
    column: int,
    locked: frozenset[int],
    most: int = -1,
    shape: list[int] | None = _UNKNOWN,
) -> list[int]:
    """Where :func:`_width_breaks` breaks ``text``, as a list of offsets, found faster;
    only the first ``most`` of them when ``most`` is not -1; ``shape`` is
    :func:`_shape`'s, if known.

    A text that fits needs no look at its characters. In a text of ordinary
    classes (none of those that carry state from character to character:
    spaces other than U+0020, combining marks, ZWJ, ZW, regional indicators,
    mandatory breaks, a Hebrew letter before a hyphen), whether a line may
    break before a character depends only on its class and the class of the
    last character before it that is not a space; so each line's break is
    found by looking back from where the line would overflow. Any other text
    goes through :func:`_width_breaks`, character by character.
    """
    size = len(text)
    if column + 2 * size <= width or (column + size <= width and text.isascii()):
        return []  # no character is wider than two columns: it fits
    if shape is _UNKNOWN:
        shape = _shape(text)
    if shape is _IRREGULAR:
        flags = _width_breaks(list(text), width, column, [i in locked for i in range(size)])
        return [i for i, brk in enumerate(flags) if brk][: None if most < 0 else most]
    ends: list[int] | None = shape
    if column + (size if ends is None else ends[-1]) <= width:
        return []
    classes = _RESOLVED
    pairs = _PAIRS
    run = _PATTERNS.run.fullmatch if text.isascii() else _unbreakable
    breaks: list[int] = []
    start = 0  # where the current line starts
    while len(breaks) != most:
        # The first offset the line cannot reach: it would end past the width.
        if ends is None:
            limit = start + width - column + 1
        else:
            limit = bisect.bisect_right(ends, width - column + ends[start], start)
        if limit > size:
            break  # the rest fits
        found = -1
        # Mostly: the line ends at its last space, with letters and closing punctuation
        # after it, among which no line may break.
        space = text.rfind(" ", start + 1, limit)
        if (
            space >= 0
            and space + 1 < limit
            and space + 1 not in locked
            and run(text, space + 1, limit)
        ):
            back = space - 1
            while back >= 0 and text[back] == " ":
                back -= 1
            if back >= 0 and pairs[classes[text[back]]][classes[text[space + 1]]] != "P":
                found = space + 1
        # Else the last break opportunity before the limit, else the first after it.
        for at in (
            ()
            if found >= 0
            else itertools.chain(range(limit - 1, start, -1), range(max(limit, start + 1), size))
        ):
            char = text[at]
            if char == " " or at in locked:
                continue
            before = text[at - 1]
            if before != " ":
                if pairs[classes[before]][classes[char]] == "D":
                    found = at
                    break
                continue
            back = at - 2
            while back >= 0 and text[back] == " ":
                back -= 1
            if back >= 0 and pairs[classes[text[back]]][classes[char]] != "P":
                found = at
                break
        if found < 0:
            break
        breaks.append(found)
        start, column = found, 0
    return breaks


class _ResolvedClasses(dict[str, int]):
    """The class of each character once AI, SA and XX are AL, and CB is ID."""

    def __missing__(self, char: str) -> int:
        cls = _line_class(char)
        cls = AL if cls in (AI, SA, XX) else ID1 if cls == CB else cls
        self[char] = cls
        return cls


_RESOLVED = _ResolvedClasses()


#: What :func:`_shape` and :func:`_breaks` ask of a character, as bits of :data:`_KINDS`.
_STATEFUL = 1  # of a class that carries state (spaces but U+0020, CM, ZWJ...), or past U+FFFF
_HEBREW = 2  # HL: a Hebrew letter just before a hyphen prohibits the break after it (LB21a)
_HYPHEN = 4  # HY or BA
_WIDE = 8  # not one column wide
_LETTER = 16  # AL, NU, HL, or AI, SA, XX (AL once resolved): no break between two of them
_CLOSING = 32  # closing punctuation and the like: no break before it after a letter or another

_STATEFUL_CLASSES = frozenset((BK, CR, LF, CM, ZWJ, ZW, RI, SP))
_LETTER_CLASSES = frozenset((AL, NU, HL, AI, SA, XX))
_CLOSING_CLASSES = frozenset((IS, EX, CL, CP1, CP2, QU, NS, IN, SY, HY, BA, WJ))


class _Kinds(dict[str, int]):
    """The kind of each character (bits ``_STATEFUL`` to ``_CLOSING``), found when first asked.

    A character past U+FFFF is only ``_STATEFUL``: rare in catalogs, it sends its
    text to :func:`_width_breaks`.
    """

    def __missing__(self, char: str) -> int:
        if ord(char) > 0xFFFF:
            kind = _STATEFUL
        else:
            cls = _line_class(char)
            kind = (
                (_STATEFUL if cls in _STATEFUL_CLASSES and char != " " else 0)
                | (_HEBREW if cls == HL else 0)
                | (_HYPHEN if cls in (HY, BA) else 0)
                | (_WIDE if _column_width(char) != 1 else 0)
                | (_LETTER if cls in _LETTER_CLASSES else 0)
                | (_CLOSING if cls in _CLOSING_CLASSES else 0)
            )
        self[char] = kind
        return kind


_KINDS = _Kinds()


class _Patterns:
    """Regular expressions of what :data:`_KINDS` says of the characters of the blocks
    of 256 code points that texts have brought so far: ``plain`` matches a text of
    characters of none of the kinds :func:`_shape` looks for, ``run`` a run of
    :func:`_unbreakable`. A character of a block not learned is not matched.

    Blocks are learned once texts have brought them ``LEARN_AFTER`` times, and only
    below U+3000 (alphabetic scripts; CJK is wide anyway): character classes over
    the whole of Unicode took some 12 ms to compile, in every process that wrapped
    a non-ASCII string (a tenth of ``editions extract``); each block learned makes
    both expressions again (1 to 2 ms), which a run that wraps a few texts of a
    script does not win back, while looking characters up one by one takes
    several times as long as a match.
    """

    LEARN_AFTER = 32

    def __init__(self) -> None:
        self.blocks: set[int] = set()
        self.asked: dict[int, int] = {}  # blocks not learned: how many texts brought them
        self.add({0x00, 0x20})  # Latin-1 and general punctuation

    def learn(self, chars: Iterable[str]) -> bool:
        """Count the blocks of ``chars`` not learned, learn those brought often enough,
        and tell whether there were new ones."""
        brought = {ord(char) >> 8 for char in chars if ord(char) < 0x3000} - self.blocks
        if not brought:
            return False
        asked = self.asked
        for block in brought:
            asked[block] = asked.get(block, 0) + 1
        new = {block for block in brought if asked[block] >= self.LEARN_AFTER}
        if new:
            self.add(new)
        return bool(new)

    def add(self, blocks: set[int]) -> None:
        """Learn ``blocks``: compile the patterns of every block learned, these too."""
        self.blocks |= blocks
        kinds = [
            (code, _KINDS[chr(code)])
            for block in sorted(self.blocks)
            for code in range(block << 8, (block + 1) << 8)
        ]
        plain = _char_class(
            code for code, kind in kinds if not kind & (_STATEFUL | _HEBREW | _WIDE)
        )
        letters = _char_class(code for code, kind in kinds if kind & _LETTER)
        closing = _char_class(code for code, kind in kinds if kind & _CLOSING)
        self.plain = re.compile(f"{plain}*")
        self.run = re.compile(f"{letters}*{closing}*")


def _char_class(codes: Iterable[int]) -> str:
    """A regular expression character class of the code points ``codes``, in order."""
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    parts = [
        re.escape(chr(low)) + ("" if low == high else "-" + re.escape(chr(high)))
        for low, high in ranges
    ]
    return "[" + "".join(parts) + "]"


def _unbreakable(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is letters and digits, then closing punctuation: a
    run of ordinary characters inside which no line may break (for :func:`_breaks`).

    >>> _unbreakable("see (p. 12).", 8, 12), _unbreakable("see (p. 12).", 4, 7)
    (True, False)
    """
    patterns = _PATTERNS
    if patterns.run.fullmatch(text, start, end):
        return True
    word = text[start:end]
    if word.isascii():
        return False  # ASCII is always learned: the pattern said it all
    if patterns.learn(word) and patterns.run.fullmatch(word):
        return True
    kinds = _KINDS  # some characters may be of blocks the patterns do not learn
    at, size = 0, len(word)
    while at < size and kinds[word[at]] & _LETTER:
        at += 1
    while at < size and kinds[word[at]] & _CLOSING:
        at += 1
    return at == size


@functools.cache
def _line_class(char: str) -> int:
    """The line breaking class of ``char`` in libunistring 1.0."""
    code = ord(char)
    if 0xAC00 <= code <= 0xD7A3:  # Hangul syllables: LV every 28th, LVT between
        return H2 if (code - 0xAC00) % 28 == 0 else H3
    starts, values = _classes()
    return values[bisect.bisect_right(starts, code) - 1]


def _classes() -> tuple[tuple[int, ...], bytes]:
    """The line breaking classes of libunistring 1.0: run starts, and each run's class
    (:mod:`editions.unitables`, loaded when a character is first looked up)."""
    from editions.unitables import CLASSES

    return CLASSES


@functools.cache
def _column_width(char: str) -> int:
    """Columns ``char`` takes, as libunistring's ``uc_width`` counts (controls: 0)."""
    from editions.unitables import WIDTHS

    starts, values = WIDTHS
    return values[bisect.bisect_right(starts, ord(char)) - 1]


#: :data:`_KINDS` and :data:`_RESOLVED` of U+0000 to U+00FF and U+2000 to U+20FF (Latin-1,
#: and the quotes, dashes and ellipsis of general punctuation), as :mod:`editions.unitables`
#: gives them (``tests/test_pofile.py`` checks): most English is wrapped without loading
#: the tables.
_COMMON = [chr(code) for code in (*range(0x100), *range(0x2000, 0x2100))]
_COMMON_KINDS = bytes.fromhex(
    "0909090909090909092c09090909090909090909090909090909090909090909002020100000102000201000"
    "2024202010101010101010101010202010101020101010101010101010101010101010101010101010101010"
    "1010100000201010101010101010101010101010101010101010101010101010101010002420100909090909"
    "09090909090909090909090909090909090909090909090909090909000000000000101010101020102c1010"
    "0000101000101010101010201010100010101010101010101010101010101010101010101010101010101010"
    "1010101010101010101010101010101010101010101010101010101010101010101010102424242424242400"
    "2424240909090909240024240010101020200020202000201010101020202024010109090909090000000000"
    "0000000010202010202010101010101020002020202010101010101010101010101024102424242410242424"
    "2818181818100909090909090909090910101010101010101010101010002010101010101010101010101010"
    "1000201010101010101010101010101010101010000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000909090909090909090909090909090909090909"
    "09090909090909090909090909101010101010101010101010101010"
)
_COMMON_RESOLVED = bytes.fromhex(
    "242424242424242424032321212224242424242424242424242424242424242426090e141211140e0c071412"
    "0f050f13101010101010101010100f0f14141409141414141414141414141414141414141414141414141414"
    "1414140c120714141414141414141414141414141414141414141414141414141414140c0306142424242424"
    "24212424242424242424242424242424242424242424242424242424010c1112121214141414140e14031414"
    "11121414041414141414140e1414140c14141414141414141414141414141414141414141414141414141414"
    "1414141414141414141414141414141414141414141414141414141414141414141414140303030303030301"
    "03030325241e242403010303021414140e0e0c0e0e0e0c0e141414140a0a0a03212124242424240111111111"
    "11111111140e0e140b0b1414141414140f0c060b0b0b14141414141414141414141403140303030314030303"
    "00141414141424242424242424242424141414141414141414141414140c0614141414141414141414141414"
    "140c061414141414141414141414141414141414121212121212121112121212121212121212121212121112"
    "1212121112121112111212121212121212121212121212122424242424242424242424242424242424242424"
    "24242424242424242424242424141414141414141414141414141414"
)
_KINDS.update(zip(_COMMON, _COMMON_KINDS, strict=True))
_RESOLVED.update(zip(_COMMON, _COMMON_RESOLVED, strict=True))
_PATTERNS = _Patterns()  # the blocks of _COMMON, from the tables just above
