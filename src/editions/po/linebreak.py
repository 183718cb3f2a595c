"""Where GNU gettext 0.21 breaks a long string: Unicode line breaking (UAX #14) as
libunistring 1.0 implements it, lines filled to a width counted as a terminal counts
columns (East Asian wide characters take two, marks none).

:func:`breaks` is libunistring's ``u8_width_linebreaks``: the text between two break
opportunities is taken whole, and a line breaks at its last opportunity before the
text would pass the width (at its first one after, when a piece is wider than a
line). Whether a line may break before a character (:func:`_opportunity`) follows
``u8_possible_linebreaks``: UAX #14's pair table, with its rules for spaces,
combining marks, ZWJ (LB8a), Hebrew (LB21a) and regional indicators (LB30a),
decided by looking back from the character; so only the characters near where a
line would overflow are looked at. The class and width of each character come from
:mod:`editions.po.unicode_tables` (``scripts/unicode_tables.py`` makes it).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Collection, Iterator

from editions.po.unicode_tables import LINE_BREAK, WIDTH

__all__ = ["breaks"]

# Line breaking classes, numbered as libunistring numbers them: the first 33 index the
# pair table, the others are resolved before it is consulted (AI, SA and XX are AL,
# CB is ID). OP, CP and ID come in two kinds in libunistring's tables (the East Asian
# OP and CP, to which LB30 does not apply; unassigned pictographs, LB30b).
_NAMES = (
    "WJ", "GL", "B2", "BA", "BB", "HY", "CL", "CP1", "CP2", "EX", "IN", "NS", "OP1", "OP2",
    "QU", "IS", "NU", "PO", "PR", "SY", "AL", "H2", "H3", "ID1", "ID2", "JL", "JV", "JT", "HL",
    "RI", "ZWJ", "EB", "EM", "BK", "CR", "LF", "CM", "ZW", "SP", "CB", "AI", "SA", "XX",
)  # fmt: skip
(WJ, GL, B2, BA, BB, HY, CL, CP1, CP2, EX, IN, NS, OP1, OP2, QU, IS, NU, PO, PR, SY, AL,
 H2, H3, ID1, ID2, JL, JV, JT, HL, RI, ZWJ, EB, EM,
 BK, CR, LF, CM, ZW, SP, CB, AI, SA, XX) = range(43)  # fmt: skip

PROHIBITED, POSSIBLE, MANDATORY = 0, 1, 2

# UAX #14's pair table as libunistring 1.0 has it: row = class before, column = class
# after; D break, I break only if spaces are between, P no break.
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
_RESOLVED = {AI: AL, SA: AL, XX: AL, CB: ID1}
_MANDATORY = re.compile(f"[{chr(BK)}{chr(CR)}{chr(LF)}]".encode())


def _runs(table: str) -> tuple[list[int], list[str]]:
    """The first code points and the values of the runs of a table of
    :mod:`editions.po.unicode_tables`."""
    cells = [cell.split(":") for cell in table.split()]
    return [int(code, 16) for code, _ in cells], [value for _, value in cells]


class _Lookup(dict[int, str]):
    """A value of each code point, as a character for :meth:`str.translate`, looked
    up in a table's runs when first asked."""

    def __init__(self, table: str, value: dict[str, int], hangul: bool = False) -> None:
        super().__init__()
        self.starts, values = _runs(table)
        self.run_values = [chr(value[v]) for v in values]
        self.hangul = hangul

    def __missing__(self, code: int) -> str:
        found = self.run_values[bisect.bisect_right(self.starts, code) - 1]
        if self.hangul and 0xAC00 <= code <= 0xD7A3 and (code - 0xAC00) % 28 == 0:
            found = chr(H2)  # Hangul syllables: LV every 28th, LVT between
        self[code] = found
        return found


_CLASSES = _Lookup(LINE_BREAK, {n: _RESOLVED.get(c, c) for c, n in enumerate(_NAMES)}, True)
_WIDTHS = _Lookup(WIDTH, {"0": 0, "1": 1, "2": 2})


class _Both(dict[int, str]):
    """The class and the width of each code point, as one character: ``class + 64 * width``."""

    def __missing__(self, code: int) -> str:
        both = self[code] = chr(ord(_CLASSES[code]) + 64 * ord(_WIDTHS[code]))
        return both


_BOTH = _Both()
_ASCII = bytes(ord(_BOTH[code]) for code in range(128)) + bytes(128)  # bytes.translate table
_CLASS_OF = bytes(both % 64 for both in range(256))
_WIDTH_OF = bytes(both // 64 for both in range(256))


def line_class(char: str) -> int:
    """The line breaking class of ``char`` (AI, SA and XX resolved to AL, CB to ID).

    >>> [_NAMES[line_class(c)] for c in "a (人)"]
    ['AL', 'SP', 'OP1', 'ID1', 'CP1']
    """
    return ord(_CLASSES[ord(char)])


def column_width(char: str) -> int:
    """Columns ``char`` takes, as libunistring's ``uc_width`` counts (controls: none).

    >>> [column_width(c) for c in "a人\\u0301\\x01"]
    [1, 2, 0, 0]
    """
    return ord(_WIDTHS[ord(char)])


def breaks(text: str, width: int, column: int = 0, locked: Collection[int] = ()) -> Iterator[int]:
    """Where ``text``, starting at ``column``, breaks to keep within ``width`` columns:
    the offsets of the characters that start a new line. No line breaks before a
    character whose offset is in ``locked``.

    >>> list(breaks("The quick brown fox jumps", 10))
    [10, 20]
    >>> list(breaks("人人人人人", 4)), list(breaks("a-very-long-word", 5, 3))
    ([2, 4], [2, 7, 12])
    """
    size = len(text)
    if column + 2 * size <= width:
        return  # no character is wider than two columns: it fits
    classes, ends = _prepare(text)
    start = 0
    for mandatory in _MANDATORY.finditer(classes):
        if mandatory.start() not in locked:
            yield from _fill(classes, ends, start, mandatory.start(), width, column, locked)
            start, column = mandatory.end(), 0
    yield from _fill(classes, ends, start, size, width, column, locked)


@functools.lru_cache(maxsize=16)  # a string is looked at on the keyword's line, then alone
def _prepare(text: str) -> tuple[bytes, list[int] | None]:
    """The line breaking class of each character of ``text``, and the columns each
    prefix of it takes (None when every character takes one)."""
    if text.isascii():
        both = text.encode().translate(_ASCII)
    else:
        both = text.translate(_BOTH).encode("latin-1")
    widths = both.translate(_WIDTH_OF)
    ends = None if widths.count(1) == len(widths) else [0, *itertools.accumulate(widths)]
    return both.translate(_CLASS_OF), ends


def _fill(
    classes: bytes,
    ends: list[int] | None,
    start: int,
    stop: int,
    width: int,
    column: int,
    locked: Collection[int],
) -> Iterator[int]:
    """The breaks of the text between mandatory breaks ``start`` and ``stop``, its first
    line starting at ``column``; ``ends`` are the columns of each prefix of the text,
    or None when every character takes one."""
    while True:
        # The first offset the line cannot reach: it would end past the width.
        room = width - column
        if ends is None:
            limit = start + room + 1
        else:
            limit = bisect.bisect_right(ends, room + ends[start], start)
        limit = max(limit, start + 1)
        if limit > stop:
            return  # the rest fits
        # The last opportunity before the limit, else the first after it.
        before = (i for i in range(limit - 1, start, -1) if _may_break(classes, i, locked))
        after = (i for i in range(limit, stop) if _may_break(classes, i, locked))
        at = next(itertools.chain(before, after), None)
        if at is None:
            return
        yield at
        start, column = at, 0


def _may_break(classes: bytes, i: int, locked: Collection[int]) -> bool:
    return _opportunity(classes, i) == POSSIBLE and i not in locked


def _opportunity(classes: bytes, i: int) -> int:
    """Whether a line may (or must) break before character ``i``, from the classes of
    the characters up to it: ``u8_possible_linebreaks``'s answer, found looking back."""
    this = classes[i]
    if this in (BK, CR, LF):
        return MANDATORY
    if i == 0 or this in (SP, ZW):
        return PROHIBITED
    before = classes[i - 1]
    if before in _ORDINARY and this in _ORDINARY_AFTER:  # the pair alone decides
        return POSSIBLE if _PAIRS[before][this] == "D" else PROHIBITED
    last, spaces = _last_before(classes, i)
    if this in (CM, ZWJ):  # LB9, LB10: attached to what is before, unless a space or ZW
        return POSSIBLE if last != BK and (last == ZW or spaces) else PROHIBITED
    if last == BK or (last != ZW and before == ZWJ):
        return PROHIBITED  # LB4-6: not at the start of a line; LB8a: not after ZWJ
    if last == ZW:
        return POSSIBLE  # LB8
    return _pair_rule(classes, i, last, spaces)


#: Classes of a character before which, or after which, nothing but the pair table
#: decides a break (no space, mark, ZWJ, regional indicator, nor hyphen after Hebrew).
_ORDINARY = frozenset(range(33)) - {ZWJ, RI, HY, BA}
_ORDINARY_AFTER = frozenset(range(33)) - {ZWJ}


def _pair_rule(classes: bytes, i: int, last: int, spaces: bool) -> int:
    """:func:`_opportunity` before character ``i`` after ``last``, by the pair table."""
    this = classes[i]
    if last == RI and this == RI:  # LB30a: between pairs of regional indicators
        run = i - len(classes[:i].rstrip(bytes([RI])))
        return POSSIBLE if spaces or run % 2 == 0 else PROHIBITED
    if classes[i - 1] in (HY, BA) and i >= 2 and classes[i - 2] == HL:
        return PROHIBITED  # LB21a
    rule = _PAIRS[last][this]
    return POSSIBLE if rule == "D" or (rule == "I" and spaces) else PROHIBITED


def _last_before(classes: bytes, i: int) -> tuple[int, bool]:
    """The class that decides a break before character ``i``: that of the last
    character before it that is not a space (BK at the start of a line, AL for a
    combining mark that follows no character), and whether spaces come between."""
    j = i - 1
    while j >= 0 and classes[j] == SP:
        j -= 1
    spaces = j < i - 1
    if j < 0 or classes[j] in (BK, CR, LF):
        return BK, spaces
    if classes[j] not in (CM, ZWJ):
        return classes[j], spaces
    while j >= 0 and classes[j] in (CM, ZWJ):  # a mark takes the class of what it follows
        j -= 1
    if j < 0 or classes[j] in (SP, BK, CR, LF, ZW):
        return AL, spaces
    return classes[j], spaces
