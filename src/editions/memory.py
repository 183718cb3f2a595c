"""Translation memory: suggestions for untranslated messages from what is already translated.

Where suggestions come from
---------------------------
A :class:`Memory` is one language's: every *reviewed* entry (translated, not
fuzzy, not obsolete) of every catalog of the project in that language, and of
each external memory given with ``update --memory FILE``: a TMX file (its
``<tu>`` units with a ``<tuv>`` in the source language and one in the language) or a PO
compendium (its header's ``Language`` says which language it serves). Each
entry is a *candidate*: its English, its translation and its origin (the
document ``<doc>.md`` or the memory file's name, and the ``msgctxt`` or TMX
``tuid``).

How a suggestion is found
-------------------------
Only for a message that has no translation at all: a translation the
translator has, fuzzy or not, is never replaced. Not from the catalog's own
document: :mod:`editions.po.merge` has already placed its translations, and
refuses on purpose to give a passage the translation of another. English is compared through
:func:`editions.po.merge.trivial_key`, the notion of "the same English" that
``update`` itself uses (whitespace, quotes, dashes and ellipsis do not count).

1. **The same English** (``memory: 100 % <origin> <msgctxt>``): a candidate
   whose English has the same key. Of several, one of the same *kind* of
   passage (the last part of the ``msgctxt`` without its number: ``title``,
   ``heading``, ``p``, ``text``, ``item``...), then the lowest (origin,
   ``msgctxt``). It is filed fuzzy, unless the match is of the same kind and
   ``--accept-exact`` is given: then it is filed as reviewed.
2. **A similar English** (``memory: 87 % ...``): the candidate English most
   like the message's by rapidfuzz's ``fuzz.ratio``, at least :data:`SIMILAR`.
   That score is ``100 × (1 − d / (a + b))`` where ``d`` is the number of
   characters to insert or delete to turn one key into the other and ``a + b``
   their lengths together: 100 for the same text, 75 when a quarter of the
   characters of both together differ. Ties go to the lowest (origin,
   ``msgctxt``). It is filed fuzzy, with the English it translated as
   ``#| msgid``, so the translator sees what differs.

Each suggestion carries its translator comment; the next ``update`` finds a
translation there and leaves the entry as it is, so nothing churns. The memory
is read from the catalogs as they are on disk before the update, so the
suggestions do not depend on the order catalogs are done in.

The memory of a language is built once per process, at its first use: a run
that meets no untranslated message reads nothing for it, and each worker
process of ``update`` builds at most the memories of the languages it needs.

A new document's catalogs want the memory of every language, and ``update``
has just read every catalog to merge it: so the memory is not built for them.
Each catalog, as it is read, answers the new documents' messages from its own
entries (:func:`answers`, the same lookup on a memory of that catalog alone);
:class:`Answers` keeps, for each message, the best answer so far, by the order
the lookup itself settles ties in, and that is the whole memory's answer. Only
the catalogs the update did not read and the external memory files are read
then, language by language, one at a time.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

import polib

from editions.errors import EditionsError
from editions.localedata import same_language
from editions.po.merge import FUZZY, translated, trivial_key
from editions.po.read import read_po
from editions.project import Project

#: The least ``fuzz.ratio`` score of a similar English to be offered.
SIMILAR = 75
#: The translator comment that names a suggestion's origin starts so.
COMMENT = "memory:"
_NUMBER = re.compile(r"[-\d]+$")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def kind(msgctxt: str | None) -> str:
    """The kind of passage a ``msgctxt`` names: its last part, without its number.

    >>> kind("concerns/point-1/text"), kind("lede/paragraph-2"), kind("x/table-1/r2/c3")
    ('text', 'paragraph', 'c')
    """
    last = (msgctxt or "").rsplit("/", 1)[-1]
    return _NUMBER.sub("", last) or last


class Candidate(NamedTuple):
    """One reviewed translation the memory holds."""

    origin: str  #: ``<doc>.md`` or the memory file's name
    msgctxt: str  #: its place there (a TMX ``tuid`` or ``x-context``)
    english: str
    translation: str


class Suggestion(NamedTuple):
    """What the memory offers for one English text."""

    candidate: Candidate
    score: int  #: 100 for the same English, else the ``fuzz.ratio`` score
    same_kind: bool
    ratio: float = 100.0  #: the ``fuzz.ratio`` score before rounding: it settles ties

    def rank(self) -> tuple[int, float, str, str]:
        """The order of :meth:`Memory.lookup`'s choice: the suggestion it returns is the
        least of those each part of the memory would return (see :class:`Answers`)."""
        tier = (0 if self.same_kind else 1) if self.score == 100 else 2
        return (tier, -self.ratio, self.candidate.origin, self.candidate.msgctxt)


@dataclass
class Memory:
    """One language's reviewed translations, by English key."""

    by_key: dict[str, list[Candidate]] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)  #: in the order ties are settled in
    #: each origin's candidates, by key
    by_origin: dict[str, dict[str, list[Candidate]]] = field(default_factory=dict)

    def add(self, candidate: Candidate) -> None:
        key = trivial_key(candidate.english)
        self.by_key.setdefault(key, []).append(candidate)
        self.by_origin.setdefault(candidate.origin, {}).setdefault(key, []).append(candidate)

    def done(self) -> Memory:
        """The memory ready for lookups: each key's candidates in (origin, msgctxt) order,
        and the keys ordered by their first candidate, so that ties go to it."""
        for found in self.by_key.values():
            found.sort(key=lambda c: (c.origin, c.msgctxt))
        self.by_key = dict(sorted(self.by_key.items(), key=lambda kv: kv[1][0][:2]))
        self.keys = list(self.by_key)
        return self

    def lookup(self, english: str, msgctxt: str | None, skip: str = "") -> Suggestion | None:
        """The best suggestion for ``english`` at ``msgctxt``, from another origin than
        ``skip`` (the catalog's own document, whose translations the merge has placed)."""
        from rapidfuzz import fuzz, process  # imported by the update that needs it

        key = trivial_key(english)
        wanted = kind(msgctxt)
        found = [c for c in self.by_key.get(key, ()) if c.origin != skip]
        if found:
            best = next((c for c in found if kind(c.msgctxt) == wanted), found[0])
            return Suggestion(best, 100, kind(best.msgctxt) == wanted)
        limit = 1 + len(self.by_origin.get(skip, {}))  # enough to hold one from elsewhere
        for match, score, _ in process.extract(
            key, self.keys, scorer=fuzz.ratio, score_cutoff=SIMILAR, limit=limit
        ):
            others = [c for c in self.by_key[match] if c.origin != skip]
            if others:
                best = others[0]
                same = kind(best.msgctxt) == wanted
                return Suggestion(best, min(int(score), 99), same, score)
        return None


@dataclass(frozen=True)
class Setup:
    """What the memories are built from, small enough to hand to worker processes: the
    project's folder (its catalogs) and the external memory files."""

    root: str
    files: tuple[str, ...] = ()
    accept_exact: bool = False  #: whether exact matches of the same kind are filed reviewed
    source_lang: str = "en"  #: the language of the sources: a TMX unit's source side


def setup(project: Project, files: Iterable[str] = (), accept_exact: bool = False) -> Setup:
    """The :class:`Setup` of ``project`` with the external memory ``files`` (each checked
    to exist), for one run: the memories an earlier run built in this process are
    forgotten, the catalogs may have changed since."""
    memory_of.cache_clear()
    for path in files:
        if not os.path.isfile(path):
            raise EditionsError("no such memory file", path)
    return Setup(project.root, tuple(files), accept_exact, project.source_lang)


def language_of(path: str) -> str:
    """The language of the catalog at ``path``, ``locales/<lang>/LC_MESSAGES/<doc>.po``.

    >>> language_of(os.path.join("locales", "fr", "LC_MESSAGES", "a.po"))
    'fr'
    """
    return os.path.basename(os.path.dirname(os.path.dirname(path)))


@functools.cache
def memory_of(lang: str, where: Setup) -> Memory:
    """The memory of ``lang`` from ``where``, built once per process."""
    memory = Memory()
    for path, name in _catalogs(lang, where):
        for candidate in candidates(read_po(path, name=name), origin(path)):
            memory.add(candidate)
    for candidate in _externals(lang, where):
        memory.add(candidate)
    return memory.done()


def _catalogs(lang: str, where: Setup) -> list[tuple[str, str]]:
    """The path of each catalog of ``lang`` in the project, with its name in messages."""
    project = Project(where.root)
    paths = (project.po_path(lang, doc) for doc in project.documents())
    return [(path, project.relative(path)) for path in paths if os.path.isfile(path)]


def _externals(lang: str, where: Setup) -> list[Candidate]:
    """The candidates for ``lang`` of every external memory file."""
    return [c for path in where.files for c in _external(path, lang, where.source_lang)]


def origin(path: str) -> str:
    """The origin a catalog's candidates are named by: its document, ``<doc>.md``.

    >>> origin(os.path.join("locales", "fr", "LC_MESSAGES", "a.po"))
    'a.md'
    """
    return os.path.basename(path)[: -len(".po")] + ".md"


def candidates(po: polib.POFile, origin: str) -> list[Candidate]:
    """What the memory keeps of the catalog ``po`` of the document ``origin``."""
    return [Candidate(origin, e.msgctxt or "", e.msgid, e.msgstr) for e in _reviewed(po)]


def _reviewed(po: polib.POFile) -> Iterable[polib.POEntry]:
    """The entries of ``po`` translated, not fuzzy, not obsolete."""
    return (e for e in po if e.msgstr and not e.obsolete and FUZZY not in e.flags and e.msgid)


# -- a memory in parts -------------------------------------------------------------------------


class Wanted(NamedTuple):
    """A message of a new document that will want a suggestion."""

    skip: str  #: its document, ``<doc>.md``: no part of the memory holds it yet
    msgctxt: str | None
    english: str


@dataclass
class Answers:
    """One language's best suggestion for each :class:`Wanted` message, gathered from its
    memory part by part (a catalog, the external memory files), so that no more than a part
    is ever held. Each part answers with :meth:`Memory.lookup` (:func:`answers`), and the
    least answer by :meth:`Suggestion.rank` is the one the whole memory gives: an exact
    match before a similar one, a higher score first, then the least (origin, ``msgctxt``),
    which is how :meth:`Memory.lookup` orders the keys. (This holds while no part holds the
    ``skip`` document, as none holds a new one.)"""

    wanted: tuple[Wanted, ...]
    best: dict[Wanted, Suggestion] = field(default_factory=dict)

    def merge(self, found: Iterable[Suggestion | None]) -> None:
        """Take in one part's answers, in the order of :attr:`wanted`."""
        for want, suggestion in zip(self.wanted, found, strict=True):
            held = self.best.get(want)
            if suggestion is not None and (held is None or suggestion.rank() < held.rank()):
                self.best[want] = suggestion

    def lookup(self, english: str, msgctxt: str | None, skip: str = "") -> Suggestion | None:
        """As :meth:`Memory.lookup`, for a wanted message."""
        return self.best.get(Wanted(skip, msgctxt, english))


def answers(found: Iterable[Candidate], wanted: tuple[Wanted, ...]) -> list[Suggestion | None]:
    """Each ``wanted`` message's suggestion from the candidates ``found`` alone: one part
    of a memory. The lookups depend on the English side only: the catalogs of one document
    in many languages are looked up once, and each given its own translations."""
    translations: dict[tuple[str, str, str], str] = {}
    for c in found:
        translations.setdefault(c[:3], c.translation)  # the first, as the lookups take it
    english = tuple(Candidate(*key, "") for key in translations)
    return [
        None
        if s is None
        else s._replace(candidate=s.candidate._replace(translation=translations[s.candidate[:3]]))
        for s in _lookups(english, wanted)
    ]


@functools.lru_cache(maxsize=16)
def _lookups(found: tuple[Candidate, ...], wanted: tuple[Wanted, ...]) -> list[Suggestion | None]:
    memory = Memory()
    for candidate in found:
        memory.add(candidate)
    memory.done()
    return [memory.lookup(w.english, w.msgctxt, w.skip) for w in wanted]


def gather(lang: str, where: Setup, found: Answers, known: Iterable[str] = ()) -> Answers:
    """``found`` completed with the answers of the parts of the memory of ``lang`` it has
    not had: each catalog but those at the paths ``known``, and the external memory files."""
    skip = set(known)
    for path, name in _catalogs(lang, where):
        if path not in skip:
            read = candidates(read_po(path, name=name), origin(path))
            found.merge(answers(read, found.wanted))
    found.merge(answers(_externals(lang, where), found.wanted))
    return found


def _external(path: str, lang: str, source: str) -> list[Candidate]:
    """The candidates for ``lang`` of the memory file at ``path`` (TMX, or a PO compendium);
    ``source`` is the language of the sources."""
    name = os.path.basename(path)
    if path.endswith(".tmx"):
        return _tmx(path, name, lang, source)
    po = read_po(path)
    language = po.metadata.get("Language", "")
    if not language:
        raise EditionsError("a compendium needs a 'Language' header to say what it serves", path)
    if same_language(language, [lang]) is None:
        return []
    return [Candidate(name, e.msgctxt or "", e.msgid, e.msgstr) for e in _reviewed(po)]


def _tmx(path: str, name: str, lang: str, source: str) -> list[Candidate]:
    """The units of a TMX file with the ``source`` language and ``lang``."""
    from lxml import etree

    try:
        tree = etree.parse(path, etree.XMLParser(resolve_entities=False, no_network=True))
    except (etree.XMLSyntaxError, OSError) as exc:
        raise EditionsError(f"not a TMX file: {exc}", path) from None
    found: list[Candidate] = []
    for tu in tree.iter("tu"):
        texts: dict[str, str] = {}
        for tuv in tu.iter("tuv"):
            tag = tuv.get(_XML_LANG) or tuv.get("lang") or ""
            seg = tuv.find("seg")
            if seg is not None and tag:
                texts.setdefault(_role(tag, lang, source), "".join(seg.itertext()))
        context = tu.findtext("prop[@type='x-context']") or tu.get("tuid") or ""
        if texts.get("source") and texts.get("target"):
            found.append(Candidate(name, context, texts["source"], texts["target"]))
    return found


def _role(tag: str, lang: str, source: str) -> str:
    """Whether a TMX ``xml:lang`` is the ``source`` language (any variety of it), the
    target ``lang``, or another.

    >>> _role("en-GB", "fr", "en"), _role("fr-FR", "fr", "en"), _role("fr", "en", "fr")
    ('source', 'target', 'source')
    """
    tag = tag.replace("-", "_")
    if tag.split("_")[0].lower() == source.replace("-", "_").split("_")[0].lower():
        return "source"
    return "target" if same_language(tag, [lang]) is not None else "other"


def offer(po: polib.POFile, path: str, where: Setup, gathered: Answers | None = None) -> int:
    """Fill each entry of ``po`` that has no translation with the memory's suggestion
    (see the module's policy), or the one ``gathered`` has; how many were filed. ``path``
    is the catalog's."""
    todo = [e for e in po if not e.obsolete and e.msgid and not translated(e)]
    if not todo:
        return 0
    memory = gathered if gathered is not None else memory_of(language_of(path), where)
    own = origin(path)
    filed = 0
    for entry in todo:
        found = memory.lookup(entry.msgid, entry.msgctxt, own)
        if found is not None:
            _file(entry, found, where.accept_exact)
            filed += 1
    return filed


def _file(entry: polib.POEntry, found: Suggestion, accept_exact: bool) -> None:
    """Put the suggestion ``found`` into ``entry``."""
    source = found.candidate
    entry.msgstr = source.translation
    if entry.msgid_plural:
        entry.msgstr_plural = {0: source.translation}
    line = f"{COMMENT} {found.score} % {source.origin} {source.msgctxt}".rstrip()
    entry.tcomment = f"{entry.tcomment}\n{line}" if entry.tcomment else line
    if found.score < 100:
        entry.previous_msgid = source.english
    reviewed = found.score == 100 and found.same_kind and accept_exact
    if not reviewed and FUZZY not in entry.flags:
        entry.flags.insert(0, FUZZY)
