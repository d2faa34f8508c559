"""Named formulas of T1–T3 and T2: worked examples by hand, and properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kam.assessments import formulas
from kam.assessments.formulas import CategoryThresholds, CoordinateInputs, SurveyAnswer

SURVEY = [
    SurveyAnswer(2, {"quality": (5, 4), "delivery": (3, 2)}, overall=4, recommend=10),
    SurveyAnswer(1, {"quality": (4, 5), "delivery": (2, 3)}, overall=3, recommend=6),
    SurveyAnswer(1, {}, overall=5, recommend=9),
]


@pytest.mark.parametrize(
    ("attractiveness", "strength", "category"),
    [(69.2, 52.6, "strategic"), (60, 49.9, "star"), (59.9, 50, "status"), (10, 10, "streamline")],
)
def test_it_puts_accounts_in_the_four_categories(
    attractiveness: float, strength: float, category: str
) -> None:
    assert formulas.category_for(attractiveness, strength, CategoryThresholds()) == category


def test_it_uses_the_portfolio_median_in_median_mode() -> None:
    thresholds = formulas.median_thresholds([10, 30, 80], [40, 60, 70, 90])
    assert thresholds == CategoryThresholds(attractiveness=30, strength=65)
    assert formulas.category_for(30, 64, thresholds) == "star"


def test_it_computes_csat_satisfaction_index_and_nps() -> None:
    assert formulas.csat_percent(SURVEY) == pytest.approx(200 / 3)
    # A: (5·4 + 3·2)/8 = 3.25 → 56.25; B: (4·5 + 2·3)/6 = 4.333 → 83.33; weights 2 and 1
    assert formulas.satisfaction_index(SURVEY) == pytest.approx((2 * 56.25 + 250 / 3) / 3)
    nps = formulas.net_promoter(SURVEY)
    assert (nps.score, nps.promoters, nps.passives, nps.detractors) == (
        pytest.approx(100 / 3), 2, 0, 1,
    )  # fmt: skip
    assert nps.respondents == 3


def test_it_places_attributes_in_ipa_quadrants() -> None:
    gaps = {gap.code: gap for gap in formulas.importance_performance(SURVEY)}
    assert gaps["quality"].importance == 4.5
    assert gaps["quality"].performance == 4.5
    assert gaps["quality"].quadrant == "keep_up"
    assert gaps["delivery"].gap == pytest.approx(0)
    assert gaps["delivery"].quadrant == "low_priority"


@pytest.mark.parametrize(("rank", "share"), [(1, 50.0), (2, 100 / 3), (3, 50 / 3)])
def test_it_estimates_share_of_wallet_by_the_wallet_allocation_rule(
    rank: int, share: float
) -> None:
    assert formulas.wallet_allocation_rule(rank, 3) == pytest.approx(share)


@given(st.integers(min_value=1, max_value=30))
def test_wallet_allocation_shares_sum_to_one(suppliers: int) -> None:
    total = sum(formulas.wallet_allocation_rule(r, suppliers) for r in range(1, suppliers + 1))
    assert total == pytest.approx(100)


def test_it_refuses_impossible_ranks() -> None:
    assert formulas.wallet_allocation_rule(4, 3) is None
    assert formulas.wallet_allocation_rule(1, 0) is None
    assert formulas.share_of_wallet(10, 0) is None
    assert formulas.share_of_wallet(30, 100) == pytest.approx(30)


def test_it_combines_the_health_index() -> None:
    # 0.30·65.28 + 0.30·min(100, 30/50·100) + 0.40·68.75
    assert formulas.health_index(65.28, 30, 68.75) == pytest.approx(
        0.3 * 65.28 + 0.3 * 60 + 0.4 * 68.75
    )
    assert formulas.health_index(None, 80, None) == pytest.approx(100)
    assert formulas.health_index(None, None, None) is None


@pytest.mark.parametrize(
    ("satisfaction", "share", "cell"),
    [(80, 60, "loyal_core"), (80, 20, "growth_opportunity"), (50, 60, "at_risk_captive"),
     (50, 20, "marginal")],
)  # fmt: skip
def test_it_diagnoses_satisfaction_against_share(
    satisfaction: float, share: float, cell: str
) -> None:
    assert formulas.diagnosis(satisfaction, share) == cell


def test_it_places_an_account_on_the_coordinate_leaving_missing_inputs_out() -> None:
    point = formulas.coordinate(
        CoordinateInputs(
            communication=80, joint=80, identification=260 / 3, broad=None, key_person=None,
            value=65.0,
        )
    )  # fmt: skip
    assert point.x == pytest.approx(80)
    # Y = (0.3·avg(80, 86.67) + 0.3·65) / 0.6 when the key-person index is missing
    assert point.y == pytest.approx((0.3 * (250 / 3) + 0.3 * 65) / 0.6)
    assert point.position == pytest.approx((80 + point.y) / 2)
    assert point.step == "interdependent"
    assert point.missing == ("broad", "key_person")


def test_it_forces_exploratory_without_trading_history() -> None:
    point = formulas.coordinate(
        CoordinateInputs(
            communication=90, joint=90, identification=90, broad=90, key_person=90, value=90
        ),
        has_trading=False,
    )  # fmt: skip
    assert point.position == pytest.approx(90)
    assert point.step == "exploratory"


def test_it_flags_a_disintegrating_relationship() -> None:
    assert formulas.is_disintegrating(50, 65, {}, {}) is True
    assert formulas.is_disintegrating(50, 64, {}, {}) is False
    assert formulas.is_disintegrating(60, 61, {"org": 40}, {"org": 65}) is True
    assert formulas.is_disintegrating(60, None, {"org": None}, {"org": 90}) is False


def test_it_counts_steps_apart() -> None:
    assert formulas.steps_apart("basic", "interdependent") == 2
    assert formulas.steps_apart("basic", "basic") == 0
    assert formulas.steps_apart("basic", "unknown") is None


@given(
    st.lists(st.floats(min_value=0, max_value=100), min_size=6, max_size=6),
)
def test_the_coordinate_stays_within_bounds(values: list[float]) -> None:
    point = formulas.coordinate(
        CoordinateInputs(
            communication=values[0], joint=values[1], identification=values[2],
            broad=values[3], key_person=values[4], value=values[5],
        )
    )  # fmt: skip
    assert 0 <= point.x <= 100 + 1e-9
    assert 0 <= point.y <= 100 + 1e-9
    assert point.step in formulas.STEP_ORDER
