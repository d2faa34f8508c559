"""Pure rules of the platform plan: how many events a frequency means, on which dates, and the
platform_events figure (held / planned)."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from kam.platforms.choices import Frequency

PER_YEAR = {
    Frequency.YEARLY: 1,
    Frequency.SEMIANNUAL: 2,
    Frequency.QUARTERLY: 4,
    Frequency.MONTHLY: 12,
}
MAX_TIMES_PER_YEAR = 24
RATE_PLACES = Decimal("0.0001")


def events_per_year(frequency: str, times_per_year: int | None) -> int:
    """The number of events in the year: fixed by the frequency, or the item's own count."""
    if frequency == Frequency.TIMES:
        return times_per_year or 0
    return PER_YEAR[Frequency(frequency)]


def planned_months(count: int) -> list[int]:
    """The months (1–12) of `count` events spread evenly over the year, each in the middle of its
    share: quarterly → Feb, May, Aug, Nov; twice → Apr, Oct; once → Jul; monthly → every month.
    More than twelve events share months."""
    return [(2 * slot + 1) * 12 // (2 * count) + 1 for slot in range(count)]


def planned_dates(year: int, count: int) -> list[date]:
    """The planned date of each event (the 1st: a month-only calendar entry)."""
    return [date(year, month, 1) for month in planned_months(count)]


def held_rate(held: int, planned: int) -> Decimal | None:
    """platform_events = held / planned (None when nothing is planned)."""
    if planned == 0:
        return None
    return (Decimal(held) / Decimal(planned)).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)
