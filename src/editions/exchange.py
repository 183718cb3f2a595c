"""XLIFF and TMX: the catalogs as the CAT tools translators use (OmegaT, memoQ, Trados,
Phrase) read and write them.

Export
------
``editions export --format xliff`` writes XLIFF 1.2 (OASIS, valid against
``xliff-core-1.2-strict.xsd``): one ``<file>`` per document catalog
(``original`` its source, ``source-language`` the project's source language,
``target-language`` the catalog's language), one ``<trans-unit>`` per active message, in the catalog's
order:

- ``id`` and ``resname``: the ``msgctxt``; ``xml:space="preserve"``;
- ``<source>``: the source's text; ``<target>``: the translation (empty when there is
  none), its ``state`` ``translated``, ``needs-review-translation`` (fuzzy) or
  ``needs-translation``; ``approved="yes"`` on a reviewed translation;
- ``<note from="developer">``: the ``#.`` guidance; ``<note from="translator">``:
  the ``#`` translator comment;
- ``<context-group purpose="location">``: each ``#:`` reference, as a
  ``sourcefile`` and a ``linenumber``.

Obsolete entries stay in the catalog and out of the XLIFF. ``--format tmx``
writes TMX 1.4 (valid against ``tmx14.dtd``): the reviewed translations only,
one ``<tu tuid="<doc>:<msgctxt>">`` each, its place as ``<prop
type="x-context">``, its ``srclang`` the source language. Both are the same bytes for the same catalogs.

Import
------
``editions import FILE.xlf`` matches each ``<file>`` to its catalog (by its
``original`` and ``target-language``) and each unit to its message by ``id``.
A unit's target is the translation; it is reviewed when ``approved="yes"`` or
its ``state`` is ``translated``, ``signed-off`` or ``final``, else fuzzy; a
translator note becomes the translator comment. A unit whose translation
changes is checked by the checks of ``editions check``
(:data:`editions.checks.MESSAGE_CHECKS`): one that finds an error, an ``id``
the catalog lacks, or a source text that is not the catalog's any more is reported as
``FILE.xlf:LINE: error: ...`` and not imported; the rest is. An empty target
never removes a translation; nothing else of the catalog (other comments, flags,
obsolete entries, the header) changes. Catalogs are written through
:mod:`editions.po.write` together, and one that does not change is not written:
importing an export untouched changes no byte.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import polib
from lxml import etree

from editions import fsutil, source
from editions.catalog import MAX_MESSAGE
from editions.errors import EditionsError
from editions.localedata import LocaleInfo, locale_info, same_language
from editions.po.merge import FUZZY
from editions.po.read import Layout, parse_po
from editions.po.write import format_changed
from editions.project import Project

XLIFF = "urn:oasis:names:tc:xliff:document:1.2"
_X = f"{{{XLIFF}}}"
_XML = "{http://www.w3.org/XML/1998/namespace}"
#: the ``state`` values that mean a reviewed translation
REVIEWED = frozenset({"translated", "signed-off", "final"})


def _catalogs(
    project: Project, lang: str, docs: list[str] | None
) -> Iterator[tuple[str, polib.POFile]]:
    """Each document of ``docs`` (all by default) with its catalog in ``lang``."""
    from editions.translations import catalog_files, read_all

    files, _ = catalog_files(project, [lang], docs)
    yield from zip((ref.doc for ref in files), read_all(files), strict=True)


def _active(po: polib.POFile) -> Iterator[polib.POEntry]:
    return (e for e in po if not e.obsolete and e.msgctxt is not None)


def _serialize(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


# -- XLIFF out ---------------------------------------------------------------------------------


def export_xliff(project: Project, lang: str, docs: list[str] | None = None) -> bytes:
    """The XLIFF 1.2 of ``lang``'s catalogs of ``docs`` (all by default)."""
    root = etree.Element(f"{_X}xliff", nsmap={None: XLIFF}, version="1.2")
    for doc, po in _catalogs(project, lang, docs):
        file = etree.SubElement(
            root,
            f"{_X}file",
            original=project.relative(project.source_path(doc)),
            datatype="plaintext",
            attrib={
                "source-language": locale_info(project.source_lang).bcp47,
                "target-language": locale_info(lang).bcp47,
            },
        )
        body = etree.SubElement(file, f"{_X}body")
        for entry in _active(po):
            body.append(_unit(entry))
    return _serialize(root)


def _state(entry: polib.POEntry) -> str:
    if not entry.msgstr:
        return "needs-translation"
    return "needs-review-translation" if FUZZY in entry.flags else "translated"


def _unit(entry: polib.POEntry) -> etree._Element:
    """One message as a ``<trans-unit>``."""
    state = _state(entry)
    unit = etree.Element(
        f"{_X}trans-unit",
        id=entry.msgctxt,
        resname=entry.msgctxt,
        approved="yes" if state == "translated" else "no",
        attrib={f"{_XML}space": "preserve"},
    )
    etree.SubElement(unit, f"{_X}source").text = entry.msgid
    etree.SubElement(unit, f"{_X}target", state=state).text = entry.msgstr
    for sender, text in (("developer", entry.comment), ("translator", entry.tcomment)):
        if text:
            etree.SubElement(unit, f"{_X}note", attrib={"from": sender}).text = text
    for path, line in entry.occurrences:
        group = etree.SubElement(unit, f"{_X}context-group", purpose="location")
        etree.SubElement(group, f"{_X}context", attrib={"context-type": "sourcefile"}).text = path
        if line:
            context = etree.SubElement(group, f"{_X}context", attrib={"context-type": "linenumber"})
            context.text = str(line)
    return unit


# -- TMX out -----------------------------------------------------------------------------------


def export_tmx(project: Project, lang: str, docs: list[str] | None = None) -> bytes:
    """The TMX 1.4 memory of ``lang``'s reviewed translations in ``docs`` (all by default)."""
    from editions import __version__

    root = etree.Element("tmx", version="1.4")
    source_lang = locale_info(project.source_lang).bcp47
    target_lang = locale_info(lang).bcp47
    etree.SubElement(
        root,
        "header",
        creationtool="editions",
        creationtoolversion=__version__,
        segtype="paragraph",
        datatype="plaintext",
        adminlang="en",  # the language of the tool's own words (none are written)
        srclang=source_lang,
        attrib={"o-tmf": "PO"},
    )
    body = etree.SubElement(root, "body")
    for doc, po in _catalogs(project, lang, docs):
        for entry in _active(po):
            if entry.msgstr and FUZZY not in entry.flags:
                tu = etree.SubElement(body, "tu", tuid=f"{doc}:{entry.msgctxt}")
                etree.SubElement(tu, "prop", type="x-context").text = entry.msgctxt
                for tag, text in ((source_lang, entry.msgid), (target_lang, entry.msgstr)):
                    tuv = etree.SubElement(tu, "tuv", attrib={f"{_XML}lang": tag})
                    etree.SubElement(tuv, "seg").text = text
    return _serialize(root)


# -- XLIFF in ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Checker:
    """The checks of ``check`` for the translations of one document into one language."""

    info: LocaleInfo
    kinds: dict[str, str]  #: the source's segment kinds, by id
    original: str  #: the source language's English name, as findings call the source text

    def problems(self, msgctxt: str, english: str, translation: str) -> list[str]:
        """The errors ``check`` finds in ``translation`` of ``english``, each with the
        name of its check: ``"... [links]"``."""
        from editions import checks

        if len(translation) > MAX_MESSAGE:
            return [f"a translation over {MAX_MESSAGE:,} characters [message-size]"]
        kind = self.kinds.get(msgctxt)
        message = checks.Message(
            msgctxt, english, translation, self.info, kind, original=self.original
        )
        return [
            f"{text} [{name}]"
            for name, check in checks.MESSAGE_CHECKS
            for severity, text in check(message)
            if severity == checks.ERROR
        ]


def checker(project: Project, doc: str, lang: str) -> Checker:
    """The :class:`Checker` of ``doc``'s translations into ``lang``: its source read."""
    from editions.checks import original_name

    path = project.source_path(doc)
    article = source.read(path, project.relative(path), project.source_lang)
    kinds = {s.id: s.kind for s in article.segments()}
    return Checker(locale_info(lang), kinds, original_name(article))


def read_to_change(path: str, name: str) -> tuple[polib.POFile, polib.POFile, Layout]:
    """The catalog at ``path`` (``name`` in messages), read twice: as it is, to tell
    whether it changed (:func:`~editions.po.write.format_changed`), and to change; and
    its layout."""
    with open(path, "rb") as handle:
        data = handle.read()
    before, layout = parse_po(data, name)
    po, _ = parse_po(data, name)
    return before, po, layout


@dataclass
class _Target:
    """One catalog an XLIFF ``<file>`` goes to: as read, and being changed."""

    path: str
    before: polib.POFile
    po: polib.POFile
    layout: Layout
    checker: Checker


@dataclass
class Imported:
    """What ``import`` did: the catalogs written, units taken, and the units refused."""

    written: list[str]
    taken: int
    refused: list[EditionsError]


def import_xliff(project: Project, path: str) -> Imported:
    """Merge the XLIFF at ``path`` into the project's catalogs (see the module's policy)."""
    name = path
    try:
        tree = etree.parse(path, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise EditionsError(f"not XML: {exc.msg}", name, exc.lineno) from None
    except OSError as exc:
        raise EditionsError(exc.strerror or str(exc), name) from None
    root = tree.getroot()
    if root.tag != f"{_X}xliff" or root.get("version") != "1.2":
        raise EditionsError("not XLIFF 1.2", name, root.sourceline)
    targets: list[_Target] = []
    refused: list[EditionsError] = []
    taken = 0
    for file in root.iter(f"{_X}file"):
        target = _target(project, file, name)
        targets.append(target)
        for unit in file.iter(f"{_X}trans-unit"):
            try:
                taken += _take(target, unit, name)
            except EditionsError as exc:
                refused.append(exc)
    writes = [
        (t.path, text)
        for t in targets
        if (text := format_changed(t.po, t.before, t.layout)) is not None
    ]
    done = fsutil.write_together(writes)
    written = [p for (p, _), changed in zip(writes, done, strict=True) if changed]
    return Imported([project.relative(p) for p in written], taken, refused)


def _target(project: Project, file: etree._Element, name: str) -> _Target:
    """The catalog an XLIFF ``<file>`` is for, read."""
    original = file.get("original", "")
    doc = os.path.splitext(os.path.basename(original))[0]
    tag = (file.get("target-language") or "").replace("-", "_")
    lang = same_language(tag, project.languages()) if tag else None
    if lang is None or doc not in project.documents():
        raise EditionsError(
            f"no catalog for '{original}' in '{tag}' in this project", name, file.sourceline
        )
    po_path = project.po_path(lang, doc)
    if not os.path.isfile(po_path):
        raise EditionsError(f"no catalog {project.relative(po_path)}", name, file.sourceline)
    before, po, layout = read_to_change(po_path, project.relative(po_path))
    return _Target(po_path, before, po, layout, checker(project, doc, lang))


def _take(target: _Target, unit: etree._Element, name: str) -> int:
    """Merge one ``<trans-unit>`` into its catalog; 1 if it changed something. Raises the
    reason it is refused."""
    ctxt = unit.get("id", "")
    line = unit.sourceline
    entry = next((e for e in _active(target.po) if e.msgctxt == ctxt), None)
    if entry is None:
        raise EditionsError(f"unit '{ctxt}': no such message in the catalog", name, line)
    english = _text(unit.find(f"{_X}source"))
    if english != entry.msgid:
        raise EditionsError(
            f"unit '{ctxt}': its {target.checker.original} is not the catalog's any more: run 'editions "
            "update', then export again",
            name,
            line,
        )
    target_el = unit.find(f"{_X}target")
    translation = _text(target_el)
    if not translation:
        return 0
    state = target_el.get("state", "") if target_el is not None else ""
    reviewed = unit.get("approved") == "yes" or state in REVIEWED
    note = _translator_note(unit)
    if translation != entry.msgstr:
        found = target.checker.problems(ctxt, english, translation)
        if found:
            raise EditionsError(f"unit '{ctxt}': {'; '.join(found)}", name, line)
    return int(_apply(entry, translation, reviewed, note))


def _text(element: etree._Element | None) -> str:
    return "" if element is None else "".join(element.itertext())


def _translator_note(unit: etree._Element) -> str | None:
    notes = [_text(n) for n in unit.iter(f"{_X}note") if n.get("from") == "translator"]
    return "\n".join(notes) if notes else None


def _apply(entry: polib.POEntry, translation: str, reviewed: bool, note: str | None) -> bool:
    """Put a unit's translation, state and note into ``entry``; whether it changed."""
    before = (entry.msgstr, FUZZY in entry.flags, entry.tcomment)
    entry.msgstr = translation
    if entry.msgid_plural:
        entry.msgstr_plural = {**entry.msgstr_plural, 0: translation}
    if reviewed and FUZZY in entry.flags:
        entry.flags.remove(FUZZY)
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    elif not reviewed and FUZZY not in entry.flags:
        entry.flags.insert(0, FUZZY)
    if note is not None:
        entry.tcomment = note
    return before != (entry.msgstr, FUZZY in entry.flags, entry.tcomment)


def write_export(data: bytes, out: str | None) -> Iterable[str]:
    """Write an export to ``out`` (atomically), or to standard output; what to tell."""
    if out is None:
        import sys

        sys.stdout.buffer.write(data)
        return []
    return [f"wrote {out}"] if fsutil.write_atomic(out, data, durable=False) else []
