"""XLIFF and TMX: export valid against the schemas, import as a CAT tool's edits come back."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from editions import cli
from editions.po import read
from editions.project import Project

Capture = pytest.CaptureFixture[str]
SCHEMAS = Path(__file__).parent / "data" / "schemas"
X = "{urn:oasis:names:tc:xliff:document:1.2}"


@pytest.fixture
def project(unfinished: Project) -> Project:
    return unfinished


def run(project: Project, *args: str) -> int:
    return cli.main(["-C", str(project.root), *args])


def catalogs(project: Project) -> dict[str, tuple[bytes, int]]:
    return {
        str(p): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(Path(project.locales_dir).rglob("*.po"))
    }


def xliff_schema() -> etree.XMLSchema:
    doc = etree.parse(str(SCHEMAS / "xliff-core-1.2-strict.xsd"))
    found = doc.getroot().find("{http://www.w3.org/2001/XMLSchema}import")
    found.set("schemaLocation", "xml.xsd")  # the copy beside it, not the web
    return etree.XMLSchema(doc)


def export(project: Project, tmp_path: Path, lang: str, fmt: str = "xliff") -> Path:
    out = tmp_path / f"{lang}.{'xlf' if fmt == 'xliff' else 'tmx'}"
    assert run(project, "export", "--lang", lang, "--format", fmt, "-o", str(out), "-q") == 0
    return out


def entry(project: Project, lang: str, ctxt: str) -> object:
    po = read.read_po(project.po_path(lang, "article"))
    return next(e for e in po if e.msgctxt == ctxt and not e.obsolete)


@pytest.mark.parametrize("lang", ["fr", "bal", "ur", "zh_Hans"])
def test_xliff_export_validates_and_says_what_each_message_is(
    project: Project, tmp_path: Path, lang: str
) -> None:
    path = export(project, tmp_path, lang)
    tree = etree.parse(str(path))
    xliff_schema().assertValid(tree)
    po = read.read_po(project.po_path(lang, "article"))
    active = [e for e in po if not e.obsolete]
    units = list(tree.iter(f"{X}trans-unit"))
    assert [u.get("id") for u in units] == [e.msgctxt for e in active]
    file = tree.find(f"{X}file")
    assert file.get("original") == "source_text/article.md"
    assert file.get("target-language") == lang.replace("_", "-")
    for unit, e in zip(units, active, strict=True):
        target = unit.find(f"{X}target")
        expected = (
            "needs-translation"
            if not e.msgstr
            else "needs-review-translation"
            if "fuzzy" in e.flags
            else "translated"
        )
        assert target.get("state") == expected
        assert unit.get("approved") == ("yes" if expected == "translated" else "no")
        assert (target.text or "") == e.msgstr
        assert unit.find(f"{X}note[@from='developer']").text == e.comment
        lines = unit.findall(f"{X}context-group/{X}context[@context-type='linenumber']")
        assert [c.text for c in lines] == [str(line) for _, line in e.occurrences]


def test_tmx_export_validates_and_holds_the_reviewed_translations(
    project: Project, tmp_path: Path
) -> None:
    path = export(project, tmp_path, "bal", "tmx")
    tree = etree.parse(str(path))
    assert etree.DTD(str(SCHEMAS / "tmx14.dtd")).validate(tree)
    po = read.read_po(project.po_path("bal", "article"))
    reviewed = [e for e in po if e.msgstr and "fuzzy" not in e.flags and not e.obsolete]
    tus = list(tree.iter("tu"))
    assert [tu.get("tuid") for tu in tus] == [f"article:{e.msgctxt}" for e in reviewed]
    assert [tu.findtext("prop[@type='x-context']") for tu in tus] == [e.msgctxt for e in reviewed]
    assert export(project, tmp_path, "bal", "tmx").read_bytes() == path.read_bytes()


@pytest.mark.parametrize("lang", ["fr", "bal", "ur"])
def test_an_untouched_export_imports_without_changing_a_byte(
    project: Project, tmp_path: Path, lang: str
) -> None:
    path = export(project, tmp_path, lang)
    before = catalogs(project)
    assert run(project, "import", str(path), "-q") == 0
    assert catalogs(project) == before


def test_a_cat_tools_edits_come_back_as_the_right_po_changes(
    project: Project, tmp_path: Path
) -> None:
    path = export(project, tmp_path, "bal")
    tree = etree.parse(str(path))
    units = {u.get("id"): u for u in tree.iter(f"{X}trans-unit")}
    new = next(
        u for u in units.values() if u.find(f"{X}target").get("state") == "needs-translation"
    )
    fuzzy = next(
        u for u in units.values() if u.find(f"{X}target").get("state") == "needs-review-translation"
    )
    new_id, fuzzy_id = new.get("id"), fuzzy.get("id")
    new_english = new.findtext(f"{X}source")
    new.find(f"{X}target").text = f"[bal] {new_english}"  # a new target, left for review
    new.find(f"{X}target").set("state", "needs-review-translation")
    fuzzy.find(f"{X}target").set("state", "translated")  # reviewed
    fuzzy.set("approved", "yes")
    note = etree.SubElement(fuzzy, f"{X}note", attrib={"from": "translator"})
    note.text = "Checked with the desk."
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    before = read.read_po(project.po_path("bal", "article"))
    old_fuzzy = next(e for e in before if e.msgctxt == fuzzy_id)
    assert run(project, "import", str(path), "-q") == 0
    added = entry(project, "bal", new_id)
    assert added.msgstr == f"[bal] {new_english}"  # type: ignore[attr-defined]
    assert added.flags == ["fuzzy"]  # type: ignore[attr-defined]
    reviewed = entry(project, "bal", fuzzy_id)
    assert reviewed.msgstr == old_fuzzy.msgstr  # type: ignore[attr-defined]
    assert "fuzzy" not in reviewed.flags  # type: ignore[attr-defined]
    assert reviewed.previous_msgid is None  # type: ignore[attr-defined]
    notes = [old_fuzzy.tcomment, "Checked with the desk."]  # the exported note, and hers
    assert reviewed.tcomment == "\n".join(n for n in notes if n)  # type: ignore[attr-defined]
    after = read.read_po(project.po_path("bal", "article"))
    # nothing else changed: every other entry, obsolete ones included, as it was
    others = [
        (e.msgctxt, e.msgstr, e.flags, e.tcomment, e.obsolete)
        for e in after
        if e.msgctxt not in (new_id, fuzzy_id)
    ]
    assert others == [
        (e.msgctxt, e.msgstr, e.flags, e.tcomment, e.obsolete)
        for e in before
        if e.msgctxt not in (new_id, fuzzy_id)
    ]


def test_a_unit_failing_check_is_reported_at_its_line_and_not_imported(
    project: Project, tmp_path: Path, capsys: Capture
) -> None:
    path = export(project, tmp_path, "fr")
    text = path.read_text("utf-8")
    tree = etree.parse(str(path))
    unit = next(u for u in tree.iter(f"{X}trans-unit") if u.get("id") == "lede")
    ctxt = "lede"
    good = next(u for u in tree.iter(f"{X}trans-unit") if u.get("id") == "title")
    good.find(f"{X}target").text = "Un autre titre"
    unit.find(f"{X}target").text = "# Un chapeau devenu titre"  # a heading marker
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    line = etree.parse(str(path)).xpath(f"//*[@id='{ctxt}']")[0].sourceline
    assert text  # the export was read before the edit
    before = read.read_po(project.po_path("fr", "article"))
    assert run(project, "import", str(path)) == 1
    err = capsys.readouterr().err
    assert f"{path}:{line}: error: unit '{ctxt}': " in err
    assert "[block-structure]" in err
    assert entry(project, "fr", "title").msgstr == "Un autre titre"  # type: ignore[attr-defined]
    kept = next(e for e in before if e.msgctxt == ctxt)
    assert entry(project, "fr", ctxt).msgstr == kept.msgstr  # type: ignore[attr-defined]


def test_an_xliff_that_is_not_one_or_is_stale_is_refused(
    project: Project, tmp_path: Path, capsys: Capture
) -> None:
    bad = tmp_path / "bad.xlf"
    bad.write_text("<xliff><file>", "utf-8")
    before = catalogs(project)
    assert run(project, "import", str(bad)) == 1
    assert f"{bad}:1: error: not XML" in capsys.readouterr().err
    path = export(project, tmp_path, "fr")
    path.write_text(path.read_text("utf-8").replace("<source>Pakistan Faces", "<source>X"), "utf-8")
    assert run(project, "import", str(path)) == 1
    assert "its English is not the catalog's any more" in capsys.readouterr().err
    assert catalogs(project) == before


def test_the_languages_are_bcp_47_tags_whatever_the_folder_is_named(
    project: Project, tmp_path: Path
) -> None:
    assert run(project, "init", "sr@latin", "-q") == 0
    tree = etree.parse(str(export(project, tmp_path, "sr@latin")))
    found = tree.getroot().find(f"{X}file")
    assert (found.get("source-language"), found.get("target-language")) == ("en", "sr-Latn")
    before = catalogs(project)
    assert run(project, "import", str(tmp_path / "sr@latin.xlf"), "-q") == 0
    assert catalogs(project) == before
