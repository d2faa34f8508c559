"""Placing accounts in the four categories from their stored scores (T1.3). Pure functions.

A *position* is one account's attractiveness and strength in one period, both taken from the
current snapshots the engine stored, at full precision (never the totals rounded for display).
The category rule itself is `formulas.category_for`; this module only decides which thresholds
apply (fixed, or the medians of the period's portfolio) and which period is an account's latest.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from kam.assessments.choices import ToolCode
from kam.assessments.engine import exact_total_of
from kam.assessments.formulas import CategoryThresholds, category_for, median_thresholds

# The engine's unrounded total inside a snapshot's stored result. `Assessment.total` is rounded
# to two places for display; categories are decided on this value (T1.3: 59.9967 is not ≥ 60).
EXACT_TOTAL = "result__total"
ATTRACTIVENESS = ToolCode.SCORECARD_ATTRACTIVENESS.value
STRENGTH = ToolCode.SCORECARD_STRENGTH.value
SCORECARD_TOOLS = (ATTRACTIVENESS, STRENGTH)


@dataclass(frozen=True)
class Position:
    account_id: int
    period: str
    attractiveness: float
    strength: float


def exact_or_rounded(exact: object, rounded: Decimal | float | None) -> float | None:
    """A row's exact total (from `EXACT_TOTAL`), or its rounded total for a result without one."""
    return exact_total_of({"total": exact}, rounded)


def positions_from_totals(
    rows: Iterable[tuple[int, str, str, Decimal | float | None]],
) -> list[Position]:
    """(account id, tool code, period, total) rows → positions; a position needs both totals."""
    totals: dict[tuple[int, str], dict[str, float]] = {}
    for account_id, tool_code, period, total in rows:
        if total is not None:
            totals.setdefault((account_id, period), {})[tool_code] = float(total)
    return [
        Position(account_id, period, scores[ATTRACTIVENESS], scores[STRENGTH])
        for (account_id, period), scores in totals.items()
        if ATTRACTIVENESS in scores and STRENGTH in scores
    ]


def thresholds_by_period(
    positions: Iterable[Position], *, fixed: CategoryThresholds, use_medians: bool
) -> dict[str, CategoryThresholds]:
    """The thresholds of each period: the fixed ones, or the medians of that period's positions."""
    by_period: dict[str, list[Position]] = {}
    for position in positions:
        by_period.setdefault(position.period, []).append(position)
    if not use_medians:
        return dict.fromkeys(by_period, fixed)
    return {
        period: median_thresholds(
            [item.attractiveness for item in items], [item.strength for item in items]
        )
        for period, items in by_period.items()
    }


def latest_positions(positions: Iterable[Position]) -> dict[int, Position]:
    """Each account's position in its latest scored period (periods sort as text)."""
    latest: dict[int, Position] = {}
    for position in positions:
        known = latest.get(position.account_id)
        if known is None or position.period > known.period:
            latest[position.account_id] = position
    return latest


def categories(
    positions: Iterable[Position], *, fixed: CategoryThresholds, use_medians: bool
) -> dict[int, str]:
    """The category of every account, from its latest position under its period's thresholds."""
    positions = list(positions)
    thresholds = thresholds_by_period(positions, fixed=fixed, use_medians=use_medians)
    return {
        account_id: category_for(
            position.attractiveness, position.strength, thresholds[position.period]
        )
        for account_id, position in latest_positions(positions).items()
    }
