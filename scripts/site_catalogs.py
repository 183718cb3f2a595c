"""Bring the site's own catalogs up to date with the templates.

Run after changing a word in ``src/editions/render/templates/``::

    python scripts/site_catalogs.py              # site.pot and every language's site.po
    python scripts/site_catalogs.py --new LANG   # and start a catalog for LANG
    python scripts/site_catalogs.py --check      # write nothing; exit 3 if any is stale

    # a project's own templates, their words in the project's catalogs
    python scripts/site_catalogs.py --templates PROJECT/templates --locales PROJECT/locales

It extracts the templates' words into ``src/editions/render/locales/site.pot``
(Babel's extractor for Jinja2) and merges that template into each
``<lang>/LC_MESSAGES/site.po`` with the merge ``editions update`` uses, so no
translation is lost: a changed word goes fuzzy, with its old English as ``#|``.
Every file is written together, or none; a file whose content does not change is
not written.
"""

from __future__ import annotations

import argparse
import os
import sys

from editions.errors import EditionsError
from editions.fsutil import write_together
from editions.localedata import folder_name, locale_info
from editions.po.write import format_po
from editions.render import chrome


def changes(
    new: list[str], templates: str = chrome.TEMPLATES, locales: str = chrome.LOCALES
) -> dict[str, str]:
    """Each catalog file that is not as it should be, and what it should hold."""
    pot = chrome.template(templates)
    wanted = {os.path.join(locales, f"{chrome.DOMAIN}.pot"): format_po(pot)}
    for lang in sorted({*chrome.languages(locales), *(folder_name(tag) for tag in new)}):
        path = chrome.catalog_path(lang, locales)
        text = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        updated = chrome.updated_catalog(text, pot, locale_info(lang))
        if updated is not None:
            wanted[path] = updated
    return {path: text for path, text in wanted.items() if _content(path) != text}


def _content(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--new", action="append", default=[], metavar="LANG")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 3 if stale")
    parser.add_argument("--templates", default=chrome.TEMPLATES, help="the templates' folder")
    parser.add_argument("--locales", default=chrome.LOCALES, help="the catalogs' folder")
    args = parser.parse_args(argv)
    try:
        stale = changes(args.new, args.templates, args.locales)
    except EditionsError as exc:
        print(exc, file=sys.stderr)
        return 1
    for path in stale:
        verb = "stale" if args.check else "wrote"
        print(f"{verb} {os.path.relpath(path)}", file=sys.stderr)
    if args.check:
        return 3 if stale else 0
    for path in stale:
        os.makedirs(os.path.dirname(path), exist_ok=True)
    write_together(list(stale.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
