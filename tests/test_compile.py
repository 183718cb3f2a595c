"""``editions compile``: .mo files beside the catalogs, read by Python's own gettext."""

from __future__ import annotations

import gettext
import io
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from editions import catalog, cli, mofile, source
from editions.localedata import locale_info
from editions.po import read, write
from editions.project import Project

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = """\
# Storm Closes the Harbour

The harbour closed on Monday.

## What Happened {#events}

1. **Damage:** Waves broke the wall.
2. **Ships:** Twelve ships stayed at sea.

The port hopes to reopen soon.
"""
TRANSLATED = {
    "title": "La tempête ferme le port",
    "lede": "Le port a fermé lundi.",
    "layout/point": "**{title} :** {text}",
    "events/point-1/title": "Dégâts",
    "events/point-1/text": "Les vagues ont brisé le mur.",
}
FUZZY = {"events/point-2/title": "Navires ?"}


def french_catalog(lang: str = "fr") -> polib.POFile:
    article = source.parse(ARTICLE, "source_text/article.md", "article")
    po = catalog.new_po(catalog.to_pot(article, article.path), "article", locale_info(lang))
    for entry in po:
        if entry.msgctxt in TRANSLATED:
            entry.msgstr = TRANSLATED[entry.msgctxt]
        elif entry.msgctxt in FUZZY:
            entry.msgstr = FUZZY[entry.msgctxt]
            entry.flags.insert(0, "fuzzy")
    po.append(
        polib.POEntry(msgctxt="gone", msgid="Old text.", msgstr="Ancien texte.", obsolete=True)
    )
    return po


def read_mo(data: bytes) -> gettext.GNUTranslations:
    return gettext.GNUTranslations(io.BytesIO(data))


def test_python_gettext_finds_each_translation_by_msgctxt() -> None:
    t = read_mo(mofile.to_mo(french_catalog()))
    assert t.pgettext("title", "Storm Closes the Harbour") == "La tempête ferme le port"
    assert t.pgettext("layout/point", "**{title}:** {text}") == "**{title} :** {text}"
    assert t.pgettext("events/point-1/text", "Waves broke the wall.") == (
        "Les vagues ont brisé le mur."
    )
    # the same English in another context is not that translation
    assert t.pgettext("closing", "Storm Closes the Harbour") == "Storm Closes the Harbour"
    assert t.gettext("Storm Closes the Harbour") == "Storm Closes the Harbour"


def test_untranslated_fuzzy_and_obsolete_messages_are_left_out() -> None:
    t = read_mo(mofile.to_mo(french_catalog()))
    assert t.pgettext("events/point-2/title", "Ships") == "Ships"  # fuzzy
    assert t.pgettext("closing", "The port hopes to reopen soon.") == (
        "The port hopes to reopen soon."
    )
    assert t.pgettext("gone", "Old text.") == "Old text."
    with_fuzzy = read_mo(mofile.to_mo(french_catalog(), use_fuzzy=True))
    assert with_fuzzy.pgettext("events/point-2/title", "Ships") == "Navires ?"
    assert with_fuzzy.pgettext("gone", "Old text.") == "Old text."


@pytest.mark.parametrize("lang", ["fr", "ar", "ur", "ru", "ga", "zh_Hans"])
def test_the_header_and_cldr_plural_forms_are_read(lang: str) -> None:
    t = read_mo(mofile.to_mo(french_catalog(lang)))
    assert t.info()["language"] == lang
    assert t.charset() == "UTF-8"
    expected = locale_info(lang).plural_forms
    rule = gettext.c2py(expected.split("plural=", 1)[1].rstrip(";"))
    assert [t.plural(n) for n in range(200)] == [rule(n) for n in range(200)]  # type: ignore[attr-defined]


def test_the_same_messages_as_msgfmt_compiles(tmp_path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is needed: run 'make system-deps'"
    po_path = tmp_path / "article.po"
    po_path.write_text(write.format_po(french_catalog()), "utf-8")
    subprocess.run([msgfmt, "-o", str(tmp_path / "gnu.mo"), str(po_path)], check=True)
    ours = read_mo(mofile.to_mo(read.read_po(po_path)))
    gnu = read_mo((tmp_path / "gnu.mo").read_bytes())
    assert ours._catalog == gnu._catalog  # type: ignore[attr-defined]


def make_project(tmp_path: Path) -> Project:
    (tmp_path / "source_text").mkdir()
    (tmp_path / "source_text" / "article.md").write_text(ARTICLE, "utf-8")
    project = Project(tmp_path)
    for lang in ("fr", "ur"):
        path = Path(project.po_path(lang, "article"))
        path.parent.mkdir(parents=True)
        path.write_text(write.format_po(french_catalog(lang)), "utf-8")
    return project


def test_compile_writes_beside_each_catalog_where_gettext_looks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path)
    assert cli.main(["-C", str(tmp_path), "compile"]) == 0
    err = capsys.readouterr().err
    assert err.split("\n") == [
        "wrote locales/fr/LC_MESSAGES/article.mo",
        "wrote locales/ur/LC_MESSAGES/article.mo",
        "",
    ]
    t = gettext.translation("article", str(project.locales_dir), languages=["fr"])
    assert t.pgettext("lede", "The harbour closed on Monday.") == "Le port a fermé lundi."

    mo = Path(project.po_path("fr", "article")).with_suffix(".mo")
    before = mo.read_bytes(), mo.stat().st_mtime_ns
    assert cli.main(["-C", str(tmp_path), "compile", "--lang", "fr"]) == 0
    assert capsys.readouterr().err == ""  # nothing changed, nothing written
    assert (mo.read_bytes(), mo.stat().st_mtime_ns) == before


def test_compile_writes_nothing_when_a_catalog_cannot_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path)
    Path(project.po_path("ur", "article")).write_text('msgid ""\nmsgstr "\n', "utf-8")
    assert cli.main(["-C", str(tmp_path), "compile"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith("locales/ur/LC_MESSAGES/article.po:2: error: "), err
    assert "Traceback" not in err
    assert list(tmp_path.rglob("*.mo")) == []


def test_mo_files_are_not_committed() -> None:
    done = subprocess.run(
        ["git", "check-ignore", "-q", "locales/fr/LC_MESSAGES/article.mo"], cwd=ROOT
    )
    assert done.returncode == 0
