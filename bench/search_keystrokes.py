"""Per-keystroke store search timings at province scale (issue 16: budget 5 ms, p95).

    .venv/bin/python bench/search_keystrokes.py [bench/.cache/province.db] [runs]

Each prefix of each phrase is one keystroke; every list's page and count are timed together,
as a screen asks for both. Figures on a shared machine are indicative."""

import datetime as dt
import statistics
import sys
import time

from store.concerns import board
from store.core import db as store_db
from store.org.supervisor_search import find_supervisors
from store.org.units import count_units, find_units, list_units
from store.personnel.people import count_people, list_people
from store.personnel.roster import count_secretaries, secretaries
from store.visits.visit_list import count_visits, list_visits

PHRASES = ("nha van hoa", "nguyen van", "chi bo thon")
TODAY = dt.date(2026, 6, 30)

SEARCHES = {
    "units": lambda db, s: (list_units(db, s), count_units(db, s)),
    "people": lambda db, s: (list_people(db, s), count_people(db, s)),
    "secretaries": lambda db, s: (
        secretaries(db, as_of=TODAY, search=s),
        count_secretaries(db, as_of=TODAY, search=s),
    ),
    "concerns": lambda db, s: (
        board.board(db, as_of=TODAY, search=s),
        board.count_board(db, as_of=TODAY, search=s),
    ),
    "visits": lambda db, s: (list_visits(db, search=s), count_visits(db, search=s)),
    "unit picker": lambda db, s: find_units(db, s),
    "supervisor picker": lambda db, s: find_supervisors(db, s),
}


def keystrokes() -> list[str]:
    return [p[:i] for p in PHRASES for i in range(1, len(p) + 1) if not p[:i].endswith(" ")]


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "bench/.cache/province.db"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    start = time.perf_counter()
    db = store_db.connect(path)
    print(f"open (migrations included): {(time.perf_counter() - start) * 1000:.0f} ms")
    print(f"{'search':<18} {'median ms':>9} {'p95 ms':>7} {'max ms':>7}")
    for name, search in SEARCHES.items():
        times = []
        for _run in range(runs):
            for text in keystrokes():
                t = time.perf_counter()
                search(db, text)
                times.append((time.perf_counter() - t) * 1000)
        times.sort()
        p95 = times[int(len(times) * 0.95)]
        print(f"{name:<18} {statistics.median(times):9.2f} {p95:7.2f} {times[-1]:7.2f}")


if __name__ == "__main__":
    main()
