"""Figures kept beside the records they count, so that a page costs the page.

`meeting_months` (schema m010): the meetings of each unit, month ('YYYY-MM') and kind, with
the month's regular attendance rate. Triggers keep it exact in the transaction of every
meeting written; `drift` says where it disagrees with the meetings (a file edited by another
tool, a trigger dropped), `rebuild` counts it again. Not audited: it holds no record of its
own, only what the meetings (audited) already say.
"""

from dataclasses import dataclass

from sqlite_utils import Database

from store.core.schema import MEETING_MONTHS_GROUPED

# Rates are averages of floats: two summation orders may differ in the last bits, so both
# sides are compared at 9 decimals. Two sorted sets (EXCEPT), not a join: 4 s for a province.
_DRIFT = f"""with
  grouped as materialized (select unit_id, month, kind, meetings, round(rate, 9) as rate
                             from ({MEETING_MONTHS_GROUPED})),
  kept as materialized (select unit_id, month, kind, meetings, round(rate, 9) as rate
                          from meeting_months)
select count(*) from (
  select unit_id, month, kind from (select * from grouped except select * from kept)
  union select unit_id, month, kind from (select * from kept except select * from grouped))"""  # noqa: S608


@dataclass(frozen=True)
class Drift:
    table: str
    groups: int  # groups missing, extra or counted otherwise


def drift(db: Database) -> list[Drift]:
    """Each summary table that disagrees with its records (none when all agree)."""
    groups = db.execute(_DRIFT).fetchone()[0]
    return [Drift("meeting_months", groups)] if groups else []


def rebuild(db: Database) -> int:
    """Count the summary again from the meetings, in one transaction; returns its rows."""
    with db.atomic():
        db.execute("delete from meeting_months")
        db.execute(
            "insert into meeting_months (unit_id, month, kind, meetings, rate) "
            + MEETING_MONTHS_GROUPED
        )
        return db.execute("select count(*) from meeting_months").fetchone()[0]
