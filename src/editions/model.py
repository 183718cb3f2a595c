"""The one model every step works on: an article made of segments.

A :class:`Segment` is one translatable unit: the title, a paragraph, a heading,
a list item's paragraph, a table cell, a footnote, an image's alt text or
caption, a link's title, a point's title or text, or the layout that joins a
point's title to its text. Its ``id`` is the gettext ``msgctxt``; it names the
unit's place in the document (``concerns/point-1/text``, ``bg/list-1/item-2``)
and never its words, so it survives edits to the English.

An :class:`Article` keeps the segments in the document's blocks: headings,
paragraphs, lists, quotes, tables, figures, code, thematic breaks, raw HTML,
the seed's sections of numbered points, then the footnotes and the link
references. Localising an article maps every segment to its translation and
keeps the blocks, so every edition of every language has the same shape and
the same anchors. :mod:`editions.source` says how a document becomes blocks.

The classes are named tuples: immutable values, compared and hashed by
their fields.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = [
    "Article",
    "Block",
    "Code",
    "Coverage",
    "Footnote",
    "Heading",
    "Html",
    "Image",
    "List",
    "Paragraph",
    "Point",
    "Quote",
    "Reference",
    "Rule",
    "Section",
    "Segment",
    "State",
    "Table",
    "parse_date",
]


class State(StrEnum):
    """Where a segment's text comes from."""

    SOURCE = "source"  #: the original, in the source language
    TRANSLATED = "translated"  #: a reviewed translation
    FUZZY = "fuzzy"  #: a translation awaiting review, used on request
    UNTRANSLATED = "untranslated"  #: no usable translation: the original shown instead


class Segment(NamedTuple):
    id: str  #: msgctxt, e.g. ``concerns/point-1/title``
    kind: (
        str  #: title, lede, heading, paragraph, item, cell, footnote, alt, caption... (see source)
    )
    text: str  #: inline Markdown
    path: str  #: source file the English comes from
    line: int  #: line of that file
    comment: str  #: what the unit is, for the translator
    lang: str = "en"  #: language the text is written in: the source reader gives its own
    state: State = State.SOURCE
    flags: tuple[str, ...] = ()

    def localized(self, text: str, lang: str, state: State) -> Segment:
        """This segment with ``text``, written in ``lang`` and come from ``state``; its
        place and comment kept."""
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
    """The seed's section: a heading directly followed by its numbered points."""

    id: str  #: the stable anchor, e.g. ``concerns``
    heading: Segment
    points: tuple[Point, ...]
    level: int = 2
    explicit: bool = True  #: whether the source writes the id (``{#concerns}``)


class Heading(NamedTuple):
    level: int  #: 1 to 6
    id: str  #: the anchor: written in the source (``{#id}``) or made from the English
    heading: Segment
    explicit: bool  #: whether the source writes the id


class Paragraph(NamedTuple):
    segment: Segment  #: its kind says where it is: ``lede``, ``closing`` or ``paragraph``


class List(NamedTuple):
    ordered: bool
    start: int  #: the first item's number (1 for a bullet list)
    marker: str  #: ``-``, ``*`` or ``+``; ``.`` or ``)`` after an ordered item's number
    tight: bool  #: items without blank lines between them (no ``<p>`` in the HTML)
    items: tuple[tuple[Block, ...], ...]  #: each item's blocks


class Quote(NamedTuple):
    blocks: tuple[Block, ...]


class Table(NamedTuple):
    align: tuple[str, ...]  #: each column's: ``left``, ``center``, ``right`` or ``""``
    head: tuple[Segment | None, ...]  #: None for an empty cell
    rows: tuple[tuple[Segment | None, ...], ...]


class Image(NamedTuple):
    """An image alone in its paragraph; with a title, a figure captioned by it."""

    src: str  #: never translated
    alt: Segment | None  #: None when the source gives none
    title: Segment | None


class Code(NamedTuple):
    text: str  #: never translated
    info: str  #: a fenced block's info string
    fence: str  #: the fence (three backticks or tildes), ``""`` for an indented block


class Html(NamedTuple):
    text: str  #: a raw HTML block of the source, passed through: the source is trusted


class Rule(NamedTuple):
    markup: str  #: ``---``, ``***`` or ``___``


class Footnote(NamedTuple):
    label: str  #: as the source writes it: ``[^label]``
    number: int  #: in the order of the first references, as CommonMark renderers number them
    blocks: tuple[Block, ...]


class Reference(NamedTuple):
    """A link reference definition: ``[label]: href "title"``."""

    label: str  #: as its definition writes it (CommonMark matches labels case-insensitively)
    href: str  #: never translated
    title: Segment | None


Block = Section | Heading | Paragraph | List | Quote | Table | Image | Code | Html | Rule

#: A date, or a date and time with an optional offset, as front matter writes them.
DATE = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?(?:Z|[+-]\d{2}:?\d{2}))?)?"
)


def unquote(value: str) -> str:
    """A front matter value without the quotes YAML allows around it.

    >>> unquote('"2026-11-25"'), unquote("'it''s'"), unquote('"a \\\\"b\\\\""'), unquote("plain")
    ('2026-11-25', "it's", 'a "b"', 'plain')
    """
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


def parse_date(value: str) -> date:
    """The publication date of a front matter ``date`` value; ValueError if it is none.

    >>> parse_date("2026-11-25"), parse_date('"2026-11-25"')
    (datetime.date(2026, 11, 25), datetime.date(2026, 11, 25))
    >>> parse_date("2026-11-25T10:30:00+05:00"), parse_date("2026-11-25 10:30:00 +0500")
    (datetime.date(2026, 11, 25), datetime.date(2026, 11, 25))
    """
    match = DATE.fullmatch(unquote(value))
    if not match:
        raise ValueError(f"not a date: {value!r}")
    return date.fromisoformat(match["date"])


def _block_segments(block: Block) -> Iterator[Segment]:
    """The segments of ``block`` in document order (a section's layout excepted)."""
    if isinstance(block, Section):
        yield block.heading
        for point in block.points:
            yield point.title
            yield point.text
    elif isinstance(block, Heading):
        yield block.heading
    elif isinstance(block, Paragraph):
        yield block.segment
    elif isinstance(block, List):
        for item in block.items:
            for inner in item:
                yield from _block_segments(inner)
    elif isinstance(block, Quote):
        for inner in block.blocks:
            yield from _block_segments(inner)
    elif isinstance(block, Table):
        for row in (block.head, *block.rows):
            yield from (cell for cell in row if cell is not None)
    elif isinstance(block, Image):
        yield from (s for s in (block.alt, block.title) if s is not None)


def _map_block(block: Block, fn: Callable[[Segment], Segment]) -> Block:
    """``block`` with every segment replaced by ``fn(segment)``."""
    if isinstance(block, Section):
        points = tuple(Point(p.number, fn(p.title), fn(p.text)) for p in block.points)
        return Section(block.id, fn(block.heading), points, block.level, block.explicit)
    if isinstance(block, Heading):
        return Heading(block.level, block.id, fn(block.heading), block.explicit)
    if isinstance(block, Paragraph):
        return Paragraph(fn(block.segment))
    if isinstance(block, List):
        items = tuple(tuple(_map_block(b, fn) for b in item) for item in block.items)
        return List(block.ordered, block.start, block.marker, block.tight, items)
    if isinstance(block, Quote):
        return Quote(tuple(_map_block(b, fn) for b in block.blocks))
    if isinstance(block, Table):
        head, *rows = (
            tuple(fn(s) if s else None for s in row) for row in (block.head, *block.rows)
        )
        return Table(block.align, head, tuple(rows))
    if isinstance(block, Image):
        alt, title = (fn(s) if s else None for s in (block.alt, block.title))
        return Image(block.src, alt, title)
    return block  # code, raw HTML and rules hold nothing to translate


class Article(NamedTuple):
    doc: str  #: document name: ``article`` for ``source_text/<doc>.md``
    path: str  #: the source file
    lang: str  #: language of the edition (a CLDR identifier such as ``zh_Hans``)
    meta: tuple[tuple[str, str], ...]  #: front matter, in source order, values as written
    title: Segment
    point_layout: Segment | None  #: ``**{title}:** {text}``: how a point is set
    blocks: tuple[Block, ...] = ()  #: the body, after the title
    footnotes: tuple[Footnote, ...] = ()  #: in the order of their numbers
    references: tuple[Reference, ...] = ()
    fields: tuple[tuple[str, Segment], ...] = ()  #: translatable front matter, by key
    title_in_body: bool = True  #: the title is a ``#`` heading (else the front matter's)

    def segments(self) -> Iterator[Segment]:
        """Every segment in document order: front matter, title, body, footnotes, links."""
        if not self.title_in_body:
            yield self.title  # the front matter's, whose other fields follow it
        for _, segment in self.fields:
            yield segment
        if self.title_in_body:
            yield self.title
        layout_pending = self.point_layout is not None
        for block in self.blocks:
            if layout_pending and isinstance(block, Section) and block.points:
                yield block.heading
                yield self.point_layout  # type: ignore[misc]
                layout_pending = False
                for point in block.points:
                    yield point.title
                    yield point.text
                continue
            yield from _block_segments(block)
        for note in self.footnotes:
            for inner in note.blocks:
                yield from _block_segments(inner)
        for reference in self.references:
            if reference.title is not None:
                yield reference.title

    def map(self, fn: Callable[[Segment], Segment], lang: str) -> Article:
        """A copy in ``lang`` with every segment replaced by ``fn(segment)``."""
        return Article(
            doc=self.doc,
            path=self.path,
            lang=lang,
            meta=self.meta,
            title=fn(self.title),
            point_layout=fn(self.point_layout) if self.point_layout else None,
            blocks=tuple(_map_block(b, fn) for b in self.blocks),
            footnotes=tuple(
                Footnote(n.label, n.number, tuple(_map_block(b, fn) for b in n.blocks))
                for n in self.footnotes
            ),
            references=tuple(
                Reference(r.label, r.href, fn(r.title) if r.title else None)
                for r in self.references
            ),
            fields=tuple((key, fn(segment)) for key, segment in self.fields),
            title_in_body=self.title_in_body,
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
        """A front matter value, without its quotes."""
        value = dict(self.meta).get(key)
        return None if value is None else unquote(value)

    @property
    def published(self) -> date | None:
        """The publication date (``date`` in the front matter), checked when read."""
        value = dict(self.meta).get("date")
        return parse_date(value) if value else None

    def field(self, key: str) -> Segment | None:
        """The translatable front matter value ``key`` (``summary``...), if any."""
        return dict(self.fields).get(key)

    @property
    def sections(self) -> tuple[Section, ...]:
        """The seed's sections of numbered points."""
        return tuple(b for b in self.blocks if isinstance(b, Section))

    @property
    def lede(self) -> tuple[Segment, ...]:
        """The paragraphs between the title and the first heading."""
        return tuple(
            b.segment for b in self.blocks if isinstance(b, Paragraph) and b.segment.kind == "lede"
        )

    @property
    def closing(self) -> tuple[Segment, ...]:
        """The paragraphs after the last section of points."""
        return tuple(
            b.segment
            for b in self.blocks
            if isinstance(b, Paragraph) and b.segment.kind == "closing"
        )
