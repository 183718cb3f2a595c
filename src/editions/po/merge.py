"""Merge a fresh template into a translation, losing no translation.

Policy
------
Entries are matched by ``msgctxt`` first, because a ``msgctxt`` names a
place in the document (``concerns/point-1/text``), then by the English text,
because a message may move. For every message of the template, in this order:

1. **Same place, same English** (``unchanged``): the entry is kept as it is.
2. **Same place, trivially changed English** (``trivial``): the English
   differs only in ways :func:`trivial_key` takes out (whitespace, quotes,
   dashes, ellipsis). The translation is kept, not marked fuzzy; ``msgid``
   becomes the new English.
3. **Same English elsewhere** (``moved``, or ``restored`` when it comes
   from an obsolete entry): a translation of exactly this English (or of a
   trivial variant) that its own place no longer needs, because that place
   is gone or its English changed, or an obsolete ``#~`` entry, follows the
   English to its new place, with its fuzzy state and translator comments.
4. **Same place, changed English** (``fuzzy``): the translation is kept,
   marked ``fuzzy``, and the English it was made for goes into ``#| msgid``
   (``previous_msgid``), so the translator sees exactly what changed. An
   entry that was already fuzzy keeps its older ``#| msgid``: the translation
   was made for that one. When the translation of this place moved to another
   place (rule 3), it is not also offered here as a fuzzy guess.
5. **Obsolete entry of this place, changed English** (``restored``): as 4,
   from the ``#~`` entry.
6. Otherwise the message is untranslated (``new``, or ``updated`` when an
   untranslated entry only gets the new English).

A translation that no message takes any more becomes an obsolete ``#~`` entry
(``obsolete``) keeping its translator comments, flags and ``#|`` lines, so it
comes back if its English returns; an untranslated one is dropped
(``dropped``): there is nothing to keep.

The header (comment, fields, flags) is kept whole. Translator comments and
flags are kept; format flags (``python-brace-format``) and the extracted
comments and references come from the template. Entries follow the
template's order; obsolete entries come after them, those already obsolete
first in their order, then the newly obsolete in their former order, so a
run with nothing new changes nothing.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from enum import StrEnum
from typing import NamedTuple

import polib

FUZZY = "fuzzy"


class Action(StrEnum):
    """What :func:`merge` did to one message."""

    UNCHANGED = "unchanged"  #: same place, same English
    TRIVIAL = "trivial"  #: English changed trivially: translation kept as it is
    FUZZY = "fuzzy"  #: English changed: translation kept, marked fuzzy, ``#|`` previous
    MOVED = "moved"  #: translation of the same English taken from another place
    RESTORED = "restored"  #: brought back from an obsolete ``#~`` entry
    NEW = "new"  #: a message with no translation
    UPDATED = "updated"  #: an untranslated message whose English changed
    OBSOLETE = "obsolete"  #: gone from the English: kept as ``#~``
    DROPPED = "dropped"  #: gone from the English, untranslated: removed


class Change(NamedTuple):
    msgctxt: str  #: the message
    action: Action
    origin: str | None = None  #: for ``moved``/``restored``: the place the translation came from


class Merged:
    """A merged catalog, and what the merge did to each message."""

    __slots__ = ("changes", "po")

    def __init__(self, po: polib.POFile, changes: list[Change]) -> None:
        self.po = po  #: the merged catalog
        self.changes = changes  #: one per template entry, then obsolete

    def count(self, action: Action) -> int:
        return sum(c.action is action for c in self.changes)

    def summary(self) -> str:
        """The actions other than ``unchanged``, counted: ``1 fuzzy, 2 moved``, or ``""``."""
        return summarize(self.changes)


def summarize(changes: Iterable[Change]) -> str:
    """The actions other than ``unchanged``, counted: ``1 fuzzy, 2 moved``, or ``""``.

    >>> summarize([Change("a", Action.FUZZY), Change("b", Action.UNCHANGED)])
    '1 fuzzy'
    """
    counts = Counter(change.action for change in changes)
    return ", ".join(
        f"{counts[action]} {action}"
        for action in Action
        if action is not Action.UNCHANGED and counts[action]
    )


_SPACE = re.compile(r"\s+")
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",  # ‘ left single quotation mark
        "\u2019": "'",  # ’ right single quotation mark, the curly apostrophe
        "\u201a": "'",  # ‚ single low-9 quotation mark
        "\u201b": "'",  # ‛ single high-reversed-9 quotation mark
        "\u02bc": "'",  # ʼ modifier letter apostrophe
        "\u201c": '"',  # “ left double quotation mark
        "\u201d": '"',  # ” right double quotation mark
        "\u201e": '"',  # „ double low-9 quotation mark
        "\u201f": '"',  # ‟ double high-reversed-9 quotation mark
        "\u2010": "-",  # ‐ hyphen
        "\u2011": "-",  # ‑ non-breaking hyphen
        "\u2012": "-",  # ‒ figure dash
        "\u2013": "-",  # – en dash
        "\u2014": "-",  # — em dash
        "\u2015": "-",  # ― horizontal bar
        "\u2212": "-",  # − minus sign
        "\u2026": "...",  # … horizontal ellipsis
    }
)


@functools.lru_cache(maxsize=1024)  # the same English in every language (pofile._RECURRING)
def trivial_key(text: str) -> str:
    """``text`` with the differences that do not need a translator taken out.

    Two English texts with the same key differ only trivially, and a
    translation of one is a translation of the other:

    - whitespace: a run of spaces, tabs, line breaks, no-break spaces
      (U+00A0, U+202F) or other Unicode spaces counts as one space, and
      whitespace at the start or end does not count;
    - quotes and apostrophes: curly (‘ ’ ‚ ‛ “ ” „ ‟) and the modifier
      apostrophe ʼ count as straight (' and ");
    - dashes: hyphen, non-breaking hyphen, figure dash, en dash, em dash,
      horizontal bar and minus sign count as ``-``;
    - the ellipsis character … counts as three full stops.

    Anything else, a letter, a digit, other punctuation, Markdown, a space
    added where there was none, is a real change.

    >>> trivial_key("It’s  a “test” —\\u00a0isn’t it…")
    'It\\'s a "test" - isn\\'t it...'
    >>> trivial_key("two\\nlines ") == trivial_key("two lines")
    True
    >>> trivial_key("Pakistan’s") == trivial_key("Pakistans")
    False
    >>> trivial_key("**bold**") == trivial_key("bold")
    False
    """
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHY)).strip()


def _translated(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr) or any(entry.msgstr_plural.values())


def _is_fuzzy(entry: polib.POEntry) -> bool:
    return FUZZY in entry.flags


def _translated_for(entry: polib.POEntry) -> str:
    """The English the entry's translation was made for."""
    if _is_fuzzy(entry) and entry.previous_msgid:
        return str(entry.previous_msgid)
    return str(entry.msgid)


def _flags(template: polib.POEntry, kept: Iterable[str], fuzzy: bool) -> list[str]:
    """``fuzzy`` first, then the template's flags, then the translator's own.

    Format flags (``*-format``) describe the English, so they come from the
    template only.
    """
    own = [f for f in kept if f != FUZZY and not f.endswith("-format") and f not in template.flags]
    return ([FUZZY] if fuzzy else []) + list(template.flags) + own


def _copy(entry: polib.POEntry, **changes: object) -> polib.POEntry:
    """A copy of ``entry`` with ``changes`` made that shares nothing mutable with it, as
    ``copy.deepcopy`` would make it: lists and dicts of plain values (all polib's entries
    hold) are copied one level down, which is all they need."""
    attributes = entry.__dict__
    if attributes.keys() == _ENTRY_ATTRIBUTES:
        copied = attributes.copy()
        for name in _ENTRY_CONTAINERS:
            if name not in changes:
                copied[name] = _fresh(copied[name])
    else:  # an entry with attributes of its own
        copied = _copied(attributes)
    copied.update(changes)
    new = polib.POEntry.__new__(type(entry))
    new.__dict__.update(copied)
    return new


def _copied(attributes: dict[str, object]) -> dict[str, object]:
    """``attributes``, each value that is not a plain one copied as :func:`_fresh` does."""
    copied = attributes.copy()
    for name, value in attributes.items():
        if type(value) not in _PLAIN:
            copied[name] = _fresh(value)
    return copied


def _fresh(value: object) -> object:
    """``copy.deepcopy(value)``, faster for a list or dict of plain values and tuples of
    them (polib's references, flags and plural translations)."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list or kind is dict:
        for item in value.values() if isinstance(value, dict) else value:  # type: ignore[attr-defined]
            if type(item) in _PLAIN:
                continue
            if type(item) is not tuple:
                return _deepcopy(value)
            for part in item:
                if type(part) not in _PLAIN:
                    return _deepcopy(value)
        return value.copy()  # type: ignore[attr-defined]
    return _deepcopy(value)


def _deepcopy(value: object) -> object:
    import copy  # seldom needed: polib's entries hold plain values

    return copy.deepcopy(value)


_PLAIN = frozenset({str, int, bool, float, type(None)})
_ENTRY_ATTRIBUTES = vars(polib.POEntry()).keys()
_ENTRY_CONTAINERS = [
    name for name, value in vars(polib.POEntry()).items() if type(value) not in _PLAIN
]


def _place(
    template: polib.POEntry,
    source: polib.POEntry | None,
    *,
    fuzzy: bool | None = None,
    previous: str | None = None,
) -> polib.POEntry:
    """The entry for ``template``'s message, carrying ``source``'s translation.

    The message (``msgctxt``, ``msgid``), extracted comments, references and
    format flags come from ``template``; the translation, translator comments
    and other flags from ``source``. ``fuzzy`` None keeps ``source``'s fuzzy
    state and ``#|`` lines; True marks it fuzzy with ``previous`` as ``#| msgid``.
    """
    if source is None:
        return _copy(template, msgstr="", msgstr_plural={}, flags=_flags(template, [], fuzzy=False))
    entry = _copy(
        source,
        obsolete=False,
        msgctxt=template.msgctxt,
        msgid=template.msgid,
        msgid_plural=template.msgid_plural,
        comment=template.comment,
        occurrences=list(template.occurrences),
        flags=_flags(template, source.flags, _is_fuzzy(source) if fuzzy is None else fuzzy),
    )
    if fuzzy is None:
        if entry.previous_msgid == template.msgid:  # the English is back to what it was
            entry.previous_msgctxt = entry.previous_msgid = None
    else:
        entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
        if fuzzy and previous is not None and previous != template.msgid:
            entry.previous_msgid = previous
    return entry


def _obsolete(entry: polib.POEntry) -> polib.POEntry:
    """``entry`` as an obsolete ``#~`` entry: references and extracted comments go."""
    return _copy(entry, obsolete=True, comment="", occurrences=[])


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return entry.msgctxt, entry.msgid


class _Pool:
    """Translations whose place no longer needs them, found by their English."""

    def __init__(self) -> None:
        self.exact: dict[str, list[polib.POEntry]] = {}
        self.trivial: dict[str, list[polib.POEntry]] = {}

    def add(self, entry: polib.POEntry) -> None:
        english = _translated_for(entry)
        for table, key in ((self.exact, english), (self.trivial, trivial_key(english))):
            table.setdefault(key, []).append(entry)
        if entry.msgid != english:  # fuzzy: also found by the English it now stands for
            for table, key in ((self.exact, entry.msgid), (self.trivial, trivial_key(entry.msgid))):
                if all(e is not entry for e in table.get(key, [])):
                    table.setdefault(key, []).append(entry)

    def find(self, english: str, msgctxt: str | None) -> polib.POEntry | None:
        """The best translation of ``english``: reviewed first, then this place's, then active."""
        for table, key in ((self.exact, english), (self.trivial, trivial_key(english))):
            found = table.get(key)
            if found:
                return min(
                    found,
                    key=lambda e: (_is_fuzzy(e), e.msgctxt != msgctxt, bool(e.obsolete)),
                )
        return None


def merge(po: polib.POFile, pot: polib.POFile) -> Merged:
    """``po`` brought up to date with ``pot``; ``po`` itself is not changed.

    See the module's docstring for the policy.
    """
    old = _Old(po)
    templates = list(pot)
    home = _at_home(templates, old.active)
    pool = _free(old, home)
    placed: dict[str | None, tuple[polib.POEntry, Change]] = {}
    for template in templates:
        found = _stays(template, home, old) or _follows(template, pool, old)
        if found is not None:
            placed[template.msgctxt] = found
    for template in templates:
        if template.msgctxt not in placed:
            placed[template.msgctxt] = _left(template, old)
    entries = [placed[template.msgctxt][0] for template in templates]
    changes = [placed[template.msgctxt][1] for template in templates]
    tail, gone = _retired(old)
    changes += gone
    keys = {_key(e) for e in entries}
    entries += (e for e in tail if _key(e) not in keys)  # never two entries of one key
    return Merged(_catalog(po, entries), changes)


_Placed = tuple[polib.POEntry, Change]


class _Old:
    """The entries of the catalog being merged, by kind, and which of them went somewhere."""

    def __init__(self, po: polib.POFile) -> None:
        self.active: dict[str | None, polib.POEntry] = {}
        self.extra: list[polib.POEntry] = []  #: a second entry of one msgctxt: kept, never lost
        self.obsolete: list[polib.POEntry] = []
        self.used: set[int] = set()  #: id() of the entries whose translation went somewhere
        for entry in po:
            if entry.obsolete:
                self.obsolete.append(entry)
            elif entry.msgctxt in self.active:
                self.extra.append(entry)
            else:
                self.active[entry.msgctxt] = entry

    def take(self, entry: polib.POEntry, placed: _Placed) -> _Placed:
        """``placed``, made of ``entry``, which is now used."""
        self.used.add(id(entry))
        return placed

    def free(self, entry: polib.POEntry | None) -> bool:
        """Whether ``entry`` holds a translation that no message took yet."""
        return entry is not None and _translated(entry) and id(entry) not in self.used


def _at_home(
    templates: list[polib.POEntry], active: dict[str | None, polib.POEntry]
) -> dict[str | None, tuple[polib.POEntry, Action]]:
    """Rules 1 and 2: the translations that stay at home, by their place."""
    home: dict[str | None, tuple[polib.POEntry, Action]] = {}
    for template in templates:
        old = active.get(template.msgctxt)
        if old is None or not _translated(old):
            continue
        if old.msgid == template.msgid:
            home[template.msgctxt] = (old, Action.UNCHANGED)
        elif trivial_key(old.msgid) == trivial_key(template.msgid):
            home[template.msgctxt] = (old, Action.TRIVIAL)
    return home


def _free(old: _Old, home: dict[str | None, tuple[polib.POEntry, Action]]) -> _Pool:
    """Every other translation, which may follow its English (rule 3)."""
    pool = _Pool()
    extras = {id(e) for e in old.extra}
    for entry in [*old.active.values(), *old.extra, *old.obsolete]:
        free = entry.obsolete or entry.msgctxt not in home or id(entry) in extras
        if _translated(entry) and free:
            pool.add(entry)
    return pool


def _stays(
    template: polib.POEntry, home: dict[str | None, tuple[polib.POEntry, Action]], old: _Old
) -> _Placed | None:
    """Rules 1 and 2: the translation of this place, kept."""
    ctxt = template.msgctxt
    if ctxt not in home:
        return None
    entry, action = home[ctxt]
    return old.take(entry, (_place(template, entry), Change(ctxt, action)))


def _follows(template: polib.POEntry, pool: _Pool, old: _Old) -> _Placed | None:
    """Rule 3: a free translation of the same English, from another place or ``#~``."""
    ctxt = template.msgctxt
    found = pool.find(template.msgid, ctxt)
    if found is None:
        return None
    action = Action.RESTORED if found.obsolete else Action.MOVED
    if found.msgctxt == ctxt and not found.obsolete:
        action = Action.FUZZY  # the English went back to what a fuzzy entry was for
    return old.take(found, (_place(template, found), Change(ctxt, action, found.msgctxt)))


def _left(template: polib.POEntry, old: _Old) -> _Placed:
    """Rules 4 to 6: this place's own translation as a fuzzy one if it is free, else
    an obsolete one of this place; else no translation."""
    ctxt = template.msgctxt
    own = old.active.get(ctxt)
    if own is not None and old.free(own):
        entry = _place(template, own, fuzzy=True, previous=_translated_for(own))
        return old.take(own, (entry, Change(ctxt, Action.FUZZY)))
    gone = [e for e in old.obsolete if e.msgctxt == ctxt and old.free(e)]
    if gone:
        entry = _place(template, gone[-1], fuzzy=True, previous=_translated_for(gone[-1]))
        return old.take(gone[-1], (entry, Change(ctxt, Action.RESTORED, ctxt)))
    if own is not None and not _translated(own):
        action = Action.UNCHANGED if own.msgid == template.msgid else Action.UPDATED
        return old.take(own, (_place(template, own, fuzzy=False), Change(ctxt, action)))
    return _place(template, None), Change(ctxt, Action.NEW)


def _retired(old: _Old) -> tuple[list[polib.POEntry], list[Change]]:
    """The translations no message took, as obsolete entries: those already obsolete
    first, in their order, then the newly obsolete; untranslated ones are dropped."""
    tail = [_copy(e) for e in old.obsolete if id(e) not in old.used]
    changes: list[Change] = []
    for entry in [*old.active.values(), *old.extra]:
        if id(entry) in old.used:
            continue
        ctxt = entry.msgctxt or ""
        if not _translated(entry):
            changes.append(Change(ctxt, Action.DROPPED))
            continue
        gone = _obsolete(entry)
        same = [i for i, e in enumerate(tail) if _key(e) == _key(gone)]
        if same:
            tail[same[0]] = gone  # the active one is the newer translation
        else:
            tail.append(gone)
        changes.append(Change(ctxt, Action.OBSOLETE))
    return tail, changes


def _catalog(po: polib.POFile, entries: list[polib.POEntry]) -> polib.POFile:
    """A catalog of ``entries`` with ``po``'s header and whatever the reader kept about
    the file."""
    merged = polib.POFile.__new__(type(po))
    merged.__dict__.update(_copied(po.__dict__))
    if getattr(merged, "check_for_duplicates", False):
        for entry in entries:
            merged.append(entry)
    else:  # polib's append, without its checks for duplicates: there are none
        list.extend(merged, entries)
    return merged
