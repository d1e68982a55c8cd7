"""Every user-facing string has a Vietnamese translation, the compiled catalogs (.mo) say what
their .po files say, and click's own texts come through the standard library's gettext."""

import ast
import gettext
import string
import subprocess
import sys
from pathlib import Path

import click.core
import click.exceptions
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from store.lang.i18n import (
    LOCALE_DIR,
    _,
    bind_default_domain,
    catalog,
    ngettext,
    set_language,
)
from store.lang.locale.compile import languages, merged, mo_path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("store", "briefs", "commands", "tui")
DID_YOU_MEAN = ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)")


def _msgids() -> dict[str | tuple[str, str], str]:
    """msgid -> where it is used, for every `_("...")` and `ngettext("...", "...")` call (a
    pair for ngettext). Babel's extractor would miss the calls inside f-strings."""
    found: dict[str | tuple[str, str], str] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                    continue
                count = {"_": 1, "ngettext": 2}.get(node.func.id, 0)
                texts = [a.value for a in node.args[:count] if isinstance(a, ast.Constant)]
                if count and len(texts) == count and all(isinstance(t, str) for t in texts):
                    msgid = texts[0] if count == 1 else tuple(texts)
                    found.setdefault(msgid, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _entries(language: str = "vi"):
    """(area file, message) for every message of the language's .po files."""
    for path in sorted((LOCALE_DIR / language).glob("*.po")):
        with path.open("rb") as file:
            for message in read_po(file, locale=language):
                if message.id:
                    yield path.name, message


def _as_tuple(value: str | list | tuple) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list | tuple) else (value,)


def _vietnamese() -> dict[str | tuple[str, ...], str | tuple[str, ...]]:
    return {m.id: m.string for _a, m in _entries() if all(map(str.strip, _as_tuple(m.string)))}


def _messages(catalog: Catalog) -> dict[tuple[str, ...], tuple[str, ...]]:
    """id -> string, as tuples whether read from a .mo or a .po."""
    return {_as_tuple(m.id): _as_tuple(m.string) for m in catalog if m.id}


def test_every_string_has_a_vietnamese_translation():
    vietnamese = _vietnamese()
    missing = {msgid: where for msgid, where in _msgids().items() if msgid not in vietnamese}
    assert not missing, "untranslated:\n" + "\n".join(f"{w}: {m!r}" for m, w in missing.items())


def test_catalogs_agree_where_they_share_a_msgid():
    seen: dict = {}
    clashes = []
    for area, message in _entries():
        if message.id in seen and seen[message.id][0] != message.string:
            clashes.append(f"{message.id!r}: {seen[message.id][1]} vs {area}")
        seen.setdefault(message.id, (message.string, area))
    assert not clashes, "\n".join(clashes)


def _fields(text: str) -> set[str]:
    return {name for _t, name, _f, _c in string.Formatter().parse(text) if name}


def test_placeholders_survive_translation():
    """A plural's one Vietnamese form may use either English form's placeholders: the code
    passes them all (click does)."""
    broken = []
    for msgid, msgstr in _vietnamese().items():
        ids, strs = _as_tuple(msgid), _as_tuple(msgstr)
        allowed = set().union(*map(_fields, ids))
        for text in strs:
            fields = _fields(text)
            if fields != allowed if len(ids) == 1 else not fields <= allowed:
                broken.append(f"{msgid!r} -> {text!r}")
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("language", languages())
def test_the_compiled_catalog_says_what_its_po_files_say(language):
    """git keeps no file times, so a stale .mo is found by compiling in memory."""
    with mo_path(language).open("rb") as file:
        shipped = read_mo(file)
    fresh = merged(language)
    assert _messages(shipped) == _messages(fresh), "stale .mo: run `make locale`"
    assert shipped.plural_forms == fresh.plural_forms


def test_every_language_with_po_files_has_its_one_catalog():
    compiled = sorted(p.parent.parent.name for p in LOCALE_DIR.glob("*/LC_MESSAGES/*.mo"))
    assert compiled == languages() == ["vi"]


def test_run_time_reads_the_mo_without_babel_or_polib():
    code = (
        "import sys; from store.lang.i18n import _; print(_('Cell'));"
        "print(sorted({'babel', 'polib'} & {m.split('.')[0] for m in sys.modules}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines() == ["Chi bộ trực thuộc", "[]"]


@pytest.mark.parametrize(("language", "expected"), [("vi", "Chi bộ trực thuộc"), ("en", "Cell")])
def test_language_switch(language, expected):
    set_language(language)
    assert _("Cell") == expected


def test_the_empty_string_is_not_the_catalog_header():
    assert _("") == ""


def test_plurals_have_one_vietnamese_form_and_two_english():
    assert (
        ngettext(*DID_YOU_MEAN, 1)
        == ngettext(*DID_YOU_MEAN, 3)
        == "Có phải ý bạn là {possibilities}?"
    )
    set_language("en")
    assert [ngettext(*DID_YOU_MEAN, n) for n in (1, 3)] == list(DID_YOU_MEAN)


def test_unknown_language_falls_back_to_vietnamese():
    assert set_language("fr") == "vi"
    assert catalog("vi").gettext("Cell") == "Chi bộ trực thuộc"


def test_click_translates_through_the_stdlib_gettext_in_the_chosen_language():
    """No patching: click's modules keep the stdlib's functions, which read our default
    domain in the language set_language chose."""
    assert click.core._ is gettext.gettext and click.exceptions.ngettext is gettext.ngettext
    previous = gettext.textdomain()
    try:
        bind_default_domain()
        assert gettext.gettext("Missing argument") == "Thiếu tham số"
        assert gettext.ngettext(*DID_YOU_MEAN, 2) == "Có phải ý bạn là {possibilities}?"
        set_language("en")
        assert gettext.gettext("Missing argument") == "Missing argument"
        assert gettext.ngettext(*DID_YOU_MEAN, 2) == DID_YOU_MEAN[1]
    finally:
        gettext.textdomain(previous)


def test_labels_follow_the_language_though_made_once_per_language():
    from store.lang.labels import label

    assert label("unit_kind", "cell") == "Chi bộ trực thuộc"
    set_language("en")
    assert label("unit_kind", "cell") == "Cell"
    set_language("vi")
    assert label("unit_kind", "cell") == "Chi bộ trực thuộc"
