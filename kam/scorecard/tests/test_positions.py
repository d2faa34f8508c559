"""The portfolio-matrix read model follows the scorecard snapshots exactly."""

import math
from decimal import Decimal

import pytest

from kam.scorecard.models import ScorecardPosition

pytestmark = pytest.mark.django_db


def test_it_records_the_position_with_the_scorecard(
    score: object, owner: object, account: object
) -> None:
    outcome = score(owner, account, revenue="1200000", potential="3600000")
    position = ScorecardPosition.objects.get()
    assert position.attractiveness_snapshot == outcome.attractiveness
    # exact, not rounded to two places: the category is decided on these (issue 10 item 1)
    assert position.attractiveness == pytest.approx(623 / 9, abs=1e-9)
    assert position.strength == pytest.approx(50 + 50 * math.log(7.2 / 6.8, 3), abs=1e-9)
    assert position.strength_ratio == pytest.approx(7.2 / 6.8)
    assert (position.current_revenue, position.potential_revenue) == (
        Decimal("1200000.00"),
        Decimal("3600000.00"),
    )


def test_it_replaces_the_position_when_the_period_is_corrected(
    score: object, owner: object, account: object
) -> None:
    score(owner, account, period="2026")
    corrected = score(owner, account, period="2026", attractiveness=(10,) * 8, us=(9,) * 5)
    position = ScorecardPosition.objects.get()
    assert position.attractiveness_snapshot == corrected.attractiveness
    assert position.attractiveness == 100.0
    assert position.strength_ratio == pytest.approx(9 / 6.8)
    assert position.strength == pytest.approx(50 + 50 * math.log(9 / 6.8, 3), abs=0.01)


def test_it_keeps_one_position_per_period(score: object, owner: object, account: object) -> None:
    score(owner, account, period="2025")
    score(owner, account, period="2026")
    assert sorted(ScorecardPosition.objects.values_list("period", flat=True)) == ["2025", "2026"]
