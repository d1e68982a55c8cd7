"""Document numbers: per type code within the committee's term, stable when regenerated,
unique even with two processes allocating at once; a member's own report takes none."""

import multiprocessing
import sqlite3

import pytest

from store.core import db as store_db
from store.core import records, settings
from store.core.errors import ValidationError
from store.reports.brief_log import allocate_number, find_brief, list_briefs, log_brief

SHA = "ab" * 32


def number(db, period, *, kind="unit", code="BC", scope="unit-1", confidential=False):
    return allocate_number(
        db, kind=kind, doc_code=code, scope=scope, period=period, confidential=confidential
    )


def test_numbers_run_per_type_code_from_one(db):
    assert [number(db, p) for p in ("2026-07", "2026-08", "2026-09")] == [1, 2, 3]
    assert number(db, "2026", kind="succession", code="KH") == 1
    assert number(db, "2026", kind="annual", scope="") == 4  # the committee's BC series


def test_a_members_own_report_takes_no_number_and_leaves_the_series_alone(db):
    assert number(db, "2026-09") == 1
    for kind in ("visit", "supervisor"):
        assert number(db, "2026-09", kind=kind, scope="sup-1") is None
    assert db["briefs"].count == 1  # nothing reserved for them
    assert number(db, "2026-10") == 2
    brief = dict(kind="supervisor", scope="sup-1", period="2026-Q3", confidential=False)
    logged = log_brief(db, **brief, path="/tmp/s.docx", sha256=SHA, rulebook=None, doc_code="BC")
    assert (logged.number, logged.term, logged.doc_code) == (None, None, "BC")
    rewritten = log_brief(db, **brief, path="/tmp/s2.docx", sha256=SHA, rulebook=None)
    assert rewritten.uid == logged.uid and rewritten.path == "/tmp/s2.docx"  # its identity kept


def test_a_number_an_older_version_gave_a_members_report_is_never_given_again(db):
    """Before the two issuers, visit briefs took the committee's numbers: written again, the
    brief keeps its row (its file now carries no number) and its number stays taken."""
    records.insert(db, "briefs", {"kind": "visit", "scope": "v-1", "period": "2026-09",
                                  "confidential": 0, "doc_code": "BC", "number": 1,
                                  "term": "2025-01-01"})  # fmt: skip
    assert number(db, "2026-09", kind="visit", scope="v-1") is None
    logged = log_brief(db, kind="visit", scope="v-1", period="2026-09", confidential=False,
                       path="/tmp/v.docx", sha256=SHA, rulebook=None)  # fmt: skip
    assert logged.path == "/tmp/v.docx" and db["briefs"].count == 1
    assert number(db, "2026-Q3") == 2


def test_a_regenerated_brief_keeps_its_number(db):
    first = number(db, "2026-Q3")
    number(db, "2026-Q4")
    assert number(db, "2026-Q3") == first
    assert number(db, "2026-Q3", confidential=True) == 3  # a confidential brief is another one
    assert db["briefs"].count == 3


def test_a_new_term_restarts_the_sequence_and_old_briefs_keep_theirs(db):
    number(db, "2025-Q1")
    old = number(db, "2025-Q2")
    settings.put(db, "committee.term_start", "2030-01-01")
    assert number(db, "2030-Q1") == 1
    assert number(db, "2025-Q2") == old == 2
    terms = {r.period: r.term for r in list_briefs(db)}
    assert terms == {"2025-Q1": "2025-01-01", "2025-Q2": "2025-01-01", "2030-Q1": "2030-01-01"}


def test_the_database_refuses_two_briefs_with_one_number(db):
    number(db, "2026-07")
    row = dict(db["briefs"].get(1))
    row.update(id=None, uid="x", period="2026-08")
    with pytest.raises(sqlite3.IntegrityError):  # straight in: the schema's own guard
        db["briefs"].insert(row)


def test_allocating_inside_a_callers_transaction(db):
    with db.atomic():
        assert number(db, "2026-07") == 1
        assert number(db, "2026-08") == 2
    assert db["briefs"].count == 2


def test_log_records_the_file_and_keeps_the_history(db):
    n = number(db, "2026-Q3")
    log_brief(db, kind="unit", scope="unit-1", period="2026-Q3", confidential=False,
              path="/tmp/a.docx", sha256=SHA, rulebook="resolution")  # fmt: skip
    logged = log_brief(db, kind="unit", scope="unit-1", period="2026-Q3", confidential=False,
                       path="/tmp/b.docx", sha256="cd" * 32, rulebook="resolution")  # fmt: skip
    assert (logged.number, logged.path, logged.doc_code) == (n, "/tmp/b.docx", "BC")
    assert db["briefs"].count == 1
    paths = [c["after"]["path"] for c in records.history(db, logged.uid)]
    assert paths == [None, "/tmp/a.docx", "/tmp/b.docx"]  # reserved, written, rewritten


def test_an_unnumbered_brief_can_be_logged(db):
    logged = log_brief(db, kind="annex", scope=None, period="2026", confidential=False,
                       path="/tmp/x.docx", sha256=SHA, rulebook=None)  # fmt: skip
    assert logged.number is None
    assert find_brief(db, kind="annex", scope=None, period="2026", confidential=False) == logged


def test_bad_input_is_refused(db):
    with pytest.raises(ValidationError) as caught:
        number(db, "2026", code="bc")
    assert caught.value.field == "doc_code"
    with pytest.raises(ValidationError, match="SHA-256"):
        log_brief(db, kind="unit", scope="u", period="2026", confidential=False, path="p",
                  sha256="nope", rulebook=None)  # fmt: skip
    assert db["briefs"].count == 0


def _allocate_many(path: str, worker: int, count: int, queue) -> None:
    try:
        db = store_db.connect(path)
        queue.put([number(db, f"{2000 + i}", scope=f"w{worker}") for i in range(count)])
    except Exception as exc:  # reported to the test, not lost in the child
        queue.put(repr(exc))


def test_two_processes_never_share_a_number(db_path):
    for _opening in range(2):  # create it, then let the day's backup happen before the race
        store_db.connect(db_path).close()
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = [
        context.Process(target=_allocate_many, args=(str(db_path), w, 25, queue)) for w in (1, 2)
    ]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=60) for _w in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert all(isinstance(r, list) for r in results), results
    numbers = sorted(results[0] + results[1])
    assert numbers == list(range(1, 51))
