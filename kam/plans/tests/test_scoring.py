"""Exact values and properties of the T13.3 evaluation formulas."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kam.plans.choices import Rating
from kam.plans.scoring import (
    EvaluationRules,
    achievement,
    capped,
    letter_score,
    rating_for,
    weighted_score,
)

D = Decimal


def test_it_measures_higher_is_better_as_actual_over_target() -> None:
    assert achievement(actual=D("90"), target=D("120")) == D("0.75")


def test_it_measures_lower_is_better_as_target_over_actual() -> None:
    assert achievement(actual=D("48"), target=D("24"), is_lower_better=True) == D("0.5")


def test_it_measures_a_lower_is_better_actual_of_zero_as_the_cap() -> None:
    assert achievement(actual=D("0"), target=D("24"), is_lower_better=True) == D("1.2")


def test_it_measures_a_stage_from_the_baseline() -> None:
    # T2 step 2 → target 4, actual 3: half the way.
    assert achievement(actual=D("3"), target=D("4"), baseline=D("2"), is_stage=True) == D("0.5")


def test_it_measures_a_stage_that_went_backwards_as_negative_and_scores_it_zero() -> None:
    value = achievement(actual=D("1"), target=D("4"), baseline=D("2"), is_stage=True)
    assert value == D("-0.5")
    assert capped(value) == D("0")


def test_it_cannot_measure_a_stage_without_a_baseline_or_a_ratio_against_zero() -> None:
    assert achievement(actual=D("3"), target=D("4"), is_stage=True) is None
    assert achievement(actual=D("3"), target=D("0")) is None
    assert achievement(actual=None, target=D("4")) is None


def test_it_caps_achievement_at_120_percent_in_the_score() -> None:
    assert achievement(actual=D("150"), target=D("100")) == D("1.5")
    assert weighted_score([(D("1.5"), D("100"))]) == D("120")


def test_it_weighs_the_score() -> None:
    # 100 · (60·0.5 + 40·1.0) / 100 = 70
    assert weighted_score([(D("0.5"), D("60")), (D("1"), D("40"))]) == D("70")
    assert weighted_score([]) is None


def test_it_blends_the_letter_forty_process_sixty_result() -> None:
    assert letter_score(D("80"), D("100")) == D("92.0")
    assert letter_score(None, D("100")) == D("100")
    rules = EvaluationRules(process_share=D("0.5"))
    assert letter_score(D("80"), D("100"), rules) == D("90.0")


@pytest.mark.parametrize(
    ("score", "rating"),
    [
        ("69.99", Rating.IMPROVE),
        ("70", Rating.PASS),
        ("84.99", Rating.PASS),
        ("85", Rating.GOOD),
        ("99.99", Rating.GOOD),
        ("100", Rating.EXCELLENT),
        ("120", Rating.EXCELLENT),
    ],
)
def test_it_rates_on_the_band_boundaries(score: str, rating: str) -> None:
    assert rating_for(D(score)) == rating


# No deadline: a loaded CI machine must not fail a formula on time.
PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
positive = st.decimals(min_value=D("0.01"), max_value=D("100000"), places=2)


@PROPERTY
@given(actual=positive, target=positive, weight=positive)
def test_it_keeps_a_single_objective_score_between_0_and_120(
    actual: Decimal, target: Decimal, weight: Decimal
) -> None:
    score = weighted_score([(achievement(actual=actual, target=target), weight)])
    assert score is not None
    assert D("0") <= score <= D("120")


@PROPERTY
@given(actual=positive, more=positive, target=positive)
def test_it_never_rewards_a_worse_actual(actual: Decimal, more: Decimal, target: Decimal) -> None:
    higher = achievement(actual=actual + more, target=target)
    lower = achievement(actual=actual, target=target)
    assert higher is not None and lower is not None and higher >= lower
    slower = achievement(actual=actual + more, target=target, is_lower_better=True)
    faster = achievement(actual=actual, target=target, is_lower_better=True)
    assert slower is not None and faster is not None and slower <= faster


@PROPERTY
@given(value=st.decimals(min_value=D("0"), max_value=D("1.2"), places=3), factor=positive)
def test_it_does_not_depend_on_the_scale_of_the_weights(value: Decimal, factor: Decimal) -> None:
    one = weighted_score([(value, D("1")), (D("1"), D("3"))])
    scaled = weighted_score([(value, factor), (D("1"), factor * 3)])
    assert one is not None and scaled is not None
    assert abs(one - scaled) < D("0.000001")
