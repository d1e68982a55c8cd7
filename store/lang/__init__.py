"""The floor of the store: the users' language. Translation (gettext), Vietnamese text
(NFC, folding for search, sort keys) and the users' words for the codes the data uses.
Knows no database."""

from store.lang.i18n import (
    DEFAULT_LANGUAGE,
    DOMAIN,
    LANGUAGES,
    LOCALE_DIR,
    bind_default_domain,
    catalog,
    current_language,
    decimal,
    ngettext,
    set_language,
)
from store.lang.labels import (
    choices,
    codes,
    label,
)
from store.lang.text import (
    fold,
    like_pattern,
    nfc,
    person_sort_key,
    sort_key,
)

__all__ = [
    "LOCALE_DIR",
    "LANGUAGES",
    "DEFAULT_LANGUAGE",
    "DOMAIN",
    "catalog",
    "bind_default_domain",
    "set_language",
    "current_language",
    "ngettext",
    "decimal",
    "label",
    "choices",
    "codes",
    "nfc",
    "fold",
    "sort_key",
    "person_sort_key",
    "like_pattern",
]
