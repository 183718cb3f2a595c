"""PO files: read strictly, written exactly as GNU ``msgcat`` writes them.

The writer is checked against ``msgcat`` itself (a fixed corpus in the
languages we publish, then arbitrary catalogs from hypothesis) and its line
breaking against libunistring, the library msgcat breaks lines with. Each
malformed catalog in ``tests/data/po/`` is named for its fault.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import itertools
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import polib
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import pseudo_po
from editions import catalog, pofile
from editions.errors import EditionsError
from editions.localedata import locale_info
from editions.model import Article
from editions.project import Project

DATA = Path(__file__).parent / "data" / "po"
MSGCAT = shutil.which("msgcat")
needs_msgcat = pytest.mark.skipif(MSGCAT is None, reason="GNU msgcat is not installed")


def msgcat(text: str) -> str:
    """What ``msgcat`` (default options) writes for ``text``."""
    assert MSGCAT is not None
    done = subprocess.run([MSGCAT, "-"], input=text.encode(), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode()


def header(po: polib.POFile, lang: str, title: str) -> polib.POFile:
    po.header = f"{title}\nSecond line of the header comment."
    po.metadata = {
        "Project-Id-Version": "editions article",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": locale_info(lang).plural_forms,
    }
    return po


# -- a fixed corpus: what our catalogs hold, in every script we publish --------

URL = (
    "https://example.org/reports/2024/balochistan-human-rights-situation-update?lang=en&format=pdf"
)
TEXTS = {
    "en": [
        "The minister said: “We won’t stop until every family knows the truth.” Critics call "
        "it ‘too little, too late’ — and say so loudly…",
        f"Read the full report at {URL} before the hearing.",
        "Line one\nLine two\n\nA paragraph after an empty line, with a\ttab.",
        'Quotes "inside", a backslash \\ and a path C:\\Users\\reader\\report.pdf',
    ],
    "fr": [
        "Le ministre a déclaré\u202f: «\u00a0Nous ne nous arrêterons pas\u00a0!\u00a0» Pourquoi\u202f? "
        "Les organisations de défense des droits humains ont signalé de nombreuses allégations "
        "d’abus au Baloutchistan.",
        "Disparitions forcées, exécutions extrajudiciaires et arrestations arbitraires\u202f: "
        "la liste est longue\u00a0; la communauté internationale s’en inquiète.",
    ],
    "ru": [
        "Правозащитные организации сообщили о многочисленных обвинениях в нарушениях в "
        "Белуджистане, включая насильственные исчезновения, внесудебные казни и произвольные "
        "аресты.",
        "«Мы требуем ответа», — заявили родственники пропавших без вести.",
    ],
    "ar": [
        "أفادت منظمات حقوق الإنسان بوجود العديد من الادعاءات بالانتهاكات في بلوشستان، بما في "
        "ذلك حالات الاختفاء القسري والقتل خارج نطاق القضاء والاعتقالات التعسفية؟",
        f"اقرأ التقرير الكامل على {URL} قبل الجلسة في 12 مارس 2024.",
    ],
    "ur": [
        "انسانی حقوق کی تنظیموں نے بلوچستان میں زیادتیوں کے متعدد الزامات کی اطلاع دی ہے، جن میں "
        "جبری گمشدگیاں، ماورائے عدالت قتل اور من مانی گرفتاریاں شامل ہیں۔ کیا یہ درست ہے؟",
        "بین الاقوامی برادری نے اس صورتحال پر تشویش کا اظہار کیا ہے۔",
    ],
    "fa": [
        "سازمان‌های حقوق بشر از اتهامات متعدد سوءاستفاده در بلوچستان، از جمله ناپدیدشدگی‌های "
        "اجباری، قتل‌های فراقضایی و بازداشت‌های خودسرانه خبر داده‌اند؟",
    ],
    "ps": [
        "د بشري حقونو سازمانونو په بلوچستان کې د ناوړه ګټې اخیستنې د ډیرو تورونو راپور ورکړی، "
        "چې جبري ورکېدل، له قضا پرته وژنې او خپلسري نیونې پکې شاملې دي.",
    ],
    "zh": [
        "人权组织报告了俾路支省存在大量虐待指控，包括强迫失踪、法外处决和任意逮捕。这些报告引起了"
        "人们对该地区个人待遇的严重关切：“国际社会必须采取行动！”",
        f"完整报告见{URL}（英文），听证会前请阅读。",
    ],
}
LAYOUTS = {
    "en": "**{title}:** {text}",
    "fr": "**{title}\u202f:** {text}",
    "ru": "**{title}:** {text}",
    "ar": "**{title}:** {text}",
    "ur": "**{title}:** {text}",
    "fa": "**{title}:** {text}",
    "ps": "**{title}:** {text}",
    "zh": "**{title}**：{text}",
}


def nplurals(lang: str) -> int:
    return int(locale_info(lang).plural_forms.split(";")[0].split("=")[1])


def corpus(lang: str) -> polib.POFile:
    """A catalog with every kind of entry we write, in ``lang``."""
    texts = TEXTS[lang]
    english = TEXTS["en"]
    po = header(polib.POFile(), lang, f"{locale_info(lang).english_name} translation of 'article'.")
    po.append(
        polib.POEntry(
            msgctxt="layout/point",
            msgid="**{title}:** {text}",
            msgstr=LAYOUTS[lang],
            comment="How a point's title is joined to its text. Keep {title} and {text} once\n"
            "each; set the bold and the punctuation your language uses.",
            occurrences=[("source_text/article.md", "11")],
            flags=["python-brace-format"],
        )
    )
    for number, (source, text) in enumerate(zip(english * 2, texts, strict=False), 1):
        po.append(
            polib.POEntry(
                msgctxt=f"section-{number}/point-1/text",
                msgid=source,
                msgstr=text,
                comment=f"Text of point 1 in section {number}",
                tcomment="Checked against the published report.",
                occurrences=[("source_text/article.md", str(10 + number)), ("./notes.md", "3")],
            )
        )
    po.append(
        polib.POEntry(
            msgctxt="closing",
            msgid=english[0] + " " + english[1],
            msgstr=texts[0],
            flags=["fuzzy"],
            previous_msgctxt="closing-old",
            previous_msgid=english[0],
            occurrences=[
                (f"source_text/{'very-long-directory-name/' * 3}article.md", str(n))
                for n in range(1, 8)
            ],
        )
    )
    po.append(polib.POEntry(msgctxt="untranslated", msgid=english[1], msgstr=""))
    po.append(
        polib.POEntry(msgctxt="empty-fuzzy", msgid="Fuzzy, empty", msgstr="", flags=["fuzzy"])
    )
    po.append(
        polib.POEntry(
            msgid="one report",
            msgid_plural="{n} reports: " + english[0],
            msgstr_plural={i: f"{i}: {texts[-1]}" for i in range(nplurals(lang))},
            flags=["python-brace-format"],
        )
    )
    po.append(
        polib.POEntry(
            msgctxt="old/paragraph",
            msgid=english[-1],
            msgstr=texts[-1],
            obsolete=True,
            flags=["fuzzy"],
            previous_msgid="An older English " + english[-1],
            tcomment="Kept for reference.",
        )
    )
    po.append(polib.POEntry(msgid="obsolete and empty", msgstr="", obsolete=True))
    return po


@needs_msgcat
@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_corpus_is_written_as_msgcat_writes_it(lang: str) -> None:
    text = pofile.format_po(corpus(lang))
    assert text == msgcat(text)


@needs_msgcat
def test_template_and_a_translation_are_written_as_msgcat_writes_them(article: Article) -> None:
    pot = pofile.format_po(catalog.to_pot(article, article.path))
    assert pot == msgcat(pot)
    for lang, mark in (("ur", "«{}»"), ("zh", "【{}】"), ("fr", "\u00a0{}\u202f!")):
        po = pofile.format_po(pseudo_po(article, lang, mark))
        assert po == msgcat(po)


def test_corpus_is_what_we_expect_in_a_few_known_places() -> None:
    """Spot checks that do not need msgcat: GNU's layout for the trickiest parts."""
    lines = list(pofile.generate_po(corpus("fr")))
    assert lines[:4] == [
        "# French translation of 'article'.",
        "# Second line of the header comment.",
        'msgid ""',
        'msgstr ""',
    ]
    assert "#: source_text/article.md:11 notes.md:3" in lines  # './' stripped
    assert "#, fuzzy" in lines and lines.count("#, fuzzy") == 2  # not on the empty one
    first_obsolete = next(i for i, line in enumerate(lines) if line.startswith("#~"))
    assert all(line.startswith("#") or not line for line in lines[first_obsolete:])  # last
    assert "obsolete and empty" not in "\n".join(lines)
    assert all("\n" not in line for line in lines)


def test_wrapping_follows_gnu_examples() -> None:
    """Cases whose GNU output is known: wide characters count two columns."""
    zh = "人" * 40
    assert list(pofile._wrap("", "msgstr", zh, 79, True, None)) == [
        'msgstr ""',
        f'"{"人" * 38}"',
        f'"{"人" * 2}"',
    ]
    assert list(pofile._wrap("", "msgid", "a\n", 79, True, None)) == ['msgid "a\\n"']
    assert list(pofile._wrap("#~ ", "msgid", "", 79, True, None)) == ['#~ msgid ""']
    word = "x" * 100  # no break opportunity: one long line
    assert list(pofile._wrap("", "msgid", f"{word} y", 79, True, None)) == [
        'msgid ""',
        f'"{word} "',
        '"y"',
    ]
    assert list(pofile._wrap("", "msgid", "a " * 50, 79, False, None)) == [f'msgid "{"a " * 50}"']


def test_format_po_keeps_crlf_and_bom() -> None:
    po = corpus("ur")
    plain = pofile.format_po(po)
    po.newline, po.bom = "\r\n", True
    assert pofile.format_po(po) == "\ufeff" + plain.replace("\n", "\r\n")


def test_header_only_catalog_is_still_written() -> None:
    """msgcat writes nothing for a catalog with no message (unless --force-po); we write it."""
    po = header(polib.POFile(), "fr", "French")
    text = pofile.format_po(po)
    assert text.startswith("# French\n") and 'msgid ""' in text
    if MSGCAT is not None:
        forced = subprocess.run(
            [MSGCAT, "--force-po", "-"], input=text.encode(), capture_output=True, check=True
        )
        assert forced.stdout.decode() == text


def test_an_empty_catalog_is_an_empty_file() -> None:
    assert pofile.format_po(polib.POFile()) == ""


@pytest.mark.parametrize("char", ["\0", "\4"])
def test_nul_or_eot_in_a_string_cannot_be_written(char: str) -> None:
    po = polib.POFile()
    po.append(polib.POEntry(msgid=f"a{char}b", msgstr=""))
    with pytest.raises(ValueError, match="NUL or EOT"):
        pofile.format_po(po)


# -- arbitrary catalogs: hypothesis against msgcat -----------------------------

# Any character but NUL (a C string ends there), EOT (gettext's context
# separator) and lone surrogates (not UTF-8).
ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\0\4"), max_size=120)
# Scripts we publish, spaces and punctuation that decide where lines break.
SCRIPT_TEXT = st.lists(
    st.sampled_from(
        list("abc xyz  ,.:;!?'\"\\\t\n-—–/()[]{}«»“”‘’…%$#@0123456789")
        + list("\u00a0\u202f\u200b\u200c\u200d\u2028\u3000")
        + list("éàçüßøñ")
        + list("юабвгдежзийклмнопрстуфхцчшщъыьэя")
        + list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي،؛؟۔ےکگںھپچژ")
        + list("人权组织报告了俾路支省，。：；！？“”（）、《》「」")
        + ["https://example.org/a/very/long/url/that/goes/on?and=on&on=1", "{title}", "{text}"]
    ),
    max_size=60,
).map("".join)
STRINGS = st.one_of(ANY_TEXT, SCRIPT_TEXT, SCRIPT_TEXT.map(lambda s: s * 3))
# Comments are single lines; a final backslash would join GNU's next line to it.
COMMENT_LINE = st.text(
    st.characters(codec="utf-8", exclude_characters="\0\n\r"), max_size=60
).filter(lambda s: not s.endswith("\\") and not s.startswith(" File:"))
COMMENT = st.lists(COMMENT_LINE, max_size=3).map("\n".join)
FILE_NAME = st.text(
    st.sampled_from(list("abcdefghijklmnopqrstuvwxyz0123456789_-./") + ["ü", "ч", "ب", "中"]),
    min_size=1,
    max_size=30,
).filter(lambda s: ":" not in s and not s.startswith("./"))  # GNU writes "./a" as "a"
REFERENCE = st.tuples(FILE_NAME, st.one_of(st.just(""), st.integers(1, 99999).map(str)))
# Flags whose directives we do not have to find: formats GNU parses (other than
# Python brace) only as "no-", which makes it skip parsing.
FLAG = st.sampled_from(
    [
        "fuzzy",
        "wrap",
        "no-wrap",
        "python-brace-format",
        "no-python-brace-format",
        "possible-python-brace-format",
        "no-c-format",
        "no-python-format",
        "no-sh-format",
        "range: 0..9",
        "range: 3..2",
        "some-unknown-flag",
    ]
)


@st.composite
def entries(draw: st.DrawFn, number: int) -> polib.POEntry:
    plural = draw(st.booleans())
    msgstrs = draw(st.lists(STRINGS, min_size=1, max_size=3))
    entry = polib.POEntry(
        msgctxt=draw(st.one_of(st.none(), STRINGS)),
        msgid=draw(STRINGS) + f" #{number}",  # unique, so never a duplicate
        msgstr="" if plural else msgstrs[0],
        tcomment=draw(COMMENT),
        comment=draw(COMMENT),
        occurrences=draw(st.lists(REFERENCE, max_size=6)),
        flags=draw(st.lists(FLAG, max_size=4)),
        obsolete=draw(st.booleans()),
    )
    if plural:
        entry.msgid_plural = draw(STRINGS) or "plural"
        entry.msgstr_plural = dict(enumerate(msgstrs))
    if draw(st.booleans()):
        entry.previous_msgid = draw(STRINGS)
        entry.previous_msgctxt = draw(st.one_of(st.none(), STRINGS))
    return entry


@st.composite
def catalogs(draw: st.DrawFn) -> polib.POFile:
    po = header(polib.POFile(), draw(st.sampled_from(sorted(TEXTS))), draw(COMMENT_LINE))
    po.metadata["X-Note"] = draw(COMMENT_LINE.filter(lambda s: "\4" not in s)).strip()
    po.metadata_is_fuzzy = draw(st.booleans())
    for number in range(draw(st.integers(1, 6))):
        po.append(draw(entries(number)))
    return po


@needs_msgcat
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_any_catalog_is_written_as_msgcat_writes_it(po: polib.POFile) -> None:
    assume(any(not e.obsolete or pofile._msgstrs(e)[0] for e in po))  # else msgcat writes nothing
    text = pofile.format_po(po)
    assert text == msgcat(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_what_we_write_reads_back_the_same(po: polib.POFile) -> None:
    text = pofile.format_po(po)
    again = pofile.parse_po(text.encode(), "x.po")
    assert pofile.format_po(again) == text
    kept = [e for e in po if not e.obsolete or pofile._msgstrs(e)[0]]
    assert [(e.msgctxt, e.msgid, e.obsolete) for e in again] == sorted(
        [(e.msgctxt, e.msgid, e.obsolete) for e in kept], key=lambda k: k[2]
    )


# -- line breaking against libunistring, the library msgcat uses ----------------


def libunistring() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("unistring")
    if name is None:
        return None
    try:
        lib = ctypes.CDLL(name)
        version = ctypes.c_int.in_dll(lib, "_libunistring_version").value
        ctypes.c_char.in_dll(lib, "libunistring_unilbrkprop")
    except (OSError, ValueError):
        return None
    return lib if version == 0x010000 else None  # our tables are version 1.0's


LIB = libunistring()
needs_lib = pytest.mark.skipif(LIB is None, reason="libunistring 1.0 (with its tables) not found")


def library_class_table(lib: ctypes.CDLL) -> Callable[[int], int]:
    """libunistring 1.0's line breaking class lookup (``unilbrkprop``, three levels)."""
    base = ctypes.addressof(ctypes.c_char.in_dll(lib, "libunistring_unilbrkprop"))
    level1 = list((ctypes.c_int * 15).from_address(base))
    size2 = max(level1) + 512
    level2 = list((ctypes.c_int * size2).from_address(base + 60))
    size3 = max(level2) + 128
    level3 = bytes((ctypes.c_ubyte * size3).from_address(base + 60 + 4 * size2))

    def lookup(code: int) -> int:
        if code >> 16 < 15 and level1[code >> 16] >= 0:
            second = level2[level1[code >> 16] + ((code >> 7) & 511)]
            if second >= 0:
                return int(level3[second + (code & 127)])
        return pofile.XX

    return lookup


@needs_lib
def test_class_and_width_tables_are_libunistrings() -> None:
    assert LIB is not None
    lookup = library_class_table(LIB)
    LIB.uc_width.restype = ctypes.c_int
    LIB.uc_width.argtypes = [ctypes.c_uint32, ctypes.c_char_p]
    pairs = bytes((ctypes.c_ubyte * 33 * 33).in_dll(LIB, "libunistring_unilbrk_table"))
    assert ["".join(".DIP"[x] for x in pairs[r * 33 : r * 33 + 33]) for r in range(33)] == list(
        pofile._PAIRS
    )
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        assert pofile._line_class(char) == lookup(code), hex(code)
        assert pofile._column_width(char) == max(LIB.uc_width(code, b"UTF-8"), 0), hex(code)


def test_the_common_blocks_are_what_the_tables_say() -> None:
    """Latin-1 and general punctuation are looked up from tables made at import, not
    decoded: they must say what decoding the tables says."""
    kinds, resolved = pofile._Kinds(), pofile._ResolvedClasses()  # fresh: nothing looked up
    assert len(pofile._COMMON) == 512
    assert bytes(kinds[char] for char in pofile._COMMON) == pofile._COMMON_KINDS
    assert bytes(resolved[char] for char in pofile._COMMON) == pofile._COMMON_RESOLVED
    assert {ord(char) >> 8 for char in pofile._COMMON} == pofile._Patterns().blocks


def test_a_block_is_learned_once_texts_have_brought_it_often() -> None:
    """Compiling the patterns again costs more than looking up the characters of a few
    texts one by one: a block is learned on its ``LEARN_AFTER``-th text."""
    patterns = pofile._Patterns()
    cyrillic = "Привет, мир"
    for _ in range(patterns.LEARN_AFTER - 1):
        assert not patterns.learn(cyrillic)
        assert not patterns.plain.fullmatch(cyrillic)
    assert patterns.learn(cyrillic)
    assert patterns.plain.fullmatch(cyrillic)
    assert 0x04 in patterns.blocks and not patterns.learn(cyrillic)
    patterns.add({0x06})
    assert 0x06 in patterns.blocks and patterns.plain.fullmatch("ع")


def library_breaks(
    lib: ctypes.CDLL, chars: list[str], width: int, column: int, prohibit: list[bool]
) -> list[bool]:
    data = "".join(chars).encode()
    overrides = b"".join(
        bytes([1 if locked else 0]) + b"\1" * (len(c.encode()) - 1)
        for c, locked in zip(chars, prohibit, strict=True)
    )
    out = ctypes.create_string_buffer(len(data))
    lib.u8_width_linebreaks_v2(data, len(data), width, column, 0, overrides, b"UTF-8", out)
    result = []
    offset = 0
    for char in chars:
        result.append(out.raw[offset] == 2)  # UC_BREAK_POSSIBLE
        offset += len(char.encode())
    return result


# One character of every line breaking class, and some we publish in.
BREAK_TEXT = st.lists(
    st.one_of(
        st.characters(codec="utf-8", exclude_characters="\0"),
        st.sampled_from(
            list(" \u00a0\u202f\u200b\u200d\u2028\n\r-()[]{}«»“”\"'0.,:!?،۔؟，。：人abאב🇫🇷😀\u0301")
        ),
    ),
    max_size=80,
)


@needs_lib
@settings(max_examples=2000, deadline=None)
@given(BREAK_TEXT, st.integers(0, 40), st.integers(0, 20), st.data())
def test_line_breaks_are_libunistrings(
    chars: list[str], width: int, column: int, data: st.DataObject
) -> None:
    assert LIB is not None
    prohibit = data.draw(st.lists(st.booleans(), min_size=len(chars), max_size=len(chars)))
    assert pofile._width_breaks(chars, width, column, prohibit) == library_breaks(
        LIB, chars, width, column, prohibit
    )


# -- reading --------------------------------------------------------------------

BAD = {
    "bad_unterminated.po": (8, "unterminated string"),
    "bad_missing_msgstr.po": (7, "missing 'msgstr'"),
    "bad_escape_sequence.po": (8, "invalid escape sequence '\\U'"),
    "bad_invalid_utf8.po": (8, "invalid UTF-8 (byte 0xE0): catalogs are UTF-8"),
    "bad_charset.po": (
        4,
        "charset ISO-8859-1: catalogs must be UTF-8 (convert with 'msgconv -t UTF-8')",
    ),
    "bad_nul_byte.po": (8, "NUL byte: not a text file"),
    "bad_duplicate.po": (15, "duplicate entry: the same msgctxt and msgid as the entry at line 6"),
    "bad_empty.po": (1, "empty catalog"),
    "bad_only_comments.po": (1, "empty catalog"),
    "bad_unknown_keyword.po": (8, "unknown keyword 'msgtranslation'"),
    "bad_garbage.po": (8, "syntax error at '<': expected a keyword or a string"),
    "bad_plural_index.po": (9, "expected 'msgstr[1]', found 'msgstr[2]'"),
    "bad_plural_without_msgid_plural.po": (7, "'msgstr[0]' without 'msgid_plural'"),
    "bad_obsolete_inconsistent.po": (8, "inconsistent use of #~: mark every line of the entry"),
    "bad_carriage_return.po": (8, "carriage return without line feed: end lines with LF or CRLF"),
    "bad_string_without_keyword.po": (7, "a string without a keyword before it"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_malformed_catalog_is_an_error_at_its_line(name: str) -> None:
    line, message = BAD[name]
    shown = f"locales/fr/LC_MESSAGES/{name}"
    with pytest.raises(EditionsError) as caught:
        pofile.read_po(DATA / name, name=shown)
    assert str(caught.value) == f"{shown}:{line}: error: {message}"
    assert (caught.value.path, caught.value.line) == (shown, line)


def test_every_bad_catalog_has_its_expected_error() -> None:
    assert sorted(p.name for p in DATA.glob("bad_*.po")) == sorted(BAD)


def test_missing_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(EditionsError) as caught:
        pofile.read_po(tmp_path / "none.po", name="locales/fr/none.po")
    assert str(caught.value) == "locales/fr/none.po: error: No such file or directory"


SMALL = """\
# French translation of 'article'.
msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

#. Headline of the article
#: source_text/article.md:5
msgctxt "title"
msgid "Pakistan Faces Mounting International Pressure"
msgstr "Le Pakistan face à une pression internationale croissante"

#, fuzzy
#| msgid "Old lede"
msgctxt "lede"
msgid "Pakistan is under scrutiny."
msgstr "Le Pakistan est scruté."

#~ msgctxt "old"
#~ msgid "Gone"
#~ msgstr "Parti"
"""


def test_reads_the_model_with_line_numbers() -> None:
    po = pofile.parse_po(SMALL.encode(), "fr.po")
    assert po.header == "French translation of 'article'."
    assert po.metadata == {"Language": "fr", "Content-Type": "text/plain; charset=UTF-8"}
    title, lede, old = po
    assert (title.linenum, lede.linenum, old.linenum) == (7, 13, 19)
    assert title.comment == "Headline of the article"
    assert title.occurrences == [("source_text/article.md", "5")]
    assert lede.flags == ["fuzzy"] and lede.previous_msgid == "Old lede"
    assert (old.obsolete, old.msgctxt, old.msgstr) == (True, "old", "Parti")
    assert pofile.format_po(po) == SMALL


@pytest.mark.parametrize(
    ("prefix", "newline"),
    [("", "\r\n"), ("\ufeff", "\n"), ("\ufeff", "\r\n")],
    ids=["crlf", "bom", "bom-crlf"],
)
def test_bom_and_crlf_are_read_and_written_back(tmp_path: Path, prefix: str, newline: str) -> None:
    data = (prefix + SMALL.replace("\n", newline)).encode()
    path = tmp_path / "fr.po"
    path.write_bytes(data)
    po = pofile.read_po(path)
    assert (po.bom, po.newline) == (bool(prefix), newline)
    assert [e.linenum for e in po] == [7, 13, 19]
    assert pofile.format_po(po).encode() == data


def test_mixed_line_endings_are_written_with_the_first_lines() -> None:
    mixed = SMALL.replace("\n", "\r\n", 3).encode()
    po = pofile.parse_po(mixed, "fr.po")
    assert pofile.format_po(po) == SMALL.replace("\n", "\r\n")


def test_project_template_reads_and_writes_back_unchanged(repo: Project) -> None:
    path = Path(repo.pot_path("article"))
    assert pofile.format_po(pofile.read_po(path)).encode() == path.read_bytes()


def test_header_edited_after_reading_is_rebuilt() -> None:
    po = pofile.parse_po(SMALL.encode(), "fr.po")
    po.metadata["Language"] = "fr_CA"
    assert '"Language: fr_CA\\n"' in pofile.format_po(po)


def test_odd_header_text_is_kept_while_unchanged() -> None:
    odd = SMALL.replace('"Language: fr\\n"', '"Language:fr\\n"')
    assert pofile.format_po(pofile.parse_po(odd.encode(), "fr.po")) == odd


def test_gnu_spellings_are_read_as_gnu_reads_them() -> None:
    text = """\
#  two spaces kept
#.extracted without space
#: a.md :12 b.md: 13 c.md:14 ./d.md:0015 e:1:2 f.md
# File: sun.c, line:7
#, fuzzy c-format,,range: 1..3
#! no-wrap
msgid "a" "b"
msgstr ""
"c"
"""
    (entry,) = pofile.parse_po(text.encode(), "x.po")
    assert entry.tcomment == " two spaces kept"
    assert entry.comment == "extracted without space"
    assert entry.occurrences == [
        ("a.md", "12"),
        ("b.md", "13"),
        ("c.md", "14"),
        ("./d.md", "15"),
        ("e:1", "2"),
        ("f.md", ""),
        ("sun.c", "7"),
    ]
    assert entry.flags == ["fuzzy", "c-format", "range: 1..3", "no-wrap"]
    assert (entry.msgid, entry.msgstr) == ("ab", "c")
    assert list(pofile.generate_po(pofile.parse_po(text.encode(), "x.po"))) == [
        "#  two spaces kept",
        "#. extracted without space",
        "#: a.md:12 b.md:13 c.md:14 d.md:15 e:1:2 f.md sun.c:7",
        "#, fuzzy, c-format, range: 1..3, no-wrap",
        'msgid "ab"',
        'msgstr "c"',
    ]


def test_escapes_are_read() -> None:
    text = r'msgid "tab\there \"q\" \\ \101\x42 \303\251"' + '\nmsgstr ""\n'
    (entry,) = pofile.parse_po(text.encode(), "x.po")
    assert entry.msgid == 'tab\there "q" \\ AB é'


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('msgid "a"\nmsgstr "b"\n\nmsgstr "c"\n', 4, "a second 'msgstr'"),
        ('msgctxt "a"\nmsgstr "b"\n', 2, "missing 'msgid'"),
        ('msgid "a"\nmsgid_plural "b"\nmsgstr ""\n', 3, "expected 'msgstr[0]', found 'msgstr'"),
        ('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', 3, "a second 'msgstr'"),
        ('#| msgid "old"\n#, fuzzy\nmsgid "a"\nmsgstr "b"\n', 1, "missing 'msgid'"),
        (
            'domain "x"\nmsgid "a"\nmsgstr ""\n',
            1,
            "'domain' is not supported: one catalog, one domain",
        ),
        ('msgid "a"\nmsgstr "\\\n', 2, "unterminated string"),
        ('msgid "\\303"\nmsgstr ""\n', 1, "invalid UTF-8 in an escape sequence"),
        ('msgid "\\0"\nmsgstr ""\n', 1, "NUL character in a string"),
        ('msgid "a"\nmsgstr "\\4"\n', 2, "EOT character (U+0004) in a string: gettext reserves it"),
        ('msgid\nmsgstr ""\n', 1, "'msgid' without a string"),
        (
            'msgid ""\nmsgstr ""\n\nmsgid ""\nmsgstr ""\n',
            4,
            "duplicate entry: the same msgctxt and msgid as the entry at line 1",
        ),
        (
            '#~ msgid "a"\n#~ msgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
            4,
            "duplicate entry: the same msgctxt and msgid as the entry at line 1",
        ),
        ("\ufeff\ufeffmsgid", 1, "two byte order marks"),
    ],
)
def test_more_malformed_input(text: str, line: int, message: str) -> None:
    with pytest.raises(EditionsError) as caught:
        pofile.parse_po(text.encode(), "x.po")
    assert str(caught.value) == f"x.po:{line}: error: {message}"


def po_like() -> st.SearchStrategy[bytes]:
    """Bytes that look like a catalog: pieces of PO syntax in any order."""
    piece = st.sampled_from(
        [
            'msgid "',
            'msgstr "',
            "msgctxt ",
            "msgid_plural ",
            "msgstr[0] ",
            "msgstr[1] ",
            '"',
            "\\",
            "\\n",
            "\\x",
            "\\7",
            "#",
            "#~ ",
            "#| ",
            "#, fuzzy",
            "#: a.md:1",
            "\n",
            "\r\n",
            "\r",
            " ",
            "é",
            "\ufeff",
            "\0",
            "domain",
            "[",
        ]
    )
    return st.one_of(
        st.binary(max_size=200),
        st.lists(st.one_of(piece, st.text(max_size=5)), max_size=40).map(
            lambda p: "".join(p).encode()
        ),
    )


@settings(max_examples=1000, deadline=None)
@given(po_like())
def test_any_input_is_a_catalog_or_an_error_never_a_traceback(data: bytes) -> None:
    try:
        po = pofile.parse_po(data, "x.po")
    except EditionsError as exc:
        assert exc.path == "x.po" and exc.line is not None and exc.line >= 1
        assert exc.line <= data.count(b"\n") + 1
        return
    text = pofile.format_po(po)  # whatever we read, we can write, and read again
    assert pofile.format_po(pofile.parse_po(text.encode(), "x.po")) == text


# -- the fast paths give what the slow ones give ----------------------------------
#
# Writing: a string that fits its line is not looked at character by character,
# and the breaks of a string of ordinary line breaking classes are found line by
# line (pofile._breaks) rather than by _width_breaks, the reference checked
# against libunistring above. Reading: a catalog laid out as GNU writes it is
# read entry by entry with one regular expression (pofile._parse_laid_out);
# anything else goes through the token reader, which alone reports errors.

# Scripts we publish, RTL and CJK, wide and zero-width characters, combining
# marks, Hebrew before a hyphen, long words and URLs, escapes and spaces.
BREAKS_ALPHABET = (
    list("abc xyz   ,.:;!?'\"\\-—–/()[]{}«»“”‘’…%$#@0123456789\t")
    + list("\u00a0\u202f\u200b\u200c\u200d\u2028\u3000\u0301\u0651\x01\x7f")
    + list("éàçüßøñÁśžȲ")
    + list("юабвгдежзийклмн")
    + list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي،؛؟۔ےکگںھپچژ")
    + list("אבגדהוזחט־")
    + list("人权组织报告了俾路支省，。：；！？“”（）、《》「」가각")
    + ["🇫", "🇷", "😀", "\U00020000"]
    + ["https://example.org/a/very/long/url/that/goes/on?and=on&on=1", "{title}", "{text}"]
    + ["Pákíśtáñ", "íñtérñátíóñál", "ñóté", "x" * 90]
)
BREAKS_TEXT = st.one_of(
    st.lists(st.sampled_from(BREAKS_ALPHABET), max_size=80).map("".join),
    st.text(st.characters(codec="utf-8", exclude_characters="\0\4"), max_size=120),
)


@settings(max_examples=3000, deadline=None)
@given(BREAKS_TEXT, st.integers(0, 80), st.integers(0, 30), st.data())
def test_fast_breaks_are_the_reference_breaks(
    text: str, width: int, column: int, data: st.DataObject
) -> None:
    locked = frozenset(data.draw(st.sets(st.integers(0, max(len(text) - 1, 0)))) if text else ())
    reference = pofile._width_breaks(
        list(text), width, column, [i in locked for i in range(len(text))]
    )
    expected = [i for i, brk in enumerate(reference) if brk]
    assert pofile._breaks(text, width, column, locked) == expected
    assert pofile._breaks(text, width, column, locked, 1) == expected[:1]


def reference_wrap(
    prefix: str, name: str, value: str, width: int, wrap: bool, fmt: str | None
) -> list[str]:
    """write-po.c's ``wrap`` character by character, through _width_breaks: pofile's
    writer before its fast paths."""
    escapes = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v"}
    inside = pofile._directive_interiors(value) if fmt == "python-brace" else frozenset()
    after_break = len(prefix) + 1
    room = (width if wrap else 2**31 - 1) - 1 - after_break
    lines: list[str] = []
    first_line = True
    start = 0
    portions = re.findall(r"[^\n]*\n|[^\n]+", value) or [""]
    for number, portion in enumerate(portions):
        chars: list[str] = []
        prohibit: list[bool] = []
        for offset, char in enumerate(portion):
            locked = start + offset in inside
            if char in escapes or char in '\\"':
                chars += ["\\", escapes.get(char, char)]
                prohibit += [locked, True]
            else:
                chars.append(char)
                prohibit.append(locked)
        start += len(portion)
        if portion.endswith("\n"):
            prohibit[-2] = True
        while True:
            column = (len(name) + 1 if first_line else 0) + len(prefix) + 1 - after_break
            breaks = pofile._width_breaks(chars, room, column, prohibit)
            more = number + 1 < len(portions)
            if first_line and chars and (more or column > room or any(breaks)):
                lines.append(f'{prefix}{name} ""')
                first_line = False
                continue
            break
        line = (f"{prefix}{name} " if first_line else prefix) + '"'
        first_line = False
        for char, brk in zip(chars, breaks, strict=True):
            if brk:
                lines.append(line + '"')
                line = prefix + '"'
            line += char
        lines.append(line + '"')
    return lines


@settings(max_examples=2000, deadline=None)
@given(
    st.one_of(BREAKS_TEXT, BREAKS_TEXT.map(lambda s: s * 3), STRINGS),
    st.sampled_from(["", "#~ ", "#| ", "#~| "]),
    st.sampled_from(["msgid", "msgstr", "msgctxt", "msgstr[1]", "msgid_plural"]),
    st.sampled_from([79, 40, 12]),
    st.booleans(),
    st.sampled_from([None, "python-brace", "c"]),
)
def test_fast_wrapping_is_the_reference_wrapping(
    value: str, prefix: str, name: str, width: int, wrap: bool, fmt: str | None
) -> None:
    assume("\0" not in value and "\4" not in value)
    expected = reference_wrap(prefix, name, value, width, wrap, fmt)
    assert list(pofile._wrap(prefix, name, value, width, wrap, fmt)) == expected


def test_fast_wrapping_in_scripts_we_publish() -> None:
    """Every corpus string, as every field, at widths that break it in many places."""
    for lang, texts in TEXTS.items():
        for value in [*texts, LAYOUTS[lang], " ".join(texts) * 2]:
            for width in (79, 33, 20):
                for fmt in (None, "python-brace"):
                    assert list(pofile._wrap("", "msgstr", value, width, True, fmt)) == (
                        reference_wrap("", "msgstr", value, width, True, fmt)
                    ), (lang, value, width)


def state(po: polib.POFile) -> tuple[object, ...]:
    """Everything the reader sets on a catalog and its entries."""
    return (
        po.header, po.metadata, po.metadata_text, po.metadata_is_fuzzy, po.wrapwidth,
        [dict(vars(entry)) for entry in po],
    )  # fmt: skip


MUTATIONS = [
    "",
    "# x",
    '#~ msgid "z"',
    'msgid "a"',
    '"q"',
    '#| msgid "p"',
    'msgstr[0] ""',
    'msgstr ""',
    "#: a:1 b:2",
    "#, fuzzy",
    'msgctxt "c"',
    ' msgid "s"',
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs(), st.lists(st.tuples(st.integers(0, 5), st.integers(0, 10**6)), max_size=4))
def test_fast_reader_reads_what_the_token_reader_reads(
    po: polib.POFile, edits: list[tuple[int, int]]
) -> None:
    """A catalog as we write it, then with lines dropped, added, doubled or edited: the fast
    reader gives the token reader's catalog, or leaves it the text (always on an error)."""
    lines = pofile.format_po(po).split("\n")
    for kind, seed in edits:
        at = seed % len(lines)
        if kind == 0:
            del lines[at]
        elif kind == 1:
            lines.insert(at, MUTATIONS[seed % len(MUTATIONS)])
        elif kind == 2:
            lines.insert(at, lines[at])
        elif kind == 3 and lines[at]:
            cut = seed % len(lines[at])
            insert = ["\\", '"', " ", "\\n", "\\x41", "\\101", "msgstr[1] ", "\x04"][seed % 8]
            lines[at] = lines[at][:cut] + insert + lines[at][cut:]
        elif kind == 4 and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
    text = "\n".join(lines)
    fast = pofile._parse_laid_out(text)
    try:
        slow = pofile._Parser("x.po").parse_text(text)
    except EditionsError:
        assert fast is None
        return
    if fast is not None:
        assert state(fast) == state(slow)


def test_fast_reader_takes_what_we_write(article: Article) -> None:
    """Every catalog we write is read by the fast path (the slow one is the exception)."""
    for po in [corpus(lang) for lang in TEXTS] + [pseudo_po(article, "ur")]:
        text = pofile.format_po(po)
        fast = pofile._parse_laid_out(text)
        assert fast is not None
        assert state(fast) == state(pofile._Parser("x.po").parse_text(text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs(), st.data())
def test_format_changed_is_none_only_for_the_same_text(
    po: polib.POFile, data: st.DataObject
) -> None:
    before = pofile.parse_po(pofile.format_po(po).encode(), "x.po")
    after = pofile.parse_po(pofile.format_po(po).encode(), "x.po")
    entry = data.draw(st.sampled_from([None, *after]))
    if entry is not None:
        change = data.draw(st.sampled_from(["msgstr", "flags", "tcomment", "obsolete", "drop"]))
        if change == "msgstr":
            entry.msgstr += data.draw(st.sampled_from(["", "x", " y"]))
        elif change == "flags":
            entry.flags = [*entry.flags, data.draw(st.sampled_from(["fuzzy", "no-wrap", "x"]))]
        elif change == "tcomment":
            entry.tcomment = data.draw(st.sampled_from(["", "note"]))
        elif change == "obsolete":
            entry.obsolete = not entry.obsolete
        else:
            after.remove(entry)
    text = pofile.format_po(after)
    assert pofile.format_po(after, {}) == text
    changed = pofile.format_changed(after, before)
    assert changed == (None if text == pofile.format_po(before) else text)


def test_fast_breaks_for_every_pair_of_classes() -> None:
    """Two characters of any two line breaking classes, wherever a line ends near them."""
    representatives: dict[int, str] = {}
    for start, cls in zip(*pofile._classes(), strict=True):
        if cls not in representatives and not 0xD800 <= start < 0xE000:
            representatives[cls] = chr(start)
    chars = [*representatives.values(), " ", "-", "$", "\\"]
    for first in chars:
        for second in chars:
            text = f"aaaa {first}{second}{first}{second}{first}x bbbb"
            for width in range(4, 14):
                reference = pofile._width_breaks(list(text), width, 0, [False] * len(text))
                expected = [i for i, brk in enumerate(reference) if brk]
                assert pofile._breaks(text, width, 0, frozenset()) == expected, (text, width)


# -- the kinds of characters the fast path asks about ------------------------------
#
# pofile._shape and pofile._unbreakable match texts against patterns of the
# blocks of characters met so far (pofile._PATTERNS), and look up one by one
# (pofile._KINDS) the characters of other blocks. The characters here are a few
# of every line breaking class, from runs all over the tables, Hebrew letters
# with hyphens, wide and zero-width ones, and some past U+FFFF; each text is
# wrapped with the patterns as they are, or as they are in a new process.


def class_samples(per_class: int = 4) -> list[str]:
    """Up to ``per_class`` characters of each line breaking class, from different runs."""
    samples: dict[int, list[str]] = {}
    starts, values = pofile._classes()
    for index, (start, cls) in enumerate(zip(starts, values, strict=True)):
        end = starts[index + 1] if index + 1 < len(starts) else 0x110000
        picks = samples.setdefault(cls, [])
        if len(picks) < per_class and not 0xD800 <= start < 0xE000:
            picks.append(chr(start if len(picks) % 2 else end - 1))
    return [char for picks in samples.values() for char in picks]


KIND_ALPHABET = (
    class_samples()
    + list("אבגדש") + ["-", "\u05be", "\u2010", "\t", "\u00ad", "\u058a"]  # HL, HY, BA
    + ["א-", "ש\u05be", "ב ־", "-א"]
    + list("人权。가각\u3000ｱ\u0301\u200b\u200d\u00a0") + ["\U00020000", "😀", "🇫"]
    + list("aé1.,;:!?)]}»”’\"'") + [" ", " ", " ", "word", "wörd", "۔؟", "ab12cd"]
)  # fmt: skip
KIND_TEXT = st.lists(st.sampled_from(KIND_ALPHABET), max_size=70).map("".join)
STATEFUL = {pofile.BK, pofile.CR, pofile.LF, pofile.CM, pofile.ZWJ, pofile.ZW, pofile.RI, pofile.SP}


@settings(max_examples=3000, deadline=None)
@given(KIND_TEXT, st.integers(0, 60), st.integers(0, 20), st.data())
def test_character_kinds_keep_the_fast_breaks_the_reference_breaks(
    text: str, width: int, column: int, data: st.DataObject
) -> None:
    if data.draw(st.booleans()):
        with mock.patch.object(pofile, "_PATTERNS", pofile._Patterns()):
            check_fast_breaks_by_kinds(text, width, column, data)
    else:
        check_fast_breaks_by_kinds(text, width, column, data)


def check_fast_breaks_by_kinds(text: str, width: int, column: int, data: st.DataObject) -> None:
    # _shape: irregular for what carries state (or lies past U+FFFF) and for a Hebrew
    # letter just before a hyphen; else the columns, when some character is not one wide.
    classes = [pofile._line_class(char) for char in text]
    irregular = any(
        ord(char) > 0xFFFF or (cls in STATEFUL and char != " ")
        for char, cls in zip(text, classes, strict=True)
    ) or any(
        a == pofile.HL and b in (pofile.HY, pofile.BA)
        for a, b in zip(classes, classes[1:], strict=False)
    )
    shape = pofile._shape(text)
    if irregular:
        assert shape is pofile._IRREGULAR
    elif all(pofile._column_width(char) == 1 for char in text):
        assert shape is None
    else:
        assert shape == [0, *itertools.accumulate(map(pofile._column_width, text))]
    # _breaks, given that shape or finding it, breaks where _width_breaks does.
    locked = frozenset(data.draw(st.sets(st.integers(0, max(len(text) - 1, 0)))) if text else ())
    reference = pofile._width_breaks(
        list(text), width, column, [i in locked for i in range(len(text))]
    )
    expected = [i for i, brk in enumerate(reference) if brk]
    assert pofile._breaks(text, width, column, locked) == expected
    assert pofile._breaks(text, width, column, locked, -1, shape) == expected
    assert pofile._breaks(text, width, column, locked, 1, shape) == expected[:1]


@settings(max_examples=1000, deadline=None)
@given(
    KIND_TEXT, st.sampled_from([79, 30, 12]), st.sampled_from([None, "python-brace"]), st.booleans()
)
def test_character_kinds_keep_the_fast_wrapping_the_reference_wrapping(
    value: str, width: int, fmt: str | None, new: bool
) -> None:
    expected = reference_wrap("", "msgstr", value, width, True, fmt)
    with mock.patch.object(pofile, "_PATTERNS", pofile._Patterns() if new else pofile._PATTERNS):
        assert list(pofile._wrap("", "msgstr", value, width, True, fmt)) == expected


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(KIND_ALPHABET + list("abc-.)")), max_size=6).map("".join))
def test_an_unbreakable_run_has_no_break_inside(word: str) -> None:
    """What _breaks takes for one word, letters then closing punctuation, has no break
    opportunity inside; and it is what the kinds of its characters say, whether the
    patterns know their blocks or not."""
    if pofile._unbreakable(word, 0, len(word)):
        assert all(ord(char) <= 0xFFFF for char in word)
        possible = pofile._possible_breaks([pofile._line_class(char) for char in word])
        assert possible[1:] == [pofile.PROHIBITED] * (len(word) - 1)
    kinds = [pofile._KINDS[char] for char in word]
    letters = len(list(itertools.takewhile(lambda kind: kind & pofile._LETTER, kinds)))
    expected = all(kind & pofile._CLOSING for kind in kinds[letters:])
    assert pofile._unbreakable(f"x {word} y", 2, 2 + len(word)) == expected
    with mock.patch.object(pofile, "_PATTERNS", pofile._Patterns()):
        assert pofile._unbreakable(f"x {word} y", 2, 2 + len(word)) == expected
