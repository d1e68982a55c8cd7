"""The import/export kind visits: a supervisor's visit with its meeting's figures and one column
per criterion of the score sheet in force; see store.exchange.meetings for the shared checks.

Scores the meeting's facts deny (full marks for attendance with an unexcused absence, points
for the minutes when none were kept: store.rules.facts) are refused as the form refuses them,
naming the row and the criterion's column, and nothing is written: a clerk keying in a file
expects it to go in as a form would take it, and a contradiction written on the way in would
reach the briefs. A row that changes nothing of a stored visit is left alone even when that
visit breaks a tie (recorded before the rule): re-importing an export must not fail on old
data the clerk did not touch; `phutrach check` lists those visits to correct.
"""

import json
from datetime import date

from sqlite_utils import Database

from store.exchange import values as v
from store.exchange.importer import (
    Batch,
    Column,
    ImportSpec,
    Item,
    ref_id,
    register,
    rows_where,
)

# The users' words for meeting kinds, beyond the code and its label.
from store.exchange.meetings import (
    MEETING_COLUMNS,
    MEETING_NAMES,
    SCORE,
    UNIT,
    _checked,
    _meeting_row,
)
from store.lang.i18n import _
from store.lang.text import vn_date
from store.rules.cadence import assignment_on
from store.rules.facts import check_ties
from store.rules.rulebook import in_force as rulebook_in_force
from store.rules.scoring import check_scores
from store.visits import TEXTS, record_visit, update_visit


def _score_columns(db: Database) -> tuple[Column, ...]:
    return tuple(Column(SCORE + c.id, (c.label,), v.count) for c in rulebook_in_force(db).criteria)


def _resolve_visit(batch: Batch, item: Item) -> None:
    item.refs["supervisor_id"] = ref_id(
        batch, item, "supervisor", "supervisors", _("no supervisor with code {code!r}.")
    )
    item.refs["unit_id"] = ref_id(batch, item, "unit", "units", _("no unit with code {code!r}."))


def _find_visit(batch: Batch, item: Item) -> dict | None:
    rows = rows_where(
        batch.db,
        "visits",
        "supervisor_id = ? and unit_id = ? and date = ? and status = 'done' and meeting_id in"
        " (select id from meetings where kind = ?)",
        [
            item.refs["supervisor_id"],
            item.refs["unit_id"],
            item.values["date"],
            item.values["kind"],
        ],
    )
    if len(rows) > 1:
        batch.fail(
            item,
            None,
            _(
                "this supervisor has several visits to this unit on this date; the row cannot "
                "tell which one it is."
            ),
        )
    return rows[0] if rows else None


def _check_visits(batch: Batch) -> None:
    rulebook = batch.rulebook
    for item in batch.items:
        visit = item.existing
        stored = dict(batch.db.table("meetings").get(visit["meeting_id"])) if visit else None
        row = _meeting_row(batch, item, stored, MEETING_NAMES, "visit")
        old = json.loads(visit["scores"] or "{}") if visit else {}
        given = {k[len(SCORE) :]: val for k, val in item.values.items() if k.startswith(SCORE)}
        scores = _checked(batch, item, check_scores, rulebook, {**old, **given})
        day = date.fromisoformat(row["date"])
        if assignment_on(batch.db, item.refs["supervisor_id"], item.refs["unit_id"], day) is None:
            batch.fail(
                item,
                "date",
                _("On {date} the supervisor was not assigned to this unit.").format(
                    date=vn_date(row["date"])
                ),
            )
        texts = {k: item.values[k] for k in TEXTS if k in item.values}
        if visit is None or stored is None:  # a new visit (a stored one has its meeting)
            _checked(batch, item, check_ties, rulebook, scores, row)
            item.refs.update(meeting=row, scores=scores, texts=texts)
            continue
        changed = {k: row[k] for k in MEETING_NAMES if stored[k] != row[k]}
        texts = {k: val for k, val in texts.items() if visit[k] != val}
        if changed or texts or scores != old:  # update_visit checks the whole visit again
            _checked(batch, item, check_ties, rulebook, scores, row)
        item.refs.update(meeting=changed, scores=scores if scores != old else None, texts=texts)


def _planned_visit(batch: Batch, item: Item) -> int | None:
    """The planned visit this row completes: same supervisor, unit and date."""
    rows = rows_where(
        batch.db,
        "visits",
        "supervisor_id = ? and unit_id = ? and planned_date = ? and status = 'planned'",
        [item.refs["supervisor_id"], item.refs["unit_id"], item.values["date"]],
    )
    return rows[0]["id"] if rows else None


def _reported_meeting(batch: Batch, item: Item) -> int | None:
    """The meeting the visit attended, if already recorded: the unit's own report, or
    another supervisor's visit to it (the same meeting, not a second one)."""
    row = batch.db.execute(
        """select id from meetings m where unit_id = ? and date = ? and kind = ?
           and not exists (select 1 from visits v where v.meeting_id = m.id
                           and v.supervisor_id = ?)
           order by id limit 1""",
        [
            item.refs["unit_id"],
            item.refs["meeting"]["date"],
            item.refs["meeting"]["kind"],
            item.refs["supervisor_id"],
        ],
    ).fetchone()
    return row[0] if row else None


def _write_visit(batch: Batch, item: Item) -> str:
    refs = item.refs
    if item.existing is None:
        record_visit(
            batch.db,
            supervisor_id=refs["supervisor_id"],
            unit_id=refs["unit_id"],
            meeting=refs["meeting"],
            scores=refs["scores"],
            planned_visit_id=_planned_visit(batch, item),
            meeting_id=_reported_meeting(batch, item),
            today=batch.today,
            **refs["texts"],
        )
        return "added"
    changes = dict(refs["texts"])
    if refs["meeting"]:
        changes["meeting"] = refs["meeting"]
    if refs["scores"] is not None:
        changes["scores"] = refs["scores"]
    if not changes:
        return "unchanged"
    update_visit(batch.db, item.existing["id"], today=batch.today, **changes)
    return "updated"


def _export_visits(db: Database):
    criteria = [c.id for c in rulebook_in_force(db).criteria]
    for row in db.query(
        """select s.code as supervisor, u.code as unit, v.date, m.kind, m.topic, m.members_full,
              m.members_probationary, m.members_exempt, m.present, m.absent_excused,
              m.absent_unexcused, m.duration_minutes, m.minutes_kept, m.resolution_adopted,
              v.observations, v.recommendations, v.good_practice, v.scores
       from visits v join supervisors s on s.id = v.supervisor_id
            join units u on u.id = v.unit_id join meetings m on m.id = v.meeting_id
       where v.status = 'done'
       order by s.sort_key, s.code, u.sort_key, u.code, v.date, v.id"""
    ):
        scores = json.loads(row.pop("scores") or "{}")
        yield {**row, **{SCORE + c: scores.get(c) for c in criteria}}


register(
    ImportSpec(
        kind="visits",
        table="visits",
        columns=(
            Column(
                "supervisor",
                ("Mã cán bộ phụ trách", "Cán bộ phụ trách", "Người phụ trách"),
                v.text,
                required=True,
            ),
            UNIT,
            *MEETING_COLUMNS,
            Column("observations", ("Nhận xét", "Ý kiến nhận xét"), v.text),
            Column("recommendations", ("Kiến nghị", "Đề xuất, kiến nghị"), v.text),
            Column("good_practice", ("Mô hình hay", "Mô hình sinh hoạt hiệu quả"), v.text),
        ),
        more_columns=_score_columns,
        key=lambda item: (
            item.refs["supervisor_id"],
            item.refs["unit_id"],
            item.values["date"],
            item.values["kind"],
        ),
        resolve=_resolve_visit,
        find=_find_visit,
        record=lambda batch, item: {},
        write=_write_visit,
        check_all=_check_visits,
        export=_export_visits,
    )
)
