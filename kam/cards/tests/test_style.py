"""Social style on the one engine: exact worked examples and properties of the formula."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kam.cards.selectors import social_style_template
from kam.cards.style import axis_value, clean_answers, score_style, style_confidence, style_for
from kam.cards.tests.factories import answers

pytestmark = pytest.mark.django_db

D = Decimal


def test_it_seeds_the_questionnaire_on_the_engine_with_two_groups_of_four_items() -> None:
    template = social_style_template()
    groups = [criterion.group for criterion in template.criteria.all()]
    assert (template.version, template.aggregation, template.scale_min, template.scale_max) == (
        1, "weighted_mean", D("1.00"), D("4.00"),
    )  # fmt: skip
    assert groups == ["assertiveness"] * 4 + ["responsiveness"] * 4
    assert template.parameters["midpoint"] == 2.5
    assert template.parameters["diagonal_pairs"] == [
        ["analytical", "expressive"], ["amiable", "driver"],
    ]  # fmt: skip
    assert set(template.parameters["tips"]) == {"driver", "expressive", "amiable", "analytical"}


@pytest.mark.parametrize(
    ("assertive", "responsive", "expected"),
    [
        # 4,4,3,3 → mean 3.5 → group 83.3 → 3.5; 1,2,1,2 → 1.5: driver, min distance 1.0 / 1.5
        ([4, 4, 3, 3], [1, 2, 1, 2], (D("3.5"), D("1.5"), "driver", D("0.67"))),
        # assertiveness exactly 2.5 counts as high; 2.75 rounds half-up to 2.8 → expressive, 0.00
        ([2, 3, 2, 3], [3, 3, 3, 2], (D("2.5"), D("2.8"), "expressive", D("0.00"))),
        # 3 of 8 answered: completeness 0.375 × 1.5 / 1.5 = 0.375 → 0.38 (half-up)
        ([1, 1, None, None], [4, None, None, None], (D("1.0"), D("4.0"), "amiable", D("0.38"))),
        ([1, 1, 1, 1], [1, 1, 1, 1], (D("1.0"), D("1.0"), "analytical", D("1.00"))),
        ([2, 3, 3, 2], [3, 2, 2, 3], (D("2.5"), D("2.5"), "expressive", D("0.00"))),
    ],
)
def test_it_scores_worked_examples_exactly(
    assertive: list, responsive: list, expected: tuple
) -> None:
    result = score_style(social_style_template(), answers(assertive, responsive))
    assert (
        result.assertiveness,
        result.responsiveness,
        result.style,
        result.confidence,
    ) == expected


def test_it_gives_no_style_without_an_answer_on_each_axis() -> None:
    result = score_style(social_style_template(), answers([4, 4, 4, 4], [None] * 4))
    assert (result.assertiveness, result.style, result.confidence, result.completeness) == (
        None, "", None, 0.5,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("assertiveness", "responsiveness", "style"),
    [
        ("2.5", "2.4", "driver"),
        ("2.5", "2.5", "expressive"),
        ("2.4", "2.5", "amiable"),
        ("2.4", "2.4", "analytical"),
        ("4.0", "1.0", "driver"),
    ],
)
def test_it_counts_the_exact_midpoint_as_high(
    assertiveness: str, responsiveness: str, style: str
) -> None:
    assert style_for(D(assertiveness), D(responsiveness)) == style


def test_it_computes_the_axis_and_the_confidence_formula_exactly() -> None:
    assert [axis_value(score) for score in (0, 50, 100, 25, 75)] == [
        D("1.0"), D("2.5"), D("4.0"), D("1.8"), D("3.3"),
    ]  # fmt: skip
    assert style_confidence(1.0, D("4.0"), D("1.0")) == D("1.00")
    assert style_confidence(0.5, D("3.4"), D("1.0")) == D("0.30")
    assert style_confidence(0.75, D("2.5"), D("4.0")) == D("0.00")


def test_it_refuses_answers_off_the_scale_or_unknown() -> None:
    template = social_style_template()
    bad_answers = [5, 0, "3", True, 2.5]
    for bad in [{"nonsense": 2}, *({"speaks_firmly": value} for value in bad_answers)]:
        with pytest.raises(ValidationError) as error:
            clean_answers(template, bad)
        assert "style_answers" in error.value.message_dict


ANSWER = st.one_of(st.none(), st.integers(min_value=1, max_value=4))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    assertive=st.lists(ANSWER, min_size=4, max_size=4).filter(lambda v: any(v)),
    responsive=st.lists(ANSWER, min_size=4, max_size=4).filter(lambda v: any(v)),
)
def test_it_keeps_axes_in_range_and_the_style_in_its_quadrant(
    assertive: list, responsive: list
) -> None:
    result = score_style(social_style_template(), answers(assertive, responsive))
    a, r = result.assertiveness, result.responsiveness
    assert D("1") <= a <= D("4") and D("1") <= r <= D("4")
    assert a == a.quantize(D("0.1")) and r == r.quantize(D("0.1"))
    expected = {
        (True, False): "driver", (True, True): "expressive",
        (False, True): "amiable", (False, False): "analytical",
    }[(a >= D("2.5"), r >= D("2.5"))]  # fmt: skip
    assert result.style == expected
    assert D("0") <= result.confidence <= D(str(round(result.completeness, 2))) + D("0.01")


@given(
    group=st.floats(min_value=0, max_value=100, allow_nan=False),
    higher=st.floats(min_value=0, max_value=100, allow_nan=False),
)
def test_it_maps_group_scores_to_the_axis_monotonically(group: float, higher: float) -> None:
    low, high = sorted((group, higher))
    assert D("1") <= axis_value(low) <= axis_value(high) <= D("4")


@given(
    completeness=st.floats(min_value=0, max_value=1, allow_nan=False),
    a=st.integers(min_value=10, max_value=40),
    r=st.integers(min_value=10, max_value=40),
)
def test_it_keeps_confidence_between_zero_and_completeness(
    completeness: float, a: int, r: int
) -> None:
    value = style_confidence(completeness, D(a) / 10, D(r) / 10)
    assert D("0") <= value <= D("1")
    assert value <= D(str(completeness)) + D("0.005")
