"""Translation of every user-facing string, through gettext catalogs (.po files).

The code speaks English (the msgids); Vietnamese is the default language. Catalogs live in
`store/lang/locale/<lang>/*.po`, one file per area (store, cli, tui…), merged at first use, so that
work on one area never touches another's catalog.

Call `_()` at run time, not at import time, wherever the language may change after import.
"""

import gettext
import os
from functools import cache
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
_language = os.environ.get("PHUTRACH_LANG", DEFAULT_LANGUAGE)


class _Catalog(gettext.NullTranslations):
    """gettext translations read from .po files (no compiled .mo needed)."""

    def __init__(self, messages: dict[str, str]):
        super().__init__()
        self._messages = messages

    def gettext(self, message: str) -> str:
        return self._messages.get(message) or message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


@cache
def catalog(language: str) -> gettext.NullTranslations:
    """The merged catalog of `language` (English is the identity)."""
    messages: dict[str, str] = {}
    for path in sorted((LOCALE_DIR / language).glob("*.po")):
        for entry in polib.pofile(str(path)).translated_entries():
            messages[entry.msgid] = entry.msgstr
    return _Catalog(messages)


def set_language(language: str | None) -> str:
    """Choose the language of messages; unknown or empty means the default. Returns it."""
    global _language
    _language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    return _language


def current_language() -> str:
    return _language if _language in LANGUAGES else DEFAULT_LANGUAGE


def _(message: str) -> str:
    """Translate `message` into the current language."""
    return catalog(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalog(current_language()).ngettext(singular, plural, n)


def decimal(value: float, digits: int = 1) -> str:
    """`value` with the current language's decimal sign: 0,3 in Vietnamese, 0.3 in English."""
    text = f"{value:.{digits}f}"
    return text if current_language() == "en" else text.replace(".", ",")
