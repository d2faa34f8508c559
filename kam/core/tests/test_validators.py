"""The one rule for a day of the year given as month and day: MONTH_VALIDATORS, DAY_VALIDATORS
and validate_month_day for the pair."""

import pytest
from django.core.exceptions import ValidationError

from kam.core.validators import DAY_VALIDATORS, MONTH_VALIDATORS, validate_month_day


def _errors(month: int | None, day: int | None, *, every_year: bool = False) -> list[str]:
    """Every message the rule gives, as a model's full_clean collects them."""
    messages: list[str] = []
    for validators, value in ((MONTH_VALIDATORS, month), (DAY_VALIDATORS, day)):
        for validator in validators:
            try:
                if value is not None:
                    validator(value)
            except ValidationError as error:
                messages += error.messages
    try:
        validate_month_day(month, day, day_field="day", every_year=every_year)
    except ValidationError as error:
        messages += error.messages
    return messages


@pytest.mark.parametrize(
    ("month", "day"), [(1, 1), (1, 31), (2, 29), (4, 30), (12, 31), (None, None), (5, None)]
)
def test_it_takes_a_day_that_some_year_holds(month: int | None, day: int | None) -> None:
    assert _errors(month, day) == []


@pytest.mark.parametrize("month", [0, 13, -1, 99999999999999999999])
def test_it_says_once_that_a_month_does_not_exist(month: int) -> None:
    assert _errors(month, 30) == ["Enter a month from 1 to 12."]


@pytest.mark.parametrize(("month", "day"), [(2, 30), (4, 31), (1, 0), (1, 32), (6, 99999999999)])
def test_it_says_once_that_the_month_has_no_such_day(month: int, day: int) -> None:
    assert _errors(month, day) == ["This month has no such day."]


def test_it_refuses_29_february_only_for_a_day_of_every_year() -> None:
    assert _errors(2, 29, every_year=True) == ["That day does not exist in every year."]
    assert _errors(2, 28, every_year=True) == []
