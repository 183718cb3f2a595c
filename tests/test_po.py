"""PO files: read strictly, written exactly as GNU ``msgcat`` writes them.

The writer is checked against ``msgcat`` itself (a fixed corpus in the languages we
publish, at several widths, then arbitrary catalogs from hypothesis), its line
breaking and tables against libunistring, the library msgcat breaks lines with. Each
malformed catalog in ``tests/data/po/`` is named for its fault.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import pseudo_po
from editions import catalog
from editions.errors import EditionsError
from editions.localedata import locale_info
from editions.model import Article
from editions.po import linebreak, read, write
from editions.po.read import Layout
from editions.project import Project

DATA = Path(__file__).parent / "data" / "po"
MSGCAT = shutil.which("msgcat")
needs_msgcat = pytest.mark.skipif(MSGCAT is None, reason="GNU msgcat is not installed")


def msgcat(text: str, *options: str) -> str:
    """What ``msgcat`` writes for ``text`` (default options but ``options``)."""
    assert MSGCAT is not None
    done = subprocess.run(
        [MSGCAT, *options, "-"], input=text.encode(), capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode()


def parse(text: str | bytes, name: str = "x.po") -> polib.POFile:
    """The catalog in ``text``, without its layout."""
    return read.parse_po(text.encode() if isinstance(text, str) else text, name)[0]


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
    text = write.format_po(corpus(lang))
    assert text == msgcat(text)


@needs_msgcat
@pytest.mark.parametrize("width", [12, 20, 33, 50])
def test_wrapping_at_any_width_is_msgcats(width: int) -> None:
    """Every corpus string broken at narrow widths, as ``msgcat --width`` breaks it."""
    po = header(polib.POFile(), "fr", "All the scripts")
    for lang, texts in TEXTS.items():
        for number, value in enumerate([*texts, LAYOUTS[lang], " ".join(texts) * 2]):
            flags = ["python-brace-format"] if number % 2 else []
            po.append(polib.POEntry(msgctxt=f"{lang}-{number}", msgid=value, flags=flags))
    text = "\n".join(write.generate_po(po, width)) + "\n"
    assert text == msgcat(text, f"--width={width}")


@needs_msgcat
def test_template_and_a_translation_are_written_as_msgcat_writes_them(article: Article) -> None:
    pot = write.format_po(catalog.to_pot(article, article.path))
    assert pot == msgcat(pot)
    for lang, mark in (("ur", "«{}»"), ("zh", "【{}】"), ("fr", "\u00a0{}\u202f!")):
        po = write.format_po(pseudo_po(article, lang, mark))
        assert po == msgcat(po)


def test_corpus_is_what_we_expect_in_a_few_known_places() -> None:
    """Spot checks that do not need msgcat: GNU's layout for the trickiest parts."""
    lines = list(write.generate_po(corpus("fr")))
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
    assert write._wrap("", "msgstr", zh, 79, True, None) == (
        'msgstr ""',
        f'"{"人" * 38}"',
        f'"{"人" * 2}"',
    )
    assert write._wrap("", "msgid", "a\n", 79, True, None) == ('msgid "a\\n"',)
    assert write._wrap("#~ ", "msgid", "", 79, True, None) == ('#~ msgid ""',)
    word = "x" * 100  # no break opportunity: one long line
    assert write._wrap("", "msgid", f"{word} y", 79, True, None) == (
        'msgid ""',
        f'"{word} "',
        '"y"',
    )
    assert write._wrap("", "msgid", "a " * 50, 79, False, None) == (f'msgid "{"a " * 50}"',)


def test_format_po_keeps_crlf_and_bom() -> None:
    po = corpus("ur")
    plain = write.format_po(po)
    assert write.format_po(po, Layout(bom=True, newline="\r\n")) == "\ufeff" + plain.replace(
        "\n", "\r\n"
    )


def test_header_only_catalog_is_still_written() -> None:
    """msgcat writes nothing for a catalog with no message (unless --force-po); we write it."""
    po = header(polib.POFile(), "fr", "French")
    text = write.format_po(po)
    assert text.startswith("# French\n") and 'msgid ""' in text
    if MSGCAT is not None:
        assert msgcat(text, "--force-po") == text


def test_an_empty_catalog_is_an_empty_file() -> None:
    assert write.format_po(polib.POFile()) == ""


@pytest.mark.parametrize("char", ["\0", "\4"])
def test_nul_or_eot_in_a_string_cannot_be_written(char: str) -> None:
    po = polib.POFile()
    po.append(polib.POEntry(msgid=f"a{char}b", msgstr=""))
    with pytest.raises(ValueError, match="NUL or EOT"):
        write.format_po(po)


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
UNKNOWN_FLAG = "some-unknown-flag"  # a translator's own: kept, where msgcat drops it
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
        UNKNOWN_FLAG,
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
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_any_catalog_is_written_as_msgcat_writes_it(po: polib.POFile) -> None:
    """As msgcat writes it, but for the flags gettext does not know, which msgcat drops."""
    assume(any(not e.obsolete or write._msgstrs(e)[0] for e in po))  # else msgcat writes nothing
    text = write.format_po(po)
    for entry in po:
        entry.flags = [flag for flag in entry.flags if flag != UNKNOWN_FLAG]
    assert msgcat(text) == write.format_po(po)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_what_we_write_reads_back_the_same(po: polib.POFile) -> None:
    text = write.format_po(po)
    again, layout = read.parse_po(text.encode(), "x.po")
    assert write.format_po(again) == text
    assert write.format_po(again, layout) == text
    kept = [e for e in po if not e.obsolete or write._msgstrs(e)[0]]
    assert [(e.msgctxt, e.msgid, e.obsolete) for e in again] == sorted(
        [(e.msgctxt, e.msgid, e.obsolete) for e in kept], key=lambda k: k[2]
    )


# -- a catalog msgcat wrote, or a translator's editor, comes back as it was ----


@needs_msgcat
@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_a_catalog_msgcat_wrote_comes_back_byte_for_byte(lang: str) -> None:
    text = msgcat(write.format_po(corpus(lang)))
    po, layout = read.parse_po(text.encode(), "fr.po")
    assert write.format_po(po, layout) == text
    again, _ = read.parse_po(text.encode(), "fr.po")
    assert write.format_changed(again, po, layout) is None


@needs_msgcat
def test_a_catalog_msgcat_wrote_comes_back_byte_for_byte_from_update(project: Project) -> None:
    """The project's catalogs, through msgcat, then update: nothing to write."""
    from editions import cli

    paths = sorted(Path(project.root, "locales").glob("*/LC_MESSAGES/*.po"))
    for path in paths:
        path.write_text(msgcat(path.read_text("utf-8")), "utf-8")
    before = [path.read_bytes() for path in paths]
    assert cli.main(["-C", str(project.root), "update", "-q"]) == 0
    assert [path.read_bytes() for path in paths] == before


EDITED = """\
msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgctxt "a"
msgid "A sentence whose translation an editor wrapped."
msgstr ""
"Une phrase assez longue pour que "
"l'éditeur du traducteur en ait coupé la traduction."

msgctxt "b"
msgid "Another"
msgstr "Une autre"
"""


def test_a_translation_keeps_the_lines_a_translators_editor_gave_it() -> None:
    po, layout = read.parse_po(EDITED.encode(), "fr.po")
    assert write.format_po(po, layout) == EDITED
    po[1].msgstr = "Une autre encore"  # another entry changes: this one keeps its lines
    changed = write.format_changed(po, read.parse_po(EDITED.encode(), "fr.po")[0], layout)
    assert changed == EDITED.replace('"Une autre"', '"Une autre encore"')
    assert write.format_po(po) != changed  # without the layout: wrapped as GNU wraps it


@pytest.mark.parametrize(
    "odd",
    [
        '"Une phrase assez " "longue pour que "',
        '"Une phrase assez longue pour que "  ',
        '\t"Une phrase"',
    ],
    ids=["two-strings", "trailing-space", "tab"],
)
def test_only_lines_laid_out_as_gnu_writes_them_are_kept(odd: str) -> None:
    text = EDITED.replace('"Une phrase assez longue pour que "', odd)
    po, layout = read.parse_po(text.encode(), "fr.po")
    assert (False, True, po[0].msgstr) not in layout.translations
    assert (False, True, "Une autre") in layout.translations
    assert write.format_po(po, layout) == write.format_po(po)


# -- tables and line breaking against libunistring, the library msgcat uses ------


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
        return linebreak.XX

    return lookup


@needs_lib
def test_class_and_width_tables_are_libunistrings() -> None:
    """The tables scripts/unicode_tables.py made, for every code point and pair of classes."""
    assert LIB is not None
    lookup = library_class_table(LIB)
    LIB.uc_width.restype = ctypes.c_int
    LIB.uc_width.argtypes = [ctypes.c_uint32, ctypes.c_char_p]
    pairs = bytes((ctypes.c_ubyte * 33 * 33).in_dll(LIB, "libunistring_unilbrk_table"))
    assert ["".join(".DIP"[x] for x in pairs[r * 33 : r * 33 + 33]) for r in range(33)] == list(
        linebreak._PAIRS
    )
    resolved = {linebreak.AI: linebreak.AL, linebreak.SA: linebreak.AL, linebreak.XX: linebreak.AL}
    resolved[linebreak.CB] = linebreak.ID1
    for code in [*range(0xD800), *range(0xE000, 0x40000), *range(0xE0000, 0x110000, 7)]:
        char = chr(code)
        expected = lookup(code)
        assert linebreak.line_class(char) == resolved.get(expected, expected), hex(code)
        assert linebreak.column_width(char) == max(LIB.uc_width(code, b"UTF-8"), 0), hex(code)


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


# One character of every line breaking class, and some we publish in.
BREAK_TEXT = st.lists(
    st.one_of(
        st.characters(codec="utf-8", exclude_characters="\0"),
        st.sampled_from(
            list(" \u00a0\u202f\u200b\u200d\u2028\n\r-()[]{}«»“”\"'0.,:!?،۔؟，。：人abאב🇫🇷😀\u0301")
            + ["\u05d0-", "\u0301\u0301", "\u200d\u200d", "🇫🇷🇫🇷"]
        ),
    ),
    max_size=80,
)


@needs_lib
@settings(max_examples=300, deadline=None)
@given(BREAK_TEXT, st.integers(0, 40), st.integers(0, 20), st.data())
def test_line_breaks_are_libunistrings(
    chars: list[str], width: int, column: int, data: st.DataObject
) -> None:
    assert LIB is not None
    text = "".join(chars)
    locked = data.draw(st.sets(st.integers(0, max(len(text) - 1, 0)))) if text else set()
    flags = library_breaks(LIB, list(text), width, column, [i in locked for i in range(len(text))])
    expected = [i for i, brk in enumerate(flags) if brk]
    assert list(linebreak.breaks(text, width, column, locked)) == expected


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
        read.read_po(DATA / name, name=shown)
    assert str(caught.value) == f"{shown}:{line}: error: {message}"
    assert (caught.value.path, caught.value.line) == (shown, line)


def test_every_bad_catalog_has_its_expected_error() -> None:
    assert sorted(p.name for p in DATA.glob("bad_*.po")) == sorted(BAD)


def test_missing_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(EditionsError) as caught:
        read.read_po(tmp_path / "none.po", name="locales/fr/none.po")
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
    po = parse(SMALL)
    assert po.header == "French translation of 'article'."
    assert po.metadata == {"Language": "fr", "Content-Type": "text/plain; charset=UTF-8"}
    title, lede, old = po
    assert (title.linenum, lede.linenum, old.linenum) == (7, 13, 19)
    assert title.comment == "Headline of the article"
    assert title.occurrences == [("source_text/article.md", "5")]
    assert lede.flags == ["fuzzy"] and lede.previous_msgid == "Old lede"
    assert (old.obsolete, old.msgctxt, old.msgstr) == (True, "old", "Parti")
    assert write.format_po(po) == SMALL


TRANSLATORS_OWN = """\
msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

#
#. Headline of the article
#, fuzzy, no-wrap, review
msgctxt "title"
msgid "Pakistan Faces Mounting International Pressure"
msgstr "Le Pakistan face à une pression internationale croissante"

#\x20
#no space after the hash
#
#, x-checked-by-desk
#| msgid "Ship"
#| msgid_plural "Ships"
msgctxt "lede"
msgid "Twelve ships"
msgid_plural "Twelve ships"
msgstr[0] "Douze navire"
msgstr[1] "Douze navires"

#
#~ msgctxt "old"
#~ msgid "Gone"
#~ msgstr "Parti"
"""


def test_what_a_translator_wrote_is_read_and_written_back_exactly() -> None:
    """Flags gettext does not know, comments that are a lone ``#``, a ``# `` or ``#text``,
    and a plural entry, whose msgstr is its first form: msgcat would drop or rewrite
    the comments and flags; we keep them, as the file had them."""
    po = parse(TRANSLATORS_OWN)
    title, lede, old = po
    assert (title.tcomment, title.flags) == ("", ["fuzzy", "no-wrap", "review"])
    assert lede.tcomment == "\nno space after the hash\n"
    assert (lede.msgstr, lede.msgstr_plural) == (
        "Douze navire",
        {0: "Douze navire", 1: "Douze navires"},
    )
    assert (lede.previous_msgid, lede.previous_msgid_plural) == ("Ship", "Ships")
    assert (old.tcomment, old.obsolete) == ("", True)
    assert write.format_po(po) == TRANSLATORS_OWN
    assert write.format_po(*read.parse_po(TRANSLATORS_OWN.encode(), "fr.po")) == TRANSLATORS_OWN
    title.tcomment, lede.tcomment = "Edited.", "\nno space after the hash\n"
    assert list(write.generate_po(po))[6:8] == ["# Edited.", "#. Headline of the article"]
    assert "\n# \n#no space after the hash\n#\n" in write.format_po(po)  # unchanged: kept


@pytest.mark.parametrize(
    ("prefix", "newline"),
    [("", "\r\n"), ("\ufeff", "\n"), ("\ufeff", "\r\n")],
    ids=["crlf", "bom", "bom-crlf"],
)
def test_bom_and_crlf_are_read_and_written_back(tmp_path: Path, prefix: str, newline: str) -> None:
    data = (prefix + SMALL.replace("\n", newline)).encode()
    path = tmp_path / "fr.po"
    path.write_bytes(data)
    po, layout = read.parse_po(path.read_bytes(), "fr.po")
    assert (layout.bom, layout.newline) == (bool(prefix), newline)
    assert [e.linenum for e in read.read_po(path)] == [7, 13, 19]
    assert write.format_po(po, layout).encode() == data


def test_mixed_line_endings_are_written_with_the_first_lines() -> None:
    mixed = SMALL.replace("\n", "\r\n", 3).encode()
    assert write.format_po(*read.parse_po(mixed, "fr.po")) == SMALL.replace("\n", "\r\n")


def test_project_template_reads_and_writes_back_unchanged(repo: Project) -> None:
    path = Path(repo.pot_path("article"))
    assert write.format_po(read.read_po(path)).encode() == path.read_bytes()


def test_header_edited_after_reading_is_rebuilt() -> None:
    po, layout = read.parse_po(SMALL.encode(), "fr.po")
    po.metadata["Language"] = "fr_CA"
    assert '"Language: fr_CA\\n"' in write.format_po(po, layout)


def test_odd_header_text_is_kept_while_unchanged() -> None:
    odd = SMALL.replace('"Language: fr\\n"', '"Language:fr\\n"')
    assert write.format_po(*read.parse_po(odd.encode(), "fr.po")) == odd


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
    (entry,) = parse(text)
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
    assert list(write.generate_po(parse(text))) == [
        "#  two spaces kept",
        "#. extracted without space",
        "#: a.md:12 b.md:13 c.md:14 d.md:15 e:1:2 f.md sun.c:7",
        "#, fuzzy, c-format, range: 1..3, no-wrap",
        'msgid "ab"',
        'msgstr "c"',
    ]


def test_escapes_are_read() -> None:
    text = r'msgid "tab\there \"q\" \\ \101\x42 \303\251"' + '\nmsgstr ""\n'
    (entry,) = parse(text)
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
        parse(text)
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


@settings(max_examples=200, deadline=None)
@given(po_like())
def test_any_input_is_a_catalog_or_an_error_never_a_traceback(data: bytes) -> None:
    try:
        po, layout = read.parse_po(data, "x.po")
    except EditionsError as exc:
        assert exc.path == "x.po" and exc.line is not None and exc.line >= 1
        assert exc.line <= data.count(b"\n") + 1
        return
    text = write.format_po(po, layout)  # whatever we read, we can write, and read again
    assert write.format_po(*read.parse_po(text.encode(), "x.po")) == text


def test_the_same_translation_keeps_each_entry_s_own_lines() -> None:
    """Two entries with the same translation, one wrapped and one ``no-wrap``, each come
    back with its own lines: what a file had is kept per way of wrapping."""
    long = "0" * 50 + "\u2e80" * 9
    text = (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'#~ msgid "a"\n#~ msgstr ""\n#~ "{long}"\n\n'
        f'#, no-wrap\n#~ msgid "b"\n#~ msgstr "{long}"\n'
    )
    po, layout = read.parse_po(text.encode(), "x.po")
    assert write.format_po(po, layout) == text
