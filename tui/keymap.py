"""The user's own keys: a `[keymap]` table in config.toml, binding id → Textual key string(s).

    [keymap]
    "app.help" = "f10"
    "units.search" = "ctrl+f,slash"

Read once at start and given to Textual's `App.set_keymap`. An entry that cannot be used (an
unknown id, something that is not a key, a file that is not TOML) is left out, so its binding
keeps its default, and said in one message. `catalog()` lists every binding id phutrach has.
"""

import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from pkgutil import walk_packages

import platformdirs
from textual.binding import Binding
from textual.keys import Keys, key_to_character

from store.core.paths import APP
from store.lang.i18n import _

CONFIG_ENV = "PHUTRACH_CONFIG"
MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
# Textual's key names without their modifiers: "f10", "escape", "pageup"…
KEY_NAMES = {key.value.rpartition("+")[2] for key in Keys}


@dataclass(frozen=True)
class KeyBinding:
    """One binding phutrach declares: its id, default keys and English msgids."""

    id: str
    keys: str  # Textual's form: "f1,question_mark"
    description: str
    tooltip: str

    @property
    def what(self) -> str:
        """What the binding does, translated: its tooltip, else its footer text."""
        return _(self.tooltip or self.description)


@dataclass(frozen=True)
class Keymap:
    """The entries of config.toml that can be used, and what was wrong with the others."""

    path: Path
    keys: dict[str, str]
    problems: tuple[str, ...] = ()

    def known(self, ids: Iterable[str]) -> "Keymap":
        """This keymap without the entries whose id is not in `ids`, said as problems."""
        ids = set(ids)
        unknown = [i for i in self.keys if i not in ids]
        said = _("“{id}” is not a binding id of phutrach (`phutrach keys` lists them)")
        return Keymap(
            self.path,
            {i: k for i, k in self.keys.items() if i in ids},
            self.problems + tuple(said.format(id=i) for i in unknown),
        )

    def message(self) -> str:
        """The one message for the user; "" when there is nothing to say."""
        if not self.problems:
            return ""
        lines = "\n".join(f"• {p}" for p in self.problems)
        return _("In {path}:\n{problems}\nThe default keys stay for these.").format(
            path=self.path, problems=lines
        )


def config_path() -> Path:
    """`PHUTRACH_CONFIG` if set, else config.toml in the user config folder."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP, appauthor=False)) / "config.toml"


def load(path: Path | None = None) -> Keymap:
    """The keymap of the config file at `path` (no file: an empty keymap), its keys checked;
    the ids are checked by `Keymap.known`, which needs every screen imported."""
    path = path or config_path()
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("keymap", {})
    except FileNotFoundError:
        return Keymap(path, {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Keymap(path, {}, (_("the file cannot be read: {error}").format(error=exc),))
    if not isinstance(table, dict):
        return Keymap(path, {}, (_("[keymap] is not a table of binding ids and keys"),))
    keys, problems = {}, []
    for binding_id, value in _flat(table):
        if isinstance(value, str) and all(is_key(k.strip()) for k in value.split(",")):
            keys[binding_id] = value
        else:
            problems.append(_("“{key}” is not a key, for “{id}”").format(key=value, id=binding_id))
    return Keymap(path, keys, tuple(problems))


def _flat(table: dict, prefix: str = "") -> list[tuple[str, object]]:
    """`app.help = "f10"` unquoted is TOML for {"app": {"help": "f10"}}: the same entry as
    `"app.help" = "f10"`."""
    entries: list[tuple[str, object]] = []
    for key, value in table.items():
        if isinstance(value, dict):
            entries += _flat(value, f"{prefix}{key}.")
        else:
            entries.append((f"{prefix}{key}", value))
    return entries


def is_key(key: str) -> bool:
    """A key as Textual writes it: "f10", "ctrl+s", "a", "question_mark"."""
    *modifiers, name = key.split("+")
    if not name or any(m not in MODIFIERS for m in modifiers):
        return False
    return (
        name in KEY_NAMES
        or (len(name) == 1 and name.isprintable() and name != " ")
        or (len(name) > 1 and key_to_character(name) is not None)
    )


def catalog() -> dict[str, KeyBinding]:
    """Every binding with an id that tui/ declares, by id (imports every tui module)."""
    import tui

    found = {}
    for info in walk_packages(tui.__path__, "tui."):
        module = import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__:
                found.update(_declared(value))
    return dict(sorted(found.items()))


def _declared(cls: type) -> dict[str, KeyBinding]:
    bindings = [b for b in vars(cls).get("BINDINGS", ()) if isinstance(b, Binding) and b.id]
    return {b.id: KeyBinding(b.id, b.key, b.description, b.tooltip) for b in bindings}
