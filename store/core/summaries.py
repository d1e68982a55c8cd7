"""Figures kept beside the records they count, so that a page costs the page.

`meeting_months` (schema m010, m013): the meetings of each unit, month ('YYYY-MM') and kind,
with the month's regular attendance rate and the rated meetings it averages; `meeting_years`
(m015) the same by year, with the months held.
`assignment_visits` (m014): each assignment's last visit done and the next deadline that
follows from it (store.rules.cadence), with the unit's and supervisor's sort keys, the due
list's order. Triggers keep both exact in the transaction of every record written; `drift`
says where they disagree with the records (a file edited by another tool, a trigger dropped),
`rebuild` counts them again. Not audited: they hold no record of their own, only what the
records (audited) already say.
"""

from dataclasses import dataclass

from sqlite_utils import Database

from store.core.schema import (
    ASSIGNMENT_VISITS_SELECT,
    MEETING_MONTHS_RATED_GROUPED,
    MEETING_YEARS_GROUPED,
)

# Rates are averages of floats: two summation orders may differ in the last bits, so both
# sides are compared at 9 decimals. Two sorted sets (EXCEPT), not a join: 4 s for a province.
_MONTHS = "unit_id, month, kind, meetings, round(rate, 9) as rate, rated"
_YEARS = "unit_id, year, kind, meetings, months, round(rate, 9) as rate, rated"
_VISITS = """assignment_id, supervisor_id, unit_id, cadence, start_date, end_date, last_visit,
  next_due, unit_sort, supervisor_sort"""
_DRIFT = """with
  grouped as materialized (select {columns} from ({records})),
  kept as materialized (select {columns} from {table})
select count(*) from (
  select {key} from (select * from grouped except select * from kept)
  union select {key} from (select * from kept except select * from grouped))"""
_KEPT = {
    "meeting_months": (_MONTHS, MEETING_MONTHS_RATED_GROUPED, "unit_id, month, kind"),
    "meeting_years": (_YEARS, MEETING_YEARS_GROUPED, "unit_id, year, kind"),
    "assignment_visits": (_VISITS, ASSIGNMENT_VISITS_SELECT.format(where=""), "assignment_id"),
}


@dataclass(frozen=True)
class Drift:
    table: str
    groups: int  # groups (rows of the kept table) missing, extra or counted otherwise


def drift(db: Database) -> list[Drift]:
    """Each summary table that disagrees with its records (none when all agree)."""
    found = []
    for table, (columns, records, key) in _KEPT.items():
        sql = _DRIFT.format(columns=columns, records=records, table=table, key=key)
        groups = db.execute(sql).fetchone()[0]
        if groups:
            found.append(Drift(table, groups))
    return found


def rebuild(db: Database) -> int:
    """Count every summary again from its records, in one transaction; returns the rows of
    the monthly meeting counts."""
    with db.atomic():
        for table, (_columns, records, _key) in _KEPT.items():
            db.execute(f"delete from {table}")  # noqa: S608 (our names)
            db.execute(f"insert into {table} {records}")  # noqa: S608
        return db.execute("select count(*) from meeting_months").fetchone()[0]
