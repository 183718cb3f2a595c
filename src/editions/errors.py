"""One error type for everything the user can get wrong.

Each error knows the file and line it is about, so the command line can print
``path:line: error: message`` in the form compilers and editors understand.
"""

from __future__ import annotations

import os


class EditionsError(Exception):
    """A problem with the user's input, located at ``path:line``.

    >>> str(EditionsError("bad thing", path="a.po", line=3))
    'a.po:3: error: bad thing'
    >>> str(EditionsError("no such language"))
    'editions: error: no such language'
    """

    def __init__(
        self, message: str, path: str | os.PathLike[str] | None = None, line: int | None = None
    ):
        super().__init__(message)
        self.message = message
        self.path = os.fspath(path) if path is not None else None
        self.line = line

    def __reduce__(self) -> tuple[type, tuple[str, str | None, int | None]]:
        # Errors cross process boundaries in parallel builds: keep path and line.
        return (type(self), (self.message, self.path, self.line))

    def location(self) -> str:
        if self.path is None:
            return "editions"
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}"

    def __str__(self) -> str:
        return f"{self.location()}: error: {self.message}"


class Errors(EditionsError):
    """Several errors found in one pass, reported together."""

    def __init__(self, errors: list[EditionsError]):
        super().__init__("; ".join(e.message for e in errors))
        self.errors = errors

    def __reduce__(self) -> tuple[type, tuple[list[EditionsError]]]:  # type: ignore[override]
        return (type(self), (self.errors,))

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)
