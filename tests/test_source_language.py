"""A project whose sources are not in English: ``[site] source_language = "fr"``.

French is the original everywhere English is by default: the pages' languages, the
fallback marks, ``hreflang`` and ``x-default``, the side-by-side editions, JSON-LD,
XLIFF and TMX, the glossary, the memory, and what ``check`` says of the source text.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import polib
import pytest

from conftest import Checked, checks_html
from editions import cli
from editions.project import Project

BASE = "https://example.org/gazette/"
ARTICLE = """\
---
author: "Claire Martin"
date: 2026-11-25
summary: "Le conseil municipal adopte un budget de 12 millions d'euros."
---

# Le budget de la ville adopté

Le conseil municipal a adopté hier soir le budget de l'année 2027.

## Les écoles {#ecoles}

Trois écoles seront rénovées, dont celle du [quartier nord](https://example.org/nord).

## Les transports {#transports}

Le tramway circulera jusqu'à minuit.
"""
#: The English of every message but the last paragraph, which stays French, marked.
ENGLISH = {
    "meta/summary": "The city council passes a budget of 12 million euros.",
    "title": "The city budget passed",
    "lede": "The city council passed the budget for 2027 last night.",
    "ecoles/heading": "Schools",
    "ecoles/p-1": "Three schools will be renovated, among them the one in the "
    "[north district](https://example.org/nord).",
    "transports/heading": "Transport",
}


def run(project: Project, *args: str) -> int:
    return cli.main(["-C", str(project.root), *args])


def catalog(project: Project, lang: str = "en") -> polib.POFile:
    return polib.pofile(project.po_path(lang, "article"))


def translate(project: Project, texts: dict[str, str]) -> None:
    po = catalog(project)
    for entry in po:
        if entry.msgctxt in texts:
            entry.msgstr = texts[entry.msgctxt]
    po.save()


def make_french(tmp_path: Path) -> Project:
    """A French project with an English catalog, translated but for one paragraph."""
    (tmp_path / "source_text").mkdir()
    (tmp_path / "source_text" / "article.md").write_text(ARTICLE, "utf-8")
    (tmp_path / "editions.toml").write_text(
        '[site]\nname = "La Gazette"\nsource_language = "fr"\n', "utf-8"
    )
    project = Project(tmp_path)
    assert run(project, "extract", "-q") == 0
    assert run(project, "init", "en", "-q") == 0
    translate(project, ENGLISH)
    assert run(project, "update", "--no-memory", "-q") == 0
    return project


@pytest.fixture
def french(tmp_path: Path) -> Project:
    return make_french(tmp_path)


@checks_html
def french_site(folder: Path) -> list[Path]:
    project = make_french(folder)
    assert run(project, "build", "--all", "--base-url", BASE, "-q") == 0
    return sorted(Path(project.build_dir).rglob("*.html"))


def test_every_page_of_the_french_site_is_valid_html5(html_checked: Checked) -> None:
    pages = html_checked.pages["french_site"]
    assert len(pages) == 7  # two editions, their pair, two front pages, the editions, status
    found = [
        f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in html_checked.messages(*pages)
        if m["type"] in ("error", "non-document-error")
        or (m["type"] == "info" and m.get("subType") == "warning")
        if not m["message"].startswith("CSS: ")  # the checker's CSS is older than ours
    ]
    assert found == []


@pytest.fixture
def built(french: Project) -> Project:
    assert run(french, "build", "--all", "--base-url", BASE, "-q") == 0
    return french


def text(project: Project, page: str) -> str:
    return (Path(project.build_dir) / page).read_text("utf-8")


def html_lang(html: str) -> str:
    found = re.search(r'<html lang="([^"]+)" dir="([^"]+)"', html)
    assert found is not None
    return f"{found[1]} {found[2]}"


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def json_ld(html: str) -> Any:
    (data,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(data)


def test_the_original_is_french_and_english_a_translation(built: Project) -> None:
    original, english = text(built, "fr/article.html"), text(built, "en/article.html")
    assert html_lang(original) == "fr ltr" and html_lang(english) == "en ltr"
    assert "<h1>Le budget de la ville adopté</h1>" in original
    assert "<h1>The city budget passed</h1>" in english
    # the passage left untranslated is the French standing in, and says so
    assert (
        '<p lang="fr" dir="ltr" class="untranslated">Le tramway circulera jusqu\'à minuit.</p>'
        in english
    )
    assert 'class="untranslated"' not in original.split("<main>")[1]
    # the notice names the language the passage is shown in, not English
    assert (
        "1 of 7 passages is not yet translated and is shown in the original language, "
        '<span lang="fr" dir="ltr">français</span>, <span class="untranslated">'
    ) in english
    assert "English" not in english.split("<main>")[1]
    assert text(built, "fr/article.md") == ARTICLE  # the original, as it is written


def test_hreflang_and_x_default_point_to_the_french_original(built: Project) -> None:
    expected = {
        "fr": f"{BASE}fr/article.html",
        "en": f"{BASE}en/article.html",
        "x-default": f"{BASE}fr/article.html",
    }
    for page in ("fr/article.html", "en/article.html"):
        assert alternates(text(built, page)) == expected
    sitemap = ET.fromstring(text(built, "sitemap.xml"))
    xhtml = "{http://www.w3.org/1999/xhtml}link"
    defaults = {
        link.get("href") for link in sitemap.iter(xhtml) if link.get("hreflang") == "x-default"
    }
    assert defaults == {f"{BASE}index.html", f"{BASE}fr/article.html"}


def test_the_side_by_side_edition_is_french_beside_english(built: Project) -> None:
    pages = sorted(
        p.relative_to(built.build_dir).as_posix() for p in Path(built.build_dir).rglob("*.html")
    )
    assert [p for p in pages if p.startswith("parallel/")] == ["parallel/fr-en/article.html"]
    parallel = text(built, "parallel/fr-en/article.html")
    assert html_lang(parallel) == "fr ltr"
    assert parallel.index("Le budget de la ville adopté") < parallel.index("The city budget passed")
    # the English page offers the pair it is in; the French original offers every pair
    for page in ("fr/article.html", "en/article.html"):
        assert 'href="https://example.org/gazette/parallel/fr-en/article.html"' in text(built, page)


def test_json_ld_names_the_french_page_as_the_work_translated(built: Project) -> None:
    english = json_ld(text(built, "en/article.html"))
    assert english["inLanguage"] == "en"
    assert english["translationOfWork"]["@id"] == f"{BASE}fr/article.html"
    original = json_ld(text(built, "fr/article.html"))
    assert original["inLanguage"] == "fr" and "translationOfWork" not in original


def test_the_front_pages_list_each_language_and_the_original_comes_first(built: Project) -> None:
    front, status = text(built, "index.html"), text(built, "status.html")
    assert html_lang(front) == "fr ltr" and html_lang(status) == "fr ltr"
    assert front.index(f'href="{BASE}fr/index.html"') < front.index(f'href="{BASE}en/index.html"')
    assert html_lang(text(built, "fr/index.html")) == "fr ltr"
    english_front = text(built, "en/index.html")
    assert html_lang(english_front) == "en ltr" and "The city budget passed" in english_front
    assert "Le budget de la ville adopté" in status  # the status page names the original
    assert '<span class="note">(1 sur 7 dans la langue originale)</span>' in status
    assert "anglais)" not in status
    feed = ET.fromstring(text(built, "en/feed.atom"))
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_a_second_build_with_nothing_changed_writes_nothing(built: Project) -> None:
    files = sorted(Path(built.build_dir).rglob("*"))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files if p.is_file()}
    assert run(built, "build", "--all", "--base-url", BASE, "-q") == 0
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files if p.is_file()}
    assert after == before


def test_xliff_and_tmx_say_the_source_is_french(french: Project, tmp_path: Path) -> None:
    xliff, tmx = tmp_path / "en.xlf", tmp_path / "en.tmx"
    assert run(french, "export", "--lang", "en", "-o", str(xliff), "-q") == 0
    (file,) = ET.parse(xliff).getroot()
    assert (file.get("source-language"), file.get("target-language")) == ("fr", "en")
    assert run(french, "export", "--lang", "en", "--format", "tmx", "-o", str(tmx), "-q") == 0
    root = ET.parse(tmx).getroot()
    assert root.find("header").get("srclang") == "fr"  # type: ignore[union-attr]
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    langs = {tuv.get(xml_lang) for tuv in root.iter("tuv")}
    assert langs == {"fr", "en"}


def test_check_calls_the_source_text_the_french(
    french: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    translate(french, {"lede": "The city council passed the budget last night."})
    assert run(french, "check", "--lang", "en") == 0
    said = capsys.readouterr()
    assert "the number 2027 of the French is not in the translation [numbers]" in said.out
    assert "English" not in said.out


def test_init_refuses_the_source_language(
    french: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(french, "init", "fr") == 1
    err = capsys.readouterr().err
    assert "'fr' is the language of the sources: it has no catalog" in err
    assert "Traceback" not in err
    assert not Path(french.po_dir("fr")).exists()


@pytest.mark.parametrize(
    ("tag", "said"),
    [("qqq", "site.source_language: "), ("pt-BR", "write 'pt_BR', as a language's folder")],
)
def test_a_source_language_unknown_or_miswritten_is_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tag: str, said: str
) -> None:
    (tmp_path / "source_text").mkdir()
    (tmp_path / "source_text" / "article.md").write_text(ARTICLE, "utf-8")
    (tmp_path / "editions.toml").write_text(f'[site]\nname = "x"\nsource_language = "{tag}"\n')
    assert run(Project(tmp_path), "build", "--all") == 1
    err = capsys.readouterr().err
    assert err.startswith("editions.toml:3: error: site.source_language: ")
    assert said in err and "Traceback" not in err
    assert not (tmp_path / "build").exists()


GLOSSARY = """\
<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="fr">
  <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="council">
      <langSec xml:lang="fr"><termSec><term>conseil municipal</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
      <langSec xml:lang="en"><termSec><term>city council</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_the_glossary_holds_french_terms(french: Project, tmp_path: Path) -> None:
    tbx = tmp_path / "terms.tbx"
    tbx.write_text(GLOSSARY, "utf-8")
    assert run(french, "glossary", "import", str(tbx), "-q") == 0
    exported = (Path(french.locales_dir) / "glossary.tbx").read_text("utf-8")
    assert 'xml:lang="fr"' in exported.split("\n")[1]  # the <tbx>'s language, the source's
    assert run(french, "update", "--no-memory", "-q") == 0
    (lede,) = [e for e in catalog(french) if e.msgctxt == "lede"]
    assert "glossary: conseil municipal = city council" in lede.comment


def test_a_glossary_without_the_source_language_is_refused(
    french: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tbx = tmp_path / "terms.tbx"
    tbx.write_text(GLOSSARY.replace('xml:lang="fr"><termSec>', 'xml:lang="de"><termSec>'), "utf-8")
    assert run(french, "glossary", "import", str(tbx)) == 1
    assert "an entry needs one <langSec xml:lang='fr'>" in capsys.readouterr().err


def test_a_tmx_memory_is_read_from_its_french_side(french: Project, tmp_path: Path) -> None:
    memory = tmp_path / "agency.tmx"
    memory.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" segtype="paragraph" o-tmf="x" adminlang="en" srclang="fr" '
        'datatype="plaintext"/><body><tu tuid="old:7">'
        '<tuv xml:lang="fr-FR"><seg>Le tramway circulera jusqu\'à minuit.</seg></tuv>'
        '<tuv xml:lang="en"><seg>Trams will run until midnight.</seg></tuv>'
        "</tu></body></tmx>",
        "utf-8",
    )
    assert run(french, "update", "--memory", str(memory), "-q") == 0
    (entry,) = [e for e in catalog(french) if e.msgctxt == "transports/p-1"]
    assert entry.msgstr == "Trams will run until midnight."
    assert entry.tcomment == "memory: 100 % agency.tmx old:7"


def test_an_urdu_page_says_in_urdu_that_untranslated_passages_are_french(french: Project) -> None:
    assert run(french, "init", "ur", "-q") == 0
    assert run(french, "build", "--lang", "ur", "-q") == 0
    page = text(french, "ur/article.html")
    notice = re.search(r'<p class="notice" dir="auto">\n(.*?)</p>', page, re.S)
    assert notice is not None
    assert "اصل زبان (" in notice[1] and "English" not in notice[1]
    assert '<span lang="fr" dir="ltr">français</span>' in notice[1]
    assert '<p lang="fr" dir="ltr" class="lede untranslated">' in page
