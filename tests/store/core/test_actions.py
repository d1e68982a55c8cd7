"""One user action, one entry: changes grouped by `action`, the person named from settings,
and the changes made before actions existed grouped as they were made (m004)."""

from datetime import date

import pytest

from store.core import actions, records, schema, settings
from store.core import db as store_db
from store.history import audit
from store.visits import delete_visit
from tests import factories as make


def _action_ids(db) -> list[int]:
    return [r[0] for r in db.execute("select action_id from changes order by id")]


def test_changes_inside_an_action_share_it_and_a_lone_change_has_its_own(db):
    with actions.action(db, "briefs") as outer:
        a = make.unit(db, "Chi bộ thôn A")
        with actions.action(db, "restore") as inner:  # nested: joins the outer one
            records.update(db, "units", a, {"members_full": 3})
        assert inner == outer
    make.unit(db, "Chi bộ thôn B")
    ids = _action_ids(db)
    assert ids[0] == ids[1] == outer and ids[2] != outer
    assert db.execute("select label from actions where id = ?", [outer]).fetchone()[0] == "briefs"


def test_an_action_that_fails_leaves_nothing_and_an_empty_one_no_entry(db):
    with pytest.raises(RuntimeError), actions.action(db, "briefs"):
        make.unit(db, "Chi bộ thôn A")
        raise RuntimeError("stop")
    assert db["units"].count == 0 and db["actions"].count == 0
    with actions.action(db, "briefs"):
        pass
    assert db["actions"].count == 0


def test_the_action_names_the_user_and_the_login_beside(db):
    settings.set_user(db, settings.User(settings.CLERK, "Lê Thị Hoa"))
    make.unit(db, "Chi bộ thôn A")
    row = next(db.query("select person, person_kind, login from actions"))
    assert row == {"person": "Lê Thị Hoa", "person_kind": "clerk", "login": actions.login()}


def test_a_deleted_supervisor_user_reads_as_nobody(db):
    sup = make.supervisor(db, "Phạm Minh Đức", code="S1")
    uid = db["supervisors"].get(sup)["uid"]
    settings.set_user(db, settings.User(settings.SUPERVISOR, "Phạm Minh Đức", uid))
    assert settings.user(db) == settings.User(settings.SUPERVISOR, "Phạm Minh Đức", uid)
    records.delete(db, "supervisors", sup)
    assert settings.user(db) is None


def test_old_changes_are_grouped_as_they_were_made(db):
    db.execute("delete from changes")
    db.execute("delete from actions")
    rows = [
        ("2026-10-01T08:00:00+00:00", "an", "visits", "delete"),
        ("2026-10-01T08:00:00+00:00", "an", "meetings", "delete"),  # same second: one act
        ("2026-10-01T08:00:05+00:00", "an", "units", "update"),
        ("2026-10-01T09:00:00+00:00", "an", "briefs", "insert"),
        ("2026-10-01T09:00:20+00:00", "an", "briefs", "update"),  # a batch: within a minute
        ("2026-10-01T09:00:20+00:00", "binh", "briefs", "update"),  # another login
    ]
    for at, who, table, action in rows:
        db.execute(
            "insert into changes (at, actor, table_name, record_uid, action) values (?,?,?,?,?)",
            [at, who, table, f"{table}-{at}", action],
        )
    schema._group_old_changes(db)
    ids = _action_ids(db)
    assert ids[0] == ids[1] != ids[2] != ids[3] == ids[4] != ids[5]
    assert db["actions"].count == 4
    logins = [r[0] for r in db.execute("select login from actions order by id")]
    assert logins == ["an", "an", "an", "binh"]


def test_a_database_from_before_actions_is_migrated_with_its_history(db_path):
    db = store_db.connect(db_path)
    unit = make.unit(db, "Chi bộ thôn Đào Xá")
    sup = make.supervisor(db)
    make.assign(db, sup, unit)
    done = make.visit(db, sup, unit, "2026-10-05", today=date(2026, 10, 10))
    delete_visit(db, done.visit_id)
    # Back to the schema of m003: no actions, no action_id, m004 not applied.
    db.execute("drop index idx_changes_by_action")
    db.execute("alter table changes drop column action_id")
    db.execute("drop table actions")
    db.execute("delete from _sqlite_migrations where name = 'm004_actions'")
    db.close()
    db = store_db.connect(db_path)
    deleted = audit.list_entries(db, deleted_only=True)
    assert len(deleted) == 1 and {c.table for c in deleted[0].changes} == {"visits", "meetings"}
    assert deleted[0].person is None and deleted[0].login == actions.login()
    audit.restore_entry(db, deleted[0].id)
    assert db["visits"].count == 1
