"""Pure rules of the PDCA cycles: periods and their windows, the next period, the phase order."""

import datetime
import re

from kam.pdca.choices import Cadence, Phase

MONTH_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
QUARTER_PERIOD = re.compile(r"^(\d{4})-Q([1-4])$")
PHASE_ORDER = [Phase.PLAN, Phase.DO, Phase.CHECK, Phase.ACT, Phase.CLOSED]


def _first_day_after(year: int, month: int) -> datetime.date:
    """The first day of the month after `month` of `year`."""
    return datetime.date(year + month // 12, month % 12 + 1, 1)


def period_window(cadence: str, period: str) -> tuple[datetime.date, datetime.date] | None:
    """The first and last day of a monthly ("2026-11") or quarterly ("2026-Q4") period; None
    when the period is not written for the cadence."""
    if cadence == Cadence.MONTHLY and (found := MONTH_PERIOD.match(period)):
        year, month = int(found[1]), int(found[2])
        first_month, last_month = month, month
    elif cadence == Cadence.QUARTERLY and (found := QUARTER_PERIOD.match(period)):
        year, quarter = int(found[1]), int(found[2])
        first_month, last_month = quarter * 3 - 2, quarter * 3
    else:
        return None
    if not 2000 <= year <= 2100:
        return None
    end = _first_day_after(year, last_month) - datetime.timedelta(days=1)
    return datetime.date(year, first_month, 1), end


def next_period(cadence: str, period: str) -> str:
    """The period after `period` of the same cadence ("2026-12" → "2027-01", "2026-Q4" →
    "2027-Q1")."""
    window = period_window(cadence, period)
    if window is None:
        raise ValueError(period)
    following = window[1] + datetime.timedelta(days=1)
    return period_of(cadence, following)


def period_of(cadence: str, day: datetime.date) -> str:
    """The period of the cadence that contains `day`."""
    if cadence == Cadence.MONTHLY:
        return f"{day.year}-{day.month:02d}"
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def check_period(starts_on: datetime.date) -> str:
    """The KPI period a cycle's check measures: the quarter containing its first day (a KPI
    check knows years, halves and quarters, not months)."""
    return period_of(Cadence.QUARTERLY, starts_on)


def phase_index(phase: str) -> int:
    return PHASE_ORDER.index(Phase(phase))
