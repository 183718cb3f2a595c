"""Inline Markdown of one message to safe HTML.

Every message is rendered on its own, as inline content of an element the
template owns, so no translation can open a block, close its element or
change the document's shape. Raw HTML is not markup here: markdown-it-py's
raw HTML is switched off, so ``<script>`` comes out as the text
``&lt;script&gt;``. As a second line, the result goes through nh3 with an
allow-list of the few inline elements a message may use, and links keep only
the ``http``, ``https`` and ``mailto`` schemes or a relative address.

markdown-it-py, in CommonMark mode, renders a message's inline Markdown, as it
reads the document's structure (see :mod:`editions.source`): one notion of
CommonMark for both. A message may use the document's link references
(``[text][label]``) and footnote references (``[^label]``): :class:`Links`
carries them. A footnote reference becomes :data:`NOTE_MARK` around its number,
a mark no text can hold (those characters are removed first), which the page
turns into its link (see :func:`notes_in`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"a", "em", "strong", "code", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


@lru_cache(maxsize=1)
def _markdown() -> Any:
    """CommonMark's inline rules, raw HTML off: ``<b>`` is the text it is."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False})
    md.validateLink = safe_url  # type: ignore[method-assign]
    return md


def safe_url(url: str) -> bool:
    """Whether a link may point at ``url`` (normalised, as markdown-it-py gives it): a
    relative address, or one of :data:`URL_SCHEMES`; never ``java%09script:``.

    >>> safe_url("https://example.org"), safe_url("../a.html#b"), safe_url("java%09script:x")
    (True, True, False)
    """
    head = re.split(r"[/?#]", url, maxsplit=1)[0]
    return ":" not in head or head.partition(":")[0].lower() in URL_SCHEMES


EMBEDDINGS = "\u202a\u202b\u202d\u202e"  # LRE RLE LRO RLO, closed by PDF
ISOLATES = "\u2066\u2067\u2068"  # LRI RLI FSI, closed by PDI
PDF, PDI = "\u202c", "\u2069"
#: Any bidi control: an opener above, or a closer.
BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def balance_bidi(text: str) -> str:
    """Close every bidi embedding, override and isolate that ``text`` opens.

    A message's bidi controls then end with the message, and cannot reorder
    the text around it. Unmatched closers are dropped.

    >>> balance_bidi("a\u202eb") == "a\u202eb\u202c"
    True
    >>> balance_bidi("\u2067x\u2069\u2069\u202c") == "\u2067x\u2069"
    True
    >>> balance_bidi("plain")
    'plain'
    """
    if not BIDI_CONTROL.search(text):
        return text  # nothing to balance
    out: list[str] = []
    stack: list[str] = []
    for char in text:
        if char in EMBEDDINGS:
            stack.append(PDF)
        elif char in ISOLATES:
            stack.append(PDI)
        elif char == PDF:
            if not stack or stack[-1] != PDF:  # nothing open to close within this isolate
                continue
            stack.pop()
        elif char == PDI:
            if PDI not in stack:
                continue
            while (closer := stack.pop()) != PDI:  # it closes the embeddings inside it too
                out.append(closer)
        out.append(char)
    return "".join(out) + "".join(reversed(stack))


#: Plain text: no character that can start inline Markdown (`` ` \ [ ] < > & * _ ``; a line
#: break needs a newline), and none that markdown-it-py or nh3 would change (controls,
#: the no-break space nh3 writes as ``&nbsp;``, bidi controls, lone surrogates, the byte-order
#: mark nh3 drops at the start). Such a message is its own HTML.
PLAIN = re.compile(
    r"[^\x00-\x1f\x7f-\xa0\\`*_\[\]<>&\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff]*"
)


class Links(NamedTuple):
    """What a message's references can point to: the document's link references and
    footnotes. Empty for a document that has neither."""

    references: tuple[tuple[str, str, str], ...] = ()  #: label (lower case), href, title
    notes: tuple[tuple[str, int], ...] = ()  #: footnote label, number


NO_LINKS = Links()
NOTE_OPEN, NOTE_CLOSE = "\ue000", "\ue001"
#: A footnote reference's number, as :func:`to_html` leaves it for the page to link.
NOTE_MARK = re.compile(f"{NOTE_OPEN}(\\d+){NOTE_CLOSE}")


def notes_in(text: str, links: Links) -> str:
    """``text`` with each reference to a known footnote as its marked number.

    >>> notes_in("A claim[^src] and [^other].", Links(notes=(("src", 3),))) == (
    ...     "A claim\ue0003\ue001 and [^other].")
    True
    """
    text = text.replace(NOTE_OPEN, "").replace(NOTE_CLOSE, "")
    for label, number in links.notes:
        text = text.replace(f"[^{label}]", f"{NOTE_OPEN}{number}{NOTE_CLOSE}")
    return text


def to_html(text: str, links: Links = NO_LINKS) -> Markup:
    """Inline Markdown ``text`` as sanitised HTML.

    Plain text (see :data:`PLAIN`) is its own HTML, as the full pipeline would
    give; each other message goes through it once per process (a message is
    used by its edition and by every parallel edition it is in).

    >>> to_html("**Bold** and a [link](https://example.org)")
    Markup('<strong>Bold</strong> and a <a href="https://example.org" rel="noopener noreferrer">link</a>')
    >>> to_html("<script>alert(1)</script> [x](javascript:alert(1))")
    Markup('&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))')
    >>> to_html("# not a heading")
    Markup('# not a heading')
    """
    if PLAIN.fullmatch(text):
        return Markup(text)  # noqa: S704 - nothing in it is markup, nor becomes markup
    if links.notes:
        text = notes_in(text, links)
    return _markdown_to_html(text, links.references)


@lru_cache(maxsize=4096)
def _markdown_to_html(text: str, references: tuple[tuple[str, str, str], ...] = ()) -> Markup:
    """``text`` through markdown-it-py's inline rules, then nh3."""
    env: dict[str, Any] = {}
    if references:
        env["references"] = {
            _label(label): {"href": href, "title": title} for label, href, title in references
        }
    html = _markdown().renderInline(balance_bidi(text), env)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
    )
    return Markup(clean)  # noqa: S704 - sanitised just above


def _label(label: str) -> str:
    from markdown_it.common.utils import normalizeReference

    return str(normalizeReference(label))


def to_text(text: str) -> str:
    """The words of inline Markdown ``text``, without markup (for ``<title>``).

    >>> to_text("**Pakistan’s** [Response](https://example.org) & more")
    'Pakistan’s Response & more'
    """
    return NOTE_MARK.sub("", to_html(text).striptags())
