"""What CLDR knows about a language, through babel: the only module that imports it.

Renderers and catalog writers receive a :class:`LocaleInfo`; they never ask
babel themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date
from babel.messages.plurals import get_plural

from editions.errors import EditionsError

TAG = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class LocaleInfo:
    code: str  #: CLDR identifier, also the folder name: ``zh_Hans``
    bcp47: str  #: for HTML ``lang`` and ``hreflang``: ``zh-Hans``
    native_name: str  #: the language's name for itself: ``中文 (简体)``
    english_name: str  #: ``Chinese (Simplified)``
    direction: str  #: ``ltr`` or ``rtl``
    script: str  #: ISO 15924 script code: ``Latn``, ``Arab``, ``Hans``...
    plural_forms: str  #: the ``Plural-Forms`` header value
    numbering_system: str  #: CLDR's default digits: ``latn``, ``arab``, ``arabext``...

    def format_date(self, value: date) -> str:
        """``value`` in this language's long date format, with its own numerals."""
        return _format_date(value, self.code)


def _format_date(value: date, code: str) -> str:
    return format_date(value, format="long", locale=Locale.parse(code))


@cache
def locale_info(tag: str) -> LocaleInfo:
    """Look up a language tag (``fr``, ``zh_Hans``, ``zh-Hans``) in CLDR.

    >>> info = locale_info("ur")
    >>> (info.code, info.direction, info.script, info.english_name)
    ('ur', 'rtl', 'Arab', 'Urdu')
    >>> locale_info("zh-Hans").bcp47
    'zh-Hans'
    >>> locale_info("xx")
    Traceback (most recent call last):
    editions.errors.EditionsError: editions: error: unknown language 'xx': CLDR has no locale of that name
    """
    if not TAG.match(tag):
        raise EditionsError(
            f"malformed language tag {tag!r}: expected a CLDR identifier such as 'fr', "
            "'pt_BR' or 'zh_Hans'"
        )
    try:
        locale = Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise EditionsError(f"unknown language {tag!r}: CLDR has no locale of that name") from None
    code = str(locale)
    likely = get_global("likely_subtags").get(locale.language, "")
    script = locale.script or (likely.split("_")[1] if likely.count("_") >= 1 else "Latn")
    return LocaleInfo(
        code=code,
        bcp47=code.replace("_", "-"),
        native_name=locale.get_display_name(locale) or code,
        english_name=locale.get_display_name("en") or code,
        direction=locale.text_direction,
        script=script,
        plural_forms=get_plural(locale).plural_forms,
        numbering_system=locale.default_numbering_system,
    )
