"""A page of the history is read in a few queries, not three an entry, and holds what each
entry's own changes say: checked against every entry read alone, on a trail of single
changes, of actions over several tables, and of actions bigger than an entry shows."""

import json

from store.core import actions, records
from store.history import audit
from store.lang.codes import HistoryAction
from tests import factories as make


def _alone(db, entry_id: int, shown: int) -> tuple:
    """One entry as its own rows say: its first `shown` changes, counts and tables."""
    changes = db.execute(
        "select id from changes where action_id = ? order by id limit ?", [entry_id, shown]
    ).fetchall()
    count, uids = db.execute(
        "select count(*), count(distinct record_uid) from changes where action_id = ?",
        [entry_id],
    ).fetchone()
    tables = {t for (t,) in db.execute(
        "select table_name from changes where action_id = ?", [entry_id]
    )}  # fmt: skip
    return [c for (c,) in changes], count, uids, tables


def _trail(db) -> None:
    units = [make.unit(db, f"Chi bộ thôn {n}") for n in range(6)]
    with actions.action(db, HistoryAction.IMPORT):  # bigger than an entry shows
        for n in range(7):
            make.unit(db, f"Chi bộ khu phố {n}", parent_id=units[0])
    for unit in units[:3]:
        records.update(db, "units", unit, {"members_full": 12})
    with actions.action(db, HistoryAction.IMPORT):  # two tables, one record changed twice
        person = records.insert(db, "people", {"name": "Lê Văn Hòa", "birth_year": 1970})
        records.update(db, "people", person, {"birth_year": 1971})
        records.update(db, "units", units[4], {"members_full": 3})
    records.delete(db, "units", units[5])


def test_a_page_of_entries_holds_what_each_entry_alone_holds(db, monkeypatch):
    monkeypatch.setattr(audit, "SHOWN", 4)
    _trail(db)
    total = audit.count_entries(db)
    assert total >= 10
    seen = []
    for offset in range(0, total, 3):
        for entry in audit.list_entries(db, limit=3, offset=offset):
            ids, count, uids, tables = _alone(db, entry.id, 4)
            assert [c.id for c in entry.changes] == ids
            assert (entry.change_count, entry.record_count, set(entry.tables)) == (
                count,
                uids,
                tables,
            )
            assert entry == audit.get_entry(db, entry.id)
            seen.append(entry)
    assert [e.id for e in seen] == sorted((e.id for e in seen), reverse=True)
    assert {e.change_count for e in seen} >= {1, 3, 7}  # single, several tables, big
    big = next(e for e in seen if e.change_count == 7)
    assert len(big.changes) == 4 and big.changes[0].after["name"] == "Chi bộ khu phố 0"
    assert json.loads(json.dumps(sorted(big.tables))) == ["units"]
    deleted = audit.list_entries(db, deleted_only=True)
    assert [e.deletions[0].action for e in deleted] == ["delete"]


def test_a_page_is_a_few_queries(db):
    _trail(db)
    sent: list[str] = []
    real = db.conn

    class Counting:
        def execute(self, sql, params=()):
            if sql.lstrip().lower().startswith(("select", "with")):
                sent.append(sql)
            return real.execute(sql, params)

        def __getattr__(self, name):
            return getattr(real, name)

    db.conn = Counting()
    try:
        page = audit.list_entries(db, limit=100)
    finally:
        db.conn = real
    assert len(page) >= 10
    assert len(sent) <= 3  # the actions, their tallies, their changes (none bigger than 100)
