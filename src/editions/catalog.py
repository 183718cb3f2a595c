"""From an article to gettext catalogs, and from catalogs back to an article.

:func:`to_pot` makes the template: one entry per segment, in document order,
``msgctxt`` the segment's id, ``#.`` what the segment is, ``#:`` where it is.
:func:`new_po` starts a language from the template with a header from CLDR.
:func:`localize` puts a language's translations into the article.

A translation is used only when it translates the English as it is now (its
``msgid`` is today's English), is not empty (:data:`EMPTY`), is not longer than
:data:`MAX_MESSAGE`, and is not fuzzy (unless fuzzy translations are asked
for). Anything else falls back to the English, marked as such, so a stale or
missing translation never shows as if it were current. A translation's
control and invisible format characters (:data:`HIDDEN`) reach no edition: each
is shown as U+FFFD REPLACEMENT CHARACTER (see :func:`visible`).
"""

from __future__ import annotations

import os
import re

import polib

from editions.model import Article, Segment, State

TYPE_CHECKING = False
if TYPE_CHECKING:  # babel loads only where a language is looked up
    from editions.localedata import LocaleInfo

BRACE_FLAG = "python-brace-format"
PLACEHOLDERS = ("{title}", "{text}")

#: The longest translation an edition uses, in characters; ``check`` reports a longer one.
MAX_MESSAGE = 20_000

#: Characters no edition shows: the C0 controls but tab and line feed, DEL, the C1
#: controls, the soft hyphen, and the format characters (Unicode's Cf) other than the bidi
#: marks (LRM, RLM, ALM), the bidi controls (which the renderers balance), the zero-width
#: characters some scripts are written with, and the signs that are visible (the Arabic
#: number signs and the like).
HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u180e\u2061-\u2064\u206a-\u206f\ufff9-\ufffb"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)
REPLACEMENT = "\ufffd"
#: A translation with nothing in it: whitespace, and bidi closers, which close nothing in a
#: message of their own (the renderers drop them).
EMPTY = re.compile(r"[\s\u202c\u2069]*")


def visible(text: str) -> str:
    """``text`` with each :data:`HIDDEN` character shown as :data:`REPLACEMENT`.

    >>> visible("a\x1b[31mb\xadc\u200fd") == "a\ufffd[31mb\ufffdc\u200fd"
    True
    """
    return HIDDEN.sub(REPLACEMENT, text)


BASE_HEADER = {
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
}


def to_pot(article: Article, source: str) -> polib.POFile:
    """The template of ``article``; ``source`` is its path as catalogs name it."""
    pot = polib.POFile(wrapwidth=79)
    pot.header = (
        f"Messages of {source}, one per title, paragraph, heading and point.\n"
        "Made by 'editions extract': edit the source, not this file."
    )
    pot.metadata = {"Project-Id-Version": f"editions {article.doc}", **BASE_HEADER}
    for segment in article.segments():
        pot.append(
            polib.POEntry(
                msgctxt=segment.id,
                msgid=segment.text,
                msgstr="",
                comment=segment.comment,
                occurrences=[(source, str(segment.line))],
                flags=[BRACE_FLAG] if segment.kind == "point-layout" else [],
            )
        )
    return pot


def _revision_date() -> str:
    from datetime import UTC, datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        datetime.fromtimestamp(int(epoch), UTC)
        if epoch
        else datetime.now(UTC).replace(second=0, microsecond=0)
    )
    return moment.strftime("%Y-%m-%d %H:%M%z")


def new_po(pot: polib.POFile, doc: str, info: LocaleInfo) -> polib.POFile:
    """A new, empty translation of ``pot`` into the language ``info``."""
    po = polib.POFile(wrapwidth=79)
    po.header = f"{info.english_name} translation of '{doc}'."
    po.metadata = {
        "Project-Id-Version": f"editions {doc}",
        "PO-Revision-Date": _revision_date(),
        "Last-Translator": "",
        "Language-Team": info.english_name,
        "Language": info.code,
        **BASE_HEADER,
        "Plural-Forms": info.plural_forms,
    }
    for entry in pot:
        po.append(
            polib.POEntry(
                msgctxt=entry.msgctxt,
                msgid=entry.msgid,
                msgstr="",
                comment=entry.comment,
                occurrences=list(entry.occurrences),
                flags=list(entry.flags),
            )
        )
    return po


def usable(segment: Segment, translation: str) -> bool:
    """Whether ``translation`` can stand in for ``segment`` in an edition.

    The point layout must keep each placeholder exactly once:

    >>> from editions.model import Segment
    >>> layout = Segment("layout/point", "point-layout", "**{title}:** {text}", "a.md", 1, "")
    >>> usable(layout, "**{title}** : {text}"), usable(layout, "**{title}**"), usable(layout, "")
    (True, False, False)
    >>> usable(layout, "{title} {text}" + " " * MAX_MESSAGE), usable(layout, " \u2069")
    (False, False)
    """
    if len(translation) > MAX_MESSAGE or EMPTY.fullmatch(translation):
        return False
    if segment.kind == "point-layout":
        return all(translation.count(p) == 1 for p in PLACEHOLDERS)
    return True


def localize(
    article: Article, po: polib.POFile, info: LocaleInfo, use_fuzzy: bool = False
) -> Article:
    """``article`` in the language of ``po``, English where no translation is usable."""
    entries = {e.msgctxt: e for e in po if not e.obsolete}

    def translate(segment: Segment) -> Segment:
        entry = entries.get(segment.id)
        if entry is not None and entry.msgid == segment.text and usable(segment, entry.msgstr):
            fuzzy = "fuzzy" in entry.flags
            if not fuzzy or use_fuzzy:
                state = State.FUZZY if fuzzy else State.TRANSLATED
                return segment.localized(visible(entry.msgstr), info.code, state)
        return segment.localized(segment.text, segment.lang, State.UNTRANSLATED)

    return article.map(translate, info.code)
