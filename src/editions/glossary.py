"""The newsroom glossary: the approved translation of each term the reporting keeps using.

The glossary is one file, ``locales/glossary.tbx``, in TBX (ISO 30042:2019,
TermBase eXchange v3), dialect TBX-Basic, the ISO format of terminology
exchange. One ``conceptEntry`` per term, its ``id`` a short name:

- an optional ``<note>``: what the term means here, for every language;
- ``<langSec xml:lang="en">``: the term in the source language (the project's
  ``[site] source_language``, English by default, which is also the ``xml:lang``
  of the ``<tbx>`` element), its ``preferredTerm-admn-sts``, and any inflected
  form the plural rule below does not make (``admittedTerm``);
- one ``<langSec>`` per language (``xml:lang`` in BCP 47: ``fr``, ``zh-Hans``):
  the approved translation (``preferredTerm-admn-sts``); the other forms it may
  take (``admittedTerm-admn-sts``); forbidden renderings
  (``deprecatedTerm-admn-sts``), each with a ``<note>`` giving its reason; an
  optional ``<note>`` for translators; and ``<admin type="projectSubset">needs
  review</admin>`` when the entry is a draft awaiting a native speaker's review.

**Matching.** Text is compared after Unicode normalisation (NFC) and case
folding; typographic apostrophes count as ``'``. English is matched in whole
words, and the last word of a term may take ``-s`` or ``-es`` (``arbitrary
arrests``); other inflections are listed. Where two terms overlap
(``human rights`` in ``human rights abuses``), the longer one is found. In a
translation, a form matches in whole words, and a word of a form that ends in
``*`` may take any ending (``насильственн* исчезновени*`` is every case and
number); in scripts written without spaces between words (Chinese, Japanese,
Thai...) and in the Arabic script (whose words take attached prefixes), a
form matches anywhere in the text (there, a word ending in ``*`` takes at most
12 more letters, so that a search takes time in proportion to the text), and in
the Arabic script zero-width
non-joiners, tatweel and vowel marks are ignored, and the Arabic letters yeh
and kaf count as their Persian forms, so ``حقوق‌بشر`` and ``حقوق بشر`` are
the same.

**Checking.** A message whose English holds a term and whose translation
holds none of the forms of the approved translation is a warning; a forbidden
rendering in it is an error (:meth:`Glossary.findings`). Entries that need
review are shown to translators but not enforced.
"""

from __future__ import annotations

import copy
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

import polib

from editions.errors import EditionsError, Errors
from editions.project import Project

NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
REVIEW = "needs review"
#: Scripts whose words are not always separated by spaces, or take attached prefixes.
SUBSTRING_SCRIPTS = frozenset(
    {"Arab", "Hans", "Hant", "Hani", "Jpan", "Kore", "Thai", "Laoo", "Khmr", "Mymr", "Tibt"}
)

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Rendering:
    """One language's side of a term."""

    lang: str  #: BCP 47, as TBX writes it: ``zh-Hans``
    approved: str
    forms: tuple[str, ...] = ()  #: the other forms the approved translation may take
    forbidden: tuple[tuple[str, str], ...] = ()  #: (rendering, reason)
    note: str = ""
    review: bool = False  #: a draft awaiting review
    line: int = field(default=0, compare=False)

    @property
    def all_forms(self) -> tuple[str, ...]:
        return (self.approved, *self.forms)


@dataclass(frozen=True)
class Term:
    """One entry of the glossary."""

    id: str
    english: str
    forms: tuple[str, ...] = ()  #: English inflections the plural rule does not make
    note: str = ""
    renderings: tuple[Rendering, ...] = ()
    line: int = field(default=0, compare=False)

    def rendering(self, lang: str) -> Rendering | None:
        """The rendering in ``lang`` (BCP 47 or a folder name: ``zh_Hans``)."""
        wanted = lang.replace("_", "-").casefold()
        return next((r for r in self.renderings if r.lang.casefold() == wanted), None)


@dataclass(frozen=True)
class Glossary:
    """Every term, in the file's order."""

    terms: tuple[Term, ...] = ()
    path: str = field(default="", compare=False)
    source_lang: str = "en"  #: the language of the terms, BCP 47: the sources'
    #: the terms of each English already asked for: each language asks again
    _found: dict[str, list[Term]] = field(default_factory=dict, compare=False, repr=False)

    def terms_in(self, english: str) -> list[Term]:
        """The terms ``english`` holds, in order of first appearance, the longest where
        two overlap.

        >>> g = Glossary((Term("hr", "human rights"), Term("hra", "human rights abuse")))
        >>> [t.id for t in g.terms_in("Human rights abuses and human rights.")]
        ['hra', 'hr']
        """
        found = self._found.get(english)
        if found is None:
            found = self._found[english] = self._match(english)
        return found

    def _match(self, english: str) -> list[Term]:
        text = normal(english, False)
        spans: list[tuple[int, int, int]] = []
        for index, term in enumerate(self.terms):
            for match in _english(term.english, term.forms).finditer(text):
                spans.append((match.start(), match.end(), index))
        taken: list[tuple[int, int, int]] = []
        for start, end, index in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
            if all(end <= s or e <= start for s, e, _ in taken):
                taken.append((start, end, index))
        first: dict[int, int] = {}
        for start, _, index in sorted(taken):
            first.setdefault(index, start)
        return [self.terms[index] for index in first]

    def findings(
        self, english: str, translation: str, lang: str, script: str
    ) -> Iterator[tuple[Severity, str]]:
        """What the glossary says of ``translation`` of ``english`` in ``lang``: a
        forbidden rendering is an error, a term without its approved translation a
        warning."""
        for term in self.terms_in(english):
            rendering = term.rendering(lang)
            if rendering is None or rendering.review:
                continue
            for text, reason in rendering.forbidden:
                if contains(translation, text, script):
                    yield (
                        "error",
                        f"'{text}' for '{term.english}': {reason} (glossary: "
                        f"'{rendering.approved}')",
                    )
            if used_form(translation, rendering, script) is None:
                yield (
                    "warning",
                    f"'{term.english}' is translated '{rendering.approved}' in the glossary",
                )

    def notes(self, english: str, lang: str) -> list[str]:
        """The ``#.`` lines that tell a translator of ``lang`` the terms of ``english``.

        >>> g = Glossary((Term("d", "displacement", renderings=(Rendering("fr", "déplacement"),)),))
        >>> g.notes("Fear and displacement.", "fr")
        ['glossary: displacement = déplacement']
        """
        lines = []
        for term in self.terms_in(english):
            rendering = term.rendering(lang)
            if rendering is not None:
                review = " (needs review)" if rendering.review else ""
                lines.append(f"glossary: {term.english} = {rendering.approved}{review}")
        return lines

    def annotate(self, template: polib.POFile, lang: str) -> polib.POFile:
        """``template`` with, in each message's extracted comments, the :meth:`notes` of its
        English in ``lang``: what ``update`` gives translators (``template`` is not changed)."""
        annotated = polib.POFile()
        annotated.metadata = template.metadata
        for entry in template:
            notes = self.notes(entry.msgid, lang)
            if notes:
                entry = copy.copy(entry)
                entry.comment = "\n".join(filter(None, [entry.comment, *notes]))
            list.append(annotated, entry)
        return annotated


# -- matching -----------------------------------------------------------------------------------

_ARABIC_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})
_IGNORED_IN_ARABIC = {"\u200c", "\u200d", "\u0640"}  # ZWNJ, ZWJ, tatweel


def normal(text: str, substring: bool) -> str:
    """``text`` as it is compared: NFC, case folded, ``’`` as ``'``; in substring scripts,
    without the characters the Arabic script writes invisibly or optionally.

    >>> normal("حقوق\u200cبشر", True) == normal("حقوقبشر", True)
    True
    """
    text = unicodedata.normalize("NFC", text).casefold().replace("\u2019", "'")
    if not substring:
        return text
    kept = (
        c
        for c in unicodedata.normalize("NFD", text)
        if c not in _IGNORED_IN_ARABIC
        and not ("\u0600" <= c <= "\u06ff" and unicodedata.category(c) == "Mn")
    )
    return unicodedata.normalize("NFC", "".join(kept)).translate(_ARABIC_LETTERS)


#: The most letters a word ending in ``*`` may take where words run together (Arabic
#: script, Chinese): unbounded, a search would go back over every following letter at
#: every place the word's start is found, and take time in the square of the text.
_ENDING = 12


@lru_cache(maxsize=4096)
def _form(form: str, substring: bool) -> re.Pattern[str]:
    """The pattern of one form of a translation (see the module's docstring)."""
    words = normal(form, substring).split()
    ending = rf"\w{{0,{_ENDING}}}" if substring else r"\w*"  # bounded: no backtracking run
    parts = [re.escape(w[:-1]) + ending if w.endswith("*") else re.escape(w) for w in words]
    if substring:
        return re.compile(r"\s*".join(parts))
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)")


@lru_cache(maxsize=4096)
def _english(term: str, forms: tuple[str, ...]) -> re.Pattern[str]:
    """The pattern of an English term: its words and listed forms, the last word taking
    ``-s`` or ``-es``, in whole words."""
    options = []
    for text in sorted({term, *forms}, key=len, reverse=True):
        words = [re.escape(w) for w in normal(text, False).split()]
        options.append(r"\s+".join(words) + "(?:e?s)?")
    return re.compile(r"(?<!\w)(?:" + "|".join(options) + r")(?!\w)")


def _substring(script: str) -> bool:
    return script in SUBSTRING_SCRIPTS


def contains(text: str, form: str, script: str) -> bool:
    """Whether ``text`` holds ``form`` in a language written in ``script``.

    >>> contains("Насильственные исчезновения", "насильственн* исчезновени*", "Cyrl")
    True
    >>> contains("Menschenrechte", "Menschenrecht", "Latn")
    False
    """
    substring = _substring(script)
    return _form(form, substring).search(normal(text, substring)) is not None


def used_form(text: str, rendering: Rendering, script: str) -> str | None:
    """The first of the rendering's forms that ``text`` holds, or None."""
    return next((f for f in rendering.all_forms if contains(text, f, script)), None)


# -- reading and validating ---------------------------------------------------------------------


def path_in(project: Project) -> str:
    """Where a project keeps its glossary: ``locales/glossary.tbx``."""
    return os.path.join(project.locales_dir, "glossary.tbx")


def load(path: str | os.PathLike[str], name: str | None = None, source: str = "en") -> Glossary:
    """The glossary in the TBX file at ``path`` (named ``name`` in errors), its terms in
    the language ``source`` (the sources'), validated: every problem is reported at its
    line, together."""
    from lxml import etree

    shown = name or os.fspath(path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    try:
        root = etree.parse(os.fspath(path), parser).getroot()
    except etree.XMLSyntaxError as exc:
        raise EditionsError(f"not TBX: {exc.msg}", shown, exc.lineno) from None
    except OSError as exc:
        raise EditionsError(exc.strerror or str(exc), shown) from None
    reader = _Reader(shown, source.replace("_", "-"))
    glossary = reader.tbx(root)
    reader.errors.sort(key=lambda e: e.line or 0)
    if reader.errors:
        raise Errors(reader.errors) if len(reader.errors) > 1 else reader.errors[0]
    return glossary


def load_project(project: Project) -> Glossary | None:
    """The project's glossary, or None when it has none."""
    path = path_in(project)
    if not os.path.isfile(path):
        return None
    return load(path, project.relative(path), project.source_lang)


def _tag(element: Any) -> str:
    tag = getattr(element, "tag", "")
    return tag[len(NS) + 2 :] if isinstance(tag, str) and tag.startswith(f"{{{NS}}}") else str(tag)


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


class _Reader:
    """Reads one TBX file, collecting every error with its line."""

    def __init__(self, name: str, source: str) -> None:
        self.name = name
        self.source = source  #: the language of the terms, BCP 47
        self.errors: list[EditionsError] = []

    def is_source(self, lang: str) -> bool:
        return lang.casefold() == self.source.casefold()

    def error(self, at: Any, message: str) -> None:
        """Report ``message`` at ``at``: an element, or a line number."""
        line = at if isinstance(at, int) else getattr(at, "sourceline", None)
        self.errors.append(EditionsError(message, self.name, line))

    def tbx(self, root: Any) -> Glossary:
        if _tag(root) != "tbx":
            self.error(root, f"not TBX: the root element is <{_tag(root)}>, not <tbx> in {NS}")
            return Glossary(path=self.name, source_lang=self.source)
        body = root.find(f"{{{NS}}}text/{{{NS}}}body")
        if body is None:
            self.error(root, "no <text><body> holding the entries")
            return Glossary(path=self.name, source_lang=self.source)
        terms = []
        ids: dict[str, int] = {}
        english: dict[str, int] = {}
        for entry in body:
            if _tag(entry) != "conceptEntry":
                self.error(entry, f"unknown element <{_tag(entry)}>: expected <conceptEntry>")
                continue
            term = self.concept(entry)
            if term is None:
                continue
            for key, seen, what in ((term.id, ids, "id"), (term.english.casefold(), english, "")):
                if key in seen:
                    label = f"id '{term.id}'" if what else f"term '{term.english}'"
                    self.error(entry, f"duplicate {label} (first at line {seen[key]})")
                seen.setdefault(key, term.line)
            terms.append(term)
        return Glossary(tuple(terms), self.name, self.source)

    def concept(self, entry: Any) -> Term | None:
        ident = entry.get("id", "")
        if not ident:
            self.error(entry, "a <conceptEntry> without id")
        note = ""
        langs: list[Rendering] = []
        for child in entry:
            if _tag(child) == "note":
                note = _text(child)
            elif _tag(child) == "langSec":
                found = self.lang_sec(child)
                if found is not None:
                    langs.append(found)
            else:
                self.error(child, f"unknown element <{_tag(child)}> in <conceptEntry>")
        sources = [r for r in langs if self.is_source(r.lang)]
        if len(sources) != 1:
            self.error(
                entry,
                f"an entry needs one <langSec xml:lang='{self.source}'> (the source language)",
            )
            return None
        seen: dict[str, int] = {}
        for rendering in langs:
            if rendering.lang in seen:
                self.error(rendering.line or None, f"a second <langSec> for '{rendering.lang}'")
            seen.setdefault(rendering.lang, rendering.line)
        source = sources[0]
        renderings = tuple(r for r in langs if not self.is_source(r.lang))
        line = getattr(entry, "sourceline", 0) or 0
        return Term(ident, source.approved, source.forms, note, renderings, line)

    def lang_sec(self, sec: Any) -> Rendering | None:
        lang = sec.get(XML_LANG, "")
        if not lang:
            self.error(sec, "a <langSec> without xml:lang")
            return None
        note, review = "", False
        preferred: list[str] = []
        admitted: list[str] = []
        forbidden: list[tuple[str, str]] = []
        for child in sec:
            tag = _tag(child)
            if tag == "note":
                note = _text(child)
            elif tag == "admin" and child.get("type") == "projectSubset":
                if _text(child) != REVIEW:
                    self.error(child, f"unknown projectSubset '{_text(child)}': only '{REVIEW}'")
                review = True
            elif tag == "termSec":
                self.term_sec(child, lang, preferred, admitted, forbidden)
            else:
                self.error(child, f"unknown element <{tag}> in <langSec>")
        if len(preferred) != 1:
            self.error(sec, f"'{lang}' needs one approved term ({PREFERRED}), not {len(preferred)}")
            return None
        if self.is_source(lang) and forbidden:
            self.error(sec, "the source language's side has no forbidden renderings")
        line = getattr(sec, "sourceline", 0) or 0
        return Rendering(lang, preferred[0], tuple(admitted), tuple(forbidden), note, review, line)

    def term_sec(
        self,
        sec: Any,
        lang: str,
        preferred: list[str],
        admitted: list[str],
        forbidden: list[tuple[str, str]],
    ) -> None:
        term, status, reason = None, None, ""
        for child in sec:
            tag, kind = _tag(child), child.get("type")
            if tag == "term":
                term = _text(child)
            elif tag == "termNote" and kind == "administrativeStatus":
                status = _text(child)
            elif tag == "note":
                reason = _text(child)
            else:
                shown = f" type='{kind}'" if kind else ""
                self.error(child, f"unknown element <{tag}{shown}> in <termSec>")
        if not term:
            self.error(sec, "an empty <term>")
            term = ""
        if not self.is_source(lang) and (fault := form_fault(term)) is not None:
            self.error(sec, f"the form '{term}' {fault}")
        if status == PREFERRED and "*" in term:
            self.error(sec, f"the approved '{term}' is shown to translators: write it whole")
        if status == PREFERRED:
            preferred.append(term)
        elif status == ADMITTED:
            admitted.append(term)
        elif status == DEPRECATED:
            if not reason:
                self.error(sec, f"the forbidden rendering '{term}' needs a <note> saying why")
            forbidden.append((term, reason))
        else:
            self.error(
                sec,
                f"'{term}': administrativeStatus must be {PREFERRED}, {ADMITTED} or {DEPRECATED}",
            )


def form_fault(form: str) -> str | None:
    """What is wrong with a form's pattern, or None.

    >>> form_fault("насильственн* исчезновени*") is None
    True
    >>> form_fault("dis*parition")
    "has a '*' inside a word: a '*' ends a word of at least two letters"
    """
    for word in form.split():
        if "*" in word[:-1] or word == "*" or (word.endswith("*") and len(word) < 3):
            return "has a '*' inside a word: a '*' ends a word of at least two letters"
    return None


# -- writing ------------------------------------------------------------------------------------


def to_tbx(glossary: Glossary) -> bytes:
    """The glossary as TBX-Basic, laid out the one way this module writes it: the same
    glossary, the same bytes."""
    from lxml import etree

    def sub(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
        element = etree.SubElement(parent, f"{{{NS}}}{tag}", attrs)
        element.text = text
        return element

    root = etree.Element(f"{{{NS}}}tbx", nsmap={None: NS})
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    root.set(XML_LANG, glossary.source_lang)
    desc = sub(sub(sub(root, "tbxHeader"), "fileDesc"), "sourceDesc")
    sub(desc, "p", "The newsroom glossary of an editions project")
    body = sub(sub(root, "text"), "body")
    for term in glossary.terms:
        entry = sub(body, "conceptEntry", id=term.id)
        if term.note:
            sub(entry, "note", term.note)
        original = Rendering(glossary.source_lang, term.english, term.forms)
        for rendering in (original, *term.renderings):
            _write_lang(sub, entry, rendering)
    etree.indent(root, space="  ")
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return xml + b"\n"


def _write_lang(sub: Any, entry: Any, rendering: Rendering) -> None:
    sec = sub(entry, "langSec", **{XML_LANG: rendering.lang})
    if rendering.review:
        sub(sec, "admin", REVIEW, type="projectSubset")
    if rendering.note:
        sub(sec, "note", rendering.note)
    rows = [(rendering.approved, PREFERRED, "")]
    rows += [(form, ADMITTED, "") for form in rendering.forms]
    rows += [(text, DEPRECATED, reason) for text, reason in rendering.forbidden]
    for text, status, reason in rows:
        term_sec = sub(sec, "termSec")
        sub(term_sec, "term", text)
        sub(term_sec, "termNote", status, type="administrativeStatus")
        if reason:
            sub(term_sec, "note", reason)
