"""The formulas of the broad-relationship KPIs (T10.3), pure functions without models."""

import statistics
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

# An achievement is stored in percent on the template's scale (0–1000); the engine caps it.
ACHIEVEMENT_CEILING = 1000.0


def kpi_achievement(
    actual: float | Decimal | None, target: float | Decimal | None, *, lower_is_better: bool
) -> float | None:
    """a = actual / target in percent, or target / actual for a lower-is-better KPI (T10.3);
    None without an actual or a target. A lower-is-better actual of 0 beats any target, so it
    gets the ceiling (the engine's cap of 120 % then applies)."""
    if actual is None or target is None or float(target) <= 0:
        return None
    actual_value, target_value = float(actual), float(target)
    if actual_value < 0:
        raise ValueError("a KPI actual is never negative")
    if lower_is_better:
        if actual_value == 0:
            return ACHIEVEMENT_CEILING
        ratio = target_value / actual_value
    else:
        ratio = actual_value / target_value
    return min(ratio * 100, ACHIEVEMENT_CEILING)


def share_percent(part: int, whole: int) -> float | None:
    """part / whole · 100 (None when there is nothing to divide by)."""
    if whole <= 0:
        return None
    if not part >= 0:
        raise ValueError("a count is never negative")
    return part / whole * 100


def satisfaction_percent(overall_answers: Sequence[int]) -> float | None:
    """Operational-staff satisfaction: mean overall satisfaction (1–5) on 0–100,
    (mean − 1) / 4 · 100; None without answers."""
    if not overall_answers:
        return None
    return (statistics.fmean(overall_answers) - 1) / 4 * 100


def median_response_hours(spans: Sequence[tuple[date, date]]) -> float | None:
    """Median response in hours over (asked on, answered on) pairs, counted in whole days
    (the records keep dates): a same-day answer is 0 h."""
    if not spans:
        return None
    return statistics.median(max((done - asked).days, 0) * 24 for asked, done in spans)
