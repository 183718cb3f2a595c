"""Compiled catalogs: ``.mo`` files, written by polib, read by any gettext.

``editions compile`` writes each ``locales/<lang>/LC_MESSAGES/<doc>.po`` as
``<doc>.mo`` beside it: the layout gettext itself looks in, so Python's
``gettext.translation(doc, "locales", [lang])`` finds it. ``.mo`` files are
made, never edited, and are not committed.

As with ``msgfmt``, a compiled catalog holds the translated messages only:
no untranslated or obsolete ones, and no fuzzy ones unless asked for. Each
message is found by its ``msgctxt`` and English, as
``pgettext(msgctxt, english)``.
"""

from __future__ import annotations

import copy
import os

import polib


def mo_path(po_path: str) -> str:
    """Where the compiled catalog of ``po_path`` goes: beside it.

    >>> mo_path("locales/fr/LC_MESSAGES/article.po")
    'locales/fr/LC_MESSAGES/article.mo'
    """
    return os.path.splitext(po_path)[0] + ".mo"


def to_mo(po: polib.POFile, use_fuzzy: bool = False) -> bytes:
    """The ``.mo`` file of ``po``; fuzzy translations only when ``use_fuzzy``."""
    if use_fuzzy:
        po = copy.deepcopy(po)
        for entry in po:
            if "fuzzy" in entry.flags and not entry.obsolete:
                entry.flags.remove("fuzzy")
    data: bytes = po.to_binary()
    return data
