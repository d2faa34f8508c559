"""Period codes of the methodology: a year (2026), a half year (2026-H1) or a quarter (2026-Q3)."""

import calendar
import datetime

# A period code whose every day is a date: years 1000 to 9999 (there is no year 0).
PERIOD_PATTERN = r"^[1-9]\d{3}(-(Q[1-4]|H[12]))?$"


def period_window(period: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a period code: 2026, 2026-H1 or 2026-Q3."""
    year = int(period[:4])
    if len(period) == 4:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    part, number = period[5], int(period[6])
    months = 6 if part == "H" else 3
    first_month = (number - 1) * months + 1
    last_month = first_month + months - 1
    last_day = calendar.monthrange(year, last_month)[1]
    return datetime.date(year, first_month, 1), datetime.date(year, last_month, last_day)


def quarter_of(day: datetime.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
