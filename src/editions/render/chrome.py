"""The site's own words in the reader's language: the ``site`` gettext domain.

The templates mark every word they show with Jinja2's i18n syntax (``{% trans %}``,
``{% pluralize %}``, ``{{ _("...") }}``). Those words are a gettext domain of their
own, apart from the articles' catalogs, shipped with the package::

    render/locales/site.pot                       the words, extracted from the templates
    render/locales/<lang>/LC_MESSAGES/site.po     one translation per language

:func:`template` extracts the words with Babel's extractor for Jinja2;
:func:`updated_catalog` brings a language's catalog up to date with the PO layer's
own merge and writer, as ``editions update`` does for articles
(``scripts/site_catalogs.py`` runs both for every language).

At render time, :func:`for_language` gives a page's :class:`Chrome`: Jinja2's
newstyle ``gettext``, ``ngettext`` and ``pgettext``, passed to each render (one
environment serves every language). The plural form a count takes is the catalog's
``Plural-Forms`` (CLDR's rule: the tests hold the catalogs to it). Translations are
untrusted: each is escaped, its hidden characters shown (:func:`catalog.visible`)
and its bidi controls closed, and it may carry only the markup of its English, tag
for tag. A count is written in the language's own digits.

A word with no usable translation (missing, fuzzy, or with other placeholders or
markup than its English) shows in English, marked as the article's passages are:
in ``<span lang="en" dir="ltr" class="untranslated">``, or as plain English inside
an attribute or the ``<title>``, where nothing can be marked (:meth:`Chrome.finish`).
English pages use the words as they are.
"""

from __future__ import annotations

import gettext
import html
import os
import re
import secrets
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import jinja2
import polib
from markupsafe import Markup, escape

from editions.catalog import BASE_HEADER, new_po, visible
from editions.localedata import LocaleInfo, native_digits, same_language
from editions.mofile import to_mo
from editions.po.read import parse_po
from editions.render.inline import balance_bidi

DOMAIN = "site"
HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATES = os.path.join(HERE, "templates")
LOCALES = os.path.join(HERE, "locales")
POT = os.path.join(LOCALES, f"{DOMAIN}.pot")
#: A comment in a template that starts so is guidance for translators (``#.``).
COMMENT_TAG = "Translators:"
#: The element a word in English stands in, on a page in another language.
FALLBACK = '<span lang="en" dir="ltr" class="untranslated">'
#: Whether the whitespace of a ``{% trans %}`` block is trimmed: a message is one line,
#: however the template wraps it.
TRIMMED = True

_TAG = re.compile(r"<[^<>]*>")


def catalog_path(lang: str, locales: str = LOCALES) -> str:
    """Where the site catalog of the language folder ``lang`` is."""
    return os.path.join(locales, lang, "LC_MESSAGES", f"{DOMAIN}.po")


def languages(locales: str = LOCALES) -> list[str]:
    """The language folders that have a site catalog, sorted."""
    if not os.path.isdir(locales):
        return []
    return sorted(
        name for name in os.listdir(locales) if os.path.isfile(catalog_path(name, locales))
    )


# The catalogs: made from the templates, merged and written by the PO layer.


def install(env: jinja2.Environment) -> None:
    """Make ``env`` read the marks as :func:`template` reads them: newstyle gettext,
    whitespace of ``{% trans %}`` blocks trimmed; English words until a render passes
    its language's (:attr:`Chrome.context`)."""
    env.policies["ext.i18n.trimmed"] = TRIMMED
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]


def template(templates: str = TEMPLATES) -> polib.POFile:
    """The words of every template under ``templates``, as a catalog template: one entry
    per message, in the order the templates are read, ``#:`` the templates it is in
    (not its lines, so that an edit of the markup changes no catalog), ``#.`` the
    comment starting with :data:`COMMENT_TAG` before it; ``python-format`` where it
    has a placeholder, which ``msgfmt --check`` then holds its translations to.
    """
    from babel.messages.catalog import PYTHON_FORMAT
    from babel.messages.extract import extract_from_dir

    options = {
        "extensions": "jinja2.ext.i18n",
        "newstyle_gettext": "true",
        "trimmed": str(TRIMMED).lower(),
        "trim_blocks": "true",
        "lstrip_blocks": "true",
        "keep_trailing_newline": "true",
        "silent": "false",
    }
    pot = polib.POFile(wrapwidth=79)
    pot.header = (
        "The words of the site's own pages, in editions' templates.\n"
        "Made by scripts/site_catalogs.py: edit the templates, not this file."
    )
    pot.metadata = {"Project-Id-Version": f"editions {DOMAIN}", **BASE_HEADER}
    found: dict[tuple[str | None, str], polib.POEntry] = {}
    for name, _line, message, comments, context in extract_from_dir(
        templates,
        method_map=[("**.j2", "jinja2.ext:babel_extract")],
        options_map={"**.j2": options},
        comment_tags=(COMMENT_TAG,),
        strip_comment_tags=True,
    ):
        singular, plural = (message[0], message[1]) if isinstance(message, tuple) else (message, "")
        where = (f"templates/{name.replace(os.sep, '/')}", "")  # the template, not the line
        entry = found.get((context, singular))
        if entry is None:
            entry = found[context, singular] = polib.POEntry(
                msgctxt=context,
                msgid=singular,
                msgid_plural=plural,
                occurrences=[],
                flags=["python-format"] if PYTHON_FORMAT.search(singular + plural) else [],
            )
            pot.append(entry)
        if where not in entry.occurrences:
            entry.occurrences.append(where)
        notes = [c for c in comments if c not in entry.comment.split("\n")]
        entry.comment = "\n".join(filter(None, [entry.comment, *notes]))
    return pot


def updated_catalog(text: str | None, pot: polib.POFile, info: LocaleInfo) -> str | None:
    """The site catalog of the language ``info``, ``text`` as it is (None: none yet),
    brought up to date with ``pot``; None when ``text`` is already up to date.

    A new catalog has the header ``editions init`` writes; both are merged with the
    article catalogs' own merge, so no translation is lost.
    """
    from editions.po import merge
    from editions.po.write import format_changed, format_po

    if text is None:
        po, layout = new_po(polib.POFile(), DOMAIN, info), None
        po.metadata["Project-Id-Version"] = f"editions {DOMAIN}"
        po.header = f"{info.english_name} translation of the words of the site's own pages."
    else:
        po, layout = parse_po(text.encode("utf-8"), catalog_path(info.code))
    merged = merge.merge(po, pot).po
    match = re.search(r"nplurals\s*=\s*(\d+)", merged.metadata.get("Plural-Forms", ""))
    forms = int(match[1]) if match else 2
    for entry in merged:
        if entry.msgid_plural and not entry.msgstr_plural:  # every form, as msgmerge writes
            entry.msgstr_plural = dict.fromkeys(range(forms), "")
    if layout is None:
        return format_po(merged)
    return format_changed(merged, po, layout)


# The words at render time.


class _Number(int):
    """A count written in a language's own digits by ``%s`` (``%d`` writes Latin ones)."""

    numbering_system = "latn"

    def __str__(self) -> str:
        return native_digits(int.__str__(self), self.numbering_system)


class _English(gettext.NullTranslations):
    """The English of a word a catalog does not translate, between two markers that
    :meth:`Chrome.finish` makes a marked element."""

    def __init__(self, start: str, end: str) -> None:
        super().__init__()
        self.start, self.end = start, end

    def gettext(self, message: str) -> str:
        return f"{self.start}{message}{self.end}"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return self.gettext(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self.ngettext(msgid1, msgid2, n)


class Chrome:
    """The site's words in one language, as Jinja2's newstyle gettext callables.

    ``catalog`` is the language's compiled catalog, None for English (the
    templates' own words) or a language without one (every word in English,
    marked). Pass :attr:`context` to a render, and its output through
    :meth:`finish` (or :meth:`stream`).
    """

    def __init__(self, info: LocaleInfo, catalog: gettext.GNUTranslations | None) -> None:
        self.info = info
        self.english = _is_english(info)
        # markers no page text can hold: made anew in each process, never written out
        nonce = secrets.token_hex(8)
        self._start, self._end = f"\ufdd0{nonce}\ufdd1", f"\ufdd1{nonce}\ufdd0"
        self._marks = re.compile(f"{self._start}|{self._end}")
        self._fallback = _English(self._start, self._end)
        self._catalog = catalog
        if catalog is not None:
            catalog.add_fallback(self._fallback)
        self.context: dict[str, Any] = {
            "gettext": self.gettext,
            "ngettext": self.ngettext,
            "pgettext": self.pgettext,
            "npgettext": self.npgettext,
        }

    def gettext(self, __string: str, **variables: Any) -> Markup:
        return self._word((__string,), variables, None)

    def ngettext(self, __singular: str, __plural: str, __num: int, **variables: Any) -> Markup:
        variables.setdefault("num", __num)
        return self._word((__singular, __plural, __num), variables, None)

    def pgettext(self, __context: str, __string: str, **variables: Any) -> Markup:
        variables.setdefault("context", __context)
        return self._word((__string,), variables, __context)

    def npgettext(
        self, __context: str, __singular: str, __plural: str, __num: int, **variables: Any
    ) -> Markup:
        variables.setdefault("context", __context)
        variables.setdefault("num", __num)
        return self._word((__singular, __plural, __num), variables, __context)

    def _word(
        self, args: tuple[Any, ...], variables: dict[str, Any], context: str | None
    ) -> Markup:
        english = args[0] if len(args) == 1 or args[2] == 1 else args[1]
        values = {k: self._value(v) for k, v in variables.items()}
        if self.english:
            return Markup(english) % values  # noqa: S704 - the templates' own words
        source = self._catalog or self._fallback
        if context is None:
            text = source.gettext(*args) if len(args) == 1 else source.ngettext(*args)
        else:
            text = (
                source.pgettext(context, *args)
                if len(args) == 1
                else source.npgettext(context, *args)
            )
        if not text.startswith(self._start):
            translated = _safe(text, english)
            if translated is not None:
                try:
                    return translated % values
                except (KeyError, ValueError, TypeError):
                    pass  # placeholders of its own: the English is shown
        return Markup(f"{self._start}{english}{self._end}") % values  # noqa: S704

    def _value(self, value: Any) -> Any:
        if type(value) is int and self.info.numbering_system != "latn":
            number = _Number(value)
            number.numbering_system = self.info.numbering_system
            return number
        return value

    def finish(self, page: str) -> str:
        """``page`` with each word in English marked: in an element of its own in the
        text, as it is inside a tag or the ``<title>``."""
        if self._start not in page:
            return page
        return "".join(self.stream([page]))

    def stream(self, chunks: Iterable[str]) -> Iterator[str]:
        """:meth:`finish` over a page written in ``chunks``, as they come."""
        in_tag = in_title = False
        for chunk in chunks:
            if self._start in chunk:
                chunk = self._marked(chunk, in_tag, in_title)
            in_tag, in_title = _state_after(chunk, in_tag, in_title)
            yield chunk

    def _marked(self, chunk: str, in_tag: bool, in_title: bool) -> str:
        """``chunk`` with its marks made elements, or taken out where nothing can be
        marked. Marks nest (the notice's sentence holds its "marked like this"): the
        outermost makes the element."""
        out: list[str] = []
        opened: list[bool] = []  # whether each mark open made an element
        at = 0
        for mark in self._marks.finditer(chunk):
            before = chunk[at : mark.start()]
            in_tag, in_title = _state_after(before, in_tag, in_title)
            out.append(before)
            if mark[0] == self._start:  # one element, for the outermost word in English
                opened.append(not (in_tag or in_title or any(opened)))
                out.append(FALLBACK if opened[-1] else "")
            else:
                out.append("</span>" if opened and opened.pop() else "")
            at = mark.end()
        out.append(chunk[at:])
        return "".join(out)


def _state_after(text: str, in_tag: bool, in_title: bool) -> tuple[bool, bool]:
    """Whether the end of ``text`` is inside a tag and inside the ``<title>``, given
    where its start is.

    >>> _state_after('<a title="', False, False), _state_after('">x', True, False)
    ((True, False), (False, False))
    >>> _state_after("<title>", False, False)
    (False, True)
    """
    opened, closed = text.rfind("<"), text.rfind(">")
    if opened != closed:
        in_tag = opened > closed
    title_open, title_close = text.rfind("<title"), text.rfind("</title")
    if title_open != title_close:
        in_title = title_open > title_close
    return in_tag, in_title


def _safe(translation: str, english: str) -> Markup | None:
    """``translation`` as HTML: its text escaped, its hidden characters shown, its bidi
    controls closed; the tags of ``english`` kept only when it has them all, in their
    order, and no other. None when its markup is not the English's.

    >>> _safe("Lisez <b>ceci</b> & cela", "Read <b>this</b> and that")
    Markup('Lisez <b>ceci</b> &amp; cela')
    >>> _safe("<b onclick=x>ceci</b>", "Read <b>this</b>") is None
    True
    """
    tags = _TAG.findall(translation)
    if tags != _TAG.findall(english):
        return None
    pieces = _TAG.split(translation)
    out = [_text(pieces[0])]
    for tag, text in zip(tags, pieces[1:], strict=True):
        out += [Markup(tag), _text(text)]  # noqa: S704 - a tag of the English
    return Markup("").join(out)


def _text(text: str) -> Markup:
    """Text of a translation as HTML: a character reference read as its character."""
    return escape(visible(balance_bidi(html.unescape(text))))


def _is_english(info: LocaleInfo) -> bool:
    return info.bcp47 == "en" or info.bcp47.startswith("en-")


@lru_cache(maxsize=64)  # a build's languages: a few, each asked for by every page
def for_language(info: LocaleInfo, locales: tuple[str, ...] = (LOCALES,)) -> Chrome:
    """The site's words in the language ``info``, from the catalogs of the folders
    ``locales``: a word is looked up in the first that translates it (a project's own
    templates' catalogs, then the package's). In each, the language's catalog, or the
    catalog of the same language under another name (``zh_CN`` reads ``zh_Hans``)."""
    if _is_english(info):
        return Chrome(info, None)
    found = []
    for folder in locales:
        there = languages(folder)
        name = info.code if info.code in there else same_language(info.code, there)
        if name is not None:
            found.append(_compiled(catalog_path(name, folder)))
    if not found:
        return Chrome(info, None)
    for more in found[1:]:
        found[0].add_fallback(more)
    return Chrome(info, found[0])


def _compiled(path: str) -> gettext.GNUTranslations:
    """The catalog at ``path``, read by the PO layer and compiled as ``editions compile``
    compiles: translated messages only, fuzzy ones left out."""
    import io

    with open(path, "rb") as handle:
        po, _ = parse_po(handle.read(), os.path.relpath(path))
    return gettext.GNUTranslations(io.BytesIO(to_mo(po)))
