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

# Rates are averages of floats: two summation orders may differ in the last bits.
_TOLERANCE = 1e-9
_DRIFT = f"""with grouped as ({MEETING_MONTHS_GROUPED})
select count(*) from (
  select g.unit_id from grouped g left join meeting_months s
    on s.unit_id = g.unit_id and s.month = g.month and s.kind = g.kind
   where s.meetings is not g.meetings
      or (s.rate is null) <> (g.rate is null) or abs(s.rate - g.rate) > {_TOLERANCE}
  union all
  select s.unit_id from meeting_months s left join grouped g
    on s.unit_id = g.unit_id and s.month = g.month and s.kind = g.kind
   where g.unit_id is null)"""  # noqa: S608 (constant fragments only)


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
