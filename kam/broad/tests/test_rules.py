"""The matrix rules and the coverage formula (T10.2, T10.3): worked examples and properties."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kam.broad.rules import cell_colour, coverage_rate, raci_row_problems


def test_it_accepts_a_row_with_one_a_and_one_r() -> None:
    assert raci_row_problems(["A", "R", "C", "I", ""]) == []


def test_it_lets_the_a_do_the_work() -> None:
    assert raci_row_problems(["AR", "C"]) == []
    assert [code for code, _message in raci_row_problems(["AR", "A"])] == ["one_accountable"]


def test_it_refuses_a_second_a_and_a_missing_r() -> None:
    problems = raci_row_problems(["A", "A"])

    assert [code for code, _message in problems] == ["one_accountable", "responsible"]
    assert [str(message) for _code, message in problems] == [
        "Only one person can be accountable (A) for a row.",
        "Name at least one person responsible (R) for this row.",
    ]


def test_it_refuses_a_row_without_a() -> None:
    problems = raci_row_problems(["R", "R", "C"])

    assert [str(message) for _code, message in problems] == [
        "Name one person accountable (A) for this row."
    ]


def test_it_computes_the_coverage_rate_of_a_worked_example() -> None:
    # 8 target cells, 5 of them with a contact at "multiple contacts" or deeper.
    assert coverage_rate(target_cells=8, covered_target_cells=5) == Decimal("0.6250")
    assert coverage_rate(target_cells=3, covered_target_cells=1) == Decimal("0.3333")
    assert coverage_rate(target_cells=4, covered_target_cells=4) == Decimal("1.0000")
    assert coverage_rate(target_cells=0, covered_target_cells=0) is None


def test_it_refuses_more_covered_cells_than_targets() -> None:
    with pytest.raises(ValueError):
        coverage_rate(target_cells=2, covered_target_cells=3)


@given(st.integers(1, 200), st.data())
def test_it_keeps_the_coverage_rate_between_0_and_1(targets: int, data: st.DataObject) -> None:
    covered = data.draw(st.integers(0, targets))

    rate = coverage_rate(target_cells=targets, covered_target_cells=covered)

    assert rate is not None
    assert Decimal(0) <= rate <= Decimal(1)


@given(st.integers(1, 200), st.data())
def test_it_rises_when_one_more_target_cell_is_covered(targets: int, data: st.DataObject) -> None:
    covered = data.draw(st.integers(0, targets - 1))

    before = coverage_rate(target_cells=targets, covered_target_cells=covered)
    after = coverage_rate(target_cells=targets, covered_target_cells=covered + 1)

    assert before is not None and after is not None
    assert after > before


def test_it_colours_cells_by_the_coverage_rule() -> None:
    assert cell_colour(is_target=False, contacts=3, covered=2) == "not_target"
    assert cell_colour(is_target=True, contacts=0, covered=0) == "gap"
    assert cell_colour(is_target=True, contacts=2, covered=0) == "thin"
    assert cell_colour(is_target=True, contacts=2, covered=1) == "covered"
