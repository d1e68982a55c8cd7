"""Vietnamese numbers, dates, periods and document numbers."""

from datetime import date

import pytest

from briefs.frame.vn import (
    document_number,
    place_date,
    roman,
    vn_date,
    vn_number,
    vn_percent,
    vn_period,
    vn_quarter,
    vn_share,
)
from store.core.errors import ValidationError


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234.5, 1, "1.234,5"),
        (1234, 1, "1.234"),
        (1234567, 1, "1.234.567"),
        (94.0, 1, "94"),
        (94.65, 1, "94,7"),  # half up, not the float's 94.6499…
        (0.25, 2, "0,25"),
        (-1234.5, 1, "-1.234,5"),
        (999.96, 1, "1.000"),
    ],
)
def test_vn_number(value, decimals, expected):
    assert vn_number(value, decimals) == expected


def test_shares_and_percentages():
    assert vn_share(142, 150) == "142/150 (94,7%)"
    assert vn_share(1500, 12000) == "1.500/12.000 (12,5%)"
    assert vn_share(3, 3) == "3/3 (100%)"
    assert vn_share(0, 0) == "0/0"
    assert vn_percent(33.333) == "33,3%"


def test_dates_with_the_zeros_party_documents_write():
    assert vn_date(date(2026, 11, 26)) == "ngày 26 tháng 11 năm 2026"
    assert vn_date("2026-02-05") == "ngày 05 tháng 02 năm 2026"
    assert vn_date(date(2026, 4, 3)) == "ngày 03 tháng 4 năm 2026"
    assert place_date("Tiên Du", date(2026, 11, 26)) == "Tiên Du, ngày 26 tháng 11 năm 2026"


def test_roman_numerals_and_quarters():
    assert [roman(n) for n in (1, 4, 9, 14, 40, 1990)] == ["I", "IV", "IX", "XIV", "XL", "MCMXC"]
    assert vn_quarter(3) == "quý III"
    with pytest.raises(ValueError):
        roman(0)
    with pytest.raises(ValueError):
        vn_quarter(5)


def test_periods_in_words():
    assert vn_period("2026-10") == "tháng 10 năm 2026"
    assert vn_period("2026-Q3") == "quý III năm 2026"
    assert vn_period("2026-H1") == "6 tháng đầu năm 2026"
    assert vn_period("2026-H2") == "6 tháng cuối năm 2026"
    assert vn_period("2026") == "năm 2026"


@pytest.mark.parametrize("bad", ["2026-13", "2026-Q5", "26-10", "", "2026-H3"])
def test_bad_periods_are_refused(bad):
    with pytest.raises(ValidationError) as caught:
        vn_period(bad)
    assert caught.value.field == "period"


def test_document_numbers():
    assert document_number(12, "BC", "HU") == "Số 12-BC/HU"
    assert document_number(1, "KH", "ĐU") == "Số 01-KH/ĐU"
    assert document_number(None, "BC", "HU").endswith("-BC/HU")
