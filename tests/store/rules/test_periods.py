"""Periods: parsing, edges of months, quarters, halves and years, labels, tiling."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.core.errors import ValidationError
from store.lang.i18n import set_language
from store.lang.text import fold
from store.rules.periods import (
    LENGTH,
    PERS,
    Period,
    add_months,
    periods_between,
)

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
pers = st.sampled_from(PERS)


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2026-10", date(2026, 10, 1), date(2026, 10, 31), "tháng 10/2026"),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), "quý III/2026"),
        ("2026-H2", date(2026, 7, 1), date(2026, 12, 31), "6 tháng cuối năm 2026"),
        ("2026-H1", date(2026, 1, 1), date(2026, 6, 30), "6 tháng đầu năm 2026"),
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "năm 2026"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "tháng 2/2024"),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28), "tháng 2/2026"),
        ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31), "quý IV/2026"),
    ],
)
def test_parse_gives_bounds_and_vietnamese_label(text, start, end, label):
    period = Period.parse(text)
    assert (period.start, period.end, period.label, period.code) == (start, end, label, text)
    assert Period.parse(period.code) == period


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-13", "tháng"),
        ("2026-00", "tháng"),
        ("2026-Q5", "quý"),
        ("2026-Q0", "quý"),
        ("2026-H3", "6 tháng"),
        ("26-10", "kỳ"),
        ("2026/10", "kỳ"),
        ("", "kỳ"),
    ],
)
def test_bad_periods_are_refused_with_a_translated_message(text, message):
    with pytest.raises(ValidationError) as caught:
        Period.parse(text)
    assert caught.value.field == "period"
    assert message in caught.value.message


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("quý IV/2026", "2026-Q4"),
        ("Q4/2026", "2026-Q4"),
        ("quý 4 năm 2026", "2026-Q4"),
        ("quy IV/2026", "2026-Q4"),
        ("Quý iv/2026", "2026-Q4"),
        ("QUÝ IV NĂM 2026", "2026-Q4"),
        ("q4-2026", "2026-Q4"),
        ("2026-q4", "2026-Q4"),
        ("10/2026", "2026-10"),
        ("tháng 10/2026", "2026-10"),
        ("Tháng 3 năm 2026", "2026-03"),
        ("T3/2026", "2026-03"),
        ("6 tháng đầu năm 2026", "2026-H1"),
        ("6 thang cuoi nam 2026", "2026-H2"),
        ("H2/2026", "2026-H2"),
        ("năm 2026", "2026"),
        ("  2026 ", "2026"),
        ("quarter IV/2026", "2026-Q4"),
        ("second half of 2026", "2026-H2"),
    ],
)
def test_parse_reads_periods_as_officials_write_them(text, code):
    assert Period.parse(text).code == code


@pytest.mark.parametrize(
    ("text", "message"),
    [("quý V/2026", "quý"), ("quý 5/2026", "quý"), ("13/2026", "tháng"), ("H3/2026", "6 tháng")],
)
def test_a_written_period_out_of_range_names_the_range(text, message):
    with pytest.raises(ValidationError, match=message) as caught:
        Period.parse(text)
    assert caught.value.field == "period"


def test_a_bad_period_is_told_the_accepted_forms():
    with pytest.raises(ValidationError) as caught:
        Period.parse("quý tư")
    for form in ("quý IV/2026", "Q4/2026", "2026-Q4", "tháng 10/2026", "10/2026"):
        assert form in caught.value.message
    assert "6 tháng đầu năm 2026" in caught.value.message and "năm 2026" in caught.value.message


@given(st.integers(1900, 2200), pers, st.integers(1, 12), st.sampled_from(["vi", "en"]))
def test_every_written_name_of_a_period_reads_back_as_it(year, per, index, language):
    period = Period.of(year, per, (index - 1) % (12 // LENGTH[per]) + 1)
    set_language(language)
    names = (period.code, period.label, period.title(), period.label.upper(), fold(period.label))
    assert all(Period.parse(name) == period for name in names), names
    set_language("vi")


def test_english_titles():
    set_language("en")
    assert Period.parse("2026-Q3").title() == "quarter III/2026"
    assert Period.parse("2026-H1").title() == "first half of 2026"
    assert Period.parse("2026-10").title() == "month 10/2026"


def test_previous_and_next_cross_years():
    assert Period.parse("2026-01").previous().code == "2025-12"
    assert Period.parse("2026-Q4").next().code == "2027-Q1"
    assert Period.parse("2026-H1").previous().code == "2025-H2"
    assert Period.parse("2026").next().code == "2027"


def test_split_tiles_finer_kinds_and_finds_the_coarser_one():
    year = Period.parse("2026")
    assert [p.code for p in year.split("half")] == ["2026-H1", "2026-H2"]
    assert len(year.split("month")) == 12
    assert [p.code for p in Period.parse("2026-10").split("half")] == ["2026-H2"]
    assert [p.code for p in Period.parse("2026-Q3").split("quarter")] == ["2026-Q3"]


def test_add_months_clamps_to_shorter_months():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)


@given(days, pers)
def test_containing_and_contains_agree(day, per):
    period = Period.containing(day, per)
    assert period.contains(day)
    assert period.per == per
    assert not period.previous().contains(day)
    assert not period.next().contains(day)


@given(days, pers)
def test_neighbours_touch_with_no_gap(day, per):
    period = Period.containing(day, per)
    assert period.next().start == period.end + timedelta(days=1)
    assert period.previous().end == period.start - timedelta(days=1)
    assert period.next().previous() == period


@given(st.integers(1990, 2100), pers)
def test_periods_tile_the_year_with_no_gap_or_overlap(year, per):
    tiles = Period.of(year, "year").split(per)
    assert len(tiles) == 12 // LENGTH[per]
    assert tiles[0].start == date(year, 1, 1)
    assert tiles[-1].end == date(year, 12, 31)
    for before, after in zip(tiles, tiles[1:], strict=False):
        assert after.start == before.end + timedelta(days=1)
    assert sum(t.days for t in tiles) == (
        366 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 365
    )


@given(days)
def test_months_have_their_real_length_including_leap_years(day):
    month = Period.containing(day, "month")
    assert month.end.month == month.start.month
    assert (month.end + timedelta(days=1)).day == 1
    leap_february = month.first == 2 and (
        day.year % 4 == 0 and (day.year % 100 or day.year % 400 == 0)
    )
    if month.first == 2:
        assert month.days == (29 if leap_february else 28)


@given(days, pers)
def test_months_inside_a_period_cover_it_exactly(day, per):
    period = Period.containing(day, per)
    months = period.months()
    assert months[0].start == period.start and months[-1].end == period.end
    assert sum(m.days for m in months) == period.days
    assert all(Period.containing(m.start, per) == period for m in months)


@given(days, days, pers)
def test_periods_between_runs_from_first_to_last(a, b, per):
    first, last = sorted([Period.containing(a, per), Period.containing(b, per)])
    run = periods_between(first, last)
    assert run[0] == first and run[-1] == last
    assert all(x.next() == y for x, y in zip(run, run[1:], strict=False))
