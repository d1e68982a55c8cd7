"""Giving a person a post in a unit (elected or appointed), and ending a post with its
reason. The store ends the previous secretary's or deputy's post on the same day."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select, Static

from store.lang.i18n import _
from store.lang.labels import choices, label
from store.org import units
from store.personnel import people
from store.personnel.people import Post
from tui.format import vn_date
from tui.screens.personnel.personnel_form import PersonnelForm, field
from tui.widgets.paged_table import Column, PagedTable, PageSource
from tui.widgets.search_box import SearchInput, on_typed
from tui.widgets.yes_no import YesNo


class AppointForm(PersonnelForm[int]):
    """A post for `person_id`; the unit list starts on `unit_id` (their current unit)."""

    def __init__(self, person_id: int, unit_id: int | None) -> None:
        super().__init__()
        self.person_id, self.unit_id = person_id, unit_id

    def form_title(self) -> str:
        name = people.get_person(self.app.db, self.person_id).name
        return _("Give a post to {name}").format(name=name)

    def fields(self) -> ComposeResult:
        start = units.get_unit(self.app.db, self.unit_id).name if self.unit_id else ""
        search = SearchInput(start, placeholder=_("Search by name (diacritics optional)…"))
        yield from field(_("Find the Party organization"), search, "search")
        table = PagedTable(
            [Column(_("Code"), 10), Column(_("Organization name"), cut="middle")],
            empty_text=_("No unit matches the search."),
            page_size=50,
        )
        yield from field(_("Party organization (the row under the cursor)"), table, "unit_id")
        yield from field(_("Post"), Select(choices("role"), prompt=_("Choose")), "role")
        yield from field(
            _("From (dd/mm/yyyy)"), Input(vn_date(self.app.today.isoformat())), "start_date"
        )
        concurrent = Select(choices("concurrent_role"), prompt=_("None"))
        yield from field(_("Concurrent role"), concurrent, "concurrent_role")
        yield from field(
            _("Acting post"), YesNo(_("Acting secretary, not yet confirmed")), "acting"
        )
        reason = Input(placeholder=_("Why the previous holder leaves (optional)"))
        yield from field(_("Reason"), reason, "reason")

    def on_mount(self) -> None:
        search = self.query_one("#f-search", Input)
        self._list(search.value)
        on_typed(search, self._list)

    @on(Input.Submitted, "#f-search")
    def _to_table(self) -> None:
        self.query_one("#f-unit_id").focus()

    @on(PagedTable.Selected, "#f-unit_id")
    def _chosen(self) -> None:
        self.query_one("#f-role").focus()

    def _list(self, search: str) -> None:
        db = self.app.db
        self.query_one("#f-unit_id", PagedTable).set_source(
            PageSource(
                count=lambda: units.count_units(db, search),
                fetch=lambda limit, offset: units.list_units(
                    db, search, limit=limit, offset=offset
                ),
                cells=lambda u: (u.code or "", u.name),
            )
        )

    def submit(self) -> int:
        unit = self.query_one("#f-unit_id", PagedTable).current
        return people.appoint(
            self.app.db,
            self.person_id,
            unit.id if unit else None,
            self.chosen("role"),
            self.typed_date("start_date"),
            concurrent_role=self.query_one("#f-concurrent_role", Select).selection,
            acting=self.query_one("#f-acting", Checkbox).value,
            reason=self.query_one("#f-reason", Input).value,
            today=self.app.today,
        )


class EndPostForm(PersonnelForm[bool]):
    ALIASES = {"post_id": "end_date"}

    def __init__(self, post: Post) -> None:
        super().__init__()
        self.post = post

    def form_title(self) -> str:
        return _("End a post")

    def fields(self) -> ComposeResult:
        post = self.post
        about = Text.assemble(
            (post.person_name, "bold"),
            "\n",
            f"{label('role', post.role)}, {post.unit_name}",
            "\n",
            (_("since {date}").format(date=vn_date(post.start_date)), "dim"),
        )
        yield Static(about, classes="form-about")
        yield from field(
            _("Ended on (dd/mm/yyyy)"), Input(vn_date(self.app.today.isoformat())), "end_date"
        )
        reason = Input(placeholder=_("Retired, moved, dismissed…"))
        yield from field(_("Why it ended"), reason, "reason")

    def submit(self) -> bool:
        people.end_post(
            self.app.db,
            self.post.id,
            self.typed_date("end_date"),
            self.query_one("#f-reason", Input).value,
            today=self.app.today,
        )
        return True
