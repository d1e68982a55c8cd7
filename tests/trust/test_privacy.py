"""Privacy: the data folder is owner-only, the database, its WAL and shared memory and its
backups are owner-readable only; personnel content (a capability note's narrative, a plan's
candidate note and action) never appears in error messages, logs, the history of a record
unless asked with --include-personnel, exports or any non-personnel command's output."""

import logging
import stat
from datetime import date

import pytest
from click.testing import CliRunner

from commands.cli import cli
from store.core import backup
from store.core import db as store_db
from store.core.errors import PhutrachError
from store.core.paths import data_dir, default_db_path
from store.exchange import importer
from store.personnel import capability, succession
from store.personnel.people import add_person
from tests.trust.helpers import district

NARRATIVE = "Narrative-7f3a: điều hành còn lúng túng, uy tín giảm sút"
NEW_NARRATIVE = "Narrative-b21c: đã tiến bộ sau lớp bồi dưỡng"
CANDIDATE_NOTE = "Candidate-91c2: có triển vọng, cần rèn luyện thêm"
ACTION_TEXT = "Action-55de: học lớp trung cấp lý luận chính trị"
SECRETS = (NARRATIVE, NEW_NARRATIVE, CANDIDATE_NOTE, ACTION_TEXT)
# The distinctive start of each secret: enough to catch one cut short or re-wrapped.
MARKERS = tuple(s.split(":")[0] for s in SECRETS)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def assert_nothing_personnel(text: str) -> None:
    leaked = [m for m in MARKERS if m in text]
    assert not leaked, f"personnel content leaked: {leaked}"


@pytest.fixture
def personnel(db_path):
    """A district with a secretary's capability note (changed once) and an open plan."""
    world = district(db_path)
    db = store_db.connect(db_path)
    person = add_person(db, name="Đào Văn Bình", code="P01", today=date.today())
    note_id = capability.record_note(
        db,
        person_id=person,
        unit_id=world["units"][0],
        supervisor_id=world["supervisor"],
        date="2026-09-30",
        ratings={"prestige": "weak"},
        overall="weak",
        flagged=True,
        narrative=NARRATIVE,
        today=date.today(),
    )
    capability.update_note(db, note_id, narrative=NEW_NARRATIVE, today=date.today())
    plan = succession.start_plan(
        db,
        unit_id=world["units"][0],
        incumbent_id=None,
        reason="capability",
        target_date="2099-06-30",
    )
    succession.add_candidate(
        db, plan, person, readiness="1-2y", note=CANDIDATE_NOTE, today=date.today()
    )
    succession.add_action(
        db,
        plan,
        kind="training",
        description=ACTION_TEXT,
        owner="Ban Tổ chức",
        due_date="2099-01-31",
        today=date.today(),
    )
    uid = capability.get_note(db, note_id).uid
    yield {
        "db": db,
        "path": db_path,
        "note_id": note_id,
        "note_uid": uid,
        "plan": plan,
        "person": person,
    }
    db.conn.close()


def test_data_folder_database_wal_shm_and_backups_are_owner_only():
    path = default_db_path()
    db = store_db.connect(path)
    db["settings"].insert({"key": "x", "value": "1", "updated_at": "now"})
    assert mode(data_dir()) == 0o700
    for sidecar in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        assert sidecar.exists(), sidecar
        assert mode(sidecar) == 0o600, sidecar
    made = backup.rotate(db, path)
    assert mode(made.parent) == 0o700 and mode(made) == 0o600
    db.conn.close()


def test_a_database_in_a_new_folder_gets_an_owner_only_folder(tmp_path):
    path = tmp_path / "new" / "deeper" / "phutrach.db"
    store_db.connect(path).conn.close()
    assert mode(path.parent) == 0o700 and mode(path) == 0o600


def test_failed_personnel_writes_do_not_echo_their_content(personnel):
    """A note, plan or action refused for another field never quotes its free text."""
    db = personnel["db"]
    attempts = [
        lambda: capability.record_note(
            db,
            person_id=personnel["person"],
            unit_id=None,
            supervisor_id=None,
            date="2026-09-30",
            ratings={"prestige": "superb"},
            overall="superb",
            narrative=NARRATIVE,
            today=date.today(),
        ),
        lambda: capability.update_note(
            db, personnel["note_id"], narrative=NARRATIVE, date="bad", today=date.today()
        ),
        lambda: succession.add_candidate(
            db,
            personnel["plan"],
            personnel["person"],
            readiness="soon",
            note=CANDIDATE_NOTE,
            today=date.today(),
        ),
        lambda: succession.add_action(
            db,
            personnel["plan"],
            kind="party",
            description=ACTION_TEXT,
            owner="x",
            due_date="x",
            today=date.today(),
        ),
        lambda: succession.add_action(
            db,
            personnel["plan"],
            kind="training",
            description=ACTION_TEXT,
            owner="",
            due_date=None,
            today=date.today(),
        ),
    ]
    for attempt in attempts:
        with pytest.raises(PhutrachError) as caught:
            attempt()
        assert_nothing_personnel(caught.value.message)
        assert_nothing_personnel(str(caught.value))


def test_history_of_a_personnel_record_hides_its_values_unless_asked(personnel):
    uid = personnel["note_uid"]
    hidden = run("--db", personnel["path"], "history", uid, "-f", "json")
    assert hidden.exit_code == 0, hidden.output
    assert_nothing_personnel(hidden.output)
    assert "Nội dung nhận xét" in hidden.stdout  # which fields changed is still told
    assert "--include-personnel" in hidden.stderr
    shown = run("--db", personnel["path"], "history", uid, "--include-personnel", "-f", "json")
    assert shown.exit_code == 0, shown.output
    assert NARRATIVE in shown.stdout and NEW_NARRATIVE in shown.stdout


@pytest.mark.parametrize("kind", importer.kinds())
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_no_ordinary_export_carries_personnel_content(personnel, kind, fmt):
    result = run("--db", personnel["path"], "export", kind, "-f", fmt)
    assert result.exit_code == 0, result.output
    assert_nothing_personnel(result.output)


@pytest.mark.parametrize(
    "command",
    [
        ("units",),
        ("due", "--all"),
        ("visits", "--all", "-p", "2026"),
        ("compliance", "-p", "2026-09"),
        ("concerns",),
        ("check",),
        ("history", "x"),
        ("export", "capability-notes"),
    ],
)
def test_ordinary_commands_show_no_personnel_content(personnel, command):
    result = run("--db", personnel["path"], *command)
    assert "Traceback" not in result.output
    assert_nothing_personnel(result.output)


def test_nothing_personnel_reaches_the_logs(personnel, caplog):
    caplog.set_level(logging.DEBUG)
    db = personnel["db"]
    capability.update_note(db, personnel["note_id"], narrative=NARRATIVE, today=date.today())
    with pytest.raises(PhutrachError):
        capability.update_note(
            db, personnel["note_id"], narrative=NEW_NARRATIVE, overall="?", today=date.today()
        )
    run("--db", personnel["path"], "history", personnel["note_uid"])
    run("--db", personnel["path"], "export", "people")
    assert_nothing_personnel(caplog.text)
