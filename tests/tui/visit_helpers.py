"""The conftest district with more duties: an overdue unit, a due one under a second supervisor,
a visit planned this week and one whose date passed; the keys that type a visit, and the fast
path that sets the same values directly."""

from datetime import date

from textual.widgets import TextArea

from store.core import db as store_db
from tests import factories as make
from tui.widgets.paged_table import PagedTable

# Points typed criterion by criterion (resolution rulebook order): 95, rated Tốt.
GOOD_SCORES = ("15", "15", "10", "18", "8", "10", "5", "9", "5")


def add_duties(path) -> dict[str, int]:
    """Dương Liễu overdue for Phạm Minh Đức, Khu phố 1 due for Lê Thị Hoa; Đào Xá (conftest)
    is visited this month. Plans: Dương Liễu on 02/10 (this week), on 20/09 (missed)."""
    db = store_db.connect(path)
    ids = {
        "duc": _id(db, "supervisors", "S1"),
        "duong_lieu": _id(db, "units", "AB-03"),
        "kp1": _id(db, "units", "HL-01"),
    }
    ids["hoa"] = make.supervisor(db, "Lê Thị Hoa", code="S2", title="Huyện ủy viên")
    make.assign(db, ids["duc"], ids["duong_lieu"], start="2026-06-01")
    make.assign(db, ids["hoa"], ids["kp1"], cadence="quarterly", start="2026-07-01")
    ids["plan_week"] = make.planned_visit(
        db, ids["duc"], ids["duong_lieu"], "2026-10-02", today=date(2026, 9, 30)
    )
    ids["plan_missed"] = make.planned_visit(
        db, ids["duc"], ids["duong_lieu"], "2026-09-20", today=date(2026, 9, 1)
    )
    db.close()
    return ids


def _id(db, table: str, code: str) -> int:
    return next(iter(db[table].rows_where("code = ?", [code])))["id"]


def cells(app, selector: str) -> list[list[str]]:
    """The text of every row of a paged table on the current screen."""
    table = app.screen.query_one(selector, PagedTable)
    return [[str(c) for c in table.source.cells(table.row_at(i))] for i in range(table.row_count)]


def fill(form, values: dict) -> None:
    """Set a form's fields by id as if typed (Input, Select, Checkbox value; TextArea text):
    the fast path for tests about what the form does with the values, not about typing."""
    for field, value in values.items():
        widget = form.query_one(f"#{field}")
        if isinstance(widget, TextArea):
            widget.text = value
        else:
            widget.value = value


async def fill_visit(pilot, form, **typed) -> None:
    """Fill a new visit form with what `visit_keys(**typed)` would type, then let it react."""
    fill(form, visit_values(form, **typed))
    await pilot.pause()


def visit_values(
    form,
    *,
    date: str | None = None,
    thematic: bool = False,
    topic: str = "",
    present: str = "28",
    excused: str = "2",
    unexcused: str = "0",
    duration: str = "120",
    scores=GOOD_SCORES,
    observations: str = "Chuan bi tot",
) -> dict:
    """The field values `visit_keys` types, by field id (the same parameters)."""
    values = {"date": date} if date else {}
    if thematic:
        values |= {"kind": "thematic", "topic": topic}
    values |= {"present": present, "absent_excused": excused, "absent_unexcused": unexcused}
    values |= {"duration_minutes": duration, "minutes_kept": True, "resolution_adopted": True}
    criteria = form.rulebook.criteria
    values |= {f"score-{c.id}": points for c, points in zip(criteria, scores, strict=True)}
    return values | {"observations": observations}


def keys_of(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


def visit_keys(
    *,
    date: str | None = None,
    thematic: bool = False,
    topic: str = "",
    present: str = "28",
    excused: str = "2",
    unexcused: str = "0",
    duration: str = "120",
    scores=GOOD_SCORES,
    observations: str = "Chuan bi tot",
) -> list[str]:
    """The keys a user presses in a new visit form, from the date box (focused on opening)
    to the last text box, leaving the prefilled member counts as they are."""
    keys = keys_of(date) if date else []
    keys += ["tab"]  # kind of meeting
    if thematic:
        keys += ["enter", "down", "enter", "tab", *keys_of(topic)]
    keys += ["tab", "tab", "tab", "tab"]  # full, probationary, exempted: prefilled; present
    keys += [*present, "tab", *excused, "tab", *unexcused, "tab", *duration]
    keys += ["tab", "space", "tab", "space"]  # minutes kept, resolution adopted
    for points in scores:
        keys += ["tab", *points]
    keys += ["tab", *keys_of(observations), "tab", "tab"]
    return keys
