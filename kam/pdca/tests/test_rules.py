"""Periods of the PDCA cycles: windows, the next period and the quarter a check measures."""

import datetime

import pytest

from kam.pdca.rules import check_period, next_period, period_window


@pytest.mark.parametrize(
    ("cadence", "period", "window"),
    [
        ("monthly", "2026-11", (datetime.date(2026, 11, 1), datetime.date(2026, 11, 30))),
        ("monthly", "2028-02", (datetime.date(2028, 2, 1), datetime.date(2028, 2, 29))),
        ("monthly", "2026-12", (datetime.date(2026, 12, 1), datetime.date(2026, 12, 31))),
        ("quarterly", "2026-Q4", (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))),
        ("quarterly", "2026-Q1", (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))),
        ("monthly", "2026-Q4", None),
        ("quarterly", "2026-11", None),
        ("monthly", "2026-13", None),
        ("quarterly", "2026-Q5", None),
        ("quarterly", "1999-Q1", None),
        ("weekly", "2026-11", None),
    ],
)
def test_it_derives_the_window_of_a_period(
    cadence: str, period: str, window: tuple[datetime.date, datetime.date] | None
) -> None:
    assert period_window(cadence, period) == window


def test_it_finds_the_next_period_across_years() -> None:
    assert next_period("monthly", "2026-11") == "2026-12"
    assert next_period("monthly", "2026-12") == "2027-01"
    assert next_period("quarterly", "2026-Q3") == "2026-Q4"
    assert next_period("quarterly", "2026-Q4") == "2027-Q1"
    with pytest.raises(ValueError):
        next_period("monthly", "2026-Q4")


def test_it_checks_a_monthly_cycle_against_its_quarter() -> None:
    assert check_period(datetime.date(2026, 11, 1)) == "2026-Q4"
    assert check_period(datetime.date(2026, 1, 1)) == "2026-Q1"
    assert check_period(datetime.date(2026, 7, 1)) == "2026-Q3"
