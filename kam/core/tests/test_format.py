from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from kam.core.templatetags.kam_format import delta, money, percent


def test_it_groups_thousands() -> None:
    assert money(Decimal("86000000.00")) == "86,000,000"
    assert money(0) == "0"
    assert money("not a number") == ""


@given(st.integers(min_value=0, max_value=10**15))
def test_it_round_trips_any_whole_amount(amount: int) -> None:
    assert int(money(amount).replace(",", "")) == amount


def test_it_formats_percentages_and_deltas() -> None:
    assert percent(Decimal("0.75")) == "75%"
    assert percent("x") == ""
    assert delta(73.3, 70) == "+3.3"
    assert delta(60, 73.25) == "−13.2"
    assert delta(5, 5) == "0.0"
