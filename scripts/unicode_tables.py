"""Write src/editions/po/unicode_tables.py: the line breaking class and the column width
of every code point, as GNU gettext 0.21 has them (libunistring 1.0, Unicode 14.0).

Run: ``python scripts/unicode_tables.py [/usr/share/unicode]``. The folder holds the
Unicode Character Database as Debian's package ``unicode-data`` installs it
(LineBreak.txt, EastAsianWidth.txt, UnicodeData.txt, DerivedAge.txt and
emoji/emoji-data.txt). Its version may be later than 14.0: a character assigned
later is taken as unassigned, and a character whose class changed since is given
its 14.0 class (``CHANGED``), so that the tables stay the ones msgcat breaks lines
with. How libunistring departs from the data files is spelt out below.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

VERSION = (14, 0)
OUT = Path(__file__).resolve().parent.parent / "src" / "editions" / "po" / "unicode_tables.py"
#: Characters whose line breaking class changed after Unicode 14.0: their 14.0 class.
CHANGED = {0x1DCD: "CM", 0x1DFC: "CM", 0x2057: "AL"}
#: Where LineBreak.txt gives unassigned code points the class ID rather than XX.
DEFAULT_ID = [
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FFFD),
    (0x30000, 0x3FFFD), (0x1F000, 0x1FAFF), (0x1FC00, 0x1FFFD),
]  # fmt: skip
#: Where an unassigned code point is wide, as in libunistring 1.0 (blocks of wide characters).
WIDE_UNASSIGNED = [
    (0x2E80, 0xA4CF), (0xF900, 0xFAFF), (0xFE10, 0xFE1F), (0xFE30, 0xFE6F), (0xFF00, 0xFF60),
    (0xFFE0, 0xFFE6), (0x1F200, 0x1F2FF), (0x20000, 0x3FFFF),
]  # fmt: skip


def ranges(path: Path) -> Iterator[tuple[int, int, str]]:
    """``(first, last, value)`` of each line of a data file."""
    for line in path.read_text("utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            points, value = (field.strip() for field in line.split(";")[:2])
            first, _, last = points.partition("..")
            yield int(first, 16), int(last or first, 16), value


def table(path: Path, default: str) -> list[str]:
    values = [default] * 0x110000
    for first, last, value in ranges(path):
        values[first : last + 1] = [value] * (last + 1 - first)
    return values


def categories(path: Path) -> list[str]:
    """The general category and bidirectional class of every code point, as ``Mn NSM``
    (``Cn`` when unassigned)."""
    values = ["Cn"] * 0x110000
    start = None
    for line in path.read_text("utf-8").splitlines():
        code, name, category, _, bidi = line.split(";")[:5]
        if name.endswith(", First>"):
            start = int(code, 16)
        elif name.endswith(", Last>") and start is not None:
            values[start : int(code, 16) + 1] = [f"{category} {bidi}"] * (int(code, 16) + 1 - start)
        else:
            values[int(code, 16)] = f"{category} {bidi}"
    return values


def line_class(code: int, lb: str, eaw: str, pictographic: bool, assigned: bool) -> str:
    """libunistring 1.0's class: CJ is NS (strict breaking), NL is BK; OP and CP come
    in two kinds, the East Asian ones (LB30 does not apply to them), and ID has a
    second kind for unassigned pictographs (LB30b)."""
    if not assigned:
        lb = (
            "ID"
            if any(a <= code <= b for a, b in DEFAULT_ID)
            else "PR"
            if 0x20A0 <= code <= 0x20CF
            else "XX"
        )
    lb = CHANGED.get(code, lb)
    if lb in ("OP", "CP"):
        return lb + ("2" if eaw in ("F", "W", "H") else "1")
    if lb == "ID":
        return "ID2" if pictographic and not assigned else "ID1"
    return {"CJ": "NS", "NL": "BK", "SG": "XX"}.get(lb, lb)


def column_width(code: int, kind: str, eaw: str) -> int:
    """Columns the character takes: none for controls, format characters and
    non-spacing marks (and Hangul vowels and finals, which join the syllable
    before), two if wide (``kind`` is :func:`categories`', ``Cn`` if unassigned)."""
    category, _, bidi = kind.partition(" ")
    if category == "Cn":
        return 2 if any(a <= code <= b for a, b in WIDE_UNASSIGNED) else 1
    if category in ("Cc", "Cf") or bidi == "NSM" or code == 0x200B:
        return 0
    if 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FF:
        return 0
    return 2 if eaw in ("W", "F") else 1


def runs(values: list[str] | list[int]) -> list[tuple[int, str | int]]:
    """``(first code point, value)`` of each run of equal values, but surrogates."""
    out: list[tuple[int, str | int]] = []
    for code, value in enumerate(values):
        if not out or out[-1][1] != value:
            out.append((code, value))
    return out


def module(classes: list[tuple[int, str | int]], widths: list[tuple[int, str | int]]) -> str:
    def lines(pairs: list[tuple[int, str | int]], per_line: int) -> Iterator[str]:
        cells = [f"{code:04X}:{value}" for code, value in pairs]
        for at in range(0, len(cells), per_line):
            yield " ".join(cells[at : at + per_line])

    return "\n".join(
        [
            '"""The line breaking class and the column width of every code point, as GNU',
            "gettext 0.21 has them (libunistring 1.0, Unicode 14.0), for :mod:`editions.po.linebreak`.",
            "",
            "Generated by ``scripts/unicode_tables.py`` from the Unicode data files: do not edit.",
            "Each table is runs of code points, ``first:value``, the first code point in",
            "hexadecimal: the run goes on to the next one's first code point.",
            '"""',
            "",
            'LINE_BREAK = """',
            *lines(classes, 9),
            '"""',
            "",
            'WIDTH = """',
            *lines(widths, 12),
            '"""',
            "",
        ]
    )


def main(folder: str = "/usr/share/unicode") -> None:
    ucd = Path(folder)
    lb = table(ucd / "LineBreak.txt", "XX")
    eaw = table(ucd / "EastAsianWidth.txt", "N")
    category = categories(ucd / "UnicodeData.txt")
    age = table(ucd / "DerivedAge.txt", "")
    assigned = [bool(a) and tuple(map(int, a.split("."))) <= VERSION for a in age]
    pictographic = [False] * 0x110000
    for first, last, value in ranges(ucd / "emoji" / "emoji-data.txt"):
        if value == "Extended_Pictographic":
            pictographic[first : last + 1] = [True] * (last + 1 - first)
    classes = []
    widths = []
    for code in range(0x110000):
        known = assigned[code]
        cat = category[code] if known else "Cn"
        classes.append(line_class(code, lb[code], eaw[code], pictographic[code], known))
        widths.append(column_width(code, cat, eaw[code] if known else "N"))
    # Hangul syllables alternate LV and LVT: the reader of the table tells them apart.
    classes[0xAC00:0xD7A4] = ["H3"] * (0xD7A4 - 0xAC00)
    OUT.write_text(module(runs(classes), runs(widths)), "utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
