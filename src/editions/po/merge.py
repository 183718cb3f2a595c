"""Merge a fresh template into a translation, losing no translation.

Policy
------
A ``msgctxt`` names a place in the document (``concerns/point-1/text``), never
its words, so a message keeps its ``msgctxt`` when its English changes, and
passages inserted or removed before it give it another. A translation follows
the English it was made for, whatever place that English is at now. For every
message of the template, in this order:

1. **Same place, same English** (``unchanged``): the entry is kept as it is.
2. **Same place, trivially changed English** (``trivial``): the English
   differs only in ways :func:`trivial_key` takes out (whitespace, quotes,
   dashes, ellipsis). The translation is kept, not marked fuzzy; ``msgid``
   becomes the new English.
3. **Same English elsewhere** (``moved``, or ``restored`` when it comes
   from an obsolete entry): a translation of exactly this English (or of a
   trivial variant) that its own place no longer needs, because that place
   is gone or its English changed, or an obsolete ``#~`` entry, follows the
   English to its new place, with its fuzzy state and translator comments; a
   reviewed translation is taken before a fuzzy one. **A guess** (``fuzzy``):
   where the catalog already had this English at this place, untranslated, the
   English did not move there, so a translation from elsewhere (an entry whose
   ``msgctxt`` the source does not have, which ``check`` rejects, or a ``#~``
   one) is only offered: marked ``fuzzy``, never current. **An edit undone**
   (``reverted``): a translation marked fuzzy for an edit of the English,
   whose ``#| msgid`` is this English (or a trivial variant) again, is
   current again: not fuzzy, its ``#|`` lines gone. A fuzzy entry without
   ``#|`` (a translator's own doubt) stays fuzzy.
4. **Changed English** (``fuzzy``): the message takes the translation of the
   old passage it is an edit of. The old English (the catalog's entries in
   their order) is aligned with the new (:class:`difflib.SequenceMatcher`):
   runs of the same English anchor the alignment, and between two anchors
   each new message is paired with the old passage between the same anchors
   most like it (:func:`similarity` at least :data:`SIMILAR`, 0.6, GNU
   msgmerge's threshold), the most alike pairs first, each old passage at
   most once. So a passage inserted, removed, split, joined or moved never
   takes the translation of a passage that is not its own. The translation
   is kept, marked ``fuzzy``; the English it was made for goes into
   ``#| msgid`` (``previous_msgid``), and its place into ``#| msgctxt`` when
   that is another, so the translator sees exactly what changed. An entry
   that was already fuzzy keeps its older ``#|`` lines: the translation was
   made for those. A passage both moved past an unchanged one and edited has
   no partner between its anchors: it is new, its old translation obsolete.
5. **Obsolete entry of this place, English alike** (``restored``): as 4,
   from the ``#~`` entry of this place whose English is at least
   :data:`SIMILAR` alike.
6. Otherwise the message is untranslated (``new``, or ``updated`` when an
   untranslated entry aligned with it, of the same English or alike between
   the same anchors, only gets the new English or place).

A translation that no message takes any more becomes an obsolete ``#~`` entry
(``obsolete``) keeping its translator comments, flags and ``#|`` lines, so it
comes back if its English returns; an untranslated one is dropped
(``dropped``): there is nothing to keep.

A translation goes whole wherever it goes: a plural one keeps its
``msgid_plural`` (the template's English has none) and every ``msgstr[n]``,
and ``#| msgid_plural`` goes with the ``#| msgid`` it belongs to.

The header (comment, fields, flags) is kept whole. Translator comments and
flags are kept; format flags (``python-brace-format``) and the extracted
comments and references come from the template. Entries follow the
template's order; obsolete entries come after them, those already obsolete
first in their order, then the newly obsolete in their former order, so a
run with nothing new changes nothing.
"""

from __future__ import annotations

import difflib
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
    FUZZY = "fuzzy"  #: English changed (``#|`` previous), or a guess: kept, marked fuzzy
    REVERTED = "reverted"  #: English back to what a fuzzy translation was made for: current
    MOVED = "moved"  #: translation of the same English taken from another place
    RESTORED = "restored"  #: brought back from an obsolete ``#~`` entry
    NEW = "new"  #: a message with no translation
    UPDATED = "updated"  #: an untranslated message whose English changed
    OBSOLETE = "obsolete"  #: gone from the English: kept as ``#~``
    DROPPED = "dropped"  #: gone from the English, untranslated: removed


class Change(NamedTuple):
    msgctxt: str  #: the message
    action: Action
    origin: str | None = None  #: the place the translation came from, when it may be another


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


@functools.lru_cache(maxsize=1024)  # the same English comes once per language
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


#: How alike (:func:`similarity`) a changed passage must be to an old one, between the
#: same anchors of the alignment, to be taken for an edit of it and get its translation
#: as a fuzzy one; less alike, it is new. GNU msgmerge's ``FUZZY_THRESHOLD``.
SIMILAR = 0.6
#: Up to this length, texts are compared character by character; longer ones word by word.
_BY_CHARACTER = 200
_WORDS = re.compile(r"\w+|[^\w\s]")


@functools.lru_cache(maxsize=1024)  # the same pair of English texts in every language
def similarity(old: str, new: str) -> float:
    """How alike two English texts are, from 0 to 1: difflib's ratio (twice the matches
    over the total length) of their :func:`trivial_key`, taken over characters when
    both have at most 200, where one changed letter is an edit (a title, a short
    sentence), and over words and punctuation marks when longer.

    >>> similarity("Damage", "Damages") > SIMILAR > similarity("Repairs", "Funding")
    True
    >>> similarity("Waves broke the north wall.", "Waves broke the north and east walls.")
    0.84375
    >>> similarity("It’s here.", "It's  here.")
    1.0
    """
    a, b = trivial_key(old), trivial_key(new)
    if max(len(a), len(b)) > _BY_CHARACTER:
        return difflib.SequenceMatcher(None, _WORDS.findall(a), _WORDS.findall(b), False).ratio()
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def translated(entry: polib.POEntry) -> bool:
    """Whether ``entry`` has a translation: its ``msgstr``, or a form of a plural one."""
    return bool(entry.msgstr) or any(entry.msgstr_plural.values())


def _is_fuzzy(entry: polib.POEntry) -> bool:
    return FUZZY in entry.flags


def _made_for(entry: polib.POEntry) -> tuple[str | None, str]:
    """The place and the English the entry's translation was made for: its own, or
    those of its ``#|`` lines when it is fuzzy and has them."""
    if _is_fuzzy(entry) and entry.previous_msgid:
        return entry.previous_msgctxt or entry.msgctxt, str(entry.previous_msgid)
    return entry.msgctxt, str(entry.msgid)


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
    previous: tuple[str | None, str] | None = None,
) -> polib.POEntry:
    """The entry for ``template``'s message, carrying ``source``'s translation.

    The message (``msgctxt``, ``msgid``), extracted comments, references and
    format flags come from ``template``; the translation (every form of a plural
    one, with its ``msgid_plural`` when the template has none), translator
    comments and other flags from ``source``. ``fuzzy`` None keeps ``source``'s fuzzy
    state and ``#|`` lines; False makes the translation current, without ``#|``
    lines; True marks it fuzzy with ``previous``, the place and English the
    translation was made for, as ``#| msgctxt`` (when the place is another) and
    ``#| msgid`` (when the English is another).
    """
    if source is None:
        return _copy(template, msgstr="", msgstr_plural={}, flags=_flags(template, [], fuzzy=False))
    entry = _copy(
        source,
        obsolete=False,
        msgctxt=template.msgctxt,
        msgid=template.msgid,
        msgid_plural=template.msgid_plural or source.msgid_plural,
        comment=template.comment,
        occurrences=list(template.occurrences),
        flags=_flags(template, source.flags, _is_fuzzy(source) if fuzzy is None else fuzzy),
    )
    if fuzzy is None:
        if entry.previous_msgid == template.msgid:  # the English is back to what it was
            entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    else:
        entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
        if fuzzy and previous is not None and previous[1] != template.msgid:
            entry.previous_msgid = previous[1]
            if previous[1] == source.previous_msgid:  # its #| lines are kept: all of them
                entry.previous_msgid_plural = source.previous_msgid_plural
            if previous[0] != template.msgctxt:
                entry.previous_msgctxt = previous[0]
    return entry


def _obsolete(entry: polib.POEntry) -> polib.POEntry:
    """``entry`` as an obsolete ``#~`` entry: references and extracted comments go."""
    return _copy(entry, obsolete=True, comment="", occurrences=[])


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return entry.msgctxt, entry.msgid


#: An entry's place: its ``msgctxt``; an entry without one (a catalog of words, such
#: as the site's, rather than of a document's passages) is at the place of its English.
_Home = tuple[str | None, str]


def _home(entry: polib.POEntry) -> _Home:
    return (entry.msgctxt, "") if entry.msgctxt is not None else (None, entry.msgid)


class _Pool:
    """Translations whose place no longer needs them, found by their English."""

    def __init__(self) -> None:
        self.exact: dict[str, list[polib.POEntry]] = {}
        self.trivial: dict[str, list[polib.POEntry]] = {}

    def add(self, entry: polib.POEntry) -> None:
        english = _made_for(entry)[1]
        for table, key in ((self.exact, english), (self.trivial, trivial_key(english))):
            table.setdefault(key, []).append(entry)
        if entry.msgid != english:  # fuzzy: also found by the English it now stands for
            for table, key in ((self.exact, entry.msgid), (self.trivial, trivial_key(entry.msgid))):
                if all(e is not entry for e in table.get(key, [])):
                    table.setdefault(key, []).append(entry)

    def find(self, english: str, msgctxt: str | None) -> polib.POEntry | None:
        """The best translation of ``english``: one made for it first (reviewed, or
        fuzzy for an edit now undone), then this place's, then an active one."""
        for table, key in ((self.exact, english), (self.trivial, trivial_key(english))):
            found = table.get(key)
            if found:
                return min(
                    found,
                    key=lambda e: (
                        not _current_for(e, english),
                        e.msgctxt != msgctxt,
                        bool(e.obsolete),
                    ),
                )
        return None


def _current_for(entry: polib.POEntry, english: str) -> bool:
    """Whether ``entry``'s translation was made for ``english`` (or a trivial variant)
    and nothing says it needs review: not fuzzy, or fuzzy by an edit of the English
    (its ``#| msgid``) that is now undone."""
    if not _is_fuzzy(entry):
        return True
    return bool(entry.previous_msgid) and trivial_key(entry.previous_msgid) == trivial_key(english)


def merge(po: polib.POFile, pot: polib.POFile) -> Merged:
    """``po`` brought up to date with ``pot``; ``po`` itself is not changed.

    See the module's docstring for the policy.
    """
    old = _Old(po)
    templates = list(pot)
    home = _at_home(templates, old.active)
    pool = _free(old, home)
    placed: dict[int, _Placed] = {}
    for index, template in enumerate(templates):
        found = _stays(template, home, old) or _follows(template, pool, old)
        if found is not None:
            placed[index] = found
    partners = _partners(list(old.active.values()), templates, placed, old)
    for index, template in enumerate(templates):
        if index not in placed:
            placed[index] = _edited(template, partners.get(index), old)
    entries = [placed[index][0] for index in range(len(templates))]
    changes = [placed[index][1] for index in range(len(templates))]
    tail, gone = _retired(old)
    changes += gone
    keys = {_key(e) for e in entries}
    entries += (e for e in tail if _key(e) not in keys)  # never two entries of one key
    return Merged(_catalog(po, entries), changes)


_Placed = tuple[polib.POEntry, Change]


class _Old:
    """The entries of the catalog being merged, by kind, and which of them went somewhere."""

    def __init__(self, po: polib.POFile) -> None:
        self.active: dict[_Home, polib.POEntry] = {}
        self.extra: list[polib.POEntry] = []  #: a second entry of one msgctxt: kept, never lost
        self.obsolete: list[polib.POEntry] = []
        self.used: set[int] = set()  #: id() of the entries that went somewhere
        for entry in po:
            if entry.obsolete:
                self.obsolete.append(entry)
            elif _home(entry) in self.active:
                self.extra.append(entry)
            else:
                self.active[_home(entry)] = entry

    def take(self, entry: polib.POEntry, placed: _Placed) -> _Placed:
        """``placed``, made of ``entry``, which is now used."""
        self.used.add(id(entry))
        return placed

    def free(self, entry: polib.POEntry | None) -> bool:
        """Whether ``entry`` is there and no message took it yet."""
        return entry is not None and id(entry) not in self.used


def _at_home(
    templates: list[polib.POEntry], active: dict[_Home, polib.POEntry]
) -> dict[_Home, tuple[polib.POEntry, Action]]:
    """Rules 1 and 2: the translations that stay at home, by their place."""
    home: dict[_Home, tuple[polib.POEntry, Action]] = {}
    for template in templates:
        old = active.get(_home(template))
        if old is None or not translated(old):
            continue
        if old.msgid == template.msgid:
            home[_home(template)] = (old, Action.UNCHANGED)
        elif trivial_key(old.msgid) == trivial_key(template.msgid):
            home[_home(template)] = (old, Action.TRIVIAL)
    return home


def _free(old: _Old, home: dict[_Home, tuple[polib.POEntry, Action]]) -> _Pool:
    """Every other translation, which may follow its English (rule 3)."""
    pool = _Pool()
    extras = {id(e) for e in old.extra}
    for entry in [*old.active.values(), *old.extra, *old.obsolete]:
        free = entry.obsolete or _home(entry) not in home or id(entry) in extras
        if translated(entry) and free:
            pool.add(entry)
    return pool


def _stays(
    template: polib.POEntry, home: dict[_Home, tuple[polib.POEntry, Action]], old: _Old
) -> _Placed | None:
    """Rules 1 and 2: the translation of this place, kept."""
    if _home(template) not in home:
        return None
    entry, action = home[_home(template)]
    return old.take(entry, (_place(template, entry), Change(template.msgctxt, action)))


def _follows(template: polib.POEntry, pool: _Pool, old: _Old) -> _Placed | None:
    """Rule 3: a free translation of the same English, from another place or ``#~``;
    rule 4's undo: a fuzzy translation whose ``#| msgid`` is this English again."""
    ctxt = template.msgctxt
    found = pool.find(template.msgid, ctxt)
    if found is None:
        return None
    action = Action.RESTORED if found.obsolete else Action.MOVED
    fuzzy = None
    if _is_fuzzy(found) and found.msgid != template.msgid and _current_for(found, template.msgid):
        fuzzy = False  # the edit that made it fuzzy is undone
        action = Action.RESTORED if found.obsolete else Action.REVERTED
    own = old.active.get(_home(template))
    if own is not None and found.msgctxt != ctxt and _untranslated_here(own, template):
        old.used.add(id(own))  # its place is taken: it is not dropped
        entry = _place(template, found, fuzzy=True, previous=_made_for(found))
        return old.take(found, (entry, Change(ctxt, Action.FUZZY, found.msgctxt)))
    entry = _place(template, found, fuzzy=fuzzy)
    return old.take(found, (entry, Change(ctxt, action, found.msgctxt)))


def _untranslated_here(own: polib.POEntry, template: polib.POEntry) -> bool:
    """Whether ``own``, the catalog's entry of ``template``'s place, had its English (or
    a trivial variant) untranslated: the English did not move there (rule 3's guess)."""
    return not translated(own) and trivial_key(own.msgid) == trivial_key(template.msgid)


def _partners(
    sequence: list[polib.POEntry],
    templates: list[polib.POEntry],
    placed: dict[int, _Placed],
    old: _Old,
) -> dict[int, polib.POEntry]:
    """Rule 4: for each message not placed yet, the old passage it is an edit of, if any.

    The old English (``sequence``, the active entries in their order) is aligned
    with the new: the runs of the same English anchor it, and a new message may
    only be an edit of an old one between the same anchors. There, the most alike
    pairs are taken first, none less alike than :data:`SIMILAR`. An untranslated
    old entry aligned with the same English is the partner of its message.
    """
    if len(placed) == len(templates):  # nothing changed that needs the alignment
        return {}
    matcher = difflib.SequenceMatcher(
        None,
        [trivial_key(e.msgid) for e in sequence],
        [trivial_key(t.msgid) for t in templates],
        autojunk=False,
    )
    partners: dict[int, polib.POEntry] = {}
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        news = [j for j in range(new_start, new_end) if j not in placed]
        olds = [e for e in sequence[old_start:old_end] if old.free(e)]
        if tag == "equal":
            partners.update(
                (new_start + k, e)
                for k, e in enumerate(sequence[old_start:old_end])
                if new_start + k in news and old.free(e) and not translated(e)
            )
        else:
            partners.update(_most_alike([(j, templates[j].msgid) for j in news], olds))
    return partners


def _most_alike(
    news: list[tuple[int, str]], olds: list[polib.POEntry]
) -> list[tuple[int, polib.POEntry]]:
    """Pairs of a new message (its index and English) and the old entry it is an edit
    of: each at most once, the most alike first, earlier ones first among equals, none
    less alike than :data:`SIMILAR`."""
    scored = sorted(
        (-score, a, b)
        for a, (_, english) in enumerate(news)
        for b, entry in enumerate(olds)
        if (score := similarity(entry.msgid, english)) >= SIMILAR
    )
    pairs: list[tuple[int, polib.POEntry]] = []
    new_taken: set[int] = set()
    old_taken: set[int] = set()
    for _, a, b in scored:
        if a not in new_taken and b not in old_taken:
            new_taken.add(a)
            old_taken.add(b)
            pairs.append((news[a][0], olds[b]))
    return pairs


def _edited(template: polib.POEntry, partner: polib.POEntry | None, old: _Old) -> _Placed:
    """Rules 4 to 6: the translation of the passage this message is an edit of, as a
    fuzzy one; else an obsolete one of this place as alike; else no translation."""
    ctxt = template.msgctxt
    if partner is not None and translated(partner):
        entry = _place(template, partner, fuzzy=True, previous=_made_for(partner))
        origin = partner.msgctxt if partner.msgctxt != ctxt else None
        return old.take(partner, (entry, Change(ctxt, Action.FUZZY, origin)))
    gone = [
        e
        for e in old.obsolete
        if e.msgctxt == ctxt
        and old.free(e)
        and translated(e)
        and similarity(e.msgid, template.msgid) >= SIMILAR
    ]
    if gone:
        entry = _place(template, gone[-1], fuzzy=True, previous=_made_for(gone[-1]))
        return old.take(gone[-1], (entry, Change(ctxt, Action.RESTORED, ctxt)))
    if partner is not None:
        same = partner.msgid == template.msgid and partner.msgctxt == ctxt
        action = Action.UNCHANGED if same else Action.UPDATED
        return old.take(partner, (_place(template, partner, fuzzy=False), Change(ctxt, action)))
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
        if not translated(entry):
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
