"""The one model every step works on: an article made of segments.

A :class:`Segment` is one translatable unit: the title, a paragraph, a section
heading, a point's title or text, or the layout that joins a point's title to
its text. Its ``id`` is the gettext ``msgctxt``; it names the unit's place in
the document (``concerns/point-1/text``) and never its words, so it survives
edits to the English.

An :class:`Article` keeps the segments in their layout: lede paragraphs,
sections of numbered points, closing paragraphs. Localising an article maps
every segment to its translation and keeps the layout, so every edition of
every language has the same shape and the same anchors.

The classes are named tuples: immutable, cheap to make (a build makes one
segment per message of every catalog), and quick to import (``dataclasses``
brings ``inspect`` and ``ast``, a fifth of the start-up of ``editions extract``;
:mod:`editions.record` says why not ``typing.NamedTuple``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from editions.project import SOURCE_LANG

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["SOURCE_LANG", "Article", "Coverage", "Point", "Section", "Segment", "State"]


class State(StrEnum):
    """Where a segment's text comes from."""

    SOURCE = "source"  #: the English original
    TRANSLATED = "translated"  #: a reviewed translation
    FUZZY = "fuzzy"  #: a translation awaiting review, used on request
    UNTRANSLATED = "untranslated"  #: no usable translation: English shown instead


class Segment(NamedTuple):
    id: str  #: msgctxt, e.g. ``concerns/point-1/title``
    kind: str  #: title, lede, heading, point-title, point-text, point-layout, closing
    text: str  #: inline Markdown
    path: str  #: source file the English comes from
    line: int  #: line of that file
    comment: str  #: what the unit is, for the translator
    lang: str = SOURCE_LANG  #: language the text is written in
    state: State = State.SOURCE
    flags: tuple[str, ...] = ()

    def localized(self, text: str, lang: str, state: State) -> Segment:
        """This segment with ``text`` in ``lang`` (the same as ``_replace``, at a
        fraction of its cost: a large build makes one per message of every catalog)."""
        return Segment(
            self.id, self.kind, text, self.path, self.line, self.comment, lang, state, self.flags
        )


class Coverage(NamedTuple):
    """Segments of an edition by where their text comes from.

    >>> c = Coverage(translated=30, fuzzy=2, untranslated=2)
    >>> c.total, c.shown, round(c.percent, 1)
    (34, 32, 94.1)
    """

    translated: int  #: in the edition's language, reviewed (or the English source itself)
    fuzzy: int  #: in the edition's language, awaiting review (shown only with --use-fuzzy)
    untranslated: int  #: shown in English

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def shown(self) -> int:
        """Segments a reader sees in the edition's language."""
        return self.translated + self.fuzzy

    @property
    def percent(self) -> float:
        return 100.0 * self.shown / self.total if self.total else 100.0


class Point(NamedTuple):
    number: int
    title: Segment
    text: Segment


class Section(NamedTuple):
    id: str  #: the stable anchor, e.g. ``concerns``
    heading: Segment
    points: tuple[Point, ...]


class Article(NamedTuple):
    doc: str  #: document name: ``article`` for ``source_text/article.md``
    path: str  #: the source file
    lang: str  #: language of the edition (a CLDR identifier such as ``zh_Hans``)
    meta: tuple[tuple[str, str], ...]  #: front matter, in source order
    title: Segment
    lede: tuple[Segment, ...]
    point_layout: Segment | None  #: ``**{title}:** {text}``: how a point is set
    sections: tuple[Section, ...]
    closing: tuple[Segment, ...]

    def segments(self) -> Iterator[Segment]:
        """Every segment in document order."""
        yield self.title
        yield from self.lede
        layout_pending = self.point_layout is not None
        for section in self.sections:
            yield section.heading
            for point in section.points:
                if layout_pending and self.point_layout is not None:
                    yield self.point_layout
                    layout_pending = False
                yield point.title
                yield point.text
        yield from self.closing

    def map(self, fn: Callable[[Segment], Segment], lang: str) -> Article:
        """A copy in ``lang`` with every segment replaced by ``fn(segment)``."""
        return Article(
            doc=self.doc,
            path=self.path,
            lang=lang,
            meta=self.meta,
            title=fn(self.title),
            lede=tuple(fn(s) for s in self.lede),
            point_layout=fn(self.point_layout) if self.point_layout else None,
            sections=tuple(
                Section(
                    section.id,
                    fn(section.heading),
                    tuple(Point(p.number, fn(p.title), fn(p.text)) for p in section.points),
                )
                for section in self.sections
            ),
            closing=tuple(fn(s) for s in self.closing),
        )

    def coverage(self) -> Coverage:
        """How many passages a reader sees in the edition's language, and how.

        The point layout is a message but not a passage: it is counted by ``stats``,
        not here.
        """
        states = [s.state for s in self.segments() if s is not self.point_layout]
        return Coverage(
            translated=sum(s in (State.SOURCE, State.TRANSLATED) for s in states),
            fuzzy=states.count(State.FUZZY),
            untranslated=states.count(State.UNTRANSLATED),
        )

    def meta_value(self, key: str) -> str | None:
        return dict(self.meta).get(key)
