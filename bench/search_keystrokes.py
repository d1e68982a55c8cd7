"""Per-keystroke store search timings at province scale (issue 16: budget 5 ms, p95).

    .venv/bin/python bench/search_keystrokes.py [bench/.cache/province.db] [runs] [search…]

Each prefix of each phrase is one keystroke; every list's page (50 rows) and count are timed
together, as a screen asks for both; "words of 3+" leaves out the keystrokes with a shorter
word, which the trigram index cannot serve (LIKE over the table). Figures on a shared
machine are indicative."""

import datetime as dt
import statistics
import sys
import time

from store.concerns import board
from store.core import db as store_db
from store.core.search_index import CAP
from store.org.supervisor_search import find_supervisors
from store.org.units import count_units, find_units, list_units
from store.personnel.people import count_people, list_people
from store.personnel.roster import count_found_secretaries, found_secretaries
from store.visits.visit_list import count_visits, list_visits

PHRASES = ("nha van hoa", "nguyen van", "chi bo thon")
TODAY = dt.date(2026, 6, 30).isoformat()

PAGE = 50


def _secretaries(db, text):  # as the personnel screen asks (everyone, a search)
    count_found_secretaries(db, text, as_of=TODAY, cap=CAP)
    return found_secretaries(db, text, as_of=TODAY, limit=PAGE)


def _concerns(db, text):  # as bench/store_budgets.py and the concerns screen ask
    board.count_board(db, status="open", search=text, as_of=TODAY, cap=CAP)
    board.board(db, status="open", search=text, as_of=TODAY, limit=PAGE)
    return board.board_counts(db, search=text, as_of=TODAY)


SEARCHES = {
    # counts capped as the screens ask (PageSource.cap: "1.000+" past it)
    "units": lambda db, s: (list_units(db, s, limit=PAGE), count_units(db, s, cap=CAP)),
    "people": lambda db, s: (list_people(db, s, limit=PAGE), count_people(db, s, cap=CAP)),
    "secretaries": _secretaries,
    "concerns": _concerns,
    "visits": lambda db, s: (
        list_visits(db, search=s, limit=PAGE),
        count_visits(db, search=s, cap=CAP),
    ),
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
    head = f"{'search':<18} {'median':>7} {'p95':>7} {'max':>7}"
    print(head + f"   words of 3+: {'median':>7} {'p95':>7}")
    chosen = sys.argv[3:] or SEARCHES  # the names of the searches to time, all by default
    for name, search in SEARCHES.items():
        if name not in chosen:
            continue
        times: dict[bool, list[float]] = {True: [], False: []}
        for _run in range(runs):
            for text in keystrokes():
                t = time.perf_counter()
                search(db, text)
                long = min(len(w) for w in text.split()) >= 3
                times[long].append((time.perf_counter() - t) * 1000)
        every = sorted(times[True] + times[False])
        long = sorted(times[True])
        print(
            f"{name:<18} {statistics.median(every):7.2f} {_p95(every):7.2f} {every[-1]:7.2f}"
            f"   {'':>12} {statistics.median(long):7.2f} {_p95(long):7.2f}"
        )


def _p95(times: list[float]) -> float:
    return times[int(len(times) * 0.95)]


if __name__ == "__main__":
    main()
