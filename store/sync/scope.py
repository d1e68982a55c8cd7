"""What a supervisor's laptop holds: the one place that decides which of the office's rows
may leave it for a site. The reference data whole (the unit tree, supervisors, settings, the
rulebook in force), and, of everything else, only what concerns that supervisor: their
assignments, the meetings, posts and people of their units, their own visits, capability
notes, plans and concerns. Another supervisor's personnel content never matches a clause.

The derived tables (kept monthly counts, search indexes) are not listed: the triggers that
keep them fill them as the rows arrive, as for any write.
"""

import sqlite3
from pathlib import Path

from sqlite_utils import Database

_UNITS = "SELECT unit_id FROM src.assignments WHERE supervisor_id = :s"
_NOTES = "SELECT id FROM src.capability_notes WHERE supervisor_id = :s"
_PLANS = "SELECT id FROM src.succession_plans WHERE supervisor_id = :s"
_CONCERNS = "SELECT id FROM src.concerns WHERE supervisor_id = :s"
# Everyone a row of the scope names: post holders, the people of notes and plans.
_PEOPLE = " UNION ".join(
    (
        f"SELECT person_id FROM src.posts WHERE unit_id IN ({_UNITS})",  # noqa: S608 (ours)
        "SELECT person_id FROM src.capability_notes WHERE supervisor_id = :s",
        f"SELECT person_id FROM src.plan_candidates WHERE plan_id IN ({_PLANS})",  # noqa: S608
        "SELECT incumbent_id FROM src.succession_plans WHERE supervisor_id = :s",
        "SELECT successor_id FROM src.succession_plans WHERE supervisor_id = :s",
    )
)
# Settings that belong to one installation, not to the committee: never sent.
_LOCAL_SETTINGS = (
    "key NOT LIKE 'site.%' AND key NOT IN ('user', 'current_supervisor', 'briefs.out_dir')"
)

# table → which of its rows a supervisor's laptop holds (:s the supervisor's id), in the
# order that keeps every reference to a row already there.
SCOPE: dict[str, str] = {
    "settings": _LOCAL_SETTINGS,
    "units": "1",
    "supervisors": "1",
    "assignments": "supervisor_id = :s",
    "people": f"id IN ({_PEOPLE})",
    "posts": f"unit_id IN ({_UNITS})",
    "annual_ratings": f"unit_id IN ({_UNITS})",
    "meetings": f"unit_id IN ({_UNITS})",
    "visits": "supervisor_id = :s",
    "capability_notes": "supervisor_id = :s",
    "capability_note_visits": f"note_id IN ({_NOTES})",
    "succession_plans": "supervisor_id = :s",
    "plan_candidates": f"plan_id IN ({_PLANS})",
    "plan_actions": f"plan_id IN ({_PLANS})",
    "concerns": "supervisor_id = :s",
    "concern_events": f"concern_id IN ({_CONCERNS})",
}
# The office's own: its brief register and drafts, and its audit trail (which holds the
# before and after of every personnel record, everyone's).
OFFICE_ONLY = ("briefs", "brief_texts", "actions", "changes")


def fill(target: Database, source: Path, supervisor_id: int) -> dict[str, int]:
    """Copy into `target` (an empty phutrach database, same schema) the rows of `source`
    that `supervisor_id`'s laptop holds, in one transaction; returns the rows per table."""
    target.execute("ATTACH ? AS src", [str(source)])
    try:
        counts = {}
        with target.conn:
            for table, where in SCOPE.items():
                columns = ", ".join(f'"{c.name}"' for c in target[table].columns)
                target.execute(
                    f"INSERT INTO main.{table} ({columns}) "  # noqa: S608 (names from code)
                    f"SELECT {columns} FROM src.{table} WHERE {where}",
                    {"s": supervisor_id},
                )
                counts[table] = target.execute(f"SELECT count(*) FROM main.{table}").fetchone()[0]  # noqa: S608
        return counts
    finally:
        target.execute("DETACH src")


def lean(target: Path, source: Path, supervisor_id: int) -> None:
    """The rows of `source` that `supervisor_id`'s laptop holds, as bare tables at `target`
    (each made by the source's own CREATE TABLE: same columns, same keys; no index, trigger
    or derived table). What the office diffs and keeps as a site's base, and what an
    enrolment carries: a fifth of a whole database's size and time at the province; the
    laptop makes its own database from it on joining (`fill`), its triggers the figures."""
    conn = sqlite3.connect(target)
    try:
        conn.execute("ATTACH ? AS src", [str(source)])
        with conn:
            for table, where in SCOPE.items():
                (create,) = conn.execute(
                    "SELECT sql FROM src.sqlite_schema WHERE type = 'table' AND name = ?",
                    [table],
                ).fetchone()
                conn.execute(create)
                conn.execute(
                    f"INSERT INTO main.{table} SELECT * FROM src.{table} WHERE {where}",  # noqa: S608 (names from code)
                    {"s": supervisor_id},
                )
        conn.execute("DETACH src")
    finally:
        conn.close()
