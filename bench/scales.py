"""The bench's databases, one per demo scale, built once into bench/.cache/<scale>.db with a
fixed "today" and reused; beside each, <scale>.json keeps how long its build took, its peak
memory and its counts, so that a run with the caches built still reports them.

    .venv/bin/python bench/scales.py district province 4x   # build the missing ones
"""

import json
import resource
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store.core import backup  # noqa: E402
from store.core import db as store_db  # noqa: E402
from store.demo import build_demo_file  # noqa: E402

TODAY = date(2026, 10, 15)
CACHE = ROOT / "bench" / ".cache"
SCALES = ("district", "province", "4x")


def cached(scale: str, rebuild: bool = False) -> tuple[Path, dict]:
    """The scale's database and its build record, building both when missing."""
    path, record = CACHE / f"{scale}.db", CACHE / f"{scale}.json"
    if rebuild or not path.is_file() or not record.is_file():
        print(f"building the {scale} demo into {path}…", flush=True)
        CACHE.mkdir(parents=True, exist_ok=True)
        started, cpu = time.perf_counter(), time.process_time()
        summary = build_demo_file(path, today=TODAY, scale=scale)
        built = {
            "seconds": time.perf_counter() - started,
            "cpu": time.process_time() - cpu,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "mb": path.stat().st_size / 1024 / 1024,
            "counts": summary.counts,
        }
        db = store_db.connect(path, migrate=False)
        backup.set_keep_count(db, 1)  # one automatic backup of the cache, not a week's
        db.close()
        record.write_text(json.dumps(built, indent=1))
    return path, json.loads(record.read_text())


if __name__ == "__main__":
    for name in sys.argv[1:] or SCALES:
        _path, made = cached(name)
        counts = made["counts"]
        print(
            f"{name}: {made['seconds']:.0f} s, {made['mb']:.0f} MB, peak RSS "
            f"{made['peak_rss_mb']:.0f} MB; {counts['units']:,} units, "
            f"{counts['supervisors']:,} supervisors, {counts['meetings']:,} meetings"
        )
