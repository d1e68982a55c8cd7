"""What a batch of briefs is about: finding one visit, unit or plan from what a user typed,
and listing every visit, supervisor, grassroots unit or open plan a `--all` batch covers."""

from sqlite_utils import Database

from store.core.errors import NotFound
from store.lang.codes import BriefKind
from store.lang.i18n import _
from store.org.units import GRASSROOTS_KINDS, find_unit
from store.personnel.succession import OPEN_STATUSES
from store.rules.periods import Period


def find_visit(db: Database, ref: str) -> int:
    """The id of the recorded visit whose id or uid is `ref`."""
    ref = str(ref).strip()
    where = "id = ?" if ref.isdigit() else "uid = ?"
    rows = list(db["visits"].rows_where(f"{where} and status = 'done'", [ref], select="id"))
    if not rows:
        raise NotFound(_("No recorded visit matches {ref!r}.").format(ref=ref))
    return rows[0]["id"]


def visit_ids(db: Database, period) -> list[int]:
    """The visits recorded in `period`, by date."""
    p = Period.parse(period)
    rows = db["visits"].rows_where(
        "status = 'done' and date between ? and ?",
        [p.start.isoformat(), p.end.isoformat()],
        select="id",
        order_by="date, id",
    )
    return [r["id"] for r in rows]


def supervisor_ids(db: Database) -> list[int]:
    """The active supervisors, in name order."""
    rows = db["supervisors"].rows_where(
        "coalesce(active, 1) = 1", select="id", order_by="sort_key, id"
    )
    return [r["id"] for r in rows]


def grassroots_unit_ids(db: Database) -> list[int]:
    """The active grassroots organizations (đảng bộ cơ sở, chi bộ cơ sở), in name order."""
    marks = ", ".join("?" for _k in GRASSROOTS_KINDS)
    rows = db["units"].rows_where(
        f"active = 1 and kind in ({marks})", list(GRASSROOTS_KINDS), select="id",
        order_by="sort_key, id",
    )  # fmt: skip
    return [r["id"] for r in rows]


def open_plan_ids(db: Database) -> list[int]:
    """The replacement-source plans still open (draft or active), by unit."""
    rows = db.query(
        f"""select p.id from succession_plans p join units u on u.id = p.unit_id
             where p.status in ({", ".join("?" for _s in OPEN_STATUSES)})
             order by u.sort_key, p.id""",  # noqa: S608 (placeholders only)
        list(OPEN_STATUSES),
    )
    return [r["id"] for r in rows]


def find_plan(db: Database, ref: str) -> int:
    """A plan by its id, or by its unit (code, uid or name): the open plan, else the latest."""
    ref = str(ref).strip()
    if ref.isdigit() and db["succession_plans"].count_where("id = ?", [int(ref)]):
        return int(ref)
    unit = find_unit(db, ref)
    rows = list(
        db.query(
            """select id from succession_plans where unit_id = ?
                order by status in ('draft', 'active') desc, id desc limit 1""",
            [unit.id],
        )
    )
    if not rows:
        raise NotFound(_("{unit} has no replacement-source plan.").format(unit=unit.name))
    return rows[0]["id"]


# ---- shared by `phutrach brief` and the TUI's briefs screen -------------------------------
KINDS = tuple(BriefKind)  # briefs.batch.KINDS, known cheaply
ALWAYS_CONFIDENTIAL = (BriefKind.PLAN,)  # personnel documents whatever is asked


def all_scopes(db: Database, kind: str, period) -> list[int | None]:
    """Every scope a batch of `kind` briefs covers (`None` alone for the annual report)."""
    if kind == BriefKind.VISIT:
        return list(visit_ids(db, period))
    if kind == BriefKind.SUPERVISOR:
        return list(supervisor_ids(db))
    if kind == BriefKind.UNIT:
        return list(grassroots_unit_ids(db))
    if kind == BriefKind.PLAN:
        return list(open_plan_ids(db))
    return [None]


def find_scope(db: Database, kind: str, ref: str) -> int | None:
    """The one visit, supervisor, unit or plan `ref` names for a `kind` brief (None: annual)."""
    from store.org.supervisor_search import find_supervisor

    if kind == BriefKind.VISIT:
        return find_visit(db, ref)
    if kind == BriefKind.SUPERVISOR:
        return find_supervisor(db, ref).id
    if kind == BriefKind.UNIT:
        return find_unit(db, ref).id
    if kind == BriefKind.PLAN:
        return find_plan(db, ref)
    return None


def is_confidential(kind: str, asked: bool) -> bool:
    """Whether a `kind` brief carries personnel content: when asked, and plans always."""
    return asked or kind in ALWAYS_CONFIDENTIAL


def scope_title(db: Database, kind: str, scope: str | None) -> str:
    """What a logged brief is about, by name: its scope in the log is a code or a uid."""
    if not scope:
        return ""
    queries: dict[str, str] = {
        BriefKind.SUPERVISOR: "select name from supervisors where code = :s or uid = :s",
        BriefKind.UNIT: "select name from units where code = :s or uid = :s",
        BriefKind.VISIT: "select u.name || ' – ' || substr(v.date, 9, 2) || '/'"
        " || substr(v.date, 6, 2) || '/' || substr(v.date, 1, 4) as name from visits v"
        " join units u on u.id = v.unit_id where v.uid = :s",
        BriefKind.PLAN: "select u.name from succession_plans p join units u on u.id = p.unit_id"
        " where p.uid = :s",
    }
    if kind not in queries:
        return scope
    row = next(iter(db.query(queries[kind] + " limit 1", {"s": scope})), None)
    return row["name"] if row else scope
