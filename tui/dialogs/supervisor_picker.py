"""Choosing the current supervisor, or "all" for the committee office; the choice is kept in
settings (`current_supervisor`, a uid) so that the app opens on it next time."""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from sqlite_utils import Database

from store.core import settings
from store.core.search_index import holds
from store.lang.i18n import _
from store.lang.text import fold
from store.org import get_supervisor, supervisors
from store.org.units import search_words
from tui.dialogs.picker import PickerScreen
from tui.widgets.paged_table import Column


@dataclass(frozen=True, slots=True)
class SupervisorChoice:
    id: int | None  # None: all supervisors (the committee office)
    uid: str | None
    name: str
    title: str = ""


def all_label() -> str:
    return _("All (committee office)")


def current_choice(db: Database) -> SupervisorChoice:
    """The supervisor chosen in settings, or "all" when none (or one since deleted) is."""
    chosen = supervisors.current_supervisor_id(db)  # None too for one since deleted
    if chosen is None:
        return SupervisorChoice(None, None, all_label())
    item = get_supervisor(db, chosen)  # that one row, not the whole list (800 at a province)
    return SupervisorChoice(item.id, item.uid, item.name, item.title or "")


class SupervisorPicker(PickerScreen):
    """Dismisses with the `SupervisorChoice` made (already saved), or None when closed."""

    def heading(self) -> str:
        return _("Choose the supervisor to follow")

    def columns(self) -> list[Column]:
        return [Column(_("Full name"), 30), Column(_("Position"))]

    def rows(self, search: str) -> Sequence[SupervisorChoice]:
        words = search_words(search)
        return [choice for choice, text in self._every if holds(text, words)]

    @cached_property
    def _every(self) -> list[tuple[SupervisorChoice, str]]:
        """Every choice with its folded name and position, read and folded once as the
        picker opens: a keystroke then tests them (800 at a province, 3,200 at 4×) where it
        read and folded them all again (5-15 ms)."""
        every = [SupervisorChoice(None, None, all_label())] + [
            SupervisorChoice(s.id, s.uid, s.name, s.title or "")
            for s in supervisors.list_supervisors(self.app.db)
        ]
        return [(choice, fold(f"{choice.name} {choice.title}")) for choice in every]

    def cells(self, row: SupervisorChoice) -> Sequence[str]:
        return (row.name, row.title)

    def choose(self, row: SupervisorChoice) -> None:
        self.app.follow_supervisor(row.id)  # saved, and every screen follows
        self.dismiss(row)
        self.app.call_later(ask_who, self.app, row)


def ask_who(app, row: SupervisorChoice) -> None:
    """After a choice, ask whether the one who chose is that supervisor (the history names
    the user); choosing the office, or answering no, asks the name when none is known."""
    if not app.ASK_WHO:
        return
    from tui.dialogs.confirm import ConfirmScreen
    from tui.dialogs.who import WhoScreen, said

    person = settings.user(app.db)
    if row.uid is not None and (person is None or person.uid != row.uid):

        def answered(yes: bool | None) -> None:
            if yes:
                chosen = settings.User(settings.SUPERVISOR, row.name, row.uid)
                settings.set_user(app.db, chosen)
                said(app, chosen)
            elif settings.user(app.db) is None:
                app.push_screen(WhoScreen(), lambda who: said(app, who))

        question = _("Are you comrade {name}? The history will name you.").format(name=row.name)
        app.push_screen(ConfirmScreen(question, yes=_("Yes, it is me"), no=_("No")), answered)
    elif row.uid is None and person is None:
        app.push_screen(WhoScreen(), lambda who: said(app, who))
