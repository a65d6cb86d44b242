"""The one translation system of core, command line and window: Python's gettext.

Catalogs live in ``massage_timer/locale/<lang>/LC_MESSAGES/massage_timer.mo`` (compiled
from the ``.po`` beside them by ``make translations``). The language is chosen once at
start: ``--lang`` or the settings' ``language`` when given, else the system's locale
(``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, in that order). Until a front end
chooses, the first lookup takes the system's.

Texts are translated when they are used, never at import: a module-level constant
holds the English text (marked with :func:`N_`) and the code that shows or speaks it
calls :func:`_`.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "massage_timer"
SOURCE_LANGUAGE = "en"
# Shipped complete; the first is the language the texts are written in.
SHIPPED = ("en", "de", "es", "fr", "ko", "zh_CN")
LANGUAGE_NAMES = {
    "en": "English",
    "de": "Deutsch",
    "es": "Español",
    "fr": "Français",
    "ko": "한국어",
    "zh_CN": "简体中文",
}
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
_ENV_ORDER = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_state: dict[str, gettext.NullTranslations | str | None] = {"language": None, "catalog": None}


def shipped_language(code: str) -> str | None:
    """The shipped language for a locale name ("de_AT.UTF-8" -> "de"), or None."""
    name = code.split(".", 1)[0].split("@", 1)[0].replace("-", "_").strip()
    if not name:
        return None
    if name in ("C", "POSIX"):
        return SOURCE_LANGUAGE
    lang, _sep, region = name.partition("_")
    lang = lang.lower()
    if lang == "zh":
        # Simplified Chinese is what is shipped; Taiwan and Hong Kong write Traditional.
        return "zh_CN" if region.upper() in ("", "CN", "SG", "HANS") else None
    return lang if lang in SHIPPED else None


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the system's locale asks for, or English when it names none we ship."""
    env = os.environ if environ is None else environ
    for var in _ENV_ORDER:
        value = env.get(var, "")
        if not value:
            continue
        if var == "LANGUAGE":  # a list of choices: the first one shipped wins
            for choice in value.split(":"):
                found = shipped_language(choice)
                if found is not None:
                    return found
            continue
        return shipped_language(value) or SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def set_language(code: str | None) -> str:
    """Use ``code`` ("" or None: the system's locale) from now on; returns the language used.

    A language that is not shipped falls back to English; ValueError names the choices.
    """
    language = language_from_environment() if not code else shipped_language(code)
    if language is None:
        raise ValueError(f"no such language: {code!r}; choose one of {', '.join(SHIPPED)}")
    if language == SOURCE_LANGUAGE:
        catalog: gettext.NullTranslations = gettext.NullTranslations()
    else:
        catalog = gettext.translation(DOMAIN, LOCALE_DIR, [language], fallback=True)
    install(catalog, language)
    return language


def install(catalog: gettext.NullTranslations, language: str) -> None:
    """Use ``catalog`` for ``language`` from now on (a test's pseudo-translation, say)."""
    _state["language"], _state["catalog"] = language, catalog


def current_language() -> str:
    if _state["language"] is None:
        set_language(None)
    language = _state["language"]
    assert isinstance(language, str)
    return language


def _catalog() -> gettext.NullTranslations:
    if _state["catalog"] is None:
        set_language(None)
    catalog = _state["catalog"]
    assert isinstance(catalog, gettext.NullTranslations)
    return catalog


def _(message: str) -> str:
    """``message`` in the current language (itself when there is no translation)."""
    return _catalog().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for ``n`` in the current language's plural rules ("1 second", "2 seconds")."""
    return _catalog().ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the name extraction tools know
    """Marks ``message`` for translation where it is defined; :func:`_` translates it in use."""
    return message
