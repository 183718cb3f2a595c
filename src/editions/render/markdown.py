"""Render an article as a Markdown edition.

The shape is the source's (see :mod:`editions.source`): the same headings,
lists (markers, start numbers, nesting), quotes, tables (columns, alignment),
figures, footnotes, code and raw HTML blocks, so every CommonMark renderer
gives every language the structure of the English, and the English edition
renders to the HTML of its source (the seed's shape is its source byte for
byte). A translation is inline text: whatever it says, it stays inside its own
block and is inert, as text, in any CommonMark engine: no raw HTML, no link to
an unsafe address, no link reference definition (see :func:`inline`); in a
table cell its pipes are escaped, in an image its brackets, in a title its
quotes. HTML comments are not written.
"""

from __future__ import annotations

import bisect
import html
import json
import re
from functools import lru_cache

from editions.model import (
    Article,
    Block,
    Code,
    Footnote,
    Heading,
    Html,
    Image,
    List,
    Paragraph,
    Point,
    Quote,
    Reference,
    Rule,
    Section,
    Segment,
    State,
    Table,
)
from editions.render.inline import balance_bidi, safe_url

#: The start of a line that Markdown would read as a new block: a heading, quote, list item,
#: fence, table row, setext underline, thematic break or link reference definition.
BLOCK_START = re.compile(
    r"^(\s*)(#|>|[-+*](\s|$)|\d+[.)](\s|$)|```|~~~|\||=+\s*$|-+\s*$"
    r"|(?P<rule>[*_])(?:\s*(?P=rule)){2,}\s*$|\[(?:[^\[\]\\]|\\.)+\]:)"
)

#: What may make inline Markdown live: a backslash escape (skipped), a backtick run (a code
#: span, kept as written), ``<`` (raw HTML or an autolink), ``](`` (a link's address) and
#: ``{`` before ``:``, ``#`` or ``.`` (an attribute list, in kramdown and Python-Markdown).
SPECIAL = re.compile(r"\\[!-/:-@\[-`{-~]|`+|<|\](?=\()|\{(?=[:#.])")
#: An autolink to an address a link may have, kept as it is (CommonMark's URI and e-mail
#: autolinks).
SAFE_AUTOLINK = re.compile(
    r"<(?:(?:https?|mailto):[^\x00-\x20<>]*"
    r"|[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)>",
    re.IGNORECASE,
)
#: What follows ``<`` in raw HTML: a tag name, ``/``, ``!`` or ``?`` (any other ``<`` is text).
TAG_NEXT = re.compile(r"[A-Za-z/!?]")
#: The start of a link's address after ``](``, as far as its scheme can reach.
DESTINATION = re.compile(r"[ \t]*\n?[ \t]*(?:<[ \t]*)?([^\x00-\x20<>()]*)")
LINE_END = re.compile(r"\r\n?|\n")


@lru_cache(maxsize=1024)  # a document's English recurs in each of its parallel editions
def inline(text: str) -> str:
    r"""``text`` made safe to stand inside one Markdown block, inert in any CommonMark engine.

    Blank lines are closed up; a line that would start a block of its own (see
    :data:`BLOCK_START`) has its first mark escaped; outside code spans, raw HTML starts
    with ``&lt;``, a link to an address other than ``http``, ``https``, ``mailto`` or a
    relative one (:func:`~editions.render.inline.safe_url`) has its ``]`` escaped, so it
    is the text it is; bidi controls end with the message.

    >>> inline("# not a heading\n\n1. nor a list")
    '\\# not a heading\n1\\. nor a list'
    >>> inline("Plain text, kept as it is.")
    'Plain text, kept as it is.'
    >>> inline("a <b>tag</b>, `<b>code</b>` and <https://example.org>")
    'a &lt;b>tag&lt;/b>, `<b>code</b>` and <https://example.org>'
    >>> inline("[ok](https://example.org) and [no](javascript:alert(1))")
    '[ok](https://example.org) and [no\\](javascript:alert(1))'
    >>> inline("[ref]: data:text/html,x")
    '\\[ref]: data:text/html,x'
    """
    lines = [line.strip() for line in LINE_END.split(balance_bidi(text)) if line.strip()]
    joined = "\n".join(_escape_start(line) for line in lines)
    return _inert(joined) if SPECIAL.search(joined) else joined


def _inert(text: str) -> str:
    """``text`` with raw HTML, unsafe autolinks, links to unsafe addresses and attribute
    lists escaped, read from left to right as CommonMark reads it (a code span is
    whatever lies between two backtick runs of one length, backslashes included)."""
    runs: dict[int, list[int]] = {}  # each backtick run's start, by its length
    for run in re.finditer("`+", text):
        runs.setdefault(len(run[0]), []).append(run.start())
    out, at, pos = [], 0, 0
    while match := SPECIAL.search(text, pos):
        token, start, pos = match[0], match.start(), match.end()
        if token[0] == "`":
            starts = runs.get(len(token), [])
            closer = bisect.bisect_left(starts, pos)
            pos = starts[closer] + len(token) if closer < len(starts) else pos
            continue
        if token[0] == "\\":
            continue
        if token == "<":
            if autolink := SAFE_AUTOLINK.match(text, start):
                pos = autolink.end()
                continue
            if not TAG_NEXT.match(text, pos):
                continue
            escaped = "&lt;"
        elif token == "]":
            address = DESTINATION.match(text, pos + 1)
            if address and safe_url(_decoded(address[1])):
                continue
            escaped = "\\]"
        else:
            escaped = "\\{"
        out += [text[at:start], escaped]
        at = pos
    return "".join([*out, text[at:]])


def _decoded(address: str) -> str:
    r"""A link's address as a browser reads it: escapes and entities decoded, tabs and
    line breaks removed.

    >>> _decoded(" java&#x09;script&colon;x")
    'javascript:x'
    """
    address = html.unescape(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", address))
    return re.sub(r"[\t\n\r]", "", address).lstrip("\x00- ")


def _escape_start(line: str) -> str:
    """``line`` with the mark that would start a block escaped."""
    match = BLOCK_START.match(line)
    if not match:
        return line
    mark = match.group(2)
    digits = re.match(r"\d+", mark)
    if digits:
        return line[: digits.end()] + "\\" + line[digits.end() :]
    return "\\" + line


def fill_layout(layout: str, title: str, text: str) -> str:
    """Set a point's title and text into its layout.

    >>> fill_layout("**{title}:** {text}", "A", "B")
    '**A:** B'
    >>> fill_layout("**{title}**：{text}", "{text}", "B")
    '**{text}**：B'
    """
    head, _, tail = layout.partition("{text}")
    return head.replace("{title}", title) + text + tail.replace("{title}", title)


@lru_cache(maxsize=1024)
def one_line(text: str) -> str:
    r"""``text`` for a block that is one line (a heading, a point): soft breaks become spaces.

    >>> one_line("two\n# lines")
    'two \\# lines'
    """
    return inline(text).replace("\n", " ")


def _filled(layout: Segment, point: Point) -> str:
    """A point's title and text set into its layout, made safe as one message: a link or
    a tag cannot be put together from the pieces."""
    return one_line(fill_layout(layout.text, one_line(point.title.text), one_line(point.text.text)))


def _point(layout: Segment, point: Point) -> str:
    return f"{point.number}. {_filled(layout, point)}"


def _heading(level: int, text: str, id_: str | None) -> str:
    return "#" * level + f" {one_line(text)}" + (f" {{#{id_}}}" if id_ else "")


def _indent(text: str, first: str, indent: str) -> str:
    """``text`` after ``first`` on its first line, its other lines indented."""
    head, *rest = text.split("\n")
    lines = [f"{first} {head}" if head else first]
    lines += [indent + line if line else "" for line in rest]
    return "\n".join(lines)


def _list(block: List, layout: Segment | None) -> str:
    items = []
    for at, item in enumerate(block.items):
        marker = f"{block.start + at}{block.marker}" if block.ordered else block.marker
        body = ("\n" if block.tight else "\n\n").join(_block(b, layout) for b in item)
        items.append(_indent(body, marker, " " * (len(marker) + 1)))
    return ("\n" if block.tight else "\n\n").join(items)


def _quote(block: Quote, layout: Segment | None) -> str:
    body = "\n\n".join(_block(b, layout) for b in block.blocks)
    return "\n".join(f"> {line}" if line else ">" for line in body.split("\n"))


ALIGN = {"left": ":---", "center": ":---:", "right": "---:"}


def _cell(segment: Segment | None) -> str:
    r"""A table cell's text on one line, each pipe escaped so that it stays in the cell.

    >>> from editions.model import Segment
    >>> _cell(Segment("t/r1/c1", "cell", "a | b\n| c", "a.md", 1, ""))
    'a \\| b \\| c'
    """
    return re.sub(r"(?<!\\)\|", r"\\|", one_line(segment.text)) if segment else ""


def _table(block: Table) -> str:
    rows = [block.head, tuple(None for _ in block.head), *block.rows]
    lines = ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    lines[1] = "| " + " | ".join(ALIGN.get(a, "---") for a in block.align) + " |"
    return "\n".join(lines)


def _title(text: str) -> str:
    """A link or image title, quoted: one line, its quotes and backslashes escaped."""
    return '"' + one_line(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _destination(href: str) -> str:
    return f"<{href}>" if re.search(r"[\s()<>]", href) else href


def _image(block: Image) -> str:
    alt = re.sub(r"(?<!\\)([\[\]])", r"\\\1", one_line(block.alt.text)) if block.alt else ""
    title = f" {_title(block.title.text)}" if block.title else ""
    return f"![{alt}]({_destination(block.src)}{title})"


def _code(block: Code) -> str:
    if block.fence:
        return f"{block.fence}{block.info}\n{block.text}{block.fence}"
    return "\n".join("    " + line if line else "" for line in block.text.rstrip("\n").split("\n"))


def _block(block: Block, layout: Segment | None) -> str:
    """One block of an edition, without the blank lines around it."""
    if isinstance(block, Section):
        assert layout is not None  # the parser sets it for every point
        head = _heading(block.level, block.heading.text, block.id if block.explicit else None)
        return head + "\n\n" + "\n".join(_point(layout, p) for p in block.points)
    if isinstance(block, Heading):
        return _heading(block.level, block.heading.text, block.id if block.explicit else None)
    if isinstance(block, Paragraph):
        return inline(block.segment.text)
    if isinstance(block, List):
        return _list(block, layout)
    if isinstance(block, Quote):
        return _quote(block, layout)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Image):
        return _image(block)
    if isinstance(block, Code):
        return _code(block)
    if isinstance(block, Html):
        return block.text
    return block.markup[0] * 3 if isinstance(block, Rule) else ""


def _front_matter(article: Article) -> list[str]:
    """The front matter, a translated value written as a YAML double-quoted string."""
    if not article.meta:
        return []
    fields = dict(article.fields)
    if not article.title_in_body:
        fields["title"] = article.title
    lines = ["---"]
    for key, value in article.meta:
        segment = fields.get(key)
        if segment is not None and segment.state is not State.SOURCE:
            value = json.dumps(" ".join(segment.text.split()), ensure_ascii=False)
        lines.append(f"{key}: {value}")
    return ["\n".join([*lines, "---"])]


#: A footnote's first line that CommonMark without footnotes reads as a link reference
#: definition: one address, and perhaps a title.
DEFINITION = re.compile(
    r"""([^\x00-\x20]+)(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*(?:\n|$)"""
)


def _footnote(note: Footnote, layout: Segment | None) -> str:
    """A footnote, whose text, when a CommonMark engine without footnotes would read it as
    the address of a link (``[^1]: javascript:x``), starts with a backslash unless the
    address is safe: its references then never link anywhere else."""
    body = "\n\n".join(_block(b, layout) for b in note.blocks)
    address = DEFINITION.match(body)
    if address and not safe_url(_decoded(address[1])):
        body = "\\" + body
    return _indent(body, f"[^{note.label}]:", "    ")


def _reference(ref: Reference) -> str:
    title = f" {_title(ref.title.text)}" if ref.title else ""
    return f"[{ref.label}]: {_destination(ref.href)}{title}"


def render(article: Article) -> str:
    """The Markdown edition of ``article``."""
    blocks = _front_matter(article)
    if article.title_in_body:
        blocks.append(f"# {one_line(article.title.text)}")
    layout = article.point_layout
    blocks.extend(_block(b, layout) for b in article.blocks)
    blocks.extend(_footnote(n, layout) for n in article.footnotes)
    blocks.extend(_reference(r) for r in article.references)
    return "\n\n".join(blocks) + "\n"


def _parallel_section(s: Section, t: Section, first: Article, second: Article) -> list[str]:
    """A section of points: each point keeps its number, and its translation is a
    paragraph of the same list item."""
    assert first.point_layout is not None and second.point_layout is not None
    blocks = [
        _heading(s.level, s.heading.text, s.id if s.explicit else None),
        _heading(t.level, t.heading.text, None),
    ]
    items = []
    for p, q in zip(s.points, t.points, strict=True):
        indent = " " * len(f"{p.number}. ")
        theirs = _filled(second.point_layout, q)
        items.append(f"{_point(first.point_layout, p)}\n\n{indent}{theirs}")
    blocks.append("\n\n".join(items))
    return blocks


def render_parallel(first: Article, second: Article) -> str:
    """Two editions in one Markdown file, each block followed by its translation.

    Titles, paragraphs and headings alternate as blocks of their own; a point
    keeps its number, and its translation is a paragraph of the same list
    item, so the file still reads as one document with one list per section.
    A list, quote, table or figure is followed by its translation whole; a
    footnote's translation is a paragraph of the same footnote. Code, raw HTML
    and rules, the same in both, are written once. The anchors and the front
    matter are the first edition's.
    """
    blocks = _front_matter(first)
    if first.title_in_body:
        blocks += [f"# {one_line(first.title.text)}", f"# {one_line(second.title.text)}"]
    for x, y in zip(first.blocks, second.blocks, strict=True):
        if isinstance(x, Section) and isinstance(y, Section):
            blocks += _parallel_section(x, y, first, second)
        elif isinstance(x, Heading) and isinstance(y, Heading):
            blocks += [_block(x, None), _heading(y.level, y.heading.text, None)]
        elif isinstance(x, Code | Html | Rule):
            blocks.append(_block(x, None))
        else:
            blocks += [_block(x, first.point_layout), _block(y, second.point_layout)]
    for n, m in zip(first.footnotes, second.footnotes, strict=True):
        both = Footnote(n.label, n.number, n.blocks + m.blocks)
        blocks.append(_footnote(both, first.point_layout))
    blocks.extend(_reference(r) for r in first.references)
    return "\n\n".join(blocks) + "\n"
