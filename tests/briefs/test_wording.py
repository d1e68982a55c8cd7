"""The briefs' sentences as officials write them (docs/BRIEF-STYLE.md): none said as none, the
median in plain words, a committee meeting in committee words."""

import pytest

from briefs.kinds import sections, visit
from briefs.kinds.style import violations
from briefs.kinds.wording import clause, some, some_of
from store.concerns.figures import ConcernFigures, FigureLine
from store.lang.codes import MeetingKind, UnitKind
from store.org.units import Unit
from store.rules.rulebook import load


def figures(**counts) -> ConcernFigures:
    return ConcernFigures("2026-01-01", "2026-12-31", FigureLine("", "", **counts), (), ())


def unit(kind: str, name: str) -> Unit:
    return Unit(1, "u", "C", name, kind, None, None, 20, 2, 0, True, True)


def test_none_is_said_as_none():
    assert some(0, "đồng chí", "giữ quyền bí thư") == "không có đồng chí nào giữ quyền bí thư"
    assert some(2, "đồng chí", "giữ quyền bí thư") == "2 đồng chí giữ quyền bí thư"
    assert some_of(0, 30, "đồng chí", "dự đủ") == "không có đồng chí nào dự đủ"
    assert some_of(3, 5, "chi bộ", "sinh hoạt đủ") == "3/5 chi bộ (60%) sinh hoạt đủ"


@pytest.mark.parametrize(
    ("excused", "unexcused", "text"),
    [
        (0, 0, "Không có đồng chí vắng mặt."),
        (2, 0, "Vắng 2 đồng chí (có lý do)."),
        (0, 1, "Vắng 1 đồng chí (không có lý do)."),
        (2, 1, "Vắng 3 đồng chí (2 có lý do, 1 không có lý do)."),
    ],
)
def test_absences(excused, unexcused, text):
    assert visit.absence_text(excused, unexcused) == text


def test_rating_levels_not_reached_are_said_once():
    rb = load()
    assert sections.rating_text({"good": 9, "fair": 9}, rb) == (
        "Tốt 9, Khá 9; không có buổi xếp loại Trung bình, Kém"
    )
    assert sections.rating_text({}, rb) == "chưa có buổi sinh hoạt nào được xếp loại"


def test_concern_summary_without_zeros_or_jargon():
    quiet = sections.concern_summary(figures())
    assert quiet == (
        "Trong kỳ, không phát sinh vấn đề vướng mắc, kiến nghị mới; đến cuối kỳ không còn vấn "
        "đề nào chưa giải quyết xong."
    )
    busy = sections.concern_summary(
        figures(raised=2, resolved=3, still_open=1, overdue=1, median_days=38.5)
    )
    assert "đã giải quyết xong 3 vấn đề (kể cả vấn đề phát sinh từ kỳ trước)" in busy
    assert "một nửa được giải quyết trong vòng 38 ngày" in busy
    assert violations(quiet) == violations(busy) == []


def test_a_committee_is_named_as_its_body():
    xa = unit(UnitKind.GRASSROOTS_COMMITTEE, "Đảng bộ xã Đào Xá")
    cell = unit(UnitKind.GRASSROOTS_CELL, "Chi bộ Công ty Sông Đà")
    assert visit.committee_name(xa, MeetingKind.COMMITTEE) == "Ban Chấp hành Đảng bộ xã Đào Xá"
    assert visit.committee_name(xa, MeetingKind.STANDING) == "Ban Thường vụ Đảng ủy xã Đào Xá"
    assert visit.committee_name(cell, MeetingKind.COMMITTEE) == "Chi ủy Chi bộ Công ty Sông Đà"
    assert visit.own_word(xa) == "đảng bộ" and visit.own_word(cell) == "chi bộ"


def test_a_recorded_sentence_inside_another_loses_its_stop():
    assert clause("Đua xe trên tuyến đường liên xã. ") == "Đua xe trên tuyến đường liên xã"
