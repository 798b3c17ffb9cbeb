"""Translation of every text a user reads. Message ids are English; French is the default.

The language is a context variable, not a process-wide locale: the CLI sets it once from
`--lang`, tests set it per call. `_` translates at call time, so call it where the text is
shown or built, never at import time (use `N_` to mark a constant for extraction).
"""

from __future__ import annotations

import gettext
from contextvars import ContextVar
from functools import cache

import locales

DEFAULT_LANGUAGE = "fr"
_language: ContextVar[str] = ContextVar("comptoir_language", default=DEFAULT_LANGUAGE)


def set_language(lang: str | None) -> str:
    """Set the language for this context; unknown languages fall back to French."""
    chosen = (lang or DEFAULT_LANGUAGE).split("_")[0].split("-")[0].lower()
    if chosen not in locales.LANGUAGES:
        chosen = DEFAULT_LANGUAGE
    _language.set(chosen)
    return chosen


def get_language() -> str:
    return _language.get()


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    return gettext.translation(
        locales.DOMAIN, localedir=str(locales.CATALOG_DIR), languages=[lang], fallback=True
    )


def _(message: str) -> str:
    return _translations(_language.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations(_language.get()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a constant for extraction without translating it now."""
    return message
