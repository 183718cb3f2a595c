"""How far each translation has come: messages and words, by state.

A message is *translated* when it has a translation not marked fuzzy,
*fuzzy* when its translation awaits review, *untranslated* when it has none;
*obsolete* messages (``#~``) are gone from the English and count apart.
Percentages are of the messages (or words) in the English, obsolete ones
aside, rounded down, so 100% means every one. Words are the English's:
what a translator has to read, counted without markup, addresses or
placeholders.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass

import polib

from editions.render import inline

STATES = ("translated", "fuzzy", "untranslated")
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")
_PLACEHOLDER = re.compile(r"\{\w+\}")


def words(text: str) -> int:
    """The number of words of inline Markdown ``text``.

    >>> words("**Pakistan’s** [human-rights](https://example.org/a-b) record, 2026.")
    4
    >>> words("**{title}:** {text}")
    0
    """
    return len(_WORD.findall(_PLACEHOLDER.sub(" ", inline.to_text(text))))


@dataclass(frozen=True)
class Counts:
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0

    @property
    def total(self) -> int:
        """Everything in the English now: obsolete messages aside."""
        return self.translated + self.fuzzy + self.untranslated

    def percent(self, state: str) -> float:
        """The share of ``total`` in ``state``, in percent, rounded down to a tenth.

        >>> Counts(translated=26, untranslated=1).percent("translated")
        96.2
        >>> Counts().percent("translated")
        0.0
        """
        if not self.total:
            return 0.0
        part: int = getattr(self, state)
        return math.floor(1000 * part / self.total) / 10


def state(entry: polib.POEntry) -> str:
    """``translated``, ``fuzzy``, ``untranslated`` or ``obsolete``."""
    if entry.obsolete:
        return "obsolete"
    if not entry.msgstr:
        return "untranslated"
    return "fuzzy" if "fuzzy" in entry.flags else "translated"


@dataclass(frozen=True)
class Stats:
    language: str
    document: str
    path: str
    messages: Counts
    words: Counts

    def as_dict(self) -> dict[str, object]:
        return {
            "language": self.language,
            "document": self.document,
            "path": self.path,
            "messages": {**asdict(self.messages), "total": self.messages.total},
            "words": {**asdict(self.words), "total": self.words.total},
            "percent": {
                unit: {s: counts.percent(s) for s in STATES}
                for unit, counts in (("messages", self.messages), ("words", self.words))
            },
        }


def count(po: polib.POFile, language: str, document: str, path: str) -> Stats:
    """The statistics of one catalog."""
    messages = dict.fromkeys((*STATES, "obsolete"), 0)
    counted = dict.fromkeys((*STATES, "obsolete"), 0)
    for entry in po:
        key = state(entry)
        messages[key] += 1
        counted[key] += words(entry.msgid)
    return Stats(language, document, path, Counts(**messages), Counts(**counted))


def _cell(counts: Counts, key: str) -> str:
    value: int = getattr(counts, key)
    return str(value) if key == "obsolete" else f"{value} ({counts.percent(key):.1f}%)"


def table(stats: list[Stats]) -> str:
    """A plain-text table, one row of messages and one of words per catalog.

    >>> print(table([Stats("fr", "article", "x.po", Counts(26, 1, 0, 2), Counts(700, 9, 0, 40))]))
    language  document  unit      total  translated   fuzzy     untranslated  obsolete
    fr        article   messages     27  26 (96.2%)   1 (3.7%)  0 (0.0%)             2
                        words       709  700 (98.7%)  9 (1.2%)  0 (0.0%)            40
    """
    head = ["language", "document", "unit", "total", *STATES, "obsolete"]
    rows = [head]
    for s in stats:
        for unit, counts in (("messages", s.messages), ("words", s.words)):
            first = unit == "messages"
            rows.append(
                [
                    s.language if first else "",
                    s.document if first else "",
                    unit,
                    str(counts.total),
                    *(_cell(counts, k) for k in (*STATES, "obsolete")),
                ]
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    right = {3, 7}  # numbers alone are set to the right
    lines = [
        "  ".join(
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]
    return "\n".join(lines)


def as_json(stats: list[Stats]) -> str:
    """The statistics as a JSON list, one object per catalog."""
    return json.dumps([s.as_dict() for s in stats], ensure_ascii=False, indent=2)
