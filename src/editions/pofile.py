"""PO and POT files: read through polib, written the way GNU gettext writes them.

polib's own errors are wrapped here, in one place, into
:class:`~editions.errors.EditionsError` with the file and line.
"""

from __future__ import annotations

from pathlib import Path

import polib

from editions.errors import EditionsError


def read_po(path: Path, name: str | None = None) -> polib.POFile:
    """Read a PO or POT file, or raise an error naming the file (as ``name``) and line."""
    try:
        return polib.pofile(str(path), encoding="utf-8", wrapwidth=79)
    except OSError as exc:
        raise EditionsError(str(exc), name or path) from None


def format_po(po: polib.POFile) -> str:
    """The text of ``po`` as GNU ``msgcat`` would write it."""
    po.wrapwidth = 79
    return str(po) + "\n"
