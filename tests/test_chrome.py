"""The site's own words (render/chrome.py): the ``site`` domain's catalogs, and the pages
that show them in the reader's language."""

from __future__ import annotations

import re
import subprocess
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import polib
import pytest
from markupsafe import Markup

from conftest import pseudo_po
from editions import cli
from editions.localedata import CATEGORIES, locale_info, native_digits
from editions.model import Article
from editions.po.read import read_po
from editions.po.write import format_po
from editions.project import Project
from editions.render import chrome

ROOT = Path(__file__).resolve().parent.parent
#: The languages of the project, each with a site catalog.
LANGUAGES = ["ar", "bal", "de", "es", "fa", "fr", "ps", "ru", "ur", "zh_Hans"]
REVIEWED = [lang for lang in LANGUAGES if lang != "bal"]


def environment(**templates: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.DictLoader(templates), autoescape=True, extensions=["jinja2.ext.i18n"]
    )
    chrome.install(env)
    return env


def render(
    env: jinja2.Environment, words: chrome.Chrome, name: str = "page", **data: object
) -> str:
    return words.finish(env.get_template(name).render(**words.context, **data))


def locales_with(tmp_path: Path, lang: str, entries: list[polib.POEntry]) -> str:
    """A folder of site catalogs holding one, for ``lang``, of ``entries``."""
    po = polib.POFile()
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": locale_info(lang).plural_forms,
    }
    po.extend(entries)
    path = Path(chrome.catalog_path(lang, str(tmp_path)))
    path.parent.mkdir(parents=True)
    path.write_text(format_po(po), encoding="utf-8")
    return str(tmp_path)


def words_in(lang: str, tmp_path: Path, *entries: polib.POEntry) -> chrome.Chrome:
    return chrome.for_language(locale_info(lang), (locales_with(tmp_path, lang, list(entries)),))


# The catalogs.


def test_template_is_a_fresh_extraction_of_the_templates() -> None:
    """The shipped site.pot is what the templates say now: run
    scripts/site_catalogs.py after changing a word."""
    assert Path(chrome.POT).read_text("utf-8") == format_po(chrome.template())


def test_every_language_has_a_catalog_up_to_date_with_the_template() -> None:
    assert chrome.languages() == LANGUAGES
    pot = chrome.template()
    for lang in LANGUAGES:
        text = Path(chrome.catalog_path(lang)).read_text("utf-8")
        assert chrome.updated_catalog(text, pot, locale_info(lang)) is None, lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_passes_msgfmt_check(lang: str, tmp_path: Path) -> None:
    done = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "site.mo"), chrome.catalog_path(lang)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


@pytest.mark.parametrize("lang", REVIEWED)
def test_every_message_is_translated(lang: str) -> None:
    live = [e for e in read_po(chrome.catalog_path(lang)) if not e.obsolete]
    assert [e.msgid for e in live if not e.translated()] == []
    assert len(live) == len(chrome.template())


def test_balochi_has_every_message_drafted_and_awaiting_review() -> None:
    live = [e for e in read_po(chrome.catalog_path("bal")) if not e.obsolete]
    assert len(live) == len(chrome.template())
    for entry in live:
        forms = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        assert all(forms), entry.msgid
        assert entry.fuzzy, entry.msgid
        assert "native speaker" in entry.tcomment, entry.msgid


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_forms_are_cldr_s(lang: str) -> None:
    po = read_po(chrome.catalog_path(lang))
    assert po.metadata["Plural-Forms"] == locale_info(lang).plural_forms
    expected = {"ar": 6, "ru": 3, "zh_Hans": 1, "de": 2}.get(lang)
    if expected:
        assert po.metadata["Plural-Forms"].startswith(f"nplurals={expected};")


# The words on a page.


def test_a_language_without_a_catalog_shows_english_marked(tmp_path: Path) -> None:
    env = environment(
        page='<title>{{ _("Front page") }}</title><nav aria-label="{{ _("Editions") }}">'
        "{% trans %}Side by side{% endtrans %}</nav>"
    )
    words = words_in("fr", tmp_path)  # a folder with a French catalog only
    assert render(env, chrome.for_language(locale_info("ja"), (str(tmp_path),))) == (
        '<title>Front page</title><nav aria-label="Editions">'
        '<span lang="en" dir="ltr" class="untranslated">Side by side</span></nav>'
    )
    assert render(env, words).count("untranslated") == 1


def test_english_shows_the_templates_words_unmarked() -> None:
    env = environment(
        page="<p>{% trans n=3 %}{{ n }} edition{% pluralize %}{{ n }} editions{% endtrans %}</p>"
    )
    assert render(env, chrome.for_language(locale_info("en"))) == "<p>3 editions</p>"


def test_a_translation_is_used_in_text_and_attributes(tmp_path: Path) -> None:
    env = environment(page='<a title="{{ _("Editions") }}">{{ _("Editions") }}</a>')
    words = words_in("fr", tmp_path, polib.POEntry(msgid="Editions", msgstr="Éditions"))
    assert render(env, words) == '<a title="Éditions">Éditions</a>'


def test_a_fuzzy_translation_is_not_used(tmp_path: Path) -> None:
    env = environment(page='{{ _("Editions") }}')
    entry = polib.POEntry(msgid="Editions", msgstr="Éditions", flags=["fuzzy"])
    assert render(env, words_in("fr", tmp_path, entry)) == (
        '<span lang="en" dir="ltr" class="untranslated">Editions</span>'
    )


def test_a_translation_is_text_never_markup(tmp_path: Path) -> None:
    env = environment(
        page='<a title="{{ _("Editions") }}">{{ _("Front page") }}</a>{{ _("Side by side") }}'
    )
    words = words_in(
        "fr",
        tmp_path,
        polib.POEntry(msgid="Editions", msgstr='"> 1 < 2'),
        polib.POEntry(msgid="Front page", msgstr="&lt;b&gt;Une\x1b\u202e"),
        polib.POEntry(msgid="Side by side", msgstr="<script>alert(1)</script>"),
    )
    assert render(env, words) == (
        '<a title="&#34;&gt; 1 &lt; 2">&lt;b&gt;Une\ufffd\u202e\u202c</a>'
        '<span lang="en" dir="ltr" class="untranslated">Side by side</span>'
    )


def test_a_translation_keeps_the_markup_of_its_english_or_is_not_used(tmp_path: Path) -> None:
    english = 'Read <a href="#top">the top</a> first'
    env = environment(page="{{ _(text) }}")
    words = words_in(
        "fr", tmp_path, polib.POEntry(msgid=english, msgstr='Lisez <a href="#top">le haut</a>')
    )
    assert render(env, words, text=english) == 'Lisez <a href="#top">le haut</a>'
    other = words_in(
        "de", tmp_path / "de", polib.POEntry(msgid=english, msgstr="<a href=x>Oben</a>")
    )
    assert render(env, other, text=english) == (
        f'<span lang="en" dir="ltr" class="untranslated">{english}</span>'
    )


def test_placeholders_of_its_own_make_a_translation_unused(tmp_path: Path) -> None:
    env = environment(page="{% trans n=2 %}{{ n }} pages{% endtrans %}")
    words = words_in("fr", tmp_path, polib.POEntry(msgid="%(n)s pages", msgstr="%(m)s pages %"))
    assert render(env, words) == '<span lang="en" dir="ltr" class="untranslated">2 pages</span>'


def test_no_translation_can_forge_a_mark(tmp_path: Path) -> None:
    words = words_in("fr", tmp_path, polib.POEntry(msgid="Editions", msgstr="É"))
    forged = "\ufdd0x\ufdd1<b>\ufdd1x\ufdd0"
    env = environment(page="{{ forged }} {{ _('Side') }}")
    page = render(env, words, forged=forged)
    assert page.startswith(forged.replace("<", "&lt;").replace(">", "&gt;"))


def test_counts_are_written_in_the_language_s_digits(tmp_path: Path) -> None:
    env = environment(page="{% trans n=25, total=120 %}{{ n }} of {{ total }}{% endtrans %}")
    words = words_in(
        "fa", tmp_path, polib.POEntry(msgid="%(n)s of %(total)s", msgstr="%(n)s از %(total)s")
    )
    assert render(env, words) == "۲۵ از ۱۲۰"
    assert render(env, chrome.for_language(locale_info("fr"), (str(tmp_path),))).endswith(
        "25 of 120</span>"
    )


def _notice() -> polib.POEntry:
    pot = chrome.template()
    return next(e for e in pot if e.msgid_plural and "not yet translated" in e.msgid)


@pytest.mark.parametrize("count", [0, 1, 2, 3, 11, 100])
def test_the_arabic_notice_takes_cldr_s_plural_form(count: int) -> None:
    from babel import Locale

    entry = _notice()
    po = read_po(chrome.catalog_path("ar"))
    translated = next(e for e in po if e.msgid == entry.msgid)
    form = CATEGORIES.index(Locale("ar").plural_form(count))
    marked = Markup('<span class="untranslated">x</span>')
    words = chrome.for_language(locale_info("ar"))
    shown = words.ngettext(
        entry.msgid, entry.msgid_plural, count, count=count, total=120, marked=marked
    )
    digits = locale_info("ar").numbering_system
    expected = translated.msgstr_plural[form] % {
        "count": native_digits(str(count), digits),
        "total": native_digits("120", digits),
        "marked": marked,
    }
    assert shown == expected
    assert len(set(translated.msgstr_plural.values())) == 6  # a form of its own for each


# Whole pages.


class _Shown(HTMLParser):
    """The words a reader meets on a page: its text (the ``<title>`` included) and the
    labels of its elements; and apart, the names of languages (data, not the site's
    words: a link to an edition, a name in a language of its own)."""

    LABELS = ("aria-label", "title", "alt")
    VOID = ("meta", "link", "br", "img", "input", "hr", "wbr", "source")

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.names: list[str] = []
        self.open: list[str] = []  # what each open element holds: "text", "name" or "code"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.text += [value or "" for name, value in attrs if name in self.LABELS]
        if tag in self.VOID:
            return
        kind = self.open[-1] if self.open else "text"
        if tag in ("style", "script"):
            kind = "code"
        elif "hreflang" in found or (tag == "span" and "lang" in found and "class" not in found):
            kind = "name"
        self.open.append(kind)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        kind = self.open[-1] if self.open else "text"
        if kind != "code":
            (self.names if kind == "name" else self.text).append(data)


def english_words() -> set[str]:
    """Every word of the templates' own text, placeholders left out."""
    words = set()
    for entry in chrome.template():
        for text in (entry.msgid, entry.msgid_plural):
            words |= set(re.findall(r"[A-Za-z]{2,}", re.sub(r"%\(\w+\)s", "", text)))
    return words


def shown(page: Path) -> _Shown:
    parser = _Shown()
    parser.feed(page.read_text("utf-8"))
    return parser


def test_an_urdu_page_shows_no_english_word_of_the_templates(site: Path) -> None:
    """The Urdu article is fully translated, and so is the site's catalog: no word of the
    templates' own text shows in English, but data: the names of languages (``English``)
    and the site's, from editions.toml (this project's is ``Editions``)."""
    words = english_words()
    assert {"Editions", "passages", "translated", "Side", "Front"} <= words
    with open(ROOT / "editions.toml", "rb") as handle:
        site_name = tomllib.load(handle)["site"]["name"]
    for page in ("ur/article.html", "ur/index.html"):
        reader = shown(site / page)
        text = " ".join(reader.text).replace(site_name, "")
        assert "صفحۂ اول" in text, page
        assert '<nav class="editions" aria-label="ایڈیشن">' in (site / page).read_text("utf-8")
        assert set(re.findall(r"[A-Za-z]{2,}", text)) & words == set(), page
        assert "English" in reader.names  # the English edition's link, by its own name


def test_the_urdu_notice_counts_in_urdu(project: Project) -> None:
    po = read_po(project.po_path("ur", "article"))
    untranslated = [e for e in po if e.msgctxt != "layout/point"][:3]
    for entry in untranslated:
        entry.msgstr = ""
    Path(project.po_path("ur", "article")).write_text(format_po(po), "utf-8")
    assert cli.main(["-C", project.root, "build", "--lang", "ur", "-q"]) == 0
    notice = re.search(
        r'<p class="notice"[^>]*>\n(.*?)</p>',
        (Path(project.build_dir) / "ur/article.html").read_text("utf-8"),
        re.S,
    )
    assert notice is not None
    assert notice[1].strip() == (
        "33 میں سے 3 حصوں کا ابھی ترجمہ نہیں ہوا اور وہ انگریزی میں دکھائے"
        ' گئے ہیں، <span class="untranslated">اس نشان کے ساتھ</span>۔'
    )


def test_a_language_without_a_site_catalog_shows_the_site_s_words_in_english_marked(
    project: Project, article: Article
) -> None:
    path = Path(project.po_path("it", "article"))
    path.parent.mkdir(parents=True)
    path.write_text(format_po(pseudo_po(article, "it")), "utf-8")
    assert cli.main(["-C", project.root, "build", "--lang", "it", "-q"]) == 0
    page = (Path(project.build_dir) / "it/article.html").read_text("utf-8")
    assert '<html lang="it" dir="ltr"' in page
    assert '<nav class="editions" aria-label="Editions">' in page  # an attribute: plain
    assert (
        '<a class="home" href="../it/index.html">'
        '<span lang="en" dir="ltr" class="untranslated">Front page</span></a>'
    ) in page
    fallbacks = re.findall(r'<span lang="en" dir="ltr" class="untranslated">([^<]*)</span>', page)
    assert fallbacks == ["Front page", "Language:", "Side by side"]  # the article is all Italian


def test_a_project_s_catalog_comes_first_then_the_package_s(tmp_path: Path) -> None:
    """A project's own templates carry their words in catalogs of their own, looked up
    before the package's."""
    env = environment(page='{{ _("Masthead") }} {{ _("Front page") }} {{ _("Editions") }}')
    project = locales_with(
        tmp_path,
        "fr",
        [
            polib.POEntry(msgid="Masthead", msgstr="Bandeau"),
            polib.POEntry(msgid="Front page", msgstr="Accueil"),
        ],
    )
    words = chrome.for_language(locale_info("fr"), (project, chrome.LOCALES))
    assert render(env, words) == "Bandeau Accueil Éditions"
