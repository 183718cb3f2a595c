"""Read a source document into an :class:`~editions.model.Article`.

Extraction policy
-----------------
A source document is CommonMark with GFM tables, footnotes and YAML front
matter. markdown-it-py (with mdit-py-plugins' ``front_matter`` and ``footnote``)
reads its structure, and every block knows its line from the parser's source
map; the same parser's notion of the structure serves ``extract`` and ``build``.
One message per unit of prose; its ``msgctxt`` names its place, never its words:

==============================  ==========================================  =============
construct                        message (``msgctxt``)                       kind
==============================  ==========================================  =============
front matter ``title``           ``title`` when there is no ``#`` title,     title / meta
``summary``, ``description``     else ``meta/title``; ``meta/summary``...
first block, a level-1 heading   ``title``                                   title
paragraphs before any heading    ``lede``, ``lede/paragraph-2``...           lede
heading (any level, ATX or       ``<id>/heading``; its id is ``{#id}`` when  heading
setext)                          written, else made from the English
                                 (:func:`slug`), unique in the page
paragraphs under a heading       ``<id>/p-1``, ``<id>/p-2``...               paragraph
a heading's numbered points      ``<id>/point-1/title``, ``.../text`` and    point-title,
(``1. **Title:** text``)         one ``layout/point`` for the document       point-text
paragraphs after the last        ``closing``, ``closing/paragraph-2``...     closing
section of points
list item paragraphs             ``<place>/list-1/item-2``, then             item
                                 ``.../item-2/p-2``; nested lists inside:
                                 ``.../item-2/list-1/item-1``
block quote paragraphs           ``<place>/quote-1``, ``.../quote-1/p-2``    quote
table cells, header row first    ``<place>/table-1/r1/c1``...                cell
image alone in its paragraph     ``<place>/figure-1/alt``, and its title,    alt, caption
                                 the figure's caption, ``.../caption``
footnote definitions             ``fn/<label>``, ``fn/<label>/p-2``...       footnote
reference link titles            ``link/<label>/title``                      link-title
==============================  ==========================================  =============

``<place>`` is ``lede``, a heading's id, or the container a block is in. Links
(inline and reference-style), emphasis and code spans stay inside their
message; link addresses, code blocks, raw HTML blocks and thematic breaks are
never messages, and are published as the source has them (the source is
trusted; translations never are). The markup the builder owns stays out of the
messages: heading markers and ids, list markers and numbers, quote markers,
table pipes, and the bold that sets off a point's title. How a point's title is
joined to its text (``**{title}:** {text}`` in English) differs between
languages, so it is a message of its own, ``layout/point``, that translators set.

HTML comments are never messages and never published; a comment that starts
with ``i18n:`` is guidance for the translators of the next message (its ``#.``
lines). Anything the model cannot place is refused with its line and what to
write instead, never dropped: an image inside text, inline raw HTML, an empty
heading, a footnote never referenced. Front matter is ``key: value`` lines
(quoted values and indented continuation lines kept as written); ``date`` is a
date, a quoted date, or a date and time with an offset.

The seed's shape (title, lede, ``## Heading {#id}`` sections of ``1. **Title:**
text`` points, closing paragraphs) reads as it always has, so its catalogs
keep every context, and :func:`editions.render.markdown.render` writes it back
byte for byte.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from functools import lru_cache

from editions.errors import EditionsError
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
    Table,
    parse_date,
    unquote,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

    from editions.project import Project

HEADING_ID = re.compile(r"^(?P<text>.*?)[ \t]*\{#(?P<id>[A-Za-z][A-Za-z0-9_-]*)\}$", re.DOTALL)
POINT_BODY = re.compile(r"^\*\*(?P<bold>.+?)\*\*(?P<space>\s*)(?P<text>\S.*)$", re.DOTALL)
META = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*): ?(?P<value>.*)$")
COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)

#: Translatable front matter, with what it is for the translator.
FIELDS = {
    "title": "Headline of the article (front matter)",
    "summary": "Summary of the article (front matter)",
    "description": "Description of the article (front matter)",
}
#: Places the document names itself: a heading's id made from its words is never one.
RESERVED = frozenset({"title", "lede", "closing", "layout", "fn", "link", "meta"})
#: The ids of footnotes and their references in the HTML editions.
NOTE_ID = re.compile(r"(?:b-)?fn(?:ref)?-\d+")

LAYOUT_ID = "layout/point"
LAYOUT_COMMENT = (
    "How a point's title is joined to its text. Keep {title} and {text} once each; "
    "set the bold and the punctuation your language uses, e.g. French "
    "'**{title}\u202f:** {text}' (a narrow no-break space before the colon), "
    "Chinese '**{title}**：{text}'."
)


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """CommonMark with GFM tables, footnotes and front matter: the one reader of the
    structure, for ``extract`` and ``build`` alike."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    return (
        MarkdownIt("commonmark")
        .enable("table")
        .use(front_matter_plugin)
        .use(footnote_plugin, inline=False)
    )


def slug(text: str) -> str:
    """An anchor made from a heading's words, as Python-Markdown's ``toc`` extension
    (and so MkDocs) makes one: lower case, one hyphen between words, letters of any
    script kept.

    >>> slug("Pakistan’s **Response**: [2026](https://example.org)!")
    'pakistans-response-2026'
    >>> slug("Évolution des prix"), slug("***")
    ('évolution-des-prix', 'section')
    """
    from markdown.extensions.toc import slugify_unicode

    words = re.sub(r"\]\([^)]*\)", "]", text).replace("_", " ")  # no link targets
    return slugify_unicode(words, "-").strip("-") or "section"


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


def read(path: str | os.PathLike[str], name: str | None = None, lang: str = "en") -> Article:
    """Parse the source document at ``path``, written in ``lang``; ``name`` is how
    messages call the file. The document is named after the file:
    ``source_text/article.md`` is ``article``."""
    path = os.fspath(path)
    shown = name or path
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except UnicodeDecodeError as exc:
        raise EditionsError(f"not valid UTF-8: {exc.reason}", shown, 1) from None
    except OSError as exc:
        raise EditionsError(f"cannot read: {exc.strerror}", shown) from None
    return parse(text, shown, os.path.splitext(os.path.basename(path))[0], lang)


def front_matter(path: str | os.PathLike[str]) -> dict[str, str]:
    """The front matter of the source at ``path``, values without their quotes and the
    date as ``YYYY-MM-DD`` (empty when it cannot be read: a build reports that when it
    reads the whole source)."""
    path = os.fspath(path)
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().split("\n")
        end = lines.index("---", 1) if lines and lines[0] == "---" else 0
        meta = {key: unquote(value) for key, value, _ in _front_matter(lines[1:end], 2, path)}
        if "date" in meta:
            meta["date"] = parse_date(meta["date"]).isoformat()
        return meta
    except (OSError, UnicodeDecodeError, ValueError, EditionsError):
        return {}


def _front_matter(lines: list[str], first: int, path: str) -> list[tuple[str, str, int]]:
    """The ``key: value`` pairs of front matter ``lines``, the first at line ``first``, each
    with its line. A line that starts with a space or ``- `` continues the value before it."""
    meta: list[tuple[str, str, int]] = []
    for number, entry in enumerate(lines, first):
        if meta and (entry[:1] in (" ", "\t") or entry.startswith("- ")):
            key, value, line = meta[-1]
            meta[-1] = (key, f"{value}\n{entry}", line)
            continue
        match = META.match(entry)
        if not match:
            if not entry.strip() or entry.lstrip().startswith("#"):
                raise EditionsError(
                    "a blank or comment line in front matter: remove it", path, number
                )
            raise EditionsError(f"front matter line is not 'key: value': {entry!r}", path, number)
        if match["key"] == "date":
            try:
                parse_date(match["value"])
            except ValueError:
                raise EditionsError(
                    f"date {match['value']!r} is not a date: write 2026-11-25, "
                    "or 2026-11-25T10:30:00+05:00",
                    path,
                    number,
                ) from None
        meta.append((match["key"], match["value"], number))
    return meta


def _line(node: SyntaxTreeNode, default: int = 1) -> int:
    """The first source line of ``node`` (counted from 1)."""
    return node.map[0] + 1 if node.map else default


class _Place:
    """Where blocks are: the context they are named under, how their paragraphs are
    named, what the translator is told of the place, and what is already counted."""

    def __init__(
        self, prefix: str, style: str, where: str = "", kind: str = "", name: str = ""
    ) -> None:
        self.prefix = prefix
        self.style = style  #: ``lede``, ``closing``, ``section`` or ``container``
        self.where = where  #: `` in the section 'Background'``, for comments
        self.name = name  #: what a container is, for comments: ``List item 2 in ...``
        self.kind = kind or {"section": "paragraph"}.get(style, style)  #: its paragraphs'
        self.counts: Counter[str] = Counter()

    def next(self, what: str) -> int:
        self.counts[what] += 1
        return self.counts[what]

    def paragraph_id(self, n: int) -> str:
        if self.style in ("lede", "closing"):
            return self.prefix if n == 1 else f"{self.prefix}/paragraph-{n}"
        if self.style == "container":
            return self.prefix if n == 1 else f"{self.prefix}/p-{n}"
        return f"{self.prefix}/p-{n}"


class _Reader:
    """Reads the block nodes of one document in order; one method per kind of block."""

    def __init__(self, path: str, text: str, env: dict[str, Any], lang: str) -> None:
        self.path = path
        self.lang = lang  #: the language the source is written in
        self.text = text
        self.env = env
        self.layout: Segment | None = None
        self.ids: dict[str, int] = {}  #: heading id: its line
        self.sections = 0
        self.guidance: list[str] = []  #: ``i18n:`` comments for the next message

    def error(self, message: str, line: int) -> EditionsError:
        return EditionsError(message, self.path, line)

    def segment(self, id_: str, kind: str, text: str, line: int, comment: str) -> Segment:
        if self.guidance:
            comment = "\n".join([comment, *self.guidance])
            self.guidance = []
        return Segment(id_, kind, text, self.path, line, comment, self.lang)

    # -- inline content ------------------------------------------------------------------------

    def inline(self, node: SyntaxTreeNode, line: int) -> str:
        """The inline Markdown of a paragraph, heading or cell: its source text without
        comments (an ``i18n:`` one is guidance); refused if the model cannot keep it."""
        text = node.content
        for child in node.walk():
            if child.type == "image":
                raise self.error(
                    "an image inside text: put the image in a paragraph of its own "
                    "(with a title, it is a figure and the title its caption)",
                    line,
                )
            if child.type == "html_inline":
                raw = child.content
                if not raw.startswith("<!--"):
                    raise self.error(
                        f"inline HTML {raw!r} is not kept in a message: write Markdown, "
                        "or put the HTML in a block of its own",
                        line,
                    )
                self.comment(raw)
                text = re.sub(r"[ \t]*" + re.escape(raw), "", text, count=1)
        return text.strip() if text != node.content else text

    def comment(self, raw: str) -> None:
        """Keep an HTML comment's ``i18n:`` guidance for the next message."""
        for body in COMMENT.findall(raw):
            body = body.strip()
            if body.startswith("i18n:"):
                self.guidance.append(body.removeprefix("i18n:").strip())

    # -- blocks ----------------------------------------------------------------------------------

    def blocks(self, nodes: list[SyntaxTreeNode], place: _Place) -> list[Block]:
        found: list[Block] = []
        for node in nodes:
            block = self.block(node, place)
            if block is not None:
                found.append(block)
        return found

    def block(self, node: SyntaxTreeNode, place: _Place) -> Block | None:
        kind = node.type
        if kind == "paragraph":
            return self.paragraph(node, place)
        if kind in ("bullet_list", "ordered_list"):
            return self.list_block(node, place)
        if kind == "blockquote":
            return self.quote(node, place)
        if kind == "table":
            return self.table(node, place)
        if kind in ("fence", "code_block"):
            return Code(node.content, node.info, node.markup if kind == "fence" else "")
        if kind == "hr":
            return Rule(node.markup)
        if kind == "html_block":
            return self.html(node)
        if kind == "heading":
            raise self.error("a heading inside a list, quote or footnote: move it out", _line(node))
        raise self.error(f"a block the editions cannot place ({kind})", _line(node))

    def html(self, node: SyntaxTreeNode) -> Html | None:
        """A raw HTML block, passed through; a comment is never published."""
        text = node.content.rstrip("\n")
        if not text.lstrip().startswith("<!--"):
            return Html(text)
        if COMMENT.sub("", text).strip():
            raise self.error("write an HTML comment on lines of its own", _line(node))
        self.comment(text)
        return None

    def heading(self, node: SyntaxTreeNode) -> tuple[Heading, str]:
        """A heading, and the section it opens: its id names the place of what follows."""
        line = _line(node)
        text = self.inline(node.children[0], line)
        match = HEADING_ID.match(text)
        explicit = match is not None
        if match:
            text, id_ = match["text"], match["id"]
            if id_ in self.ids:
                raise self.error(
                    f"section id '{id_}' is already used at line {self.ids[id_]}", line
                )
        else:
            base = id_ = slug(text)
            n = 1
            while id_ in self.ids or id_ in RESERVED or NOTE_ID.fullmatch(id_):
                n += 1
                id_ = f"{base}-{n}"
        if not text.strip():
            raise self.error("an empty heading: give it words, or remove it", line)
        self.ids[id_] = line
        level = int(node.tag[1])
        if level == 2:
            self.sections += 1
            comment = f"Heading of section {self.sections}"
        else:
            comment = f"Heading (level {level})"
        segment = self.segment(f"{id_}/heading", "heading", text, line, comment)
        return Heading(level, id_, segment, explicit), text

    def paragraph(self, node: SyntaxTreeNode, place: _Place) -> Paragraph | Image:
        line = _line(node)
        inline = node.children[0]
        if len(inline.children) == 1 and inline.children[0].type == "image":
            return self.image(inline.children[0], line, place)
        text = self.inline(inline, line)
        n = place.next("p")
        if place.style in ("lede", "closing"):
            what = "Opening paragraph (lede)" if place.style == "lede" else "Closing paragraph"
            comment = what + ("" if n == 1 else f", paragraph {n}") + " of the article"
        elif place.style == "container":
            comment = place.name + ("" if n == 1 else f", paragraph {n}")
        else:
            comment = f"Paragraph {n}{place.where}"
        return Paragraph(self.segment(place.paragraph_id(n), place.kind, text, line, comment))

    def image(self, node: SyntaxTreeNode, line: int, place: _Place) -> Image:
        """An image alone in its paragraph; with a title, a figure."""
        prefix = f"{place.prefix}/figure-{place.next('figure')}"
        alt_text = node.content
        alt = None
        if alt_text.strip():
            alt = self.segment(
                f"{prefix}/alt",
                "alt",
                alt_text,
                line,
                "Alternative text of an image: what it shows, for readers who cannot see it",
            )
        title = node.attrs.get("title")
        caption = None
        if isinstance(title, str) and title.strip():
            caption = self.segment(
                f"{prefix}/caption", "caption", title, line, "Caption of a figure"
            )
        return Image(str(node.attrs.get("src", "")), alt, caption)

    def list_block(self, node: SyntaxTreeNode, place: _Place) -> List:
        prefix = f"{place.prefix}/list-{place.next('list')}"
        items = []
        tight = True
        for m, item in enumerate(node.children, 1):
            tight = tight and all(c.hidden for c in item.children if c.type == "paragraph")
            where = f" of list item {m}{place.where}"
            inner = _Place(
                f"{prefix}/item-{m}", "container", where, "item", f"List item {m}{place.where}"
            )
            items.append(tuple(self.blocks(item.children, inner)))
        start = int(str(node.attrs.get("start", 1)))
        return List(node.type == "ordered_list", start, node.markup, tight, tuple(items))

    def quote(self, node: SyntaxTreeNode, place: _Place) -> Quote:
        inner = _Place(
            f"{place.prefix}/quote-{place.next('quote')}",
            "container",
            f" of a quote{place.where}",
            "quote",
            f"Quote{place.where}",
        )
        return Quote(tuple(self.blocks(node.children, inner)))

    def table(self, node: SyntaxTreeNode, place: _Place) -> Table:
        prefix = f"{place.prefix}/table-{place.next('table')}"
        rows = [row for part in node.children for row in part.children]
        align = tuple(
            str(cell.attrs.get("style", "")).removeprefix("text-align:")
            for cell in rows[0].children
        )
        cells = []
        for r, row in enumerate(rows, 1):
            line = _line(row)
            found: list[Segment | None] = []
            for c, cell in enumerate(row.children, 1):
                text = self.inline(cell.children[0], line) if cell.children else ""
                what = f"Table header, column {c}" if r == 1 else f"Table cell, row {r}, column {c}"
                found.append(
                    self.segment(f"{prefix}/r{r}/c{c}", "cell", text, line, what + place.where)
                    if text.strip()
                    else None
                )
            cells.append(tuple(found))
        return Table(align, cells[0], tuple(cells[1:]))

    def points(self, node: SyntaxTreeNode, heading: Heading, name: str) -> Section | None:
        """The seed's numbered points, if ``node`` is a list of them set alike."""
        bodies = _point_bodies(node)
        if bodies is None:
            return None
        shapes = []
        for body in bodies:
            title, punct = split_separator(body["bold"])
            shapes.append(("**{title}" + punct + "**" + body["space"] + "{text}", title))
        layout = self.layout.text if self.layout else shapes[0][0]
        if any(shape != layout for shape, _ in shapes):
            return None
        start = int(str(node.attrs.get("start", 1)))
        points = []
        for at, (item, body, (_, title)) in enumerate(
            zip(node.children, bodies, shapes, strict=True)
        ):
            line = _line(item)
            number = start + at
            if self.layout is None:
                self.layout = self.segment(LAYOUT_ID, "point-layout", layout, line, LAYOUT_COMMENT)
            where = f"point {number} in the section '{name}'"
            pid = f"{heading.id}/point-{number}"
            points.append(
                Point(
                    number,
                    self.segment(f"{pid}/title", "point-title", title, line, f"Title of {where}"),
                    self.segment(
                        f"{pid}/text", "point-text", body["text"], line, f"Text of {where}"
                    ),
                )
            )
        return Section(heading.id, heading.heading, tuple(points), heading.level, heading.explicit)

    def footnotes(self, node: SyntaxTreeNode) -> list[Footnote]:
        notes = []
        for note in node.children:
            label = str(note.meta["label"])
            number = int(note.meta["id"]) + 1
            inner = _Place(
                f"fn/{label}",
                "container",
                f" of footnote {number}",
                "footnote",
                f"Footnote {number}",
            )
            notes.append(Footnote(label, number, tuple(self.blocks(note.children, inner))))
        return notes

    def references(self) -> list[Reference]:
        """The link reference definitions, each labelled as its line writes it."""
        found = []
        lines = self.text.split("\n")
        for key, ref in self.env.get("references", {}).items():
            line = int(ref["map"][0]) + 1 if ref.get("map") else 1
            written = re.match(r"\s*\[([^\]]+)\]:", lines[line - 1]) if ref.get("map") else None
            label = written[1] if written else key.lower()
            title = None
            if ref.get("title"):
                comment = f"Title of the link '{label}', shown when pointed at"
                id_ = f"link/{label.lower()}/title"
                title = self.segment(id_, "link-title", ref["title"], line, comment)
            found.append(Reference(label, str(ref["href"]), title))
        return found

    def unreferenced(self) -> None:
        """Refuse a footnote that nothing refers to: no renderer would show it."""
        for key, at in self.env.get("footnotes", {}).get("refs", {}).items():
            if at < 0:
                label = key[1:]
                where = self.text.find(f"[^{label}]:")
                line = self.text.count("\n", 0, where) + 1 if where >= 0 else 1
                raise self.error(
                    f"footnote [^{label}] is never referred to: refer to it with [^{label}] "
                    "in the text, or remove it",
                    line,
                )


def _point_bodies(node: SyntaxTreeNode) -> list[re.Match[str]] | None:
    """Each item's ``**Title:** text`` if ``node`` is an ordered list of only such items."""
    if node.type != "ordered_list":
        return None
    bodies = []
    for item in node.children:
        if len(item.children) != 1 or item.children[0].type != "paragraph":
            return None
        inline = item.children[0].children[0]
        if any(c.type in ("image", "html_inline") for c in inline.walk()):
            return None
        body = POINT_BODY.match(inline.content)
        if not body:
            return None
        bodies.append(body)
    return bodies


def parse(text: str, path: str, doc: str, lang: str = "en") -> Article:
    """Parse a source document's text, written in ``lang`` (the project's source
    language); ``path`` is used in locations and errors.

    >>> a = parse("# T\\n\\nLede.\\n\\n## H {#h}\\n\\n1. **P:** Q.\\n\\nEnd.\\n", "a.md", "a")
    >>> [(s.id, s.text, s.line) for s in a.segments()]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('title', 'T', 1), ('lede', 'Lede.', 3), ('h/heading', 'H', 5),
     ('layout/point', '**{title}:** {text}', 7), ('h/point-1/title', 'P', 7),
     ('h/point-1/text', 'Q.', 7), ('closing', 'End.', 9)]
    """
    from markdown_it.tree import SyntaxTreeNode

    if "\r" in text:
        raise EditionsError("CR line endings: save the source with LF line endings", path, 1)
    env: dict[str, Any] = {}
    nodes = list(SyntaxTreeNode(parser().parse(text, env)).children)
    reader = _Reader(path, text, env, lang)
    meta, nodes = _meta(nodes, text, path)
    notes = [n for n in nodes if n.type == "footnote_block"]
    nodes = [n for n in nodes if n.type != "footnote_block"]
    fields = [
        (key, reader.segment(f"meta/{key}", "meta", unquote(value), line, FIELDS[key]))
        for key, value, line in meta
        if key in FIELDS and unquote(value).strip()
    ]
    while nodes and nodes[0].type == "html_block" and reader.html(nodes[0]) is None:
        nodes = nodes[1:]
    title, in_body = _title(reader, nodes, fields)
    if in_body:
        nodes = nodes[1:]
    else:
        fields = [(key, s) for key, s in fields if key != "title"]
    blocks = _body(reader, nodes)
    reader.unreferenced()
    footnotes = reader.footnotes(notes[0]) if notes else []
    return Article(
        doc=doc,
        path=path,
        lang=lang,
        meta=tuple((key, value) for key, value, _ in meta),
        title=title,
        point_layout=reader.layout,
        blocks=tuple(blocks),
        footnotes=tuple(sorted(footnotes, key=lambda n: n.number)),
        references=tuple(reader.references()),
        fields=tuple(fields),
        title_in_body=in_body,
    )


def _meta(
    nodes: list[SyntaxTreeNode], text: str, path: str
) -> tuple[list[tuple[str, str, int]], list[SyntaxTreeNode]]:
    """The front matter's entries, and the nodes after it."""
    if nodes and nodes[0].type == "front_matter":
        return _front_matter(nodes[0].content.split("\n"), 2, path), nodes[1:]
    if text.startswith("---\n"):
        _front_matter(text.rstrip("\n").split("\n")[1:], 2, path)
        raise EditionsError(
            "front matter is not closed by '---' (a thematic break first is '***')", path, 1
        )
    return [], nodes


def _title(
    reader: _Reader, nodes: list[SyntaxTreeNode], fields: list[tuple[str, Segment]]
) -> tuple[Segment, bool]:
    """The headline: a level-1 heading first in the document, else the front matter's
    ``title``; and whether it is the heading."""
    if nodes and nodes[0].type == "heading" and nodes[0].tag == "h1":
        line = _line(nodes[0])
        text = reader.inline(nodes[0].children[0], line)
        if not text.strip():
            raise reader.error("an empty title: give it words", line)
        return reader.segment("title", "title", text, line, "Headline of the article"), True
    for key, segment in fields:
        if key == "title":
            return segment._replace(id="title", kind="title"), False
    line = _line(nodes[0]) if nodes else 1
    raise reader.error(
        "no title: start the document with '# Title', or give a 'title' in the front matter",
        line,
    )


def _body(reader: _Reader, nodes: list[SyntaxTreeNode]) -> list[Block]:
    """The blocks after the title: each heading opens the place of what follows it."""
    closing = _closing_from(nodes)
    place = _Place("lede", "lede")
    blocks: list[Block] = []
    at = 0
    while at < len(nodes):
        node = nodes[at]
        if at == closing:
            place = _Place("closing", "closing")
        if node.type != "heading":
            block = reader.block(node, place)
            if block is not None:
                blocks.append(block)
            at += 1
            continue
        heading, name = reader.heading(node)
        place = _Place(heading.id, "section", f" in the section '{name}'")
        after = nodes[at + 1] if at + 1 < len(nodes) else None
        section = reader.points(after, heading, name) if after is not None else None
        blocks.append(section or heading)
        at += 2 if section else 1
    return blocks


def _closing_from(nodes: list[SyntaxTreeNode]) -> int:
    """Where the closing starts: the paragraphs that end the document right after the
    last heading's numbered points (the seed's closing), or nowhere."""
    last = max((at for at, n in enumerate(nodes) if n.type == "heading"), default=-1)
    if last < 0 or last + 1 >= len(nodes) or _point_bodies(nodes[last + 1]) is None:
        return len(nodes) + 1
    rest = nodes[last + 2 :]
    if all(n.type in ("paragraph", "html_block") for n in rest) and any(
        n.type == "paragraph" for n in rest
    ):
        return last + 2
    return len(nodes) + 1


def read_documents(project: Project, names: list[str] | None = None) -> list[Article]:
    """The source of each of the documents ``names`` (all by default), in the project's
    source language."""
    return [
        read(project.source_path(d), project.relative(project.source_path(d)), project.source_lang)
        for d in project.documents(names)
    ]
