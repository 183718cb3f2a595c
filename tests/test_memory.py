"""Translation memory in ``update``: suggestions from the project's other documents and
from external memories, their origins, and what they never touch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from conftest import ROOT, pseudo_po
from editions import cli, memory, source
from editions.po import read, write
from editions.project import Project

Capture = pytest.CaptureFixture[str]

LEDE = (
    "Pakistan is under increasing international scrutiny regarding human rights issues in "
    "Balochistan. Reports of alleged human rights abuses have prompted global condemnation "
    "and calls for action to address the situation in the region."
)
EDITED = LEDE.replace("increasing", "growing")
FOLLOW_UP = f"""# A Follow-up on Balochistan

{LEDE}

## What Changed {{#changed}}

{EDITED}

Nothing in this sentence was ever translated before.
"""


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """The seed article translated (pseudo) in French and Urdu, and a follow-up that repeats
    its lede exactly and edited, with no catalog yet."""
    shutil.copytree(ROOT / "source_text", tmp_path / "source_text")
    project = Project(tmp_path)
    article = source.read(project.source_path("article"), "source_text/article.md")
    for lang in ("fr", "ur"):
        path = Path(project.po_path(lang, "article"))
        path.parent.mkdir(parents=True)
        path.write_text(write.format_po(pseudo_po(article, lang)), "utf-8")
    Path(project.source_path("follow")).write_text(FOLLOW_UP, "utf-8")
    return project


def run(project: Project, *args: str) -> int:
    return cli.main(["-C", str(project.root), *args])


def entries(project: Project, lang: str, doc: str = "follow") -> dict[str, object]:
    po = read.read_po(project.po_path(lang, doc))
    return {e.msgctxt: e for e in po if not e.obsolete}


def snapshot(folder: str) -> dict[str, tuple[bytes, int]]:
    return {
        str(p): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(Path(folder).rglob("*.po"))
        if p.is_file()
    }


def test_a_follow_up_gets_suggestions_in_every_language_with_their_origins(
    project: Project, capsys: Capture
) -> None:
    assert run(project, "update") == 0
    err = capsys.readouterr().err
    assert "created locales/fr/LC_MESSAGES/follow.po: new document, 2 from memory" in err
    assert "created locales/ur/LC_MESSAGES/follow.po: new document, 2 from memory" in err
    for lang in ("fr", "ur"):
        found = entries(project, lang)
        exact, similar = found["lede"], found["changed/p-1"]
        assert exact.msgstr == f"⟦{LEDE}⟧"  # type: ignore[attr-defined]
        assert exact.flags == ["fuzzy"]  # type: ignore[attr-defined]
        assert exact.tcomment == "memory: 100 % article.md lede"  # type: ignore[attr-defined]
        assert exact.previous_msgid is None  # type: ignore[attr-defined]
        assert similar.msgstr == f"⟦{LEDE}⟧"  # type: ignore[attr-defined]
        assert similar.flags == ["fuzzy"]  # type: ignore[attr-defined]
        assert similar.previous_msgid == LEDE  # type: ignore[attr-defined]
        score = fuzz.ratio(LEDE, EDITED)
        assert 75 <= score < 100
        assert similar.tcomment == f"memory: {int(score)} % article.md lede"  # type: ignore[attr-defined]
        for ctxt in ("title", "changed/heading", "changed/p-2"):
            assert found[ctxt].msgstr == ""  # type: ignore[attr-defined]


def test_nothing_churns_and_translator_work_is_never_overwritten(
    project: Project, capsys: Capture
) -> None:
    assert run(project, "update") == 0
    path = Path(project.po_path("fr", "follow"))
    text = path.read_text("utf-8")
    before = snapshot(project.locales_dir)
    assert run(project, "update") == 0
    assert run(project, "update", "--check") == 0
    assert snapshot(project.locales_dir) == before  # not a byte, not a write
    # the translator reviews one suggestion and translates another passage herself
    text = text.replace('#, fuzzy\nmsgctxt "lede"', 'msgctxt "lede"').replace(
        'msgctxt "changed/p-2"\nmsgid "Nothing in this sentence was ever translated before."\n'
        'msgstr ""',
        'msgctxt "changed/p-2"\nmsgid "Nothing in this sentence was ever translated before."\n'
        'msgstr "Rien de cette phrase."',
    )
    path.write_text(text, "utf-8")
    # the seed's translation of its lede changes: no suggestion replaces hers
    seed = Path(project.po_path("fr", "article"))
    seed.write_text(seed.read_text("utf-8").replace(f"⟦{LEDE}⟧", "Autre."), "utf-8")
    assert run(project, "update") == 0
    assert path.read_text("utf-8") == text
    found = entries(project, "fr")
    assert found["lede"].flags == []  # type: ignore[attr-defined]
    assert found["changed/p-2"].msgstr == "Rien de cette phrase."  # type: ignore[attr-defined]


def test_accept_exact_files_the_same_english_of_the_same_kind_as_reviewed(
    project: Project,
) -> None:
    assert run(project, "update", "--accept-exact", "-q") == 0
    found = entries(project, "fr")
    assert found["lede"].flags == []  # type: ignore[attr-defined]
    assert found["changed/p-1"].flags == ["fuzzy"]  # type: ignore[attr-defined]


def test_the_same_english_in_another_kind_of_passage_stays_fuzzy(project: Project) -> None:
    # the seed's lede, as a paragraph under a heading: 100 %, but not the same kind
    Path(project.source_path("follow")).write_text(f"# T\n\n## H {{#h}}\n\n{LEDE}\n", "utf-8")
    assert run(project, "update", "--accept-exact", "-q") == 0
    found = entries(project, "fr")["h/p-1"]
    assert found.flags == ["fuzzy"]  # type: ignore[attr-defined]
    assert found.tcomment == "memory: 100 % article.md lede"  # type: ignore[attr-defined]


def test_no_memory_and_a_catalogs_own_document_suggest_nothing(project: Project) -> None:
    assert run(project, "update", "--no-memory", "-q") == 0
    assert entries(project, "fr")["lede"].msgstr == ""  # type: ignore[attr-defined]
    # the article's own untranslated lede is not offered its own old translation
    po = read.read_po(project.po_path("ur", "article"))
    for entry in po:
        if entry.msgctxt == "lede":
            entry.msgstr = ""
    Path(project.po_path("ur", "article")).write_text(write.format_po(po), "utf-8")
    Path(project.po_path("ur", "follow")).unlink()
    assert run(project, "update", "--lang", "ur", "--doc", "article", "-q") == 0
    assert entries(project, "ur", "article")["lede"].msgstr == ""  # type: ignore[attr-defined]


def test_an_external_tmx_memory_is_a_source_marked_with_its_name(
    project: Project, tmp_path: Path
) -> None:
    tmx = tmp_path / "agency.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" '
        'datatype="plaintext"/><body>'
        '<tu tuid="old:42"><tuv xml:lang="en-US"><seg>Nothing in this sentence was ever '
        'translated before.</seg></tuv><tuv xml:lang="fr-FR"><seg>Jamais traduite.</seg></tuv>'
        '<tuv xml:lang="de"><seg>Nie.</seg></tuv></tu></body></tmx>',
        "utf-8",
    )
    assert run(project, "update", "--memory", str(tmx), "-q") == 0
    fr = entries(project, "fr")["changed/p-2"]
    assert fr.msgstr == "Jamais traduite."  # type: ignore[attr-defined]
    assert fr.tcomment == "memory: 100 % agency.tmx old:42"  # type: ignore[attr-defined]
    assert entries(project, "ur")["changed/p-2"].msgstr == ""  # type: ignore[attr-defined]


def test_a_po_compendium_is_a_source_for_its_language(project: Project, tmp_path: Path) -> None:
    compendium = tmp_path / "compendium.po"
    compendium.write_text(
        'msgid ""\nmsgstr ""\n"Language: ur\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "A Follow-up on Balochistan"\nmsgstr "بلوچستان پر"\n',
        "utf-8",
    )
    assert run(project, "update", "--memory", str(compendium), "-q") == 0
    assert entries(project, "ur")["title"].msgstr == "بلوچستان پر"  # type: ignore[attr-defined]
    assert entries(project, "ur")["title"].tcomment == "memory: 100 % compendium.po"  # type: ignore[attr-defined]
    assert entries(project, "fr")["title"].msgstr == ""  # type: ignore[attr-defined]


def test_a_memory_file_that_is_missing_or_broken_is_one_error(
    project: Project, tmp_path: Path, capsys: Capture
) -> None:
    before = snapshot(project.locales_dir)
    assert run(project, "update", "--memory", str(tmp_path / "nope.tmx")) == 1
    assert "nope.tmx: error: no such memory file" in capsys.readouterr().err
    broken = tmp_path / "broken.tmx"
    broken.write_text("<tmx><body>", "utf-8")
    assert run(project, "update", "--memory", str(broken)) == 1
    assert "broken.tmx: error: not a TMX file" in capsys.readouterr().err
    assert snapshot(project.locales_dir) == before


def test_memory_in_worker_processes_gives_the_same_bytes(project: Project) -> None:
    """Catalogs that exist are updated in worker processes when there are many: each
    builds the memory it needs, with the bytes of one process."""
    other = Project(Path(project.root).parent / "other")
    shutil.copytree(project.root, other.root)
    for p in (project, other):
        for n in range(40):
            Path(p.source_path(f"copy-{n:02}")).write_text(FOLLOW_UP, "utf-8")
        assert run(p, "update", "-q", "--no-memory") == 0  # 84 catalogs, untranslated
    assert run(project, "update", "-q", "-j", "1") == 0
    assert run(other, "update", "-q", "-j", "2") == 0
    mine, theirs = snapshot(project.locales_dir), snapshot(other.locales_dir)
    assert [v[0] for v in mine.values()] == [v[0] for v in theirs.values()]
    assert entries(other, "fr", "copy-07")["lede"].msgstr == f"⟦{LEDE}⟧"  # type: ignore[attr-defined]


def test_kind_of_passage() -> None:
    assert memory.kind("reactions/point-2/title") == "title"
    assert memory.kind("lede") == "lede"
    assert memory.kind(None) == ""


def test_a_memory_answered_part_by_part_gives_what_the_whole_gives() -> None:
    """The least answer of the parts, by rank, is the whole memory's: exact before similar,
    the same kind first, a higher score first, then the least origin and place."""
    base = "The minister said the talks would resume next week in the capital."
    other = "Officials confirmed the border crossing would reopen on Monday morning."
    parts = {  # a.md's p-2 scores 99.29 against other, b.md's 99.30: both say 99 %
        "b.md": [
            ("b/p-1", base),
            ("b/title", base.replace("minister", "ministers")),
            ("b/p-2", other.replace("Monday", "Mondays")),
        ],
        "a.md": [
            ("a/title", base),
            ("a/p-1", base.replace("next", "last")),
            ("a/p-2", other.replace("Officials", "Official")),
        ],
        "c.md": [("c/p-1", base.replace("talks", "walks")), ("c/p-2", base + " Again.")],
        "d.md": [("d/p-1", base.replace("next", "lest")), ("d/p-3", "Unrelated.")],
    }
    everything = [
        memory.Candidate(origin, ctxt, english, f"{origin}:{ctxt}")
        for origin, pairs in parts.items()
        for ctxt, english in pairs
    ]
    wanted = tuple(
        memory.Wanted("new.md", ctxt, english)
        for ctxt in ("x/p-1", "x/title", "x/c1")
        for english in (
            base,
            base.replace("next", "past"),
            base.replace("minister", "ministry"),
            base + " Again!",
            "Unrelated",
            "Nothing like it at all.",
            other,
        )
    )
    whole = memory.Memory()
    for candidate in everything:
        whole.add(candidate)
    whole.done()
    gathered = memory.Answers(wanted)
    for origin in ("d.md", "b.md", "c.md", "a.md"):  # in no particular order
        gathered.merge(memory.answers([c for c in everything if c.origin == origin], wanted))
    expected = [whole.lookup(w.english, w.msgctxt, w.skip) for w in wanted]
    assert [gathered.lookup(w.english, w.msgctxt, w.skip) for w in wanted] == expected
    assert sum(s is not None for s in expected) == 18  # all but "Nothing like it at all."
    assert expected[0] is not None and expected[0].candidate.translation == "b.md:b/p-1"
    assert expected[7] is not None and expected[7].candidate.translation == "a.md:a/title"
    assert expected[6] is not None and expected[6].candidate.translation == "b.md:b/p-2"


def test_the_catalogs_update_merges_are_not_read_again_for_a_new_document(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # both runs make new catalogs
    expected = Path(f"{project.root}-expected")
    shutil.copytree(project.root, expected)
    assert run(Project(expected), "update", "-q") == 0

    def no_second_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("a catalog read again")

    monkeypatch.setattr(memory, "read_po", no_second_reading)
    assert run(project, "update", "-q") == 0
    mine = [v[0] for v in snapshot(project.locales_dir).values()]
    assert mine == [v[0] for v in snapshot(str(expected / "locales")).values()]


def test_a_new_document_alone_reads_the_memory_it_needs(project: Project) -> None:
    assert run(project, "update", "--doc", "follow", "-q") == 0
    found = entries(project, "ur")
    assert found["lede"].msgstr == f"⟦{LEDE}⟧"  # type: ignore[attr-defined]
    assert found["lede"].tcomment == "memory: 100 % article.md lede"  # type: ignore[attr-defined]
    assert found["changed/p-1"].previous_msgid == LEDE  # type: ignore[attr-defined]


def test_an_update_with_nothing_untranslated_never_looks_in_the_memory(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    Path(project.source_path("follow")).unlink()

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("memory looked in")

    for name in ("answers", "gather", "read_po"):  # memory_of reads with read_po
        monkeypatch.setattr(memory, name, never)
    assert run(project, "update", "-q") == 0


def test_a_new_documents_memory_from_worker_processes_gives_the_same_bytes(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With many catalogs, those merged in worker processes answer the new document's
    messages; ties between documents go, as in one process, to the least origin."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # both runs make new catalogs
    article = source.read(project.source_path("article"), "source_text/article.md")
    text = Path(project.source_path("article")).read_text("utf-8")
    for n in range(40):
        doc = f"copy-{n:02}"
        Path(project.source_path(doc)).write_text(text, "utf-8")
        for lang in ("fr", "ur"):
            po = pseudo_po(article._replace(doc=doc), lang, mark=f"{{}} ({doc})")
            Path(project.po_path(lang, doc)).write_text(write.format_po(po), "utf-8")
    other = Project(f"{project.root}-other")
    shutil.copytree(project.root, other.root)
    assert run(project, "update", "-q", "-j", "1") == 0
    assert run(other, "update", "-q", "-j", "2") == 0
    mine, theirs = snapshot(project.locales_dir), snapshot(other.locales_dir)
    assert [v[0] for v in mine.values()] == [v[0] for v in theirs.values()]
    found = entries(other, "ur")
    assert found["lede"].msgstr == f"⟦{LEDE}⟧"  # type: ignore[attr-defined]
    assert found["lede"].tcomment == "memory: 100 % article.md lede"  # type: ignore[attr-defined]
