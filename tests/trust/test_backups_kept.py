"""How many automatic backups are kept: the `backup.keep` setting (default 14), set by
`phutrach backup --keep N`, applied by the daily backup on first open and by `backup`."""

from click.testing import CliRunner

from commands.cli import cli
from store.core import backup, settings
from store.core import db as store_db


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def kept(db_path) -> list[str]:
    return sorted(p.name for p in backup.backup_dir(db_path).glob("*.db"))


def old_backups(db_path, n: int) -> None:
    folder = backup.backup_dir(db_path)
    folder.mkdir(exist_ok=True)
    for day in range(1, n + 1):
        (folder / f"{db_path.stem}-202001{day:02d}-000000.db").write_bytes(b"old")


def test_the_default_is_fourteen(db):
    assert settings.get(db, "backup.keep") == 14
    assert backup.keep_count(db) == 14


def test_the_daily_backup_keeps_as_many_as_the_setting_says(db_path):
    db = store_db.connect(db_path)
    backup.set_keep_count(db, 3)
    db.conn.close()
    old_backups(db_path, 6)
    store_db.connect(db_path).conn.close()  # first open today: a backup, then pruning
    names = kept(db_path)
    assert len(names) == 3
    assert names[:2] == [f"{db_path.stem}-2020010{d}-000000.db" for d in (5, 6)]


def test_backup_keep_sets_the_count_and_prunes_at_once(db_path):
    assert run("--db", db_path, "init").exit_code == 0
    old_backups(db_path, 5)
    result = run("--db", db_path, "backup", "--keep", "2")
    assert result.exit_code == 0, result.output
    assert len(kept(db_path)) == 2
    db = store_db.connect(db_path)
    assert backup.keep_count(db) == 2
    db.conn.close()


def test_a_bad_count_is_one_line_and_changes_nothing(db_path):
    assert run("--db", db_path, "init").exit_code == 0
    for bad in ("0", "-3"):
        result = run("--db", db_path, "backup", "--keep", bad)
        assert result.exit_code == 1
        assert len(result.stderr.strip().splitlines()) == 1
        assert "ít nhất là 1" in result.stderr
    db = store_db.connect(db_path)
    assert backup.keep_count(db) == 14
    db.conn.close()


def test_a_nonsense_setting_falls_back_to_the_default(db):
    for value in (0, -1, "many", True, None, 2.5):
        settings.put(db, "backup.keep", value)
        assert backup.keep_count(db) == 14
