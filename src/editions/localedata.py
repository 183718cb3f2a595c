"""What CLDR knows about a language, through babel: the only module that imports it.

Renderers and catalog writers receive a :class:`LocaleInfo`; they never ask
babel themselves.

A language is named by its catalog folder, as the project named it: CLDR's
identifiers (``zh_Hans``), POSIX and gettext locale names (``zh_CN``,
``pt_BR``, ``sr@latin``), written with ``_`` or ``-``. CLDR understands each:
an old code stands for its new one (``iw`` for ``he``), a gettext modifier
for its script (``@latin``), and :func:`same_language` adds CLDR's likely
subtags, so that ``zh_CN`` and ``zh_Hans`` name one language, ``pt`` and
``pt_PT`` two. A language the project defines (:func:`define`: one CLDR
lacks, or one whose names, direction or date pattern the project corrects)
takes those from the project; its other facts come from CLDR when CLDR knows
the language, else are neutral (Latin digits, ISO dates, gettext's two plural
forms).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global, parse_locale
from babel.dates import format_date
from babel.plural import PluralRule

from editions.errors import EditionsError

TAG = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*(@[A-Za-z0-9]{2,16})?$")
#: gettext's locale modifiers that name a script (``sr@latin``), as ISO 15924 codes.
SCRIPT_MODIFIERS = {"latin": "Latn", "cyrillic": "Cyrl", "arabic": "Arab", "devanagari": "Deva"}
#: The ``Plural-Forms`` of a language CLDR lacks: what GNU's msginit writes for one it
#: does not know.
DEFAULT_PLURAL_FORMS = "nplurals=2; plural=(n != 1);"


@dataclass(frozen=True)
class LocaleInfo:
    code: str  #: the folder name, as the project writes it: ``zh_Hans``, ``zh_CN``, ``sr@latin``
    bcp47: str  #: for HTML ``lang`` and ``hreflang``: ``zh-Hans``, ``zh-CN``, ``sr-Latn``
    native_name: str  #: the language's name for itself: ``中文 (简体)``
    english_name: str  #: ``Chinese (Simplified)``
    direction: str  #: ``ltr`` or ``rtl``
    script: str  #: ISO 15924 script code: ``Latn``, ``Arab``, ``Hans``...
    numbering_system: str  #: CLDR's default digits: ``latn``, ``arab``, ``arabext``...
    cldr: str = ""  #: the CLDR locale of its facts (``zh_Hans_CN``); "" when CLDR lacks it
    date_pattern: str = ""  #: the project's CLDR date pattern (``d MMMM y``); "": CLDR's long

    @property
    def plural_forms(self) -> str:
        """The ``Plural-Forms`` header value, worked out when first asked for (by the
        commands that write or check catalogs; a build has no use for it).

        >>> locale_info("ja").plural_forms
        'nplurals=1; plural=0;'
        """
        if not self.cldr:
            return DEFAULT_PLURAL_FORMS
        value = _plurals.get(self.cldr)
        if value is None:
            value = _plurals[self.cldr] = plural_forms(Locale.parse(self.cldr).plural_form)
        return value

    def format_date(self, value: date) -> str:
        """``value`` in this language's long date format (or the project's pattern), with
        its own numerals; in ISO's (``2026-11-25``) for a language CLDR lacks and the
        project gives no pattern.

        >>> locale_info("fa").format_date(date(2026, 11, 25))
        '۲۵ نوامبر ۲۰۲۶'
        """
        if not self.cldr and not self.date_pattern:
            return value.isoformat()
        return _format_date(value, self.code, self.cldr or "root", self.date_pattern)


#: CLDR's plural categories, in the order gettext indices follow.
CATEGORIES = ("zero", "one", "two", "few", "many", "other")
#: Integer counts that meet every category CLDR defines for whole numbers.
SAMPLES = (*range(0, 1001), 1_000_000, 2_000_000, 10_000_000)

Node = tuple[str, tuple]  # type: ignore[type-arg]  # babel's rule tree
Term = str | int | bool  # a C expression, or a value known without n


def _compile(node: Node) -> Term:
    """One node of a CLDR rule as C over an integer ``n``, folding what is constant.

    For a whole number, ``i`` is ``n`` and the fraction and exponent operands
    (``v w f t c e``) are 0.

    >>> _compile(("relation", ("in", ("mod", (("n", ()), ("value", (10,)))),
    ...     ("range_list", ((("value", (2,)), ("value", (4,))),)))))
    'n % 10 >= 2 && n % 10 <= 4'
    """
    op, args = node
    if op in ("n", "i"):
        return "n"
    if op in ("v", "w", "f", "t", "c", "e"):
        return 0
    if op == "value":
        return int(args[0])
    compile_op = _OPERATIONS.get(op)
    if compile_op is None:
        raise ValueError(f"unknown plural rule operation {op!r}")
    return compile_op(op, args)


def _mod(op: str, args: tuple) -> Term:  # type: ignore[type-arg]
    left, right = (_compile(a) for a in args)
    if isinstance(left, int) and isinstance(right, int):
        return left % right
    return f"{left} % {right}"


def _not(op: str, args: tuple) -> Term:  # type: ignore[type-arg]
    inner = _compile(args[0])
    return (not inner) if isinstance(inner, bool) else f"!({inner})"


def _and_or(op: str, args: tuple) -> Term:  # type: ignore[type-arg]
    """``and`` or ``or``: a constant operand decides, or drops out."""
    left, right = (_compile(a) for a in args)
    short, neutral = (False, True) if op == "and" else (True, False)
    if left is short or right is short:
        return short
    if left is neutral:
        return right
    if right is neutral:
        return left
    return f"({left} {'&&' if op == 'and' else '||'} {right})"


def _relation(op: str, args: tuple) -> Term:  # type: ignore[type-arg]
    """``value in ranges``: one test a range, joined by ``||``; true or false when known."""
    _method, expr, (_, ranges) = args
    value = _compile(expr)
    terms = [_in_range(value, _compile(low), _compile(high)) for low, high in ranges]
    if any(t is True for t in terms):
        return True
    exprs = [str(t) for t in terms if not isinstance(t, bool)]
    if not exprs:
        return False
    return exprs[0] if len(exprs) == 1 else "(" + " || ".join(exprs) + ")"


def _in_range(value: Term, low: Term, high: Term) -> Term:
    """Whether ``low <= value <= high``: true or false for a known value, else C."""
    if isinstance(value, int) and not isinstance(value, bool):
        return low <= value <= high  # type: ignore[operator]
    if low == high:
        return f"{value} == {low}"
    return f"{value} >= {low} && {value} <= {high}"


_OPERATIONS: dict[str, Callable[[str, tuple], Term]] = {  # type: ignore[type-arg]
    "mod": _mod,
    "not": _not,
    "and": _and_or,
    "or": _and_or,
    "relation": _relation,
}


def plural_forms(rule: PluralRule) -> str:
    """The ``Plural-Forms`` header for CLDR's rule, over whole numbers.

    Only the categories a whole number can fall in count, in CLDR's order.

    >>> from babel import Locale
    >>> plural_forms(Locale("fr").plural_form)
    'nplurals=3; plural=(n == 0 || n == 1) ? 0 : (!(n == 0) && n % 1000000 == 0) ? 1 : 2;'
    >>> plural_forms(Locale("ru").plural_form)
    'nplurals=3; plural=(n % 10 == 1 && !(n % 100 == 11)) ? 0 : (n % 10 >= 2 && n % 10 <= 4 && !(n % 100 >= 12 && n % 100 <= 14)) ? 1 : 2;'
    >>> plural_forms(Locale("zh").plural_form)
    'nplurals=1; plural=0;'
    """
    used = {rule(n) for n in SAMPLES}
    tags = [tag for tag in CATEGORIES if tag in used]
    conditions = dict(rule.abstract)
    parts = [
        f"{_parenthesised(_compile(conditions[tag]))} ? {index} : "
        for index, tag in enumerate(tags[:-1])
    ]
    return f"nplurals={len(tags)}; plural={''.join(parts)}{len(tags) - 1};"


def plural_forms_fault(header: str) -> str | None:
    """What makes the ``Plural-Forms`` value ``header`` unusable, as ``msgfmt -c`` refuses
    it: not of the form, not a C expression of ``n``, or a form beyond ``nplurals``; None
    when it is usable.

    >>> plural_forms_fault("nplurals=2; plural=(n > 1);") is None
    True
    >>> plural_forms_fault("nplurals=3; plural=n ++ 1;")
    "'n ++ 1' is not a C expression of n"
    >>> plural_forms_fault("nplurals=2; plural=n;")
    'n = 2 takes form 2, beyond nplurals=2'
    """
    rule = _plural_rule(header)
    if isinstance(rule, str):
        return rule
    nplurals, form_of = rule
    if nplurals < 1:
        return f"nplurals={nplurals}: at least one form is needed"
    for n in SAMPLES:
        if not 0 <= (form := form_of(n)) < nplurals:
            return f"n = {n} takes form {form}, beyond nplurals={nplurals}"
    return None


def plural_forms_mismatch(header: str, expected: str) -> str | None:
    """How the ``Plural-Forms`` ``header`` differs from ``expected`` (CLDR's), or None
    when both give every count the same form, however they are written.

    Releases of CLDR and other tools write the same rule differently, so a
    catalog is judged by what its rule does, not by its words. Tools write
    older rules too (GNU's msginit, Poedit and Weblate give French two forms;
    CLDR now has a third, for a million and up): a difference is worth telling,
    not refusing.

    >>> fr = plural_forms(Locale("fr").plural_form)
    >>> plural_forms_mismatch("nplurals=3; plural=(n >= 0 && n <= 1) ? 0 : "
    ...     "(n != 0 && n % 1000000 == 0) ? 1 : 2;", fr) is None
    True
    >>> plural_forms_mismatch("nplurals=2; plural=(n > 1);", fr)
    'nplurals=2 where CLDR has 3'
    >>> plural_forms_mismatch("nplurals=3; plural=(n > 1) ? 1 : 0;", fr)
    'n = 2 takes form 1 where CLDR gives form 2'
    >>> plural_forms_mismatch("nplurals=3; plural=n ++ 1;", fr)
    "'n ++ 1' is not a C expression of n"
    """
    got, want = _plural_rule(header), _plural_rule(expected)
    if isinstance(got, str):
        return got
    if isinstance(want, str):  # pragma: no cover - CLDR's rules are well formed
        raise AssertionError(want)
    if got[0] != want[0]:
        return f"nplurals={got[0]} where CLDR has {want[0]}"
    for n in SAMPLES:
        if (form := got[1](n)) != (wanted := want[1](n)):
            return f"n = {n} takes form {form} where CLDR gives form {wanted}"
    return None


_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*([0-9]+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$", re.S)


@lru_cache(maxsize=64)  # headers come from catalogs: bounded, not kept one per file
def _plural_rule(header: str) -> tuple[int, Callable[[int], int]] | str:
    """``nplurals`` and the rule of a ``Plural-Forms`` value, or what is wrong with it.

    The expression is compiled by :func:`gettext.c2py`, which accepts only C's
    operators on ``n`` and numbers: nothing in a catalog runs as code.
    """
    import gettext

    match = _PLURAL_FORMS.match(header)
    if match is None:
        return "not of the form 'nplurals=N; plural=EXPRESSION;'"
    try:
        rule = gettext.c2py(match[2])
    except (ValueError, RecursionError):
        return f"'{match[2]}' is not a C expression of n"
    return int(match[1]), rule


def _parenthesised(term: Term) -> str:
    text = str(term)
    return text if text.startswith("(") and text.endswith(")") else f"({text})"


#: The zero of each decimal numbering system CLDR names (``numberingSystems.xml``),
#: for the languages whose default digits are not Latin; babel formats dates
#: with Latin digits whatever the locale's numbering system.
DIGIT_ZERO = {
    "latn": "0", "arab": "\u0660", "arabext": "\u06f0", "beng": "\u09e6", "deva": "\u0966",
    "gujr": "\u0ae6", "guru": "\u0a66", "khmr": "\u17e0", "knda": "\u0ce6", "laoo": "\u0ed0",
    "mlym": "\u0d66", "mymr": "\u1040", "orya": "\u0b66", "taml": "\u0be6", "telu": "\u0c66",
    "thai": "\u0e50", "tibt": "\u0f20",
}  # fmt: skip


def native_digits(text: str, numbering_system: str) -> str:
    """``text`` with its Latin digits written in ``numbering_system``.

    >>> native_digits("25 2026", "arabext")
    '۲۵ ۲۰۲۶'
    >>> native_digits("25", "latn")
    '25'
    """
    zero = ord(DIGIT_ZERO.get(numbering_system, "0"))
    return text.translate({ord("0") + d: zero + d for d in range(10)})


def _format_date(value: date, code: str, cldr: str, pattern: str) -> str:
    """``value`` in the style of the language ``code``: CLDR's locale ``cldr``, its long
    date or ``pattern``, once."""
    text = _dates.get((value, code))
    if text is None:
        locale = Locale.parse(cldr)
        text = format_date(value, format=pattern or "long", locale=locale)
        text = _dates[value, code] = native_digits(text, locale.default_numbering_system)
    return text


#: The letters of CLDR's date fields (era, year, quarter, month, week, day, weekday).
DATE_FIELDS = frozenset("GyYuUrQqMLlwWdDFgEec")


def date_pattern_fault(pattern: str) -> str | None:
    """What makes ``pattern`` no CLDR date pattern, or None when it is one.

    >>> date_pattern_fault("d MMMM y") is None, date_pattern_fault("d MMMM، y") is None
    (True, True)
    >>> date_pattern_fault("d MMMM HH:mm")
    "'HH:mm' is not a date field (CLDR's date fields: d, M, y, E...)"
    >>> date_pattern_fault("d 'de MMMM")
    'a quote is not closed'
    """
    from babel.dates import tokenize_pattern

    if pattern.replace("''", "").count("'") % 2:
        return "a quote is not closed"
    try:
        tokens = tokenize_pattern(pattern)
    except ValueError as exc:
        return str(exc)
    fields = [value[0] for kind, value in tokens if kind == "field"]
    for letter in fields:
        if letter not in DATE_FIELDS:
            bad = next(text for text in re.findall(r"[A-Za-z:]+", pattern) if letter in text)
            return f"'{bad}' is not a date field (CLDR's date fields: d, M, y, E...)"
    if not fields:
        return "no date field in it (CLDR's date fields: d, M, y, E...)"
    return None


#: The answers kept: each tag's :class:`LocaleInfo` (:func:`locale_info`), each date in
#: each language's style (:meth:`LocaleInfo.format_date`).
_infos: dict[str, LocaleInfo] = {}
_dates: dict[tuple[date, str], str] = {}
#: Each language's ``Plural-Forms`` value, by its code (:attr:`LocaleInfo.plural_forms`).
_plurals: dict[str, str] = {}

#: What a build asks CLDR of one language: the tag, its facts, and dates in its style.
Answers = tuple[str, LocaleInfo, dict[date, str]]


def answers(asked: tuple[Sequence[str], Sequence[date]]) -> list[Answers]:
    """What a build asks CLDR of each language of ``tags``, for ``dates``: to make in
    another process and :func:`keep` in this one. babel keeps the data of every locale
    it loads for the life of the process, about 1 MB each; the answers are a few hundred
    bytes a language.

    >>> answers((["ur"], [date(2026, 11, 25)]))[0][2]
    {datetime.date(2026, 11, 25): '25 نومبر، 2026'}
    """
    tags, dates = asked
    made = []
    for tag in tags:
        info = locale_info(tag)
        made.append((tag, info, {value: info.format_date(value) for value in dates}))
    return made


def keep(tag: str, info: LocaleInfo, dates: dict[date, str]) -> None:
    """Keep :func:`answers` made in another process: asked again here, or in a process
    forked from here, CLDR is not looked at."""
    _infos[tag] = info
    for value, text in dates.items():
        _dates[value, info.code] = text


def locale_info(tag: str) -> LocaleInfo:
    """Look up a language tag (``fr``, ``zh_Hans``, ``zh-Hans``, ``zh_CN``) in CLDR, once.

    >>> info = locale_info("ur")
    >>> (info.code, info.direction, info.script, info.english_name)
    ('ur', 'rtl', 'Arab', 'Urdu')
    >>> locale_info("zh-Hans").bcp47, locale_info("zh_CN").cldr, locale_info("iw").bcp47
    ('zh-Hans', 'zh_Hans_CN', 'he')
    >>> locale_info("sr@latin").english_name
    'Serbian (Latin)'
    >>> locale_info("xx")
    Traceback (most recent call last):
    editions.errors.EditionsError: editions: error: unknown language 'xx': CLDR has no locale of that name
    """
    info = _infos.get(tag)
    if info is None:
        info = _infos[tag] = _look_up(tag)
    return info


#: The languages the project defines (:func:`define`), by folder name.
_defined: dict[str, dict[str, str]] = {}


def define(code: str, facts: Mapping[str, str], where: str | None = None) -> LocaleInfo:
    """Make the language ``code`` known with the project's ``facts``: ``name`` (its name
    for itself), ``english_name``, ``direction`` (``ltr`` or ``rtl``), ``date_format`` (a
    CLDR date pattern) and ``script`` (ISO 15924). Each replaces CLDR's for a language
    CLDR knows; one CLDR lacks needs at least its name and direction. ``where`` names the
    record, for errors."""
    name = folder_name(code)
    if not isinstance(facts, Mapping):
        raise EditionsError(f"language '{code}': expected a table of its facts", where)
    if facts.get("direction", "ltr") not in ("ltr", "rtl"):
        raise EditionsError(f"language '{code}': \"direction\" is 'ltr' or 'rtl'", where)
    _defined[name] = {key: str(value) for key, value in facts.items()}
    for tag in [tag for tag, info in _infos.items() if info.code == name]:
        del _infos[tag]
    for key in [key for key in _dates if key[1] == name]:
        del _dates[key]
    try:
        return locale_info(name)
    except EditionsError as exc:
        raise EditionsError(exc.message, where) from None


def folder_name(tag: str) -> str:
    """The name of the folder of the language ``tag``, however it is written: ``-`` or
    ``_``, in any case.

    >>> folder_name("zh-cn"), folder_name("pt_BR"), folder_name("sr@latin"), folder_name("ZH-hans")
    ('zh_CN', 'pt_BR', 'sr@latin', 'zh_Hans')
    """
    language, script, territory, variant, modifier = _parts(tag)
    name = "_".join(part for part in (language, script, territory, variant) if part)
    return f"{name}@{modifier}" if modifier else name


def same_language(tag: str, others: Iterable[str]) -> str | None:
    """The first of ``others`` that names the language ``tag`` names: the same once old
    codes are made new and CLDR's likely script and region added to each.

    >>> same_language("zh_CN", ["fr", "zh_Hans"]), same_language("iw", ["he"])
    ('zh_Hans', 'he')
    >>> same_language("en_US", ["en"]), same_language("pt_PT", ["pt"]), same_language("en_GB", ["en"])
    ('en', None, None)
    """
    mine = _identity(tag)
    return next((other for other in others if _identity(other) == mine), None)


def _identity(tag: str) -> tuple[str, ...]:
    """What tells languages apart: the language, script, region and variant, with the
    likely ones CLDR adds (``zh`` is ``zh_Hans_CN``)."""
    language, script, territory, variant, modifier = _meaning(tag)
    likely = get_global("likely_subtags")
    keys = (f"{language}_{script}_{territory}", f"{language}_{territory}", f"{language}_{script}")
    for key in (*(k for k in keys if "__" not in k and not k.endswith("_")), language):
        if key in likely:
            _, more_territory, more_script, *_ = parse_locale(likely[key])
            script, territory = script or more_script or "", territory or more_territory or ""
            break
    return language, script, territory, variant, modifier


def _parts(tag: str) -> tuple[str, str, str, str, str]:
    """The language, script, territory, variant and modifier of ``tag``, each in its
    usual case ("" for none); an error when it is not a language tag."""
    try:
        if TAG.match(tag):
            language, territory, script, variant, *rest = parse_locale(tag.replace("-", "_"))
            return (
                language,
                script or "",
                territory or "",
                variant or "",
                "".join(filter(None, rest)),
            )
    except ValueError:
        pass
    raise EditionsError(
        f"malformed language tag {tag!r}: expected a CLDR identifier or a locale name such "
        "as 'fr', 'pt_BR', 'zh_Hans' or 'sr@latin'"
    )


def _meaning(tag: str) -> tuple[str, str, str, str, str]:
    """:func:`_parts` as CLDR understands them: an old code made new (``iw`` is ``he``,
    ``sh`` is ``sr_Latn``), and a modifier naming a script made that script."""
    language, script, territory, variant, modifier = _parts(tag)
    alias = get_global("language_aliases").get(language)
    if isinstance(alias, str):
        language, more_territory, more_script, *_ = parse_locale(alias)
        script, territory = script or more_script or "", territory or more_territory or ""
    if modifier.lower() in SCRIPT_MODIFIERS and not script:
        script, modifier = SCRIPT_MODIFIERS[modifier.lower()], ""
    return language, script, territory, variant, modifier


def _look_up(tag: str) -> LocaleInfo:
    code = folder_name(tag)
    language, script, territory, variant, modifier = _meaning(code)
    defined = _defined.get(code, {})
    variants = (variant, modifier if 5 <= len(modifier) <= 8 else "")
    bcp47 = "-".join(part for part in (language, script, territory, *variants) if part)
    try:
        locale = Locale.parse("_".join(part for part in (language, script, territory) if part))
    except (UnknownLocaleError, ValueError):
        if not defined.get("name") or not defined.get("direction"):
            given = "; give its name and direction" if defined else ""
            raise EditionsError(
                f"unknown language {tag!r}: CLDR has no locale of that name{given}"
            ) from None
        return LocaleInfo(
            code=code,
            bcp47=bcp47,
            native_name=defined["name"],
            english_name=defined.get("english_name") or defined["name"],
            direction=defined["direction"],
            script=defined.get("script") or "Zyyy",
            numbering_system="latn",
            date_pattern=defined.get("date_format", ""),
        )
    return LocaleInfo(
        code=code,
        bcp47=bcp47,
        native_name=defined.get("name") or locale.get_display_name(locale) or code,
        english_name=defined.get("english_name") or locale.get_display_name("en") or code,
        direction=defined.get("direction") or locale.text_direction,
        script=defined.get("script") or _script(locale),
        numbering_system=locale.default_numbering_system,
        cldr=str(locale),
        date_pattern=defined.get("date_format", ""),
    )


def _script(locale: Locale) -> str:
    """The script ``locale`` is written in: its own, else its language's likely one."""
    likely = get_global("likely_subtags").get(locale.language, "")
    return locale.script or (likely.split("_")[1] if likely.count("_") >= 1 else "Latn")
