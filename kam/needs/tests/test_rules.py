"""The T11.3 formulas: hand-worked examples and properties."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kam.needs.rules import implicit_discovery_ratio, need_priority, validation_rate

scores = st.integers(min_value=1, max_value=5)


@pytest.mark.parametrize(
    ("importance", "urgency", "our_fit", "expected"),
    [
        (5, 5, 1, Decimal(25)),  # 5 × 5 × 5 / 5
        (1, 1, 5, Decimal("0.2")),  # 1 × 1 × 1 / 5
        (4, 3, 2, Decimal("9.6")),  # 4 × 3 × 4 / 5 = 48 / 5
        (3, 3, 3, Decimal("5.4")),  # 3 × 3 × 3 / 5 = 27 / 5
        (5, 2, 4, Decimal(4)),  # 5 × 2 × 2 / 5 = 20 / 5
    ],
)
def test_it_computes_the_priority_of_the_worked_examples(
    importance: int, urgency: int, our_fit: int, expected: Decimal
) -> None:
    assert need_priority(importance=importance, urgency=urgency, our_fit=our_fit) == expected


def test_it_refuses_a_score_off_the_scale() -> None:
    with pytest.raises(ValueError, match="scores run from 1 to 5, got 6"):
        need_priority(importance=6, urgency=1, our_fit=1)


def test_it_computes_the_ratios_of_the_worked_example() -> None:
    # 12 needs, 5 implicit, 2 of them validated: 5/12 = 0.41666… and 2/5.
    assert implicit_discovery_ratio(implicit=5, total=12) == Decimal("0.4167")
    assert validation_rate(validated_implicit=2, implicit=5) == Decimal("0.4000")


def test_it_has_no_ratio_without_needs() -> None:
    assert implicit_discovery_ratio(implicit=0, total=0) is None
    assert validation_rate(validated_implicit=0, implicit=0) is None


@given(importance=scores, urgency=scores, our_fit=scores)
def test_the_priority_stays_between_a_fifth_and_25(
    importance: int, urgency: int, our_fit: int
) -> None:
    priority = need_priority(importance=importance, urgency=urgency, our_fit=our_fit)
    assert Decimal("0.2") <= priority <= Decimal(25)


@given(importance=st.integers(1, 4), urgency=scores, our_fit=scores)
def test_the_priority_rises_with_importance(importance: int, urgency: int, our_fit: int) -> None:
    lower = need_priority(importance=importance, urgency=urgency, our_fit=our_fit)
    higher = need_priority(importance=importance + 1, urgency=urgency, our_fit=our_fit)
    assert higher > lower


@given(importance=scores, urgency=st.integers(1, 4), our_fit=scores)
def test_the_priority_rises_with_urgency(importance: int, urgency: int, our_fit: int) -> None:
    lower = need_priority(importance=importance, urgency=urgency, our_fit=our_fit)
    higher = need_priority(importance=importance, urgency=urgency + 1, our_fit=our_fit)
    assert higher > lower


@given(importance=scores, urgency=scores, our_fit=st.integers(1, 4))
def test_the_priority_falls_as_our_fit_rises(importance: int, urgency: int, our_fit: int) -> None:
    poorer_fit = need_priority(importance=importance, urgency=urgency, our_fit=our_fit)
    better_fit = need_priority(importance=importance, urgency=urgency, our_fit=our_fit + 1)
    assert better_fit < poorer_fit


@given(total=st.integers(1, 10_000), data=st.data())
def test_the_ratios_stay_between_0_and_1(total: int, data: st.DataObject) -> None:
    implicit = data.draw(st.integers(0, total))
    validated = data.draw(st.integers(0, implicit))
    ratio = implicit_discovery_ratio(implicit=implicit, total=total)
    assert ratio is not None and Decimal(0) <= ratio <= Decimal(1)
    if implicit:
        rate = validation_rate(validated_implicit=validated, implicit=implicit)
        assert rate is not None and Decimal(0) <= rate <= Decimal(1)
