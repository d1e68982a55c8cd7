"""The round trip in commands: site init --office, enrol, join, sync export and import; a
file cut short, tampered with or for someone else is refused in one line, nothing written."""

from datetime import date

import pytest

from store.concerns import workflow
from store.core import db as store_db
from tests.commands.loop_world import make_world, run


@pytest.fixture
def trip(db_path, tmp_path):
    """(office db, laptop db, passphrase file), the laptop enrolled for S1 and joined."""
    office, _ids = make_world(db_path)
    words = tmp_path / "words.txt"
    words.write_text("một mật khẩu dài\n", encoding="utf-8")
    laptop, enrolment = tmp_path / "laptop" / "mine.db", tmp_path / "s1.enrol"
    laptop.parent.mkdir()
    assert run("--db", office, "site", "init", "--office").exit_code == 0
    done = run("--db", office, "site", "enrol", "S1", "-o", enrolment, "--passphrase-file", words)
    assert done.exit_code == 0, done.output
    assert enrolment.stat().st_mode & 0o077 == 0  # owner-only
    joined = run("--db", laptop, "site", "join", enrolment, "--passphrase-file", words)
    assert joined.exit_code == 0, joined.output
    return office, laptop, words


def _concerns(path):
    db = store_db.connect(path, create=False)
    return db.execute("SELECT count(*) FROM concerns").fetchone()[0]


def test_a_round_trip_in_commands(trip, tmp_path):
    office, laptop, _words = trip
    db = store_db.connect(laptop, create=False)
    unit = db.execute("SELECT id FROM units WHERE code = 'XA-DA-01'").fetchone()[0]
    me = db.execute("SELECT id FROM supervisors WHERE code = 'S1'").fetchone()[0]
    workflow.raise_concern(
        db, unit_id=unit, category="policy", description="Chưa có phụ cấp bí thư",
        route="committee", supervisor_id=me, today=date(2026, 12, 2),
    )  # fmt: skip
    before = _concerns(office)
    bundle = tmp_path / "out.bundle"
    made = run("--db", laptop, "sync", "export", "-o", bundle)
    assert made.exit_code == 0 and "gói số 1" in made.output
    assert run("--db", office, "sync", "import", bundle).exit_code == 0
    assert _concerns(office) == before + 1
    again = run("--db", office, "sync", "import", bundle)
    assert again.exit_code == 0 and "không thêm gì" in again.output
    shown = run("--db", office, "site")
    assert "Nguyễn Văn Ấn" in shown.output and "văn phòng cấp ủy" in shown.output


@pytest.mark.parametrize("spoil", ["cut", "flip"])
def test_a_spoilt_bundle_is_refused_in_one_line_and_nothing_is_written(trip, tmp_path, spoil):
    office, laptop, _words = trip
    bundle = tmp_path / "out.bundle"
    run("--db", laptop, "sync", "export", "-o", bundle)
    data = bundle.read_bytes()
    bundle.write_bytes(data[:-40] if spoil == "cut" else data[:-5] + b"\x00" + data[-4:])
    before = office.read_bytes()
    refused = run("--db", office, "sync", "import", bundle)
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "gói dữ liệu" in refused.stderr.lower()
    assert office.read_bytes() == before


def test_a_wrong_passphrase_opens_nothing(trip, tmp_path):
    office, _laptop, _words = trip
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("không đúng mật khẩu", encoding="utf-8")
    enrolment = tmp_path / "s2.enrol"
    words = tmp_path / "words.txt"
    run("--db", office, "site", "enrol", "S2", "-o", enrolment, "--passphrase-file", words)
    other = tmp_path / "other.db"
    refused = run("--db", other, "site", "join", enrolment, "--passphrase-file", wrong)
    assert refused.exit_code == 1 and "mật khẩu" in refused.stderr
    assert not other.exists()


def test_several_bundles_go_in_at_once_and_a_refused_one_is_named(trip, tmp_path):
    office, laptop, _words = trip
    db = store_db.connect(laptop, create=False)
    unit = db.execute("SELECT id FROM units WHERE code = 'XA-DA-01'").fetchone()[0]
    me = db.execute("SELECT id FROM supervisors WHERE code = 'S1'").fetchone()[0]
    made = []
    for n, text in enumerate(("Chưa có phụ cấp bí thư", "Thiếu tài liệu sinh hoạt")):
        workflow.raise_concern(
            db, unit_id=unit, category="policy", description=text,
            route="committee", supervisor_id=me, today=date(2026, 12, 2),
        )  # fmt: skip
        made.append(tmp_path / f"{n}.bundle")
        run("--db", laptop, "sync", "export", "-o", made[-1])
    torn = tmp_path / "torn.bundle"
    torn.write_bytes(made[0].read_bytes()[:-40])
    before = _concerns(office)
    done = run("--db", office, "sync", "import", made[1], torn, made[0])
    assert done.exit_code == 1 and "Traceback" not in done.output
    assert "1.bundle: " in done.output and "0.bundle: " in done.output
    assert "torn.bundle: " in done.stderr and "1 trong 3" in done.stderr
    assert _concerns(office) == before + 2


def test_a_conflict_is_listed_in_words_and_kept_by_a_person(trip, tmp_path):
    """A concern the office raised for S1 (the office's record), changed on both sides."""
    from store.core import records

    office, laptop, _words = trip
    hub = store_db.connect(office, create=False)
    unit = hub.execute("SELECT id FROM units WHERE code = 'XA-DA-01'").fetchone()[0]
    me = hub.execute("SELECT id FROM supervisors WHERE code = 'S1'").fetchone()[0]
    raised = workflow.raise_concern(
        hub, unit_id=unit, category="policy", description="Chưa có phụ cấp bí thư",
        route="committee", supervisor_id=me, today=date(2026, 12, 2),
    )  # fmt: skip
    down, up = tmp_path / "down.bundle", tmp_path / "up.bundle"
    run("--db", office, "sync", "export", "--for", "S1", "-o", down)
    assert run("--db", laptop, "sync", "import", down).exit_code == 0
    records.update(store_db.connect(laptop, create=False), "concerns", raised, {"owner": "UBND xã"})
    records.update(hub, "concerns", raised, {"owner": "Ban Dân vận"})
    run("--db", laptop, "sync", "export", "-o", up)
    waits = run("--db", office, "sync", "import", up)
    assert waits.exit_code == 1 and "phutrach sync conflicts" in waits.stderr
    listed = run("--db", office, "sync", "conflicts")
    assert "Chưa có phụ cấp bí thư" in listed.output
    assert "Ban Dân vận ≠ UBND xã" in listed.output and "[" not in listed.output
    kept = run("--db", office, "sync", "keep", "1", "theirs")
    assert kept.exit_code == 0 and "giữ bản của bên gửi" in kept.output
    owner = hub.execute("SELECT owner FROM concerns WHERE id = ?", [raised]).fetchone()[0]
    assert owner == "UBND xã"
