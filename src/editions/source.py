"""Read an English source document into an :class:`~editions.model.Article`.

Extraction policy
-----------------
A source document is Markdown of one fixed shape, read line by line so that
every segment knows its line (Python-Markdown renders, but does not locate)::

    ---                                  optional front matter: ``key: value``
    date: 2026-11-25                     lines (``date`` is the publication date)
    ---

    # Title                              one title              -> ``title``

    Lede paragraph.                      paragraphs             -> ``lede``,
                                                                   ``lede/paragraph-2``...
    ## Section heading {#concerns}       sections, each with a  -> ``concerns/heading``
                                         stable id
    1. **Point title:** Point text.      numbered points        -> ``concerns/point-1/title``,
                                                                   ``concerns/point-1/text``
    Closing paragraph.                   paragraphs after the   -> ``closing``,
                                         last section's points     ``closing/paragraph-2``...

One message per title, paragraph, heading, point title and point text. The
markup the builder owns stays out of the messages: heading markers and ids,
list numbers, and the bold that sets off a point's title. How a title is joined
to its text (``**{title}:** {text}`` in English) differs between languages, so
it is a message of its own, ``layout/point``, that translators set.

A message id names a place (section id, point number, role), never words, so a
translation survives any edit of the English; a section's id is written in the
source (``{#concerns}``) and is also its anchor in every edition.

Blocks are separated by one blank line; a paragraph may run over several
lines, kept as they are. :func:`editions.render.markdown.render` writes the
same shape back, so the English edition is the source, byte for byte.
"""

from __future__ import annotations

import os
import re
import unicodedata

from editions.errors import EditionsError
from editions.model import Article, Point, Section, Segment

TYPE_CHECKING = False
if TYPE_CHECKING:
    from editions.project import Project

HEADING = re.compile(r"^## (?P<text>.+?) \{#(?P<id>[a-z][a-z0-9-]*)\}$")
TITLE = re.compile(r"^# (?P<text>.+)$")
POINT = re.compile(r"^(?P<number>\d+)\. (?P<body>.+)$")
POINT_BODY = re.compile(r"^\*\*(?P<bold>.+?)\*\*(?P<space>\s*)(?P<text>\S.*)$")
META = re.compile(r"^(?P<key>[a-z][a-z0-9_-]*): ?(?P<value>.*)$")

LAYOUT_ID = "layout/point"
LAYOUT_COMMENT = (
    "How a point's title is joined to its text. Keep {title} and {text} once each; "
    "set the bold and the punctuation your language uses, e.g. French "
    "'**{title}\u202f:** {text}' (a narrow no-break space before the colon), "
    "Chinese '**{title}**：{text}'."
)


def split_separator(bold: str) -> tuple[str, str]:
    """Split a point's bold text into its title and the punctuation that ends it.

    Only separators count (colons, full stops, dashes and the spaces before
    them), never closing brackets or quotes, which belong to the title.

    >>> split_separator("Allegations of Abuse:")
    ('Allegations of Abuse', ':')
    >>> split_separator("Allégations\u202f:")
    ('Allégations', '\u202f:')
    >>> split_separator("(Abuse)")
    ('(Abuse)', '')
    """
    end = len(bold)
    while end > 1 and (
        unicodedata.category(bold[end - 1]) in ("Po", "Pd") or bold[end - 1] in " \u00a0\u202f"
    ):
        end -= 1
    return bold[:end], bold[end:]


def read(path: str | os.PathLike[str], name: str | None = None) -> Article:
    """Parse the source document at ``path``; ``name`` is how messages call the file.
    The document is named after the file: ``source_text/article.md`` is ``article``."""
    path = os.fspath(path)
    shown = name or path
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except UnicodeDecodeError as exc:
        raise EditionsError(f"not valid UTF-8: {exc.reason}", shown, 1) from None
    except OSError as exc:
        raise EditionsError(f"cannot read: {exc.strerror}", shown) from None
    return parse(text, shown, os.path.splitext(os.path.basename(path))[0])


def front_matter(path: str | os.PathLike[str]) -> dict[str, str]:
    """The front matter of the source at ``path`` (empty when it cannot be read: a
    build reports that when it reads the whole source)."""
    path = os.fspath(path)
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
        return dict(_front_matter(lines, path)[0])
    except (OSError, UnicodeDecodeError, EditionsError):
        return {}


Block = tuple[int, list[str]]  # first line number, the block's lines


def _front_matter(lines: list[str], path: str) -> tuple[list[tuple[str, str]], int]:
    """The ``key: value`` pairs between ``---`` lines, and the line after them."""
    if not lines or lines[0] != "---":
        return [], 1
    meta: list[tuple[str, str]] = []
    for number, entry in enumerate(lines[1:], 2):
        if entry == "---":
            return meta, number + 1
        match = META.match(entry)
        if not match:
            raise EditionsError(f"front matter line is not 'key: value': {entry!r}", path, number)
        meta.append((match["key"], match["value"]))
    raise EditionsError("front matter is not closed by '---'", path, 1)


def _blocks(lines: list[str], start: int, path: str) -> list[Block]:
    """Split lines into blocks separated by blank lines, each with its first line number."""
    blocks: list[Block] = []
    current: list[str] = []
    first = start
    for number, line in enumerate(lines[start - 1 :], start):
        if line.strip():
            if line != line.rstrip():
                raise EditionsError("trailing whitespace", path, number)
            if not current:
                first = number
            current.append(line)
        elif current:
            blocks.append((first, current))
            current = []
    if current:
        blocks.append((first, current))
    return blocks


class _Reader:
    """Reads the blocks of one document in order; each method takes what it recognises."""

    def __init__(self, blocks: list[Block], path: str):
        self.blocks = blocks
        self.index = 0
        self.path = path
        self.layout: Segment | None = None
        self.section_lines: dict[str, int] = {}

    def error(self, message: str, line: int) -> EditionsError:
        return EditionsError(message, self.path, line)

    def segment(self, id_: str, kind: str, text: str, line: int, comment: str) -> Segment:
        return Segment(id=id_, kind=kind, text=text, path=self.path, line=line, comment=comment)

    def peek(self) -> Block | None:
        return self.blocks[self.index] if self.index < len(self.blocks) else None

    def title(self) -> Segment:
        block = self.peek()
        if block is None:
            raise self.error("no title: the document must start with '# Title'", 1)
        line, lines = block
        match = TITLE.match(lines[0])
        if len(lines) != 1 or not match:
            raise self.error("the document must start with one '# Title' line", line)
        self.index += 1
        return self.segment("title", "title", match["text"], line, "Headline of the article")

    def paragraphs(self, role: str, what: str) -> list[Segment]:
        """Paragraphs up to the next heading: ``role``, ``role/paragraph-2``..."""
        found: list[Segment] = []
        while (block := self.peek()) and not block[1][0].startswith("#"):
            line, lines = block
            if POINT.match(lines[0]):
                raise self.error("a numbered point must follow a '## Section {#id}' heading", line)
            n = len(found) + 1
            id_ = role if n == 1 else f"{role}/paragraph-{n}"
            comment = what + ("" if n == 1 else f", paragraph {n}") + " of the article"
            found.append(self.segment(id_, role, "\n".join(lines), line, comment))
            self.index += 1
        return found

    def section(self) -> Section | None:
        block = self.peek()
        if block is None:
            return None
        line, lines = block
        heading = HEADING.match(lines[0])
        if not heading:
            raise self.error(
                "a section heading must be '## Heading {#id}' with a lower-case id, "
                "e.g. '## International Reactions {#reactions}'",
                line,
            )
        if len(lines) != 1:
            raise self.error("a section heading must be followed by a blank line", line + 1)
        sid, name = heading["id"], heading["text"]
        if sid in self.section_lines:
            raise self.error(
                f"section id '{sid}' is already used at line {self.section_lines[sid]}", line
            )
        self.section_lines[sid] = line
        number = len(self.section_lines)
        head = self.segment(f"{sid}/heading", "heading", name, line, f"Heading of section {number}")
        self.index += 1
        points: list[Point] = []
        while (block := self.peek()) and POINT.match(block[1][0]):
            for offset, item in enumerate(block[1]):
                points.append(self.point(item, block[0] + offset, sid, name, len(points) + 1))
            self.index += 1
        if not points:
            raise self.error(f"section '{sid}' has no numbered points", line)
        return Section(sid, head, tuple(points))

    def point(self, item: str, line: int, sid: str, name: str, expected: int) -> Point:
        match = POINT.match(item)
        if not match:
            raise self.error("a point must fit on one line: '1. **Title:** Text'", line)
        number = int(match["number"])
        if number != expected:
            raise self.error(f"point numbered {number}, expected {expected}", line)
        body = POINT_BODY.match(match["body"])
        if not body:
            raise self.error("a point must start with a bold title: '1. **Title:** Text'", line)
        title, punct = split_separator(body["bold"])
        shape = "**{title}" + punct + "**" + body["space"] + "{text}"
        if self.layout is None:
            self.layout = self.segment(LAYOUT_ID, "point-layout", shape, line, LAYOUT_COMMENT)
        elif shape != self.layout.text:
            raise self.error(
                f"point is set as {shape!r}, but the first point (line {self.layout.line}) "
                f"as {self.layout.text!r}: every point must be set alike",
                line,
            )
        where = f"point {number} in the section '{name}'"
        pid = f"{sid}/point-{number}"
        return Point(
            number,
            self.segment(f"{pid}/title", "point-title", title, line, f"Title of {where}"),
            self.segment(f"{pid}/text", "point-text", body["text"], line, f"Text of {where}"),
        )


def parse(text: str, path: str, doc: str) -> Article:
    """Parse a source document's text; ``path`` is used in locations and errors.

    >>> a = parse("# T\\n\\nLede.\\n\\n## H {#h}\\n\\n1. **P:** Q.\\n\\nEnd.\\n", "a.md", "a")
    >>> [(s.id, s.text, s.line) for s in a.segments()]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('title', 'T', 1), ('lede', 'Lede.', 3), ('h/heading', 'H', 5),
     ('layout/point', '**{title}:** {text}', 7), ('h/point-1/title', 'P', 7),
     ('h/point-1/text', 'Q.', 7), ('closing', 'End.', 9)]
    """
    if "\r" in text:
        raise EditionsError("CR line endings: save the source with LF line endings", path, 1)
    lines = text.split("\n")
    meta, start = _front_matter(lines, path)
    reader = _Reader(_blocks(lines, start, path), path)
    title = reader.title()
    lede = reader.paragraphs("lede", "Opening paragraph (lede)")
    sections: list[Section] = []
    closing: list[Segment] = []
    while section := reader.section():
        sections.append(section)
        # Paragraphs after a section's points close the article: no section may follow.
        closing = reader.paragraphs("closing", "Closing paragraph")
        if closing and (block := reader.peek()):
            raise reader.error(
                "only the last section may be followed by paragraphs (the closing)", block[0]
            )
    return Article(
        doc=doc,
        path=path,
        lang="en",
        meta=tuple(meta),
        title=title,
        lede=tuple(lede),
        point_layout=reader.layout,
        sections=tuple(sections),
        closing=tuple(closing),
    )


def read_documents(project: Project, names: list[str] | None = None) -> list[Article]:
    """The English source of each of the documents ``names`` (all by default)."""
    return [
        read(project.source_path(d), project.relative(project.source_path(d)))
        for d in project.documents(names)
    ]
