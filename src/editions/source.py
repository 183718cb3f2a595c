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
lines, kept as they are. :func:`editions.render_markdown.render` writes the
same shape back, so the English edition is the source, byte for byte.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from editions.errors import EditionsError
from editions.model import Article, Point, Section, Segment

HEADING = re.compile(r"^## (?P<text>.+?) \{#(?P<id>[a-z][a-z0-9-]*)\}$")
BAD_HEADING = re.compile(r"^#{2,} ")
TITLE = re.compile(r"^# (?P<text>.+)$")
POINT = re.compile(r"^(?P<number>\d+)\. (?P<body>.+)$")
POINT_BODY = re.compile(r"^\*\*(?P<bold>.+?)\*\*(?P<space>\s*)(?P<text>\S.*)$")
META = re.compile(r"^(?P<key>[a-z][a-z0-9_-]*): ?(?P<value>.*)$")

LAYOUT_ID = "layout/point"
LAYOUT_COMMENT = (
    "How a point's title is joined to its text. Keep {title} and {text} once each; "
    "set the bold and the punctuation your language uses, e.g. French "
    "'**{title} :** {text}', Chinese '**{title}**：{text}'."
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


def read(path: Path, name: str | None = None) -> Article:
    """Parse the source document at ``path``; ``name`` is how messages call the file."""
    shown = name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise EditionsError(f"not valid UTF-8: {exc.reason}", shown, 1) from None
    except OSError as exc:
        raise EditionsError(f"cannot read: {exc.strerror}", shown) from None
    return parse(text, shown, path.stem)


def _blocks(lines: list[str], start: int, path: str) -> list[tuple[int, list[str]]]:
    """Split lines into blocks separated by blank lines, each with its first line number."""
    blocks: list[tuple[int, list[str]]] = []
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
    meta: list[tuple[str, str]] = []
    start = 1
    if lines and lines[0] == "---":
        for number, entry in enumerate(lines[1:], 2):
            if entry == "---":
                start = number + 1
                break
            match = META.match(entry)
            if not match:
                raise EditionsError(
                    f"front matter line is not 'key: value': {entry!r}", path, number
                )
            meta.append((match["key"], match["value"]))
        else:
            raise EditionsError("front matter is not closed by '---'", path, 1)

    blocks = _blocks(lines, start, path)
    if not blocks:
        raise EditionsError("no title: the document must start with '# Title'", path, start)

    def seg(id_: str, kind: str, text: str, line: int, comment: str) -> Segment:
        return Segment(id=id_, kind=kind, text=text, path=path, line=line, comment=comment)

    line, block = blocks[0]
    match = TITLE.match(block[0])
    if len(block) != 1 or not match:
        raise EditionsError("the document must start with one '# Title' line", path, line)
    title = seg("title", "title", match["text"], line, "Headline of the article")

    lede: list[Segment] = []
    closing: list[Segment] = []
    sections: list[Section] = []
    layout: Segment | None = None
    seen_ids: dict[str, int] = {}

    def paragraph(role: str, into: list[Segment], line: int, block: list[str]) -> None:
        n = len(into) + 1
        id_ = role if n == 1 else f"{role}/paragraph-{n}"
        what = "Opening paragraph (lede)" if role == "lede" else "Closing paragraph"
        comment = what + ("" if n == 1 else f", paragraph {n}")
        into.append(seg(id_, role, "\n".join(block), line, comment + " of the article"))

    index = 1
    while index < len(blocks) and not blocks[index][1][0].startswith("#"):
        line, block = blocks[index]
        if POINT.match(block[0]):
            raise EditionsError(
                "a numbered point before any '## Section {#id}' heading", path, line
            )
        paragraph("lede", lede, line, block)
        index += 1

    while index < len(blocks):
        line, block = blocks[index]
        heading = HEADING.match(block[0])
        if not heading:
            if BAD_HEADING.match(block[0]) or block[0].startswith("#"):
                raise EditionsError(
                    "a section heading must be '## Heading {#id}' with a lower-case id, "
                    "e.g. '## International Reactions {#reactions}'",
                    path,
                    line,
                )
            break
        if len(block) != 1:
            raise EditionsError(
                "a section heading must be followed by a blank line", path, line + 1
            )
        sid = heading["id"]
        if sid in seen_ids:
            raise EditionsError(
                f"section id '{sid}' is already used at line {seen_ids[sid]}", path, line
            )
        seen_ids[sid] = line
        name = heading["text"]
        head = seg(
            f"{sid}/heading", "heading", name, line, f"Heading of section {len(sections) + 1}"
        )
        index += 1
        points: list[Point] = []
        while index < len(blocks) and POINT.match(blocks[index][1][0]):
            line, block = blocks[index]
            for offset, item in enumerate(block):
                item_line = line + offset
                match = POINT.match(item)
                if not match:
                    raise EditionsError(
                        "a point must fit on one line: '1. **Title:** Text'", path, item_line
                    )
                number = int(match["number"])
                if number != len(points) + 1:
                    raise EditionsError(
                        f"point numbered {number}, expected {len(points) + 1}", path, item_line
                    )
                body = POINT_BODY.match(match["body"])
                if not body:
                    raise EditionsError(
                        "a point must start with a bold title: '1. **Title:** Text'",
                        path,
                        item_line,
                    )
                point_title, punct = split_separator(body["bold"])
                shape = "**{title}" + punct + "**" + body["space"] + "{text}"
                if layout is None:
                    layout = seg(LAYOUT_ID, "point-layout", shape, item_line, LAYOUT_COMMENT)
                elif shape != layout.text:
                    raise EditionsError(
                        f"point is set as {shape!r}, but the first point (line {layout.line}) "
                        f"as {layout.text!r}: every point must be set alike",
                        path,
                        item_line,
                    )
                where = f"point {number} in the section '{name}'"
                pid = f"{sid}/point-{number}"
                points.append(
                    Point(
                        number,
                        seg(
                            f"{pid}/title",
                            "point-title",
                            point_title,
                            item_line,
                            f"Title of {where}",
                        ),
                        seg(
                            f"{pid}/text", "point-text", body["text"], item_line, f"Text of {where}"
                        ),
                    )
                )
            index += 1
        if not points:
            raise EditionsError(f"section '{sid}' has no numbered points", path, head.line)
        sections.append(Section(sid, head, tuple(points)))
        if index < len(blocks) and not blocks[index][1][0].startswith("#"):
            # Paragraphs after a section's points close the article: no heading may follow.
            while index < len(blocks):
                line, block = blocks[index]
                if block[0].startswith("#") or POINT.match(block[0]):
                    raise EditionsError(
                        "only closing paragraphs may follow a section's points "
                        "before the next '## Section {#id}' heading",
                        path,
                        line,
                    )
                paragraph("closing", closing, line, block)
                index += 1

    if index < len(blocks):
        line, block = blocks[index]
        raise EditionsError(f"unexpected text: {block[0][:40]!r}", path, line)

    return Article(
        doc=doc,
        path=path,
        lang="en",
        meta=tuple(meta),
        title=title,
        lede=tuple(lede),
        point_layout=layout,
        sections=tuple(sections),
        closing=tuple(closing),
    )
