"""Pure rules of the key-person ladder (T7.3) that sit around the scoring engine."""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta

from kam.assessments.defaults import LADDER_EVIDENCE_WINDOW_MONTHS

MAX_SCORE = 2
CAPPED_SCORE = 1
DAYS_PER_YEAR = 365


def evidence_window_months(parameters: Mapping[str, Any]) -> int:
    """The evidence window of a ladder template version in calendar months: its
    "evidence_window_months" parameter; for a version that still carries the old
    "evidence_window_days" (365 = the last twelve months), those days as whole months; else the
    one default, which lives with the ladder template's seeded data."""
    if "evidence_window_months" in parameters:
        return int(parameters["evidence_window_months"])
    if "evidence_window_days" in parameters:
        return max(1, round(int(parameters["evidence_window_days"]) * 12 / DAYS_PER_YEAR))
    return LADDER_EVIDENCE_WINDOW_MONTHS


def evidence_window_start(assessed_on: date, window_months: int) -> date:
    """The first day of the window: the same calendar day `window_months` months earlier (the
    month's last day when that month is shorter: 2024-02-29 − 12 months = 2023-02-28)."""
    return assessed_on - relativedelta(months=window_months)


def evidence_counts(occurred_on: date, assessed_on: date, window_months: int) -> bool:
    """True when evidence dated `occurred_on` supports an assessment made on `assessed_on`.

    It must lie within the last `window_months` calendar months before the assessment date
    (the window's first day included), and not after it.
    """
    return evidence_window_start(assessed_on, window_months) <= occurred_on <= assessed_on


def apply_evidence_cap(
    scores: Mapping[str, int],
    evidence_dates_by_rung: Mapping[str, Iterable[date]],
    assessed_on: date,
    window_months: int,
) -> tuple[dict[str, int], list[str]]:
    """The evidence rule: a rung scored 2 needs ≥ 1 linked evidence item in the window.

    Returns the scores after the cap (a rung without such evidence is capped at 1) and the
    codes of the capped rungs, in the order of `scores`.
    """
    capped_scores = dict(scores)
    capped_rungs = []
    for code, value in scores.items():
        if value < MAX_SCORE:
            continue
        dates = evidence_dates_by_rung.get(code, ())
        if not any(evidence_counts(day, assessed_on, window_months) for day in dates):
            capped_scores[code] = CAPPED_SCORE
            capped_rungs.append(code)
    return capped_scores, capped_rungs


def support_for_level(level: int, support_by_level: Mapping[str, int]) -> int:
    """The derived support (−2..+2 scale) of a ladder level, from the template's mapping."""
    value = support_by_level.get(str(level))
    if value is None:
        known = [int(key) for key in support_by_level if int(key) <= level]
        value = support_by_level[str(max(known))] if known else 0
    return int(value)
