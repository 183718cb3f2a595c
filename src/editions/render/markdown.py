"""Render an article as a Markdown edition.

The shape is the source's (see :mod:`editions.source`), so the English
edition is ``source_text/<doc>.md`` byte for byte. A translation is inline
text: whatever it says, it stays inside its own block (see :func:`inline`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from editions.model import Article, Point, Segment

#: The start of a line that Markdown would read as a new block.
BLOCK_START = re.compile(r"^(\s*)(#|>|[-+*](\s|$)|\d+[.)](\s|$)|```|~~~|\||<|=+\s*$|-+\s*$)")


@lru_cache(maxsize=1024)  # a document's English recurs in each of its parallel editions
def inline(text: str) -> str:
    r"""``text`` made safe to stand inside one Markdown block.

    Blank lines are closed up and a line that would start a block of its own
    (heading, quote, list, fence, table, HTML) has its first mark escaped.

    >>> inline("# not a heading\n\n1. nor a list")
    '\\# not a heading\n1\\. nor a list'
    >>> inline("Plain text, kept as it is.")
    'Plain text, kept as it is.'
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return "\n".join(_escape_start(line) for line in lines)


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


def render(article: Article) -> str:
    """The Markdown edition of ``article``."""
    blocks: list[str] = []
    if article.meta:
        blocks.append("\n".join(["---", *(f"{k}: {v}" for k, v in article.meta), "---"]))
    blocks.append(f"# {one_line(article.title.text)}")
    blocks.extend(inline(s.text) for s in article.lede)
    for section in article.sections:
        blocks.append(f"## {one_line(section.heading.text)} {{#{section.id}}}")
        assert article.point_layout is not None  # the parser sets it for every point
        blocks.append("\n".join(_point(article.point_layout, p) for p in section.points))
    blocks.extend(inline(s.text) for s in article.closing)
    return "\n\n".join(blocks) + "\n"


def render_parallel(first: Article, second: Article) -> str:
    """Two editions in one Markdown file, each block followed by its translation.

    Titles, paragraphs and headings alternate as blocks of their own; a point
    keeps its number, and its translation is a paragraph of the same list
    item, so the file still reads as one document with one list per section.
    The anchors are the first edition's.
    """
    blocks: list[str] = []
    if first.meta:
        blocks.append("\n".join(["---", *(f"{k}: {v}" for k, v in first.meta), "---"]))
    blocks += [f"# {one_line(first.title.text)}", f"# {one_line(second.title.text)}"]
    for x, y in zip(first.lede, second.lede, strict=True):
        blocks += [inline(x.text), inline(y.text)]
    assert first.point_layout is not None and second.point_layout is not None
    for s, t in zip(first.sections, second.sections, strict=True):
        blocks.append(f"## {one_line(s.heading.text)} {{#{s.id}}}")
        blocks.append(f"## {one_line(t.heading.text)}")
        items = []
        for p, q in zip(s.points, t.points, strict=True):
            indent = " " * len(f"{p.number}. ")
            theirs = fill_layout(
                second.point_layout.text, one_line(q.title.text), one_line(q.text.text)
            )
            items.append(f"{_point(first.point_layout, p)}\n\n{indent}{theirs}")
        blocks.append("\n\n".join(items))
    for x, y in zip(first.closing, second.closing, strict=True):
        blocks += [inline(x.text), inline(y.text)]
    return "\n\n".join(blocks) + "\n"
