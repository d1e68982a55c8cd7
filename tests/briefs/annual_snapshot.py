"""The annual report's gathered figures as plain JSON, to hold them unchanged while the way
they are read changes (test_annual_unchanged.py). Written again, after a change that is meant
to change them (the demo district's, a rule's), with:

    .venv/bin/python -m tests.briefs.annual_snapshot
"""

import dataclasses
import json
from datetime import date
from pathlib import Path

from briefs.kinds import annual

SNAPSHOT = Path(__file__).parent / "data" / "annual_gather.json"
# (year, judged on, confidential): the brief's day in a running month, quarter and half-year;
# a day inside a month; last year, over.
CASES = [("2026", "2026-12-02", False), ("2026", "2026-10-15", True), ("2025", "2026-12-02", True)]


def plain(value):
    """Dataclasses, dates and floats as JSON holds them (floats at 9 decimals: a sum's order)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return {f.name: plain(getattr(value, f.name)) for f in fields if f.name != "rulebook"}
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    return value


def gathered(db) -> dict:
    """Every case's figures, keyed by its year, day and confidentiality."""
    return {
        f"{year} {day} {confidential}": plain(
            annual.gather(db, None, year, on=date.fromisoformat(day), confidential=confidential)
        )
        for year, day, confidential in CASES
    }


def _write() -> None:
    import tempfile

    from store.core import db as store_db
    from store.demo import build_demo
    from tests.briefs.conftest import DEMO_TODAY

    with tempfile.TemporaryDirectory() as folder:
        db = store_db.connect(Path(folder) / "demo.db")
        build_demo(db, today=DEMO_TODAY)
        SNAPSHOT.write_text(json.dumps(gathered(db), ensure_ascii=False, indent=1) + "\n")
        db.close()


if __name__ == "__main__":
    _write()
