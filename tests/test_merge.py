"""``editions update``: edits of the English, and what happens to each translation.

Each scenario starts from a small article, translated in full into French
(``FR:`` + the English, and a French point layout), edits the English, runs
``editions update`` and checks the catalog entry by entry.
"""

from __future__ import annotations

import copy
import difflib
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from editions import catalog, cli, source, translations
from editions.localedata import locale_info
from editions.po import merge, read, write
from editions.project import Project

ARTICLE = """\
# Storm Closes the Harbour

The harbour closed on Monday after a storm.

## What Happened {#events}

1. **Damage:** Waves broke the north wall.
2. **Ships:** Twelve ships stayed at sea - all crews are safe.

## What Comes Next {#next}

1. **Repairs:** Work starts in May.

The port's managers hope to reopen soon.
"""

FR_LAYOUT = "**{title} :** {text}"
MSGCAT = shutil.which("msgcat")


def french(english: str) -> str:
    return f"FR:{english}"


def translate_all(po: polib.POFile) -> None:
    for entry in po:
        entry.msgstr = FR_LAYOUT if entry.msgctxt == "layout/point" else french(entry.msgid)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A project with ``ARTICLE`` as its source and a French catalog translating all of it."""
    (tmp_path / "source_text").mkdir()
    (tmp_path / "source_text" / "article.md").write_text(ARTICLE, "utf-8")
    project = Project(tmp_path)
    article = source.parse(ARTICLE, "source_text/article.md", "article")
    po = catalog.new_po(catalog.to_pot(article, article.path), "article", locale_info("fr"))
    translate_all(po)
    path = Path(project.po_path("fr", "article"))
    path.parent.mkdir(parents=True)
    path.write_text(write.format_po(po), "utf-8")
    return project


def edit(project: Project, old: str, new: str) -> None:
    path = Path(project.source_path("article"))
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), "utf-8")


def update(project: Project, *args: str) -> int:
    return cli.main(["-C", str(project.root), "update", *args])


def catalog_of(project: Project) -> polib.POFile:
    return read.read_po(project.po_path("fr", "article"))


def active(project: Project) -> dict[str, polib.POEntry]:
    return {e.msgctxt: e for e in catalog_of(project) if not e.obsolete}


def obsolete(project: Project) -> list[polib.POEntry]:
    return [e for e in catalog_of(project) if e.obsolete]


def template_order(project: Project) -> list[str]:
    article = source.read(project.source_path("article"), "source_text/article.md")
    return [s.id for s in article.segments()]


def assert_kept(entry: polib.POEntry, english: str) -> None:
    """The entry is today's English, translated, reviewed."""
    assert entry.msgid == english
    assert entry.msgstr == french(english)
    assert "fuzzy" not in entry.flags
    assert entry.previous_msgid is None


def assert_msgcat_agrees(path: Path) -> None:
    """GNU msgcat writes the catalog back byte for byte: it is formatted as gettext formats."""
    assert MSGCAT, "GNU gettext's msgcat is needed: run 'make system-deps'"
    done = subprocess.run([MSGCAT, str(path)], capture_output=True, check=True)
    assert done.stdout.decode("utf-8") == path.read_text("utf-8")


# -- Nothing changed -------------------------------------------------------------------------


def test_nothing_changed_changes_no_byte(project: Project) -> None:
    path = Path(project.po_path("fr", "article"))
    before = path.read_bytes(), path.stat().st_mtime_ns
    assert update(project) == 0
    assert update(project, "--check") == 0
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


# -- A point's text changes ------------------------------------------------------------------


def test_changed_text_keeps_the_translation_as_fuzzy_with_the_previous_english(
    project: Project,
) -> None:
    old_english = "Waves broke the north wall."
    edit(project, old_english, "Waves broke the north and east walls.")
    before = active(project)
    assert update(project, "--check") == cli.EXIT_STALE
    assert update(project) == 0

    after = active(project)
    entry = after["events/point-1/text"]
    assert entry.msgid == "Waves broke the north and east walls."
    assert entry.msgstr == french(old_english)  # kept, for the translator to revise
    assert entry.flags == ["fuzzy"]
    assert entry.previous_msgid == old_english
    assert entry.comment == before["events/point-1/text"].comment
    for ctxt, other in after.items():
        if ctxt != "events/point-1/text":
            assert other.msgstr == before[ctxt].msgstr and "fuzzy" not in other.flags, ctxt
            assert other.previous_msgid is None
    assert obsolete(project) == []
    assert update(project, "--check") == 0


def test_a_second_change_keeps_the_english_the_translation_was_made_for(
    project: Project,
) -> None:
    edit(project, "Waves broke the north wall.", "Waves broke the north and east walls.")
    assert update(project) == 0
    edit(project, "north and east walls.", "north, east and south walls.")
    assert update(project) == 0
    entry = active(project)["events/point-1/text"]
    assert entry.msgid == "Waves broke the north, east and south walls."
    assert entry.previous_msgid == "Waves broke the north wall."
    assert entry.flags == ["fuzzy"]


def test_an_english_change_undone_makes_the_translation_current_again(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project, "Waves broke the north wall.", "Waves broke the north and east walls.")
    assert update(project) == 0
    edit(project, "Waves broke the north and east walls.", "Waves broke the north wall.")
    assert update(project) == 0
    assert_kept(active(project)["events/point-1/text"], "Waves broke the north wall.")
    assert capsys.readouterr().err.splitlines()[-1].endswith(": 1 reverted")
    assert obsolete(project) == []


def test_an_english_change_undone_after_a_second_change_makes_it_current_again(
    project: Project,
) -> None:
    edit(project, "Waves broke the north wall.", "Waves broke the north and east walls.")
    assert update(project) == 0
    edit(project, "north and east walls.", "north, east and south walls.")
    assert update(project) == 0
    edit(project, "Waves broke the north, east and south walls.", "Waves broke the north wall.")
    assert update(project) == 0
    assert_kept(active(project)["events/point-1/text"], "Waves broke the north wall.")


# -- Only punctuation or spacing changes -----------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("The port's managers", "The port’s managers"),  # curly apostrophe
        ("stayed at sea - all", "stayed at sea — all"),  # em dash for a hyphen
        ("stayed at sea - all", "stayed at sea\u00a0- all"),  # a no-break space
        ("The harbour closed on Monday", "The harbour  closed on\nMonday"),  # spacing, a line
    ],
)
def test_typographic_changes_keep_the_translation_without_fuzzy(
    project: Project, old: str, new: str
) -> None:
    ctxt = "events/point-2/text" if "sea" in old else "closing" if "port" in old else "lede"
    before = active(project)[ctxt]
    edit(project, old, new)
    assert update(project) == 0
    entry = active(project)[ctxt]
    assert entry.msgid == before.msgid.replace(old, new)  # today's English
    assert entry.msgstr == before.msgstr
    assert "fuzzy" not in entry.flags
    assert entry.previous_msgid is None
    assert obsolete(project) == []


def test_other_punctuation_is_a_real_change(project: Project) -> None:
    edit(project, "Work starts in May.", "Work starts in May?")
    assert update(project) == 0
    entry = active(project)["next/point-1/text"]
    assert entry.flags == ["fuzzy"]
    assert entry.previous_msgid == "Work starts in May."


# -- A point is removed, then comes back -----------------------------------------------------


SHIPS = "2. **Ships:** Twelve ships stayed at sea - all crews are safe.\n"


def test_a_removed_point_becomes_obsolete_and_comes_back_with_its_translation(
    project: Project,
) -> None:
    edit(project, SHIPS, "")
    assert update(project) == 0
    assert "events/point-2/title" not in active(project)
    gone = {(e.msgctxt, e.msgid): e.msgstr for e in obsolete(project)}
    assert gone == {
        ("events/point-2/title", "Ships"): french("Ships"),
        ("events/point-2/text", "Twelve ships stayed at sea - all crews are safe."): french(
            "Twelve ships stayed at sea - all crews are safe."
        ),
    }
    assert [e.msgctxt for e in catalog_of(project)][-2:] == [
        "events/point-2/title",
        "events/point-2/text",
    ]  # obsolete entries last

    edit(
        project,
        "1. **Damage:** Waves broke the north wall.\n",
        "1. **Damage:** Waves broke the north wall.\n" + SHIPS,
    )
    assert update(project) == 0
    entries = active(project)
    assert_kept(entries["events/point-2/title"], "Ships")
    assert_kept(entries["events/point-2/text"], "Twelve ships stayed at sea - all crews are safe.")
    assert obsolete(project) == []
    assert [e.msgctxt for e in catalog_of(project)] == template_order(project)


def test_an_untranslated_removed_message_is_dropped(project: Project) -> None:
    path = Path(project.po_path("fr", "article"))
    po = catalog_of(project)
    next(e for e in po if e.msgctxt == "events/point-2/title").msgstr = ""
    path.write_text(write.format_po(po), "utf-8")
    edit(project, SHIPS, "")
    assert update(project) == 0
    assert [e.msgctxt for e in obsolete(project)] == ["events/point-2/text"]


# -- A point moves, points are added ---------------------------------------------------------


def test_a_moved_point_takes_its_translation_along(project: Project) -> None:
    edit(project, SHIPS, "")
    edit(
        project,
        "1. **Repairs:** Work starts in May.\n",
        "1. **Repairs:** Work starts in May.\n" + SHIPS,
    )
    assert update(project, "--verbose") == 0
    entries = active(project)
    assert "events/point-2/title" not in entries
    assert_kept(entries["next/point-2/title"], "Ships")
    assert_kept(entries["next/point-2/text"], "Twelve ships stayed at sea - all crews are safe.")
    assert (
        entries["next/point-2/text"].comment == "Text of point 2 in the section 'What Comes Next'"
    )
    assert obsolete(project) == []  # the translation lives on where the English went
    assert [e.msgctxt for e in catalog_of(project)] == template_order(project)


def test_swapped_points_swap_their_translations(project: Project) -> None:
    damage = "1. **Damage:** Waves broke the north wall.\n"
    edit(project, damage + SHIPS, SHIPS.replace("2.", "1.") + damage.replace("1.", "2."))
    assert update(project) == 0
    entries = active(project)
    assert_kept(entries["events/point-1/title"], "Ships")
    assert_kept(entries["events/point-2/title"], "Damage")
    assert_kept(entries["events/point-2/text"], "Waves broke the north wall.")
    assert obsolete(project) == []


def test_a_point_added_first_shifts_the_others_without_fuzzy_guesses(project: Project) -> None:
    new = "1. **Harbour Master:** The harbour master asked for help.\n"
    edit(
        project,
        "1. **Damage:** Waves broke the north wall.\n" + SHIPS,
        new + "2. **Damage:** Waves broke the north wall.\n" + SHIPS.replace("2.", "3."),
    )
    assert update(project) == 0
    entries = active(project)
    for ctxt, english in [("events/point-1/title", "Harbour Master")]:
        assert entries[ctxt].msgid == english
        assert entries[ctxt].msgstr == ""  # new: no unrelated translation offered as fuzzy
        assert entries[ctxt].flags == []
    assert_kept(entries["events/point-2/title"], "Damage")
    assert_kept(entries["events/point-3/title"], "Ships")
    assert_kept(entries["events/point-3/text"], "Twelve ships stayed at sea - all crews are safe.")
    assert obsolete(project) == []
    assert [e.msgctxt for e in catalog_of(project)] == template_order(project)


def test_an_added_point_is_new_and_in_its_place(project: Project) -> None:
    edit(
        project,
        "1. **Repairs:** Work starts in May.\n",
        "1. **Repairs:** Work starts in May.\n2. **Funding:** The city pays half.\n",
    )
    assert update(project) == 0
    entries = active(project)
    assert entries["next/point-2/title"].msgid == "Funding"
    assert entries["next/point-2/title"].msgstr == ""
    assert entries["next/point-2/text"].msgstr == ""
    assert_kept(entries["next/point-1/text"], "Work starts in May.")
    assert [e.msgctxt for e in catalog_of(project)] == template_order(project)


# -- Passages inserted, deleted, split, joined, reordered: the translation follows the English


def by_english(project: Project) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in catalog_of(project) if not e.obsolete}


def retranslate(project: Project) -> None:
    """The French catalog translated in full again, as a translator would after an update."""
    path = Path(project.po_path("fr", "article"))
    po = catalog_of(project)
    translate_all(po)
    for entry in po:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgctxt = entry.previous_msgid = None
    path.write_text(write.format_po(po), "utf-8")


def assert_fuzzy(entry: polib.POEntry, english: str, place: str | None = None) -> None:
    """The entry carries the translation of ``english`` (at ``place``), marked fuzzy."""
    assert entry.msgstr == french(english)
    assert entry.flags == ["fuzzy"]
    assert entry.previous_msgid == english
    assert entry.previous_msgctxt == place


def assert_new(entry: polib.POEntry) -> None:
    assert (entry.msgstr, entry.flags, entry.previous_msgid) == ("", [], None)


def test_a_point_inserted_first_and_the_next_edited_get_no_wrong_translation(
    project: Project,
) -> None:
    """The case GNU msgmerge gets right: places shift, the translation follows its English."""
    edit(
        project,
        "1. **Damage:** Waves broke the north wall.\n" + SHIPS,
        "1. **Harbour Master:** The harbour master asked for help.\n"
        "2. **Damage:** Waves broke the north and east walls.\n" + SHIPS.replace("2.", "3."),
    )
    assert update(project) == 0
    entries = active(project)
    assert_new(entries["events/point-1/title"])
    assert_new(entries["events/point-1/text"])
    assert_kept(entries["events/point-2/title"], "Damage")
    assert entries["events/point-2/text"].msgid == "Waves broke the north and east walls."
    assert_fuzzy(
        entries["events/point-2/text"], "Waves broke the north wall.", "events/point-1/text"
    )
    assert_kept(entries["events/point-3/title"], "Ships")
    assert_kept(entries["events/point-3/text"], "Twelve ships stayed at sea - all crews are safe.")
    assert obsolete(project) == []
    path = Path(project.po_path("fr", "article"))
    assert '#| msgctxt "events/point-1/text"\n#| msgid "Waves broke the north wall."\n' in (
        path.read_text("utf-8")
    )
    assert_msgcat_agrees(path)
    assert update(project, "--check") == 0


def test_a_point_deleted_and_the_next_edited_get_no_wrong_translation(project: Project) -> None:
    edit(project, "1. **Damage:** Waves broke the north wall.\n", "")
    edit(
        project,
        "2. **Ships:** Twelve ships stayed at sea - all crews are safe.",
        "1. **Ships:** Twelve ships stayed at sea; two crews are missing.",
    )
    assert update(project) == 0
    entries = active(project)
    assert_kept(entries["events/point-1/title"], "Ships")
    assert_fuzzy(
        entries["events/point-1/text"],
        "Twelve ships stayed at sea - all crews are safe.",
        "events/point-2/text",
    )
    assert {(e.msgctxt, e.msgstr) for e in obsolete(project)} == {
        ("events/point-1/title", french("Damage")),
        ("events/point-1/text", french("Waves broke the north wall.")),
    }


LEDE = "The harbour closed on Monday after a storm."
FIRST, SECOND = "The harbour closed on Monday.", "A storm had broken the north wall."


def test_a_split_paragraph_keeps_its_translation_on_the_part_it_is_most_like(
    project: Project,
) -> None:
    edit(project, LEDE, f"{FIRST}\n\n{SECOND}")
    assert update(project) == 0
    entries = by_english(project)
    assert_fuzzy(entries[FIRST], LEDE)
    assert entries[FIRST].msgctxt == "lede"
    assert_new(entries[SECOND])
    assert obsolete(project) == []


def test_joined_paragraphs_keep_the_translation_of_the_part_most_like_the_whole(
    project: Project,
) -> None:
    edit(project, LEDE, f"{FIRST}\n\n{SECOND}")
    assert update(project) == 0
    retranslate(project)
    second_place = by_english(project)[SECOND].msgctxt
    edit(project, f"{FIRST}\n\n{SECOND}", f"{FIRST} {SECOND}")
    assert update(project) == 0
    entries = by_english(project)
    assert_fuzzy(entries[f"{FIRST} {SECOND}"], SECOND, second_place)
    assert [(e.msgid, e.msgstr) for e in obsolete(project)] == [(FIRST, french(FIRST))]


def test_reordered_and_edited_points_put_no_translation_on_the_wrong_point(
    project: Project,
) -> None:
    """Swapped, and each text edited: the text that stayed between the same unchanged
    neighbours (the titles) is an edit of the one there before; the text that moved past
    an unchanged passage and changed is new, its old translation kept as ``#~`` for the
    translator."""
    damage = "1. **Damage:** Waves broke the north wall.\n"
    edit(
        project,
        damage + SHIPS,
        "1. **Ships:** Twelve ships stayed at sea; two crews are missing.\n"
        "2. **Damage:** Waves broke the north and east walls.\n",
    )
    assert update(project) == 0
    entries = active(project)
    assert_kept(entries["events/point-1/title"], "Ships")
    assert_kept(entries["events/point-2/title"], "Damage")
    assert_fuzzy(
        entries["events/point-2/text"], "Waves broke the north wall.", "events/point-1/text"
    )
    assert_new(entries["events/point-1/text"])
    gone = [(e.msgid, e.msgstr) for e in obsolete(project)]
    assert gone == [(SHIPS[14:-1], french(SHIPS[14:-1]))]


def test_swapped_points_all_edited_take_the_translations_they_are_edits_of(
    project: Project,
) -> None:
    """Nothing unchanged between them: the points are told apart by their English alone."""
    damage = "1. **Damage:** Waves broke the north wall.\n"
    edit(
        project,
        damage + SHIPS,
        "1. **Ship:** Twelve ships stayed at sea; two crews are missing.\n"
        "2. **Damages:** Waves broke the north and east walls.\n",
    )
    assert update(project) == 0
    entries = active(project)
    assert_fuzzy(entries["events/point-1/title"], "Ships", "events/point-2/title")
    assert_fuzzy(
        entries["events/point-1/text"],
        "Twelve ships stayed at sea - all crews are safe.",
        "events/point-2/text",
    )
    assert_fuzzy(entries["events/point-2/title"], "Damage", "events/point-1/title")
    assert_fuzzy(
        entries["events/point-2/text"], "Waves broke the north wall.", "events/point-1/text"
    )
    assert obsolete(project) == []


def test_a_rewritten_passage_is_new_and_its_old_translation_obsolete(project: Project) -> None:
    edit(project, "Work starts in May.", "The city has not yet chosen a builder.")
    assert update(project) == 0
    assert_new(active(project)["next/point-1/text"])
    assert [(e.msgctxt, e.msgstr) for e in obsolete(project)] == [
        ("next/point-1/text", french("Work starts in May."))
    ]


# -- What check rejects never goes live ------------------------------------------------------


def test_an_entry_check_rejects_is_only_offered_fuzzy_or_kept_obsolete(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    """Entries whose msgctxt the source does not have: one translating a message the
    catalog has untranslated is offered to it fuzzy, never published; one translating
    a message already translated goes obsolete."""
    wall, ships = "Waves broke the north wall.", "Ships"

    def stray(entries: dict[str, polib.POEntry]) -> None:
        entries["events/point-1/text"].msgstr = ""
        entries["closing"].tcomment = "stray entries follow"

    rewrite(project, stray)
    path = Path(project.po_path("fr", "article"))
    path.write_text(
        path.read_text("utf-8")
        + f'\nmsgctxt "events/point-9/text"\nmsgid "{wall}"\nmsgstr "FR:guess"\n'
        + f'\nmsgctxt "events/point-9/title"\nmsgid "{ships}"\nmsgstr "FR:other"\n',
        "utf-8",
    )
    rejected = [(p.msgctxt, p.check) for p in translations.check(project, ["fr"])]
    assert ("events/point-9/text", "unknown-context") in rejected
    capsys.readouterr()
    assert update(project, "--verbose") == 0
    err = capsys.readouterr().err
    assert ": fuzzy: events/point-1/text (from events/point-9/text)\n" in err
    assert "moved" not in err and "dropped" not in err
    entry = active(project)["events/point-1/text"]
    assert (entry.msgid, entry.msgstr, entry.flags) == (wall, "FR:guess", ["fuzzy"])
    assert_kept(active(project)["events/point-2/title"], ships)
    assert [(e.msgctxt, e.msgstr) for e in obsolete(project)] == [
        ("events/point-9/title", "FR:other")
    ]
    assert cli.main(["-C", str(project.root), "build", "--lang", "fr", "-q"]) == 0
    edition = Path(project.root, "build", "fr", "article.md").read_text("utf-8")
    assert "FR:guess" not in edition and wall in edition
    assert update(project) == 0
    assert active(project)["events/point-1/text"].flags == ["fuzzy"]


def test_a_translation_from_elsewhere_for_english_that_stayed_is_a_guess() -> None:
    """The catalog had this English at this place, untranslated: a translation of it from
    another place, active or obsolete, did not follow its English here. It is offered
    fuzzy, and the untranslated entry it replaces is not reported as dropped."""
    old = _po(
        [
            polib.POEntry(msgctxt="a", msgid="Text.", msgstr=""),
            polib.POEntry(msgctxt="x", msgid="Text.", msgstr="FR:Text."),
            polib.POEntry(msgctxt="b", msgid="Other.", msgstr=""),
            polib.POEntry(msgctxt="y", msgid="Other.", msgstr="FR:Other.", obsolete=True),
            polib.POEntry(msgctxt="c", msgid="Moved.", msgstr="FR:Moved."),
        ]
    )
    pot = _po(
        [
            polib.POEntry(msgctxt="a", msgid="Text."),
            polib.POEntry(msgctxt="b", msgid="Other."),
            polib.POEntry(msgctxt="d", msgid="Moved."),
        ]
    )
    merged = merge.merge(old, pot)
    assert [(c.msgctxt, c.action, c.origin) for c in merged.changes] == [
        ("a", merge.Action.FUZZY, "x"),
        ("b", merge.Action.FUZZY, "y"),
        ("d", merge.Action.MOVED, "c"),
    ]
    assert [(e.msgctxt, e.msgstr, e.flags, e.obsolete) for e in merged.po] == [
        ("a", "FR:Text.", ["fuzzy"], 0),
        ("b", "FR:Other.", ["fuzzy"], 0),
        ("d", "FR:Moved.", [], 0),
    ]


def test_entries_without_msgctxt_are_each_at_the_place_of_their_english() -> None:
    """A catalog of words (the site's) has no msgctxt: each word keeps its own
    translation, an edited one goes fuzzy, a gone one obsolete."""
    old = _po(
        [
            polib.POEntry(msgid="Editions", msgstr="Éditions"),
            polib.POEntry(msgid="Front page", msgstr="À la une"),
            polib.POEntry(msgid="Language:", msgstr="Langue :"),
            polib.POEntry(msgid="Gone", msgstr="Parti"),
        ]
    )
    pot = _po([polib.POEntry(msgid=m) for m in ("Editions", "Front pages", "Language:", "New")])
    merged = merge.merge(old, pot)
    assert [(e.msgid, e.msgstr, e.flags, e.previous_msgid, e.obsolete) for e in merged.po] == [
        ("Editions", "Éditions", [], None, False),
        ("Front pages", "À la une", ["fuzzy"], "Front page", False),
        ("Language:", "Langue :", [], None, False),
        ("New", "", [], None, False),
        ("Gone", "Parti", [], None, True),
    ]


# -- What translators add is kept -------------------------------------------------------------


def test_translator_comments_flags_and_header_are_kept(project: Project) -> None:
    path = Path(project.po_path("fr", "article"))
    po = catalog_of(project)
    po.header = "French translation of 'article'.\nCopyright the translators."
    po.metadata["Last-Translator"] = "Camille Martin <camille@example.org>"
    po.metadata["X-Generator"] = "Poedit 3.4.2"
    entry = next(e for e in po if e.msgctxt == "events/point-1/text")
    entry.tcomment = "Check the wall's name with the port."
    entry.flags.append("no-wrap")
    path.write_text(write.format_po(po), "utf-8")

    edit(project, "Waves broke the north wall.", "Waves broke the old north wall.")
    edit(
        project,
        "1. **Repairs:** Work starts in May.\n",
        "1. **Repairs:** Work starts in May.\n2. **Funding:** The city pays half.\n",
    )
    assert update(project) == 0
    after = catalog_of(project)
    assert after.header == po.header
    assert after.metadata == po.metadata
    entry = next(e for e in after if e.msgctxt == "events/point-1/text")
    assert entry.tcomment == "Check the wall's name with the port."
    assert entry.flags == ["fuzzy", "no-wrap"]
    layout = next(e for e in after if e.msgctxt == "layout/point")
    assert layout.flags == ["python-brace-format"] and layout.msgstr == FR_LAYOUT


def rewrite(project: Project, change: Callable[[dict[str, polib.POEntry]], None]) -> bytes:
    """The French catalog with ``change`` made to its active entries (by msgctxt), written
    as msgcat writes it; its bytes."""
    path = Path(project.po_path("fr", "article"))
    po = catalog_of(project)
    change({e.msgctxt: e for e in po if not e.obsolete})
    path.write_text(write.format_po(po), "utf-8")
    assert_msgcat_agrees(path)
    return path.read_bytes()


#: French has three plural forms in CLDR (the third for a million and more)
SHIP_FORMS = ["FR:Navire", "FR:Navires", "FR:Navires (millions)"]
WORK_FORMS = ["FR:Travail", "FR:Travaux", "FR:Travaux (millions)"]


def make_plural(entry: polib.POEntry, plural: str, forms: list[str]) -> None:
    entry.msgid_plural, entry.msgstr, entry.msgstr_plural = plural, "", dict(enumerate(forms))


def test_a_plural_translation_is_kept_whole_and_read_as_its_first_form(project: Project) -> None:
    """A translator made two messages plural entries, one reviewed, one fuzzy for an edit:
    update keeps every form, check takes them for translations, the build uses msgstr[0]."""

    def plurals(entries: dict[str, polib.POEntry]) -> None:
        make_plural(entries["events/point-2/title"], "Ships", SHIP_FORMS)
        text = entries["next/point-1/text"]
        make_plural(text, "Works start in May.", WORK_FORMS)
        text.flags.append("fuzzy")
        text.previous_msgid, text.previous_msgid_plural = "Work begins in May.", "Works begin."

    before = rewrite(project, plurals)
    path = Path(project.po_path("fr", "article"))
    assert_msgfmt_accepts(path)
    assert update(project) == 0
    assert path.read_bytes() == before  # nothing changed: nothing written
    problems = translations.check(project, ["fr"])
    assert [(p.msgctxt, p.check) for p in problems] == [("next/point-1/text", "fuzzy")]
    assert cli.main(["-C", str(project.root), "build", "--lang", "fr", "-q"]) == 0
    edition = Path(project.root, "build", "fr", "article.md").read_text("utf-8")
    assert "FR:Navire" in edition and "FR:Navires" not in edition  # msgstr[0]

    edit(project, "**Ships:**", "**Ship:**")
    edit(project, "Work starts in May.", "Work starts in June.")
    assert update(project) == 0
    entries = active(project)
    title, text = entries["events/point-2/title"], entries["next/point-1/text"]
    assert (title.msgid, title.msgid_plural, title.msgstr_plural) == (
        "Ship",
        "Ships",
        dict(enumerate(SHIP_FORMS)),
    )
    assert (title.flags, title.previous_msgid, title.previous_msgid_plural) == (
        ["fuzzy"],
        "Ships",
        None,
    )
    assert (text.msgid_plural, text.msgstr_plural, text.flags) == (
        "Works start in May.",
        dict(enumerate(WORK_FORMS)),
        ["fuzzy"],
    )
    assert (text.previous_msgid, text.previous_msgid_plural) == (
        "Work begins in May.",
        "Works begin.",
    )
    assert_msgcat_agrees(path)
    assert_msgfmt_accepts(path)


def with_own(text: str, ctxt: str, comments: list[str], flags: str) -> str:
    """The catalog ``text`` with a translator's ``comments`` (whole lines) and ``flags``
    added to the entry of ``ctxt``, which has no flags."""
    blocks = text.split("\n\n")
    for number, block in enumerate(blocks):
        lines = block.split("\n")
        if f'msgctxt "{ctxt}"' in lines:
            at = lines.index(f'msgctxt "{ctxt}"')
            blocks[number] = "\n".join([*comments, *lines[:at], f"#, {flags}", *lines[at:]])
    return "\n\n".join(blocks)


def test_translators_own_flags_and_comments_survive_update_exactly(project: Project) -> None:
    """Flags gettext does not know and comments it would rewrite stay as the translator
    wrote them, whether the entry stays, goes fuzzy, goes obsolete or comes back."""
    path = Path(project.po_path("fr", "article"))
    text = path.read_text("utf-8")
    text = with_own(text, "title", ["#"], "review")
    text = with_own(text, "events/point-1/text", ["# ", "#checked with the port", "#"], "no-wrap")
    text = with_own(text, "events/point-2/title", ["#"], "x-desk-approved, review")
    path.write_text(text, "utf-8")
    title = text[: text.index('msgstr "FR:Storm Closes the Harbour"')]
    edit(project, "Waves broke the north wall.", "Waves broke the old north wall.")
    edit(project, SHIPS, "")
    assert update(project) == 0
    after = path.read_text("utf-8")
    assert after.startswith(title)
    assert (
        "# \n#checked with the port\n#\n#. Text of point 1 in the section 'What Happened'\n"
        "#: source_text/article.md:7\n#, fuzzy, no-wrap\n"
        '#| msgid "Waves broke the north wall."\n'
    ) in after
    assert '#\n#, x-desk-approved, review\n#~ msgctxt "events/point-2/title"\n' in after
    assert_msgfmt_accepts(path)

    edit(project, "Work starts in May.\n", "Work starts in May.\n" + SHIPS)
    assert update(project) == 0
    back = path.read_text("utf-8")
    assert (
        "\n\n#\n#. Title of point 2 in the section 'What Comes Next'\n"
        "#: source_text/article.md:12\n#, x-desk-approved, review\n"
        'msgctxt "next/point-2/title"\nmsgid "Ships"\n'
    ) in back
    assert update(project) == 0
    assert path.read_text("utf-8") == back


def assert_msgfmt_accepts(path: Path) -> None:
    assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)]).returncode == 0


def test_a_failed_update_changes_no_catalog(project: Project) -> None:
    other = Path(project.po_path("de", "article"))
    other.parent.mkdir(parents=True)
    other.write_text('msgid ""\nmsgstr "unterminated\n', "utf-8")
    edit(project, "Waves broke the north wall.", "Waves broke the old north wall.")
    french_before = Path(project.po_path("fr", "article")).read_bytes()
    assert update(project) == cli.EXIT_ERROR
    assert Path(project.po_path("fr", "article")).read_bytes() == french_before
    assert other.read_text("utf-8") == 'msgid ""\nmsgstr "unterminated\n'


# -- Stable files ----------------------------------------------------------------------------


def test_a_catalog_saved_in_another_layout_is_left_alone_when_nothing_changed(
    project: Project,
) -> None:
    """A tool that wraps differently (here: not at all) saved the file: no content changed."""
    path = Path(project.po_path("fr", "article"))
    assert MSGCAT
    unwrapped = subprocess.run(
        [MSGCAT, "--no-wrap", str(path)], capture_output=True, check=True
    ).stdout
    path.write_bytes(unwrapped)
    assert update(project, "--check") == 0
    assert update(project) == 0
    assert path.read_bytes() == unwrapped


def test_a_catalog_edited_in_poedit_changes_only_where_the_english_changed(
    project: Project,
) -> None:
    """Poedit saves as gettext does; update then changes only the entry whose English changed."""
    path = Path(project.po_path("fr", "article"))
    po = catalog_of(project)
    po.metadata["X-Generator"] = "Poedit 3.4.2"
    next(e for e in po if e.msgctxt == "title").msgstr = "La tempête ferme le port"
    path.write_text(write.format_po(po), "utf-8")
    assert MSGCAT
    saved = subprocess.run([MSGCAT, str(path)], capture_output=True, check=True).stdout
    path.write_bytes(saved)  # as Poedit writes it: gettext's own layout
    assert update(project) == 0
    assert path.read_bytes() == saved

    edit(project, "Work starts in May.", "Work starts in June.")
    assert update(project) == 0
    diff = difflib.unified_diff(
        saved.decode("utf-8").split("\n"), path.read_text("utf-8").split("\n"), n=0, lineterm=""
    )
    assert [line for line in diff if not line.startswith(("---", "+++", "@@"))] == [
        "+#, fuzzy",
        '+#| msgid "Work starts in May."',
        '-msgid "Work starts in May."',
        '+msgid "Work starts in June."',
    ]


def test_translations_carried_over_keep_the_lines_their_file_gave_them(project: Project) -> None:
    """A tool that wraps otherwise (here: not at all) saved the catalog, then the English
    of one message changed: update lays out that message as gettext does, and every
    translation it carries over keeps its lines (no translation is wrapped again:
    python-babel/babel#787, sphinx-doc/sphinx-intl#28)."""
    path = Path(project.po_path("fr", "article"))
    po = catalog_of(project)
    long = "FR: " + "the storm closed the harbour and the ships stayed at sea; " * 3
    next(e for e in po if e.msgctxt == "events/point-2/text").msgstr = long
    path.write_text(write.format_po(po), "utf-8")
    assert MSGCAT
    saved = subprocess.run([MSGCAT, "--no-wrap", str(path)], capture_output=True, check=True)
    unwrapped = saved.stdout.decode("utf-8")
    assert f'msgstr "{long}"\n' in unwrapped  # one line: gettext would make four
    path.write_text(unwrapped, "utf-8")

    edit(project, "Work starts in May.", "Work starts in June.")
    assert update(project) == 0
    after = path.read_text("utf-8")
    diff = difflib.unified_diff(unwrapped.split("\n"), after.split("\n"), n=0, lineterm="")
    assert [line for line in diff if not line.startswith(("---", "+++", "@@"))] == [
        "+#, fuzzy",
        '+#| msgid "Work starts in May."',
        '-msgid "Work starts in May."',
        '+msgid "Work starts in June."',
    ]
    assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)]).returncode == 0
    assert update(project) == 0
    assert path.read_text("utf-8") == after

    # A translation that goes obsolete is laid out anew, as gettext lays out '#~' lines.
    edit(project, SHIPS, "")
    assert update(project) == 0
    gone = next(e for e in catalog_of(project) if e.obsolete and e.msgstr == long)
    assert gone.msgctxt == "events/point-2/text"
    assert '#~ msgstr ""\n#~ "FR: the storm' in path.read_text("utf-8")


def test_update_runs_twice_to_the_same_bytes(project: Project) -> None:
    edit(project, SHIPS, "")
    edit(project, "Waves broke the north wall.", "Waves broke the old north wall.")
    assert update(project) == 0
    path = Path(project.po_path("fr", "article"))
    first = path.read_bytes(), path.stat().st_mtime_ns
    assert update(project) == 0
    assert (path.read_bytes(), path.stat().st_mtime_ns) == first
    assert update(project, "--check") == 0


def test_every_catalog_update_writes_is_formatted_as_msgcat_formats_it(project: Project) -> None:
    edit(project, SHIPS, "")
    edit(project, "Waves broke the north wall.", "Waves broke the old north wall.")
    edit(
        project,
        "1. **Repairs:** Work starts in May.\n",
        "1. **Repairs:** Work starts in May.\n2. **Funding:** The city pays half.\n",
    )
    assert update(project) == 0
    assert_msgcat_agrees(Path(project.po_path("fr", "article")))


# -- The merge itself, without files ---------------------------------------------------------


def _po(entries: list[polib.POEntry]) -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.extend(entries)
    return po


def test_merge_reports_each_message() -> None:
    old = _po(
        [
            polib.POEntry(msgctxt="a", msgid="Same.", msgstr="FR:Same."),
            polib.POEntry(msgctxt="b", msgid="Old text.", msgstr="FR:Old text."),
            polib.POEntry(msgctxt="c", msgid="Moves.", msgstr="FR:Moves."),
            polib.POEntry(msgctxt="d", msgid="Gone.", msgstr="FR:Gone."),
            polib.POEntry(msgctxt="e", msgid="Never done.", msgstr=""),
            polib.POEntry(msgctxt="f", msgid="Back.", msgstr="FR:Back.", obsolete=True),
            polib.POEntry(msgctxt="g", msgid="It's.", msgstr="FR:It's."),
        ]
    )
    pot = _po(
        [
            polib.POEntry(msgctxt="a", msgid="Same."),
            polib.POEntry(msgctxt="b", msgid="New text."),
            polib.POEntry(msgctxt="z", msgid="Moves."),
            polib.POEntry(msgctxt="f", msgid="Back."),
            polib.POEntry(msgctxt="g", msgid="It’s."),
            polib.POEntry(msgctxt="n", msgid="Brand new."),
        ]
    )
    merged = merge.merge(old, pot)
    assert [(c.msgctxt, c.action, c.origin) for c in merged.changes] == [
        ("a", merge.Action.UNCHANGED, None),
        ("b", merge.Action.FUZZY, None),
        ("z", merge.Action.MOVED, "c"),
        ("f", merge.Action.RESTORED, "f"),
        ("g", merge.Action.TRIVIAL, None),
        ("n", merge.Action.NEW, None),
        ("d", merge.Action.OBSOLETE, None),
        ("e", merge.Action.DROPPED, None),
    ]
    assert (
        merged.summary() == "1 trivial, 1 fuzzy, 1 moved, 1 restored, 1 new, 1 obsolete, 1 dropped"
    )
    assert [(e.msgctxt, e.obsolete) for e in merged.po] == [
        ("a", 0),
        ("b", 0),
        ("z", 0),
        ("f", 0),
        ("g", 0),
        ("n", 0),
        ("d", 1),
    ]
    assert [e.msgctxt for e in old] == ["a", "b", "c", "d", "e", "f", "g"]  # not changed


def test_obsolete_entries_keep_their_order_and_new_ones_follow() -> None:
    old = _po(
        [
            polib.POEntry(msgctxt="x", msgid="X.", msgstr="FR:X."),
            polib.POEntry(msgctxt="y", msgid="Y.", msgstr="FR:Y."),
            polib.POEntry(msgctxt="q", msgid="Q.", msgstr="FR:Q.", obsolete=True),
            polib.POEntry(msgctxt="p", msgid="P.", msgstr="FR:P.", obsolete=True),
        ]
    )
    merged = merge.merge(old, _po([polib.POEntry(msgctxt="x", msgid="X.")]))
    assert [(e.msgctxt, e.obsolete) for e in merged.po] == [
        ("x", 0),
        ("q", 1),
        ("p", 1),
        ("y", 1),
    ]
    again = merge.merge(merged.po, _po([polib.POEntry(msgctxt="x", msgid="X.")]))
    assert write.format_po(again.po) == write.format_po(merged.po)


def test_a_moved_message_prefers_a_reviewed_translation() -> None:
    old = _po(
        [
            polib.POEntry(msgctxt="a", msgid="Text.", msgstr="FR:guess", flags=["fuzzy"]),
            polib.POEntry(msgctxt="b", msgid="Text.", msgstr="FR:Text.", obsolete=True),
        ]
    )
    merged = merge.merge(old, _po([polib.POEntry(msgctxt="c", msgid="Text.")]))
    (entry,) = [e for e in merged.po if not e.obsolete]
    assert entry.msgstr == "FR:Text." and entry.flags == []
    assert [(e.msgctxt, e.msgstr) for e in merged.po if e.obsolete] == [("a", "FR:guess")]


def test_the_merged_catalog_shares_nothing_mutable_with_its_inputs() -> None:
    """Entries are copied attribute by attribute, not deep: still nothing is shared."""
    odd = polib.POEntry(msgctxt="o", msgid="Odd.", msgstr="FR:Odd.", flags=["x-mine"])
    odd.notes = [["kept", "apart"]]  # an attribute polib does not have: copied deep
    old = _po(
        [
            polib.POEntry(msgctxt="a", msgid="Same.", msgstr="FR:Same.", occurrences=[("a", "1")]),
            polib.POEntry(msgctxt="b", msgid="Old.", msgstr="FR:Old.", flags=["fuzzy"]),
            polib.POEntry(msgctxt="c", msgid="Gone.", msgstr="FR:Gone."),
            polib.POEntry(
                msgctxt="d", msgid="P", msgid_plural="Ps", msgstr_plural={0: "x", 1: "y"}
            ),
            polib.POEntry(msgctxt="e", msgid="Back.", msgstr="FR:Back.", obsolete=True),
            odd,
        ]
    )
    old.metadata_is_fuzzy = ["fuzzy"]
    pot = _po(
        [
            polib.POEntry(msgctxt="a", msgid="Same.", occurrences=[("a.md", "2")]),
            polib.POEntry(msgctxt="b", msgid="New."),
            polib.POEntry(msgctxt="d", msgid="P", msgid_plural="Ps"),
            polib.POEntry(msgctxt="e", msgid="Back.", flags=["python-brace-format"]),
            polib.POEntry(msgctxt="o", msgid="Odd."),
            polib.POEntry(msgctxt="n", msgid="New one.", occurrences=[("a.md", "9")]),
        ]
    )
    before = (write.format_po(old), write.format_po(pot), odd.notes, old.metadata)
    frozen = copy.deepcopy(before)
    merged = merge.merge(old, pot).po
    assert merged.metadata == old.metadata and merged.metadata is not old.metadata
    for entry in merged:
        for note in getattr(entry, "notes", []):
            note.append("changed")
        for value in vars(entry).values():
            if isinstance(value, list):
                value.append("changed")
            elif isinstance(value, dict):
                value[99] = "changed"
    merged.metadata["Language"] = "changed"
    merged.metadata_is_fuzzy.append("changed")
    assert (write.format_po(old), write.format_po(pot), odd.notes, old.metadata) == frozen
    assert old.metadata_is_fuzzy == ["fuzzy"]


def test_a_fuzzy_translation_is_current_again_only_when_update_marked_it() -> None:
    """An edit undone makes current what update marked fuzzy for it (``#|`` is the
    English again); a translator's own fuzzy, without ``#|``, stays."""
    old = _po(
        [
            polib.POEntry(msgctxt="a", msgid="A.", msgstr="FR:A.", flags=["fuzzy"]),
            polib.POEntry(
                msgctxt="b", msgid="B two.", msgstr="FR:B.", flags=["fuzzy"], previous_msgid="B."
            ),
            polib.POEntry(msgctxt="c", msgid="C.", msgstr="FR:C.", flags=["fuzzy"]),
        ]
    )
    pot = _po(
        [
            polib.POEntry(msgctxt="a", msgid="A."),
            polib.POEntry(msgctxt="b", msgid="B."),
            polib.POEntry(msgctxt="d", msgid="C."),
        ]
    )
    merged = merge.merge(old, pot)
    assert [(c.msgctxt, c.action, c.origin) for c in merged.changes] == [
        ("a", merge.Action.UNCHANGED, None),
        ("b", merge.Action.REVERTED, "b"),
        ("d", merge.Action.MOVED, "c"),
    ]
    assert [(e.msgctxt, e.flags, e.previous_msgid) for e in merged.po] == [
        ("a", ["fuzzy"], None),
        ("b", [], None),
        ("d", ["fuzzy"], None),
    ]


def test_a_changed_passage_is_an_edit_only_of_one_between_the_same_anchors() -> None:
    """The old English is aligned with the new: a changed passage may take the translation
    of the old passage between the same unchanged neighbours, not of a like one elsewhere."""
    old = _po(
        [
            polib.POEntry(msgctxt="s1/h", msgid="One", msgstr="FR:One"),
            polib.POEntry(msgctxt="s1/p", msgid="The wall broke.", msgstr="FR:wall"),
            polib.POEntry(msgctxt="s2/h", msgid="Two", msgstr="FR:Two"),
            polib.POEntry(msgctxt="s2/p", msgid="The walls broke.", msgstr="FR:walls"),
        ]
    )
    pot = _po(
        [
            polib.POEntry(msgctxt="s1/h", msgid="One"),
            polib.POEntry(msgctxt="s1/p", msgid="The new wall broke."),
            polib.POEntry(msgctxt="s2/h", msgid="Two"),
            polib.POEntry(msgctxt="s2/p", msgid="A new passage."),
        ]
    )
    merged = merge.merge(old, pot)
    assert [(e.msgctxt, e.msgstr, e.obsolete) for e in merged.po] == [
        ("s1/h", "FR:One", 0),
        ("s1/p", "FR:wall", 0),
        ("s2/h", "FR:Two", 0),
        ("s2/p", "", 0),
        ("s2/p", "FR:walls", 1),
    ]
