"""The score sheet's ties to the meeting's facts: data in both rulebooks, checked on load, and
the denials they give; the reason a rating names."""

import pytest

from store.core.errors import ValidationError
from store.rules import facts, rulebook
from store.rules.rulebook import RulebookError
from store.rules.scoring import explain, live_rating, shortfall
from tests import factories as make
from tests.factories import FULL


@pytest.mark.parametrize("name", ["resolution", "hd12"])
def test_both_rulebooks_tie_criteria_to_facts(name):
    book = rulebook.load(name)
    ties = {c.id: (c.needs_full, c.needs_any) for c in book.criteria if c.needs_full or c.needs_any}
    assert ties == {
        "attendance": (("attendance_threshold_met", "no_unexcused_absence"), ()),
        "order_duration": (("minimum_duration_met",), ()),
        "resolution": ((), ("resolution_adopted",)),
        "minutes": ((), ("minutes_kept",)),
    }
    assert book.minimum_duration == 90


def _edited(tmp_path, old, new):
    text = rulebook.SHIPPED["resolution"].read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "rules.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "fragments"),
    [
        (
            'needs = { any = ["minutes_kept"] }',
            'needs = { any = ["minutes_written"] }',
            ("score_sheet.criteria[9].needs.any", "'minutes_written'", "minutes_kept"),
        ),
        (
            'needs = { any = ["minutes_kept"] }',
            'needs = { some = ["minutes_kept"] }',
            ("score_sheet.criteria[9].needs.some", "full", "any"),
        ),
        ("minimum = 90", "", ("duration.minimum", "order_duration", "minimum_duration_met")),
        ("minimum = 90", "minimum = -5", ("duration.minimum",)),
    ],
    ids=["unknown-fact", "unknown-key", "minimum-missing", "minimum-negative"],
)
def test_a_bad_tie_is_refused_on_load_naming_key_and_fault(tmp_path, old, new, fragments):
    with pytest.raises(RulebookError) as caught:
        rulebook.load(_edited(tmp_path, old, new))
    assert "rules.toml" in caught.value.message
    for fragment in fragments:
        assert fragment in caught.value.message


def test_a_rulebook_without_ties_scores_freely(tmp_path):
    text = rulebook.SHIPPED["resolution"].read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("needs = ")]
    path = tmp_path / "old.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    book = rulebook.load(path)
    no_minutes = make.meeting_values(minutes_kept=False, absent_unexcused=2, present=16)
    assert facts.denials(book, FULL, no_minutes) == []


BOOK = rulebook.load()


@pytest.mark.parametrize(
    ("changes", "criterion", "allowed", "message"),
    [
        (
            {"present": 18, "absent_unexcused": 1, "absent_excused": 1},
            "attendance",
            14,
            "Tiêu chí «Số lượng đảng viên dự sinh hoạt» không được chấm tối đa 15 điểm khi còn "
            "1 đảng viên vắng không lý do: hãy cho nhiều nhất 14 điểm.",
        ),
        (
            {"present": 16},
            "attendance",
            14,
            "Tiêu chí «Số lượng đảng viên dự sinh hoạt» không được chấm tối đa 15 điểm khi tỷ lệ "
            "đảng viên dự sinh hoạt chỉ đạt 80%, dưới mức 85% theo quy định: hãy cho nhiều nhất "
            "14 điểm.",
        ),
        (
            {"duration_minutes": 75},
            "order_duration",
            9,
            "Tiêu chí «Trình tự sinh hoạt» không được chấm tối đa 10 điểm khi buổi sinh hoạt chỉ "
            "kéo dài 75 phút, dưới 90 phút theo quy định: hãy cho nhiều nhất 9 điểm.",
        ),
        (
            {"minutes_kept": False},
            "minutes",
            0,
            "Tiêu chí «Ghi biên bản đầy đủ» không được chấm điểm khi không ghi biên bản: hãy cho "
            "0 điểm.",
        ),
        (
            {"resolution_adopted": False},
            "resolution",
            0,
            "Tiêu chí «Ra nghị quyết, kết luận» không được chấm điểm khi không ra nghị quyết, "
            "kết luận: hãy cho 0 điểm.",
        ),
    ],
    ids=["unexcused", "under-threshold", "short", "no-minutes", "no-resolution"],
)
def test_a_score_the_facts_deny_is_refused_at_its_field(changes, criterion, allowed, message):
    meeting = make.meeting_values(**changes)
    with pytest.raises(ValidationError) as caught:
        facts.check_ties(BOOK, FULL, meeting)
    assert (caught.value.field, caught.value.message) == (f"score.{criterion}", message)
    assert facts.check_ties(BOOK, {**FULL, criterion: allowed}, meeting) is None


def test_what_the_facts_allow_passes():
    at_threshold = make.meeting_values(present=17)  # 17 of 20: exactly 85%
    assert facts.denials(BOOK, FULL, at_threshold) == []
    at_minimum = make.meeting_values(duration_minutes=90)
    assert facts.denials(BOOK, FULL, at_minimum) == []
    no_minutes = make.meeting_values(minutes_kept=False)
    assert facts.denials(BOOK, {**FULL, "minutes": 0}, no_minutes) == []


def test_unknown_facts_deny_nothing():
    old = {**make.meeting_values(), "duration_minutes": None, "minutes_kept": None}
    assert facts.denials(BOOK, FULL, old) == []


@pytest.mark.parametrize(
    ("changes", "level", "reason", "criteria"),
    [
        ({}, "good", None, None),
        ({"content": 10, "minutes": 3}, "fair", "chưa đạt 90 điểm của loại Tốt", ()),
        (
            {"minutes": 3},
            "fair",
            "loại Tốt cần điểm tối đa ở: Ghi biên bản đầy đủ",
            ("minutes",),
        ),
        (
            {"content": 0, "criticism": 0, "preparation": 5},
            "average",
            "chưa đạt 70 điểm của loại Khá",
            (),
        ),
    ],
    ids=["best", "total-decides", "criteria-decide", "below-fair"],
)
def test_the_reason_of_a_rating_is_the_real_one(changes, level, reason, criteria):
    rating = BOOK.rate({**FULL, **changes})
    assert rating.level == level
    assert explain(BOOK, rating) == reason
    short = shortfall(BOOK, rating)
    assert (short.criteria if short else None) == criteria
    assert live_rating(BOOK, {**FULL, **changes}).reason == reason
    if changes.get("content") == 10:
        assert rating.missing_for_good == ("minutes",)  # short, yet the total decides


def test_no_reason_while_criteria_are_unscored():
    assert live_rating(BOOK, {"attendance": 15}).reason is None


def _broken_visit(db, unit_name="Chi bộ thôn Đào Xá", day="2026-10-05", code="DAOXA", **meeting):
    """A visit recorded before the ties: its meeting changed behind the store's back."""
    from store.core import records

    unit = make.unit(db, unit_name, code=code, members_full=20)
    sup = make.supervisor(db, code=f"S{unit}")
    make.assign(db, sup, unit)
    done = make.visit(db, sup, unit, day)
    records.update(db, "meetings", done.meeting_id, meeting)
    return done


def test_check_names_each_stored_score_the_facts_deny(db):
    from store.rules import health

    _broken_visit(db, minutes_kept=0)
    _broken_visit(db, "Chi bộ thôn Tây", "2026-09-07", "TAY", absent_unexcused=2, absent_excused=0)
    make.visit(db, *_world_ok(db), "2026-09-08")
    result = health.check(db)
    assert not result.ok
    assert list(result.problems) == [
        "Chi bộ thôn Tây (TAY), buổi dự sinh hoạt ngày 07/09/2026 của đồng chí Đào Văn Ấn: "
        "Tiêu chí «Số lượng đảng viên dự sinh hoạt» không được chấm tối đa 15 điểm khi còn 2 "
        "đảng viên vắng không lý do: hãy cho nhiều nhất 14 điểm.",
        "Chi bộ thôn Đào Xá (DAOXA), buổi dự sinh hoạt ngày 05/10/2026 của đồng chí Đào Văn Ấn: "
        "Tiêu chí «Ghi biên bản đầy đủ» không được chấm điểm khi không ghi biên bản: hãy cho "
        "0 điểm.",
    ]


def _world_ok(db):
    unit = make.unit(db, "Chi bộ thôn Đông", members_full=20)
    sup = make.supervisor(db, code="S-OK")
    make.assign(db, sup, unit)
    return sup, unit


def test_check_lists_the_first_broken_ties_then_counts_the_rest(db, monkeypatch):
    monkeypatch.setattr(facts, "SHOWN", 1)
    _broken_visit(db, minutes_kept=0, resolution_adopted=0)  # two scores denied
    lines = facts.broken_ties(db, BOOK)
    assert len(lines) == 2 and lines[1] == "… và 1 điểm chấm khác trái với thực tế buổi sinh hoạt."
