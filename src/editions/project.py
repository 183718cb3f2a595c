"""Where things live in a project folder.

::

    source_text/<doc>.md                   English sources, one document each
    locales/<doc>.pot                      templates made by ``editions extract``
    locales/<lang>/LC_MESSAGES/<doc>.po    translations, one folder per language
    build/<lang>/<doc>.md, .html           editions made by ``editions build``
"""

from __future__ import annotations

from pathlib import Path

from editions.errors import EditionsError

#: The language of the sources.
SOURCE_LANG = "en"


class Project:
    """A project folder. A plain class, not a dataclass: every command makes one, and a
    build with nothing to do should not pay for importing :mod:`dataclasses`."""

    __slots__ = ("root",)

    def __init__(self, root: Path) -> None:
        self.root = root

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Project) and other.root == self.root

    def __hash__(self) -> int:
        return hash(self.root)

    def __repr__(self) -> str:
        return f"Project(root={self.root!r})"

    @property
    def source_dir(self) -> Path:
        return self.root / "source_text"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    def documents(self, names: list[str] | None = None) -> list[str]:
        """The documents ``names``, each checked to exist; by default every document,
        from ``source_text/*.md``, sorted."""
        if not self.source_dir.is_dir():
            raise EditionsError(f"no source folder: {self.source_dir} does not exist")
        docs = sorted(p.stem for p in self.source_dir.glob("*.md"))
        if not docs:
            raise EditionsError(f"no documents: {self.source_dir} has no *.md file")
        for name in names or []:
            if name not in docs:
                raise EditionsError(f"no document '{name}': expected {self.source_path(name)}")
        return list(names or docs)

    def languages(self) -> list[str]:
        """Every language with a ``locales/<lang>/LC_MESSAGES`` folder, sorted."""
        if not self.locales_dir.is_dir():
            return []
        return sorted(p.name for p in self.locales_dir.iterdir() if (p / "LC_MESSAGES").is_dir())

    def edition_languages(self) -> list[str]:
        """English first, then every language that has a catalog folder."""
        return [SOURCE_LANG, *(lang for lang in self.languages() if lang != SOURCE_LANG)]

    def source_path(self, doc: str) -> Path:
        return self.source_dir / f"{doc}.md"

    def pot_path(self, doc: str) -> Path:
        return self.locales_dir / f"{doc}.pot"

    def po_dir(self, lang: str) -> Path:
        """The folder of the catalogs of ``lang``."""
        return self.locales_dir / lang / "LC_MESSAGES"

    def po_path(self, lang: str, doc: str) -> Path:
        return self.po_dir(lang) / f"{doc}.po"

    def relative(self, path: Path) -> str:
        """``path`` as written in catalogs and messages: relative to the root, with ``/``.

        A path made from the root (every one the project makes) is cut without
        asking the file system; another is first resolved, symbolic links and all.
        """
        root = self.root
        if (
            path.is_absolute() == root.is_absolute()
            and path.parts[: len(root.parts)] == root.parts
            and ".." not in path.parts
        ):
            return path.relative_to(root).as_posix()
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()
