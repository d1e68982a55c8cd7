"""Every user-facing string has a Vietnamese translation, and English is available."""

import ast
from pathlib import Path

import polib
import pytest

from store.lang.i18n import LOCALE_DIR, _, catalog, set_language

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("store", "briefs", "commands", "tui")


def _msgids() -> dict[str, str]:
    """msgid -> where it is used, for every `_("...")` and `ngettext("...", "...")` call."""
    found: dict[str, str] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                    continue
                count = {"_": 1, "ngettext": 2}.get(node.func.id, 0)
                for arg in node.args[:count]:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.setdefault(arg.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _vietnamese() -> dict[str, str]:
    messages: dict[str, str] = {}
    for path in sorted((LOCALE_DIR / "vi").glob("*.po")):
        for entry in polib.pofile(str(path)):
            if entry.msgstr.strip() and not entry.obsolete:
                messages[entry.msgid] = entry.msgstr
    return messages


def test_every_string_has_a_vietnamese_translation():
    vietnamese = _vietnamese()
    missing = {msgid: where for msgid, where in _msgids().items() if msgid not in vietnamese}
    assert not missing, "untranslated:\n" + "\n".join(f"{w}: {m!r}" for m, w in missing.items())


def test_catalogs_agree_where_they_share_a_msgid():
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for path in sorted((LOCALE_DIR / "vi").glob("*.po")):
        for entry in polib.pofile(str(path)):
            if entry.msgid in seen and seen[entry.msgid][0] != entry.msgstr:
                clashes.append(f"{entry.msgid!r}: {seen[entry.msgid][1]} vs {path.name}")
            seen.setdefault(entry.msgid, (entry.msgstr, path.name))
    assert not clashes, "\n".join(clashes)


def test_placeholders_survive_translation():
    broken = []
    for msgid, msgstr in _vietnamese().items():
        fields = sorted(n for _t, n, _f, _c in __import__("string").Formatter().parse(msgid) if n)
        got = sorted(n for _t, n, _f, _c in __import__("string").Formatter().parse(msgstr) if n)
        if fields != got:
            broken.append(f"{msgid!r} -> {msgstr!r}")
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize(("language", "expected"), [("vi", "Chi bộ trực thuộc"), ("en", "Cell")])
def test_language_switch(language, expected):
    set_language(language)
    assert _("Cell") == expected


def test_unknown_language_falls_back_to_vietnamese():
    assert set_language("fr") == "vi"
    assert catalog("vi").gettext("Cell") == "Chi bộ trực thuộc"


def test_labels_follow_the_language_though_made_once_per_language():
    from store.lang.i18n import set_language
    from store.lang.labels import label

    assert label("unit_kind", "cell") == "Chi bộ trực thuộc"
    set_language("en")
    assert label("unit_kind", "cell") == "Cell"
    set_language("vi")
    assert label("unit_kind", "cell") == "Chi bộ trực thuộc"
