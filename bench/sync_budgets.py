"""Issue 17's budgets at the province: every supervisor's bundle of a month's work applied at
the office (≤ 2 min in all, on 2 cores), one bundle (≤ 1 s), a month's bundle of one
supervisor (≤ 100 kB).

The exchange is built once into bench/.cache/sync/ beside the province it starts from: the
office (the province's database, `site init --office`, every supervisor enrolled) and, for
each supervisor, a laptop joined from its enrolment file, a month of work on it (November,
after the demo's today: a visit with its meeting and score sheet to every unit assigned,
two concerns raised) and the bundle it exports. The laptops go once their bundle is made.
Each run imports the bundles into a copy of that office, as a clerk would with a courier's
stick: a few alone (the one-bundle figure), then the rest in one `sync import`.
"""

import json
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

from bench import scales
from bench.timing import Row, Sample
from store.core import backup, schema
from store.core import db as store_db
from store.sync import bundles, sites
from store.visits.meetings import kinds_for_unit
from tests import factories as make

CACHE = scales.CACHE / "sync"
MONTH = date(2026, 11, 1)  # the month of work after the demo's today (2026-10-15)
TODAY = date(2026, 11, 30)
WORDS = "mật khẩu đăng ký của ban"
ALONE = 10  # bundles imported one by one: the one-bundle figure
# Issue 17's budgets: all bundles (s), one bundle (s), one bundle's size (kB).
ALL, ONE, SIZE = 120, 1, 100


def prepared(province: Path) -> tuple[Path, dict]:
    """The office and the bundles (building both when missing), and the build's record."""
    record, built = CACHE / "record.json", province.with_suffix(".json")
    if (
        not record.is_file()
        or record.stat().st_mtime < built.stat().st_mtime
        or json.loads(record.read_text()).get("migrations") != _migrations()
    ):  # missing, made from an older build of the province, or by another schema (whose
        _build(province)  # bundles this version refuses, as it would a laptop's)
    return CACHE, json.loads(record.read_text())


def _migrations() -> list[str]:
    return sorted(schema.known_migrations())


def measured(province: Path) -> list[Row]:
    folder, record = prepared(province)
    files = sorted((folder / "bundles").glob("*.bundle"), key=lambda p: int(p.stem))
    sizes = Sample()
    for file in files:
        sizes.add(file.stat().st_size / 1024)
    with tempfile.TemporaryDirectory(prefix="phutrach-bench-sync-") as scratch:
        office = _office_copy(folder, Path(scratch))
        one, rest = _imported(office, files)
    alone = f"{ALONE} imported alone, each `sync import` with its own child"
    return [
        Row("exchange: enrol a laptop", None, _sample(record["enrol"]), unit="s",
            note=f"at the office; enrolment file {record['enrolment_kb']:.0f} kB"),
        Row("exchange: join from the enrolment", None, _sample(record["join"]), unit="s",
            note="on the laptop: its database made from the file"),
        Row("exchange: a month's bundle out", None, _sample(record["export"]), unit="s",
            note="on the laptop"),
        Row("exchange: a month's bundle size", SIZE, sizes, unit="kB",
            note=f"{len(files)} supervisors, {record['visits']:,} visits in all"),
        Row("exchange: one bundle in, at the office", ONE, one, unit="s", note=alone),
        Row(f"exchange: {len(files)} bundles in, at the office", ALL, rest, unit="s",
            note=f"{ALONE} alone + {len(files) - ALONE} in one `sync import`"),
    ]  # fmt: skip


def _imported(office: Path, files: list[Path]) -> tuple[Sample, Sample]:
    db = store_db.connect(office, migrate=False)
    one, everything = Sample(), Sample()
    started = time.perf_counter()
    for file in files[:ALONE]:
        wall = time.perf_counter()
        bundles.import_bundle(db, office, file.read_bytes())
        one.add(time.perf_counter() - wall)
    done = bundles.import_bundles(db, office, [f.read_bytes() for f in files[ALONE:]])
    everything.add(time.perf_counter() - started)
    refused = [d for d in done if not isinstance(d, bundles.Outcome) or d.already]
    if refused:
        raise RuntimeError(f"{len(refused)} bundles not applied: {refused[0]}")
    db.close()
    return one, everything


def _office_copy(folder: Path, scratch: Path) -> Path:
    office = scratch / "office.db"
    shutil.copy(folder / "office.db", office)
    shutil.copy(sites.keys_path(folder / "office.db"), sites.keys_path(office))
    shutil.copytree(folder / "office.db.sync", scratch / "office.db.sync")
    return office


def _sample(values: list[float]) -> Sample:
    sample = Sample()
    for value in values:
        sample.add(value)
    return sample


def _build(province: Path, count: int | None = None) -> None:
    print(f"building the exchange of the province into {CACHE}…", flush=True)
    shutil.rmtree(CACHE, ignore_errors=True)
    (CACHE / "enrol").mkdir(parents=True)
    (CACHE / "bundles").mkdir()
    office = CACHE / "office.db"
    source = store_db.connect(province, migrate=False)
    backup.backup(source, office)
    source.close()
    db = store_db.connect(office)
    sites.init_office(db, office)
    enrol, kb = [], 0.0
    supervisors = [r[0] for r in db.execute("SELECT id FROM supervisors ORDER BY id")][:count]
    for supervisor in supervisors:
        started = time.perf_counter()
        data = sites.enrol(db, office, supervisor, WORDS)
        enrol.append(time.perf_counter() - started)
        (CACHE / "enrol" / f"{supervisor}.enrol").write_bytes(data)
        kb = max(kb, len(data) / 1024)
    db.close()
    with ProcessPoolExecutor(2) as pool:
        laptops = list(pool.map(_laptop, supervisors, chunksize=8))
    shutil.rmtree(CACHE / "enrol")
    record = {
        "enrol": enrol,
        "enrolment_kb": kb,
        "join": [j for j, _e, _v in laptops],
        "export": [e for _j, e, _v in laptops],
        "visits": sum(v for _j, _e, v in laptops),
        "migrations": _migrations(),
    }
    (CACHE / "record.json").write_text(json.dumps(record))


def _laptop(supervisor: int) -> tuple[float, float, int]:
    """One supervisor's laptop: joined, a month of work, its bundle out; then gone."""
    with tempfile.TemporaryDirectory(prefix="phutrach-laptop-") as folder:
        path = Path(folder) / "mine.db"
        started = time.perf_counter()
        sites.join((CACHE / "enrol" / f"{supervisor}.enrol").read_bytes(), WORDS, path)
        joined = time.perf_counter() - started
        db = store_db.connect(path)
        visits = _month(db, supervisor)
        started = time.perf_counter()
        data, _header = bundles.export(db, path)
        exported = time.perf_counter() - started
        db.close()
        (CACHE / "bundles" / f"{supervisor}.bundle").write_bytes(data)
    return joined, exported, visits


def _month(db, supervisor: int) -> int:
    """A full month: a visit to every unit assigned, two concerns raised."""
    units = [
        r[0]
        for r in db.execute(
            "SELECT unit_id FROM assignments WHERE supervisor_id = ? AND end_date IS NULL",
            [supervisor],
        )
    ]
    for n, unit in enumerate(units):
        kinds = kinds_for_unit(db, dict(db["units"].get(unit)))
        kind = "regular" if "regular" in kinds else kinds[0]
        day = MONTH.replace(day=2 + n % 27).isoformat()
        meeting = {"kind": kind, "topic": "Học tập Nghị quyết"}
        make.visit(
            db, supervisor, unit, day, meeting=meeting, today=TODAY,
            observations="Chi bộ sinh hoạt đúng quy định; nội dung thiết thực, có phê bình.",
        )  # fmt: skip
    for unit in units[:2]:
        make.concern(
            db, unit, "Đường liên thôn xuống cấp, đề nghị hỗ trợ kinh phí sửa chữa",
            today=TODAY, supervisor_id=supervisor,
        )  # fmt: skip
    return len(units)
