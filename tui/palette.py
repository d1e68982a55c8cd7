"""The command palette's own commands: go to each screen, search and open units, help, quit.

Matching is diacritic-insensitive: "chuyen" finds "Chuyển đến…", "dao" opens "Chi bộ thôn Đào Xá".
"""

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import FuzzySearch

from store.lang.i18n import _
from store.lang.labels import label
from store.lang.text import fold
from store.org import units
from tui import registry

if TYPE_CHECKING:
    from tui.app import PhutrachApp

UNIT_HITS = 8


class AppCommands(Provider):
    @property
    def phutrach(self) -> "PhutrachApp":
        """`self.app`, typed (a provider is no DOM node, so tui.node does not serve here)."""
        return cast("PhutrachApp", self.app)

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.phutrach
        commands = [
            (
                _("Go to: {title}").format(title=_(e.title)),
                partial(app.action_goto, e.mode),
                _(e.description),
            )
            for e in registry.SCREENS
        ]
        commands += [
            (
                _("Search units"),
                app.action_search_units,
                _("Search units by name, with or without diacritics"),
            ),
            (
                _("Letterhead of the briefs"),
                partial(_open_letterhead, app),
                _("Edit the letterhead printed on every brief"),
            ),
            (_("Help"), app.action_help, _("Keys of this screen and what phutrach does")),
            (_("Quit"), app.exit, _("Close phutrach")),
        ]
        return commands

    async def discover(self) -> Hits:
        for name, command, help_text in self._commands():
            yield DiscoveryHit(name, command, help=help_text)

    async def search(self, query: str) -> Hits:
        fuzzy = FuzzySearch()
        for name, command, help_text in self._commands():
            score, offsets = fuzzy.match(fold(query), fold(name))
            if score:
                yield Hit(score, _highlight(name, offsets), command, text=name, help=help_text)
        for unit in units.list_units(self.phutrach.db, query, limit=UNIT_HITS):
            name = _("Open: {name}").format(name=unit.name)
            yield Hit(
                0.5,
                name,
                partial(self.phutrach.open_unit, unit.id),
                text=name,
                help=label("unit_kind", unit.kind),
            )


def _open_letterhead(app) -> None:
    from tui.screens.briefs.letterhead import LetterheadForm

    app.push_screen(LetterheadForm())


def _highlight(text: str, offsets) -> Content:
    """Mark the matched letters; folding keeps one letter per letter in NFC Vietnamese."""
    content = Content(text)
    if len(fold(text)) != len(text):
        return content
    for offset in offsets:
        content = content.stylize("bold reverse", offset, offset + 1)
    return content
