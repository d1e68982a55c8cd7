"""One unit's detail: its place in the tree, members, committee, supervisors, last meetings."""

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Static

from store.core import settings
from store.lang.codes import BriefKind, PeriodKind, Role
from store.lang.i18n import _
from store.lang.labels import label
from store.lang.text import shown
from store.org import units
from store.org.units import UnitDetail
from tui.format import safe, vn_date, vn_number
from tui.node import PhutrachNode
from tui.screens.regime.meeting_form import MeetingForm
from tui.widgets.key_footer import KeyFooter
from tui.widgets.unit_trend import UnitTrend

PATH_SEPARATOR = " › "


class UnitDetailScreen(PhutrachNode, Screen):
    HELP = (
        "A unit at a glance: where it sits in the organization tree, its members, its "
        "secretary and committee, the committee members assigned to it and its last meetings."
    )
    BINDINGS = [
        Binding("escape", "back", "Back", id="detail.back", tooltip="Back to the previous screen"),
        Binding(
            "u",
            "parent",
            "Parent unit",
            id="detail.parent",
            tooltip="Open the unit this one belongs to",
        ),
        Binding(
            "m",
            "record_meeting",
            "Reported meeting",
            id="detail.meeting",
            tooltip="Record a meeting the unit reported, without a visit",
        ),
        Binding(
            "p",
            "secretary",
            "Secretary",
            id="detail.secretary",
            tooltip="Open the secretary: facts, posts, capability notes and plans",
        ),
        Binding(
            "b",
            "brief",
            "Brief",
            id="detail.brief",
            tooltip="Write the unit's brief for this quarter",
        ),
    ]

    def __init__(self, unit_id: int) -> None:
        super().__init__()
        self.unit_id = unit_id

    def compose(self) -> ComposeResult:
        detail = units.unit_detail(self.app.db, self.unit_id, on=self.app.today)
        self.detail = detail
        yield Header()
        with VerticalScroll(id="detail-body"):
            committee = settings.get(self.app.db, "committee.name")
            yield Static(_breadcrumb(committee, detail), id="detail-path")
            yield Static(safe(detail.unit.title, style="bold"), id="detail-name")
            yield Static(_facts(detail), id="detail-facts")
            yield UnitTrend(self.app.db, self.unit_id, self.app.today, id="detail-trend")
            yield from _section(
                _("Secretary and committee"),
                "detail-committee",
                [_("Post"), _("Full name"), _("Concurrent role"), _("Since")],
                [
                    (
                        _post(p.role, p.acting),
                        p.name,
                        label("concurrent_role", p.concurrent_role),
                        vn_date(p.start_date),
                    )
                    for p in detail.committee
                ],
                _("No secretary or committee member recorded."),
            )
            yield from _section(
                _("Assigned committee members"),
                "detail-supervisors",
                [_("Full name"), _("Position"), _("Visit cadence"), _("Since")],
                [
                    (s.name, s.title or "", label("cadence", s.cadence), vn_date(s.start_date))
                    for s in detail.supervisors
                ],
                _("No committee member is assigned to this unit."),
            )
            yield from _section(
                _("Last meetings"),
                "detail-meetings",
                [
                    _("Date"),
                    _("Kind of meeting"),
                    _("Topic"),
                    _("Present / owed"),
                    _("Attended by supervisor"),
                ],
                [
                    (
                        vn_date(m.date),
                        label("meeting_kind", m.kind),
                        m.topic or "",
                        f"{'' if m.present is None else m.present}/{m.owed}",
                        "✓" if m.visited else "",
                    )
                    for m in detail.meetings
                ],
                _("No meeting recorded yet."),
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = shown(self.detail.unit.title, lines=False)
        self.query_one("#detail-body").focus()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "parent":
            return self.detail.unit.parent_id is not None
        return True

    def action_back(self) -> None:
        self.dismiss()

    def action_record_meeting(self) -> None:
        self.app.push_screen(MeetingForm(self.unit_id), self._meeting_recorded)

    async def _meeting_recorded(self, meeting_id: int | None) -> None:
        if meeting_id is not None:
            self.notify(_("Meeting recorded."))
            await self.recompose()
            self.query_one("#detail-body").focus()

    def action_parent(self) -> None:
        parent_id = self.detail.unit.parent_id
        if parent_id is not None:
            self.app.switch_screen(UnitDetailScreen(parent_id))

    def action_brief(self) -> None:
        from store.rules.periods import Period
        from tui.briefing import Request, review_brief

        quarter = Period.containing(self.app.today, PeriodKind.QUARTER).code
        review_brief(self.app, Request(BriefKind.UNIT, self.unit_id, quarter))

    def action_secretary(self) -> None:
        from tui.screens.personnel.person import PersonScreen

        secretary = next((p for p in self.detail.committee if p.role == Role.SECRETARY), None)
        if secretary is None:
            self.notify(_("This unit has no secretary."), severity="warning")
            return
        self.app.push_screen(PersonScreen(secretary.person_id))


def _breadcrumb(committee: str, detail: UnitDetail) -> Text:
    """Where the unit sits: the supervising committee, then each unit above it."""
    return safe(PATH_SEPARATOR.join([committee, *(u.name for u in detail.path)]) + PATH_SEPARATOR)


def _facts(detail: UnitDetail) -> Table:
    unit = detail.unit
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim")
    grid.add_column()
    grid.add_column(style="dim")
    grid.add_column()
    grid.add_row(
        _("Kind of organization"), label("unit_kind", unit.kind), _("Code"), safe(unit.code)
    )
    under = (_("Units under it"), vn_number(detail.child_count)) if detail.child_count else ()
    grid.add_row(_("Sector"), label("sector", unit.sector), *under)
    grid.add_row(
        _("Full members"),
        vn_number(unit.members_full),
        _("Probationary members"),
        vn_number(unit.members_probationary),
    )
    grid.add_row(
        _("Exempted from meetings"),
        vn_number(unit.members_exempt),
        _("Members owed at meetings"),
        vn_number(unit.members_owed),
    )
    return grid


def _post(role: str, acting: bool) -> str:
    text = label("role", role)
    return _("{post} (acting)").format(post=text) if acting else text


def _section(title: str, id: str, headers: Sequence[str], rows: list[tuple], empty: str):
    yield Label(title, classes="section-title")
    if not rows:
        yield Static(empty, classes="section-empty", id=f"{id}-empty")
        return
    table: DataTable = DataTable(id=id, show_cursor=False, zebra_stripes=True, classes="section")
    table.can_focus = False
    table.add_columns(*headers)
    table.add_rows([tuple(safe(cell) for cell in row) for row in rows])
    yield table
