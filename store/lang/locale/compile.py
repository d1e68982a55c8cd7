"""Compile each language's area files (<lang>/*.po) into its one catalog, the .mo run time reads.

One domain per language, not one per area: run time opens one file, and click, which
translates through the stdlib's `gettext.gettext` (the default domain only), finds its texts
in the same catalog. `make locale` runs this after a .po is edited; tests/test_i18n.py fails
while a .mo is stale. Needs Babel (the dev extras), never needed at run time.
"""

from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from store.lang.i18n import DOMAIN, LOCALE_DIR

# Fixed header dates: the same .po files compile to the same bytes, so a recompile shows no diff.
_DATE = datetime(2026, 1, 1, tzinfo=UTC)


def languages() -> list[str]:
    return sorted({path.parent.name for path in LOCALE_DIR.glob("*/*.po")})


def mo_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


def _translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return bool(message.id) and all(strings) and not message.fuzzy


def merged(language: str) -> Catalog:
    """Every translated, non-fuzzy message of the language's area files, in one catalog."""
    catalog = Catalog(
        locale=language,
        domain=DOMAIN,
        project="phutrach",
        creation_date=_DATE,
        revision_date=_DATE,
        fuzzy=False,
    )
    for path in sorted((LOCALE_DIR / language).glob("*.po")):
        with path.open("rb") as file:
            for message in read_po(file, locale=language):
                if _translated(message):
                    catalog[message.id] = message
    return catalog


def compiled(language: str) -> bytes:
    buffer = BytesIO()
    write_mo(buffer, merged(language))
    return buffer.getvalue()


def main() -> None:
    for language in languages():
        path = mo_path(language)
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(compiled(language))
        print(path.relative_to(LOCALE_DIR.parent))


if __name__ == "__main__":
    main()
