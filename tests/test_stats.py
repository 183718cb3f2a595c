"""``editions stats``: messages and words by state, with percentages."""

from __future__ import annotations

import json

import polib
import pytest

from editions import stats


def catalog() -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.extend(
        [
            polib.POEntry(msgctxt="a", msgid="One two three.", msgstr="Un deux trois."),
            polib.POEntry(msgctxt="b", msgid="**Four** [five](https://x.org/six)", msgstr="Q"),
            polib.POEntry(msgctxt="c", msgid="Seven eight.", msgstr="Sept", flags=["fuzzy"]),
            polib.POEntry(msgctxt="d", msgid="Nine.", msgstr=""),
            polib.POEntry(msgctxt="e", msgid="**{title}:** {text}", msgstr=""),
            polib.POEntry(msgctxt="f", msgid="Ten eleven.", msgstr="Dix onze.", obsolete=True),
        ]
    )
    return po


def test_counts_messages_and_words_by_state() -> None:
    s = stats.count(catalog(), "fr", "article", "locales/fr/LC_MESSAGES/article.po")
    assert s.messages == stats.Counts(translated=2, fuzzy=1, untranslated=2, obsolete=1)
    assert s.words == stats.Counts(translated=5, fuzzy=2, untranslated=1, obsolete=2)
    assert s.messages.total == 5 and s.words.total == 8


@pytest.mark.parametrize(
    ("english", "words"),
    [
        ("Pakistan’s response", 2),
        ("human-rights groups", 2),
        ("[the UN](https://un.org/en/a-b-c) said", 3),
        ("`code` and *more*", 3),
        ("**{title}:** {text}", 0),
        ("", 0),
    ],
)
def test_words_are_the_reader_s_words(english: str, words: int) -> None:
    assert stats.words(english) == words


def test_percentages_round_down_so_100_means_all() -> None:
    counts = stats.Counts(translated=999, untranslated=1)
    assert counts.percent("translated") == 99.9
    assert counts.percent("untranslated") == 0.1
    assert stats.Counts(translated=3).percent("translated") == 100.0
    assert stats.Counts(translated=2, fuzzy=1).percent("translated") == 66.6


def test_json_has_counts_totals_and_percentages() -> None:
    s = stats.count(catalog(), "fr", "article", "locales/fr/LC_MESSAGES/article.po")
    (data,) = json.loads(stats.as_json([s]))
    assert data == {
        "language": "fr",
        "document": "article",
        "path": "locales/fr/LC_MESSAGES/article.po",
        "messages": {"translated": 2, "fuzzy": 1, "untranslated": 2, "obsolete": 1, "total": 5},
        "words": {"translated": 5, "fuzzy": 2, "untranslated": 1, "obsolete": 2, "total": 8},
        "percent": {
            "messages": {"translated": 40.0, "fuzzy": 20.0, "untranslated": 40.0},
            "words": {"translated": 62.5, "fuzzy": 25.0, "untranslated": 12.5},
        },
    }


def test_table_has_a_row_of_messages_and_of_words_per_catalog() -> None:
    s = stats.count(catalog(), "fr", "article", "x.po")
    t = stats.count(catalog(), "ur", "article", "y.po")
    lines = stats.table([s, t]).split("\n")
    assert lines[0].split() == [
        "language", "document", "unit", "total", "translated", "fuzzy", "untranslated", "obsolete",
    ]  # fmt: skip
    assert lines[1].split() == ["fr", "article", "messages", "5", "2", "(40.0%)", "1", "(20.0%)", "2", "(40.0%)", "1"]  # fmt: skip
    assert lines[2].split() == ["words", "8", "5", "(62.5%)", "2", "(25.0%)", "1", "(12.5%)", "2"]
    assert lines[3].startswith("ur ")
    assert len(lines) == 5
