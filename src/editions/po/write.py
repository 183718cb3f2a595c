"""Write a catalog byte for byte as GNU ``msgcat`` (gettext 0.21) writes it.

:func:`generate_po` yields the lines ``msgcat`` (default options, page width 79)
writes for a ``polib.POFile``, following ``write-po.c``; :func:`format_po` joins
them with the line ending, and the byte order mark, of the file's
:class:`~editions.po.read.Layout`. The catalog's order is kept, except that
obsolete entries go last. What msgcat normalises, this does too: comments before
references before flags, flags in GNU's order (``fuzzy`` only on a translated entry,
no ``range`` on an obsolete one), references without ``./`` and without repeats,
obsolete entries without a translation dropped.

A translation the file had keeps the lines it had there (``Layout.translations``):
what a translator's editor wrapped its own way is not wrapped again. Everything
else is wrapped as GNU wraps it: a string breaks where Unicode line breaking allows
(:mod:`editions.po.linebreak`), never inside an escape sequence, before a final
``\\n``, or inside a Python brace directive of a ``python-brace-format`` entry.

Where this differs from GNU, on purpose or not:

- what a translator put in that gettext would drop or rewrite is kept: a flag
  gettext does not know (``review``) is written after the ones it knows, in its
  order; a translator comment keeps the lines the file gave it
  (``tcomment_lines``: a lone ``#``, ``# ``, ``#text``). A catalog msgcat wrote has
  neither, so it still comes back byte for byte;
- a header that is not first is still the header, and is written first (polib keeps
  it apart); a catalog with a header and no entry is written (msgcat writes nothing
  unless given ``--force-po``);
- a string holding NUL or EOT (U+0004) cannot be written (``ValueError``): GNU cannot
  read it back;
- directives of formats other than ``python-brace`` are not located, so a break
  opportunity inside one (only a space can make one, as in the C directive ``% d``)
  may be taken where GNU's is not.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

import polib

from editions.po.linebreak import breaks
from editions.po.read import (
    C_ESCAPES,
    Layout,
    escape,
    parse_metadata,
    split_flags,
    translator_line,
    wraps,
)

__all__ = ["FORMAT_LANGUAGES", "PAGE_WIDTH", "format_changed", "format_po", "generate_po"]

PAGE_WIDTH = 79

#: The format flags gettext 0.21 knows (``<language>-format``), in the order it writes them.
FORMAT_LANGUAGES = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "sh", "awk", "lua", "object-pascal", "smalltalk",
    "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace", "php",
    "gcc-internal", "gfc-internal", "ycp",
)  # fmt: skip

BOM = "\ufeff"
_PLAIN = Layout()


def format_po(po: polib.POFile, layout: Layout = _PLAIN) -> str:
    """The text of ``po`` as GNU ``msgcat`` would write it, laid out as ``layout`` says."""
    return _joined(list(_blocks(po, PAGE_WIDTH, layout)), layout)


def format_changed(po: polib.POFile, before: polib.POFile, layout: Layout) -> str | None:
    """The text of ``po`` (``before`` updated, read with ``layout``), or None if it is
    the text of ``before`` (which is written only up to its first entry that differs)."""
    blocks = list(_blocks(po, PAGE_WIDTH, layout))
    old = _blocks(before, PAGE_WIDTH, layout)
    if all(a == b for a, b in itertools.zip_longest(blocks, old)):
        return None
    return _joined(blocks, layout)


def _joined(blocks: list[tuple[str, ...]], layout: Layout) -> str:
    newline = layout.newline
    text = (newline * 2).join(newline.join(block) for block in blocks)
    return (BOM if layout.bom else "") + (text + newline if blocks else "")


def generate_po(po: polib.POFile, width: int = PAGE_WIDTH) -> Iterator[str]:
    """The lines of ``po`` (without line ends), as ``msgcat --width=WIDTH`` writes them
    (a width below 20 is 20, as in GNU)."""
    for number, block in enumerate(_blocks(po, max(width, 20), _PLAIN)):
        if number:
            yield ""
        yield from block


def _blocks(po: polib.POFile, width: int, layout: Layout) -> Iterator[tuple[str, ...]]:
    """The lines of each entry written: the header, live entries, then obsolete ones."""
    header = _header_entry(po, layout.header)
    live = [] if header is None else [header]
    live += (entry for entry in po if not entry.obsolete)
    for entry in [*live, *(entry for entry in po if entry.obsolete)]:
        msgstrs = _msgstrs(entry)
        if entry.obsolete and not msgstrs[0]:
            continue  # an obsolete entry without a translation is dropped
        head, directives, wrap = _entry_head(entry, width, bool(msgstrs[0]))
        yield head + _msgstr_lines(entry, msgstrs, width, directives, wrap, layout.translations)


def _header_entry(po: polib.POFile, read: str | None) -> polib.POEntry | None:
    """The header entry of ``po``: its text as read if its metadata did not change since."""
    metadata: dict[str, str] = po.metadata
    text = read
    if text is None or parse_metadata(text) != metadata:
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


def _entry_head(
    entry: polib.POEntry, width: int, translated: bool
) -> tuple[tuple[str, ...], str | None, bool]:
    """The lines of an entry before its ``msgstr``, the format whose directives must not
    be broken, and whether the entry's strings are wrapped."""
    obsolete = bool(entry.obsolete)
    out: list[str] = []
    out += _translator_lines(entry)
    if entry.comment:
        out += [f"#. {line}" if line else "#." for line in entry.comment.split("\n")]
    if entry.occurrences:
        out += _reference_lines(entry.occurrences, width)
    described, directives, wrap = _flag_info(tuple(entry.flags), translated, obsolete)
    if described:
        out.append(described)
    previous = "#~| " if obsolete else "#| "
    prefix = "#~ " if obsolete else ""
    for lead, name, value in (
        (previous, "msgctxt", entry.previous_msgctxt),
        (previous, "msgid", entry.previous_msgid),
        (previous, "msgid_plural", entry.previous_msgid_plural),
        (prefix, "msgctxt", entry.msgctxt),
        (prefix, "msgid", entry.msgid),
        (prefix, "msgid_plural", entry.msgid_plural or None),
    ):
        if value is not None:
            out += _wrap(lead, name, value, width, wrap, directives)
    return tuple(out), directives, wrap


def _translator_lines(entry: polib.POEntry) -> list[str]:
    """The lines of the translator comment: as the file had them while the comment is
    the same (``tcomment_lines``: see :mod:`editions.po.read`), else as GNU writes them."""
    kept: tuple[str, ...] | None = getattr(entry, "tcomment_lines", None)
    if kept is not None and "\n".join(map(translator_line, kept)) == entry.tcomment:
        return ["#" + line for line in kept]
    if not entry.tcomment:
        return []
    return [f"# {line}" if line else "#" for line in entry.tcomment.split("\n")]


def _msgstr_lines(
    entry: polib.POEntry,
    msgstrs: list[str],
    width: int,
    directives: str | None,
    wrap: bool,
    kept: Mapping[tuple[bool, bool, str], tuple[str, ...]],
) -> tuple[str, ...]:
    """The ``msgstr`` lines of an entry: as the file had them (``kept``), else wrapped."""
    prefix = "#~ " if entry.obsolete else ""
    lines = None if entry.msgid_plural else kept.get((bool(entry.obsolete), wrap, msgstrs[0]))
    if lines is not None:
        return lines
    if not entry.msgid_plural:
        return _wrap(prefix, "msgstr", msgstrs[0], width, wrap, directives)
    out: list[str] = []
    for index, value in enumerate(msgstrs):
        out += _wrap(prefix, f"msgstr[{index}]", value, width, wrap, directives)
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
    if refs:
        yield out


class _Flags(NamedTuple):
    """An entry's flags as GNU reads them: later flags override earlier ones."""

    fuzzy: bool
    formats: dict[str, str]  # language -> yes, possible, no...
    range: tuple[int, int] | None
    wrap: bool
    others: tuple[str, ...]  # flags gettext does not know, a translator's own: kept

    @classmethod
    def parse(cls, flags: Iterable[str]) -> _Flags:
        """
        >>> _Flags.parse(["fuzzy", "no-c-format", "possible-python-format", "no-wrap", "review"])
        ... # doctest: +NORMALIZE_WHITESPACE
        _Flags(fuzzy=True, formats={'c': 'no', 'python': 'possible'}, range=None, wrap=False,
               others=('review',))
        """
        flags = split_flags(", ".join(flags))
        fuzzy = False
        formats: dict[str, str] = {}
        limits: tuple[int, int] | None = None
        others: dict[str, None] = {}
        for flag in flags:
            if flag == "fuzzy":
                fuzzy = True
            elif flag in ("wrap", "no-wrap"):
                continue  # :func:`~editions.po.read.wraps`
            elif flag.startswith("range: "):
                match = re.fullmatch(r"range: ([0-9]+)\.\.([0-9]+).*", flag, re.S)
                if match and int(match.group(1)) <= int(match.group(2)):
                    limits = (int(match.group(1)), int(match.group(2)))
            elif flag.endswith("-format"):
                lang, state = flag.removesuffix("-format"), "yes"
                for prefix in ("no", "possible", "impossible"):
                    if lang.startswith(prefix + "-"):
                        lang, state = lang[len(prefix) + 1 :], prefix
                        break
                if lang in FORMAT_LANGUAGES:
                    formats[lang] = state
            else:
                others[flag] = None
        return cls(fuzzy, formats, limits, wraps(flags), tuple(others))

    def describe(self, fuzzy: bool, obsolete: bool) -> list[str]:
        """The flags GNU writes (``fuzzy`` only if translated, no range on obsolete
        entries), then those it does not know, in their order."""
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
        return out + list(self.others)

    @property
    def directives(self) -> str | None:
        """The format whose directives must not be broken: the first one that may apply."""
        for lang in FORMAT_LANGUAGES:
            if self.formats.get(lang) in ("yes", "possible"):
                return lang
        return None


# -- strings -------------------------------------------------------------------

_TO_ESCAPE = re.compile(r'[\a\b\f\n\r\t\v\\"]')  # what escape() changes
_PORTION = re.compile(r"[^\n]*\n|[^\n]+")
_INT_MAX = 2**31 - 1


@functools.lru_cache(maxsize=1024)  # a document's English, written again in each of its catalogs
def _wrap(
    prefix: str, name: str, value: str, width: int, wrap: bool, fmt: str | None
) -> tuple[str, ...]:
    """``name "value"``, escaped and wrapped as write-po.c's ``wrap`` does.

    Each piece of ``value`` ending in a newline starts a new line; a value that spans
    several lines, or does not fit after its keyword, starts with an empty string.

    >>> _wrap("", "msgid", "Hello,\\nworld", 79, True, None)
    ('msgid ""', '"Hello,\\\\n"', '"world"')
    """
    if "\0" in value or "\4" in value:
        raise ValueError(f"a catalog string cannot hold NUL or EOT (U+0004): {value!r}")
    room = (width if wrap else _INT_MAX) - 2 - len(prefix)
    if len(name) + 1 + 2 * len(value) <= room and not _TO_ESCAPE.search(value):
        return (f'{prefix}{name} "{value}"',)  # it fits after the keyword: one line
    inside = _directive_interiors(value) if fmt == "python-brace" and "{" in value else frozenset()
    portions = _PORTION.findall(value) or [""]
    lead = f'{prefix}{name} "'
    out: list[str] = []
    start = 0
    for number, portion in enumerate(portions):
        text = escape(portion) if _TO_ESCAPE.search(portion) else portion
        locked = _locked(text, portion, start, inside)
        start += len(portion)
        cuts: list[int] = []
        if text and (number or len(portions) > 1 or _breaks_after(name, text, room, locked)):
            if not number:
                out.append(f'{prefix}{name} ""')
            lead = f'{prefix}"'
            cuts = list(breaks(text, room, 0, locked))
        for at, end in zip([0, *cuts], [*cuts, len(text)], strict=True):
            out.append(f'{lead}{text[at:end]}"')
            lead = f'{prefix}"'
    return tuple(out)


def _breaks_after(name: str, text: str, room: int, locked: frozenset[int]) -> bool:
    """Whether ``text`` would break on the keyword's line: then it goes on lines of its own."""
    column = len(name) + 1
    return column > room or next(breaks(text, room, column, locked), None) is not None


def _locked(text: str, portion: str, start: int, inside: frozenset[int]) -> frozenset[int]:
    """Where no line may break in ``text``, the escaped ``portion`` of a string at ``start``.

    Not inside an escape sequence, not just before a final ``\\n``, not inside
    the directives ``inside`` (indices into the whole string).

    >>> sorted(_locked('a\\\\"b\\\\n', 'a"b\\n', 0, frozenset()))
    [2, 4, 5]
    """
    if text == portion and not inside:
        return frozenset()
    locked: set[int] = set()
    at = 0
    for offset, char in enumerate(portion):
        if start + offset in inside:
            locked.add(at)
        if char in C_ESCAPES or char in '\\"':
            locked.add(at + 1)
            at += 2
        else:
            at += 1
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
    while (pos := data.find(b"{", pos)) >= 0:
        result = _brace_directive(data, pos, toplevel=True)
        if isinstance(result, _BraceError):
            errors |= 1 << result.offset
            break
        end, marked = result
        if marked:
            starts |= 1
            ends |= 1 << (end - 1 - pos)
        pos = end
    marks = ends | errors
    first = (marks & -marks).bit_length() - 1  # the lowest mark
    if not starts or errors >> first & 1:
        return frozenset()  # no directive, or an invalid one: marked, not protected
    inside: set[int] = set()
    offset = 0
    for index, char in enumerate(text):
        if 1 <= offset <= first:
            inside.add(index)
        offset += len(char.encode())
    return frozenset(inside)


class _BraceError(NamedTuple):
    offset: int  # where gettext's parser marks the error


_FIELD = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*|[0-9]+")
_ATTRIBUTE = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*")
#: A format spec of python-brace-format: ``[[fill]align][sign][#][0][width][.precision][type]``.
_FORMAT_SPEC = re.compile(
    rb"(?:.[<>=^]|[<>=^])?[-+ ]?#?0?[0-9]*(?:\.[0-9]+)?[bcdoxXneEfFgG%]?", re.S
)


def _brace_directive(data: bytes, pos: int, toplevel: bool) -> tuple[int, bool] | _BraceError:
    """Parse the directive whose ``{`` is at ``pos`` as gettext 0.21's format-python-brace.c.

    Returns where it ends and whether it is a directive (not an escaped ``{{``),
    or where the parser marks it invalid, relative to the directive's ``{``.
    A field name is required: ``{}`` is invalid in 0.21.
    """
    start = pos
    pos += 1
    if data[pos : pos + 1] == b"{":
        return pos + 1, False  # '{{', an escaped brace
    name = _FIELD.match(data, pos)
    if not name:
        return _BraceError(pos - start)
    pos = name.end()
    while data[pos : pos + 1] in (b".", b"["):
        pattern = _ATTRIBUTE if data[pos : pos + 1] == b"." else _FIELD
        item = pattern.match(data, pos + 1)
        if not item:
            return _BraceError(pos + 1 - start)
        pos = item.end()
        if pattern is _FIELD:
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
            spec = _FORMAT_SPEC.match(data, pos)
            assert spec is not None
            pos = spec.end()
    if data[pos : pos + 1] != b"}":
        return _BraceError(pos - start)
    return pos + 1, toplevel
