"""Validators shared by the domain apps."""

import calendar
import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

# Permissive on purpose: people write numbers the way they read them. A number is an optional
# "+" and country code, then digits with spaces, hyphens, dots or brackets between them, and an
# optional extension (转 / 分机 / ext / x). The number itself has 5–15 digits (E.164 allows 15;
# 5 covers short service numbers such as 95598).
PHONE_PATTERN = re.compile(
    r"^\+?[(\d][\d ().\-]*\d"
    r"(?:\s*(?:转|分机|ext\.?|x)\s*\d{1,6})?$",
    re.IGNORECASE,
)
EXTENSION = re.compile(r"(?:转|分机|ext\.?|x)\s*\d{1,6}$", re.IGNORECASE)
PHONE_DIGITS_MIN = 5
PHONE_DIGITS_MAX = 15
PHONE_MESSAGE = _(
    "Enter a phone number: digits with spaces, hyphens or brackets, optionally a + and the "
    "country code and an extension (for example +86 138 0013 8000 or 010-6552 8888 转 123)."
)


def validate_phone(value: str) -> None:
    """Refuse what is not a phone number (letters, too few or too many digits)."""
    text = value.strip()
    if not text:
        return
    number = EXTENSION.sub("", text)
    digits = sum(character.isdigit() for character in number)
    if not PHONE_PATTERN.match(text) or not PHONE_DIGITS_MIN <= digits <= PHONE_DIGITS_MAX:
        raise ValidationError(PHONE_MESSAGE, code="invalid_phone")


# A year that holds every day a calendar can name, 29 February included.
LEAP_YEAR = 2000
MONTH_MESSAGE = _("Enter a month from 1 to 12.")
DAY_MESSAGE = _("This month has no such day.")

# The fields of a day of the year given as month and day (a festival, a yearly due date) carry
# these, and their model's clean() calls validate_month_day for the pair. Explicit bounds also
# keep out the database's own range check and its message about 9223372036854775807.
MONTH_VALIDATORS = [MinValueValidator(1, MONTH_MESSAGE), MaxValueValidator(12, MONTH_MESSAGE)]
DAY_VALIDATORS = [MinValueValidator(1, DAY_MESSAGE), MaxValueValidator(31, DAY_MESSAGE)]


def validate_month_day(
    month: int | None,
    day: int | None,
    *,
    day_field: str,
    every_year: bool = False,
) -> None:
    """Refuse a day that its month lacks (30 February), on the day field; `every_year`: also
    29 February, for a date that must come round every year. A month or day out of its range,
    or missing, is left to MONTH_VALIDATORS, DAY_VALIDATORS and the caller."""
    if month is None or day is None or not 1 <= month <= 12 or not 1 <= day <= 31:
        return
    if day > calendar.monthrange(LEAP_YEAR, month)[1]:
        raise ValidationError({day_field: DAY_MESSAGE}, code="invalid_day")
    if every_year and (month, day) == (2, 29):
        raise ValidationError(
            {day_field: _("That day does not exist in every year.")}, code="not_every_year"
        )
