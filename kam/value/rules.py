"""Pure formulas of the value ladder (T12.3) around the scoring engine.

The engine scores each tier and chooses the level (`engine.ladder_tier_reached`); these
functions give the same figures from plain scores, the value gap, and the T4 suggestions.
"""

import statistics
from collections.abc import Iterable, Mapping

SCALE_MAX = 5
TOTAL = "total"


def tier_score(values: Iterable[float], scale_max: float = SCALE_MAX) -> float | None:
    """tier score = mean of its dimensions / 5 · 100 (None when no dimension is scored)."""
    scored = list(values)
    if not scored:
        return None
    return statistics.fmean(scored) / scale_max * 100


def tier_scores(
    scores: Mapping[str, float], tier_of: Mapping[str, str], tier_order: Iterable[str]
) -> dict[str, float | None]:
    """The score of every tier from the scores of its dimensions."""
    return {
        tier: tier_score(value for code, value in scores.items() if tier_of.get(code) == tier)
        for tier in tier_order
    }


def value_gap(
    current: Mapping[str, float],
    target: Mapping[str, float],
    tier_of: Mapping[str, str],
    tier_order: Iterable[str],
) -> dict[str, float]:
    """value gap = Σ (target − current) over the dimensions of each tier, and in all ("total").

    A target below the current score counts negatively: the gap is what is still to be gained.
    """
    gaps = dict.fromkeys(tier_order, 0.0)
    for code, goal in target.items():
        tier = tier_of.get(code)
        if tier in gaps and code in current:
            gaps[tier] += goal - current[code]
    gaps[TOTAL] = sum(gaps.values())
    return gaps


def score_sheet_suggestion(current: Mapping[str, float], dimensions: Iterable[str]) -> float | None:
    """A T4 item's suggested score (0–5): the mean current score of the dimensions it reads."""
    values = [current[code] for code in dimensions if code in current]
    return statistics.fmean(values) if values else None
