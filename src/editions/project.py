"""Where things live in a project folder.

::

    source_text/<doc>.md                   the sources, one document each, in the
                                           source language (``[site] source_language``)
    locales/<doc>.pot                      templates made by ``editions extract``
    locales/<lang>/LC_MESSAGES/<doc>.po    translations, one folder per language
    editions.toml                          the project's settings (:mod:`editions.config`)
    build/<lang>/<doc>.md, .html           editions made by ``editions build``

A language folder is named as the project likes: a CLDR identifier (``zh_Hans``)
or a gettext locale name (``zh_CN``, ``pt_BR``, ``sr@latin``); editions are built
under the same name (see :mod:`editions.localedata`).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from editions.errors import EditionsError

if TYPE_CHECKING:
    from editions.config import Config


class Project:
    """A project folder: where its sources, catalogs and editions are."""

    __slots__ = (
        "root",
        "source_dir",
        "locales_dir",
        "build_dir",
        "config_path",
        "config_named",
        "settings",
        "_config",
    )

    def __init__(
        self,
        root: str | os.PathLike[str],
        config: str | os.PathLike[str] | None = None,
        settings: tuple[str, ...] = (),
    ) -> None:
        #: the folder, written short: ``./a//b/`` is ``a/b``, ``a/../b`` is ``b``, the current
        #: folder ``.``
        self.root = os.path.normpath(root)
        #: the folders of the sources, of the catalogs and of the editions; in the
        #: current folder, a name alone (``source_text``)
        self.source_dir = os.path.normpath(os.path.join(self.root, "source_text"))
        self.locales_dir = os.path.normpath(os.path.join(self.root, "locales"))
        self.build_dir = os.path.normpath(os.path.join(self.root, "build"))
        #: the settings file: ``config`` (``--config``), else ``editions.toml`` in the root
        self.config_named = config is not None
        self.config_path = os.path.normpath(
            config if config is not None else os.path.join(self.root, "editions.toml")
        )
        #: ``KEY=VALUE`` settings given on the command line (``--set``), over the file's
        self.settings = settings
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        """The project's settings (:mod:`editions.config`), read when first asked for."""
        if self._config is None:
            from editions import config

            self._config = config.load(self)
        return self._config

    @property
    def source_lang(self) -> str:
        """The language of the sources: ``[site] source_language``, by default English."""
        return self.config.site.source_language

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Project) and other.root == self.root

    def __hash__(self) -> int:
        return hash(self.root)

    def __repr__(self) -> str:
        return f"Project(root={self.root!r})"

    def documents(self, names: list[str] | None = None) -> list[str]:
        """The documents ``names``, each checked to exist; by default every document,
        from ``source_text/*.md`` (whatever each entry is, hidden or not), sorted."""
        if not os.path.isdir(self.source_dir):
            raise EditionsError(f"no source folder: {self.source_dir} does not exist")
        try:
            entries = os.listdir(self.source_dir)
        except PermissionError:  # as if it held none: the error below says so
            entries = []
        # *.md as the system compares names: on Windows, without regard to case
        found = (name for name in entries if os.path.normcase(name).endswith(".md"))
        docs = sorted(os.path.splitext(name)[0] for name in found)
        if not docs:
            raise EditionsError(f"no documents: {self.source_dir} has no *.md file")
        for name in names or []:
            if name not in docs:
                raise EditionsError(f"no document '{name}': expected {self.source_path(name)}")
        return list(names or docs)

    def languages(self) -> list[str]:
        """Every language with a ``locales/<lang>/LC_MESSAGES`` folder, sorted."""
        if not os.path.isdir(self.locales_dir):
            return []
        return sorted(
            name
            for name in os.listdir(self.locales_dir)
            if os.path.isdir(os.path.join(self.locales_dir, name, "LC_MESSAGES"))
        )

    def edition_languages(self) -> list[str]:
        """The source's language first, then every language that has a catalog folder."""
        source = self.source_lang
        return [source, *(lang for lang in self.languages() if lang != source)]

    def defined_languages(self) -> dict[str, dict[str, str]]:
        """The facts the project gives of languages (``[languages.<tag>]`` of its settings:
        ``{"prs": {"name": "دری", "english_name": "Dari", "direction": "rtl"}}``), by tag."""
        return {tag: dict(facts) for tag, facts in self.config.languages}

    def know_languages(self) -> None:
        """Make the languages the project defines known to :mod:`editions.localedata`
        (loaded only when there are some)."""
        defined = self.defined_languages()
        if defined:
            from editions import localedata

            config = self.config
            for tag, facts in defined.items():
                where = ("languages", tag)
                pattern = facts.get("date_format")
                if pattern and (fault := localedata.date_pattern_fault(pattern)):
                    raise config.error(fault, where, "date_format")
                try:
                    localedata.define(tag, facts)
                except EditionsError as exc:
                    raise config.error(exc.message, where) from None
        self.know_source_language()

    def know_source_language(self) -> None:
        """Refuse, at its line, a source language CLDR does not know and the settings do
        not define, or one not written as its editions' folder is named (``pt_BR``, not
        ``pt-BR``). English, the default, needs no look-up."""
        source = self.source_lang
        if source == "en":
            return
        from editions import localedata

        key = ("site",), "source_language"
        if (folder := localedata.folder_name(source)) != source:
            raise self.config.error(f"write '{folder}', as a language's folder is named", *key)
        try:
            localedata.locale_info(source)
        except EditionsError as exc:
            raise self.config.error(exc.message, *key) from None

    def define_language(self, code: str, facts: dict[str, str]) -> None:
        """Record the names and direction of the language ``code`` in the settings file
        (see :meth:`defined_languages`), keeping the rest of the file as it is."""
        from editions import config

        config.write_language(self, code, facts)
        self._config = None

    def source_path(self, doc: str) -> str:
        return os.path.join(self.source_dir, f"{doc}.md")

    def pot_path(self, doc: str) -> str:
        return os.path.join(self.locales_dir, f"{doc}.pot")

    def po_dir(self, lang: str) -> str:
        """The folder of the catalogs of ``lang``."""
        return os.path.join(self.locales_dir, lang, "LC_MESSAGES")

    def po_path(self, lang: str, doc: str) -> str:
        return os.path.join(self.po_dir(lang), f"{doc}.po")

    def relative(self, path: str | os.PathLike[str]) -> str:
        """``path`` as written in catalogs and messages: relative to the root, with ``/``.

        A path made from the root (every one the project makes) is cut without
        asking the file system; another is first resolved, symbolic links and all,
        and one that is not in the project folder is written as it is (short).
        """
        path = os.fspath(path)
        if os.path.isabs(path) == os.path.isabs(self.root) and os.pardir not in path_parts(path):
            cut = os.path.relpath(path, self.root)
            if path_parts(cut)[0] != os.pardir:
                return "/".join(path_parts(cut))
        try:
            cut = os.path.relpath(os.path.realpath(path), os.path.realpath(self.root))
        except ValueError:  # on another drive
            cut = os.pardir
        if path_parts(cut)[0] == os.pardir:
            cut = os.path.normpath(path)
        return "/".join(path_parts(cut))


def path_parts(path: str) -> list[str]:
    """The names ``path`` is made of, from the first: ``a/../b`` is ``a``, ``..``, ``b``."""
    return path.replace(os.sep, "/").split("/")
