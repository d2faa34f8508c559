"""Properties of the classification helpers (pure functions, no database)."""

from hypothesis import given
from hypothesis import strategies as st

from kam.assessments.formulas import CategoryThresholds, category_for
from kam.scorecard.classification import (
    ATTRACTIVENESS,
    STRENGTH,
    Position,
    categories,
    latest_positions,
    positions_from_totals,
)

score = st.floats(min_value=0, max_value=100, allow_nan=False)
period = st.sampled_from(["2024", "2025", "2026", "2026-H1", "2026-Q3"])
positions = st.lists(
    st.builds(Position, st.integers(1, 30), period, score, score), min_size=1, max_size=60
)


@given(positions)
def test_it_uses_the_fixed_thresholds_on_each_accounts_latest_position(items: list) -> None:
    fixed = CategoryThresholds()
    result = categories(items, fixed=fixed, use_medians=False)
    for account_id, position in latest_positions(items).items():
        assert result[account_id] == category_for(position.attractiveness, position.strength, fixed)
        assert all(p.period <= position.period for p in items if p.account_id == account_id)


@given(st.lists(st.tuples(score, score), min_size=1, max_size=60))
def test_it_puts_at_least_half_the_portfolio_high_in_median_mode(pairs: list) -> None:
    items = [Position(index, "2026", a, s) for index, (a, s) in enumerate(pairs)]
    result = categories(items, fixed=CategoryThresholds(), use_medians=True)
    high_attractiveness = sum(1 for code in result.values() if code in {"strategic", "star"})
    high_strength = sum(1 for code in result.values() if code in {"strategic", "status"})
    assert high_attractiveness * 2 >= len(items)
    assert high_strength * 2 >= len(items)


def test_it_needs_both_scores_for_a_position() -> None:
    rows = [
        (1, ATTRACTIVENESS, "2026", 70),
        (1, STRENGTH, "2026", 55),
        (2, ATTRACTIVENESS, "2026", 80),
        (3, ATTRACTIVENESS, "2026", 40),
        (3, STRENGTH, "2026", None),
    ]
    assert positions_from_totals(rows) == [Position(1, "2026", 70.0, 55.0)]
