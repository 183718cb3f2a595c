"""Render an article as a Markdown edition.

The shape is the source's (see :mod:`editions.source`): the same headings,
lists (markers, start numbers, nesting), quotes, tables (columns, alignment),
figures, footnotes, code and raw HTML blocks, so every CommonMark renderer
gives every language the structure of the English, and the English edition
renders to the HTML of its source (the seed's shape is its source byte for
byte). A translation is inline text: whatever it says, it stays inside its own
block (see :func:`inline`); in a table cell its pipes are escaped, in an image
its brackets, in a title its quotes. HTML comments are not written.
"""

from __future__ import annotations

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

#: The start of a line that Markdown would read as a new block.
BLOCK_START = re.compile(r"^(\s*)(#|>|[-+*](\s|$)|\d+[.)](\s|$)|```|~~~|\||<|=+\s*$|-+\s*$)")


#: The start of raw HTML in inline Markdown: a tag, a closing tag, a comment or declaration.
TAG_START = re.compile(r"(?<!\\)<(?=[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)|/[A-Za-z]|[!?])")
#: A code span, whose text is shown as it is, backslashes included.
CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)


@lru_cache(maxsize=1024)  # a document's English recurs in each of its parallel editions
def inline(text: str) -> str:
    r"""``text`` made safe to stand inside one Markdown block.

    Blank lines are closed up, a line that would start a block of its own
    (heading, quote, list, fence, table, HTML) has its first mark escaped, and
    raw HTML outside code spans is escaped, so it shows as the text it is.

    >>> inline("# not a heading\n\n1. nor a list")
    '\\# not a heading\n1\\. nor a list'
    >>> inline("Plain text, kept as it is.")
    'Plain text, kept as it is.'
    >>> inline("a <b>tag</b>, `<b>code</b>` and <https://example.org>")
    'a \\<b>tag\\</b>, `<b>code</b>` and <https://example.org>'
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    joined = "\n".join(_escape_start(line) for line in lines)
    if "<" not in joined:
        return joined
    parts = []
    at = 0
    for code in CODE_SPAN.finditer(joined):
        parts += [TAG_START.sub(r"\\<", joined[at : code.start()]), code[0]]
        at = code.end()
    return "".join([*parts, TAG_START.sub(r"\\<", joined[at:])])


def _escape_start(line: str) -> str:
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


def _point(layout: Segment, point: Point) -> str:
    title, text = one_line(point.title.text), one_line(point.text.text)
    return f"{point.number}. {fill_layout(layout.text, title, text)}"


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


def _footnote(note: Footnote, layout: Segment | None) -> str:
    body = "\n\n".join(_block(b, layout) for b in note.blocks)
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
        theirs = fill_layout(
            second.point_layout.text, one_line(q.title.text), one_line(q.text.text)
        )
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
