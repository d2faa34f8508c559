"""The gift rule engine: a pure function of the entry's values, the rules and the year totals."""

from dataclasses import dataclass
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from kam.compliance.engine import (
    Finding,
    GiftValues,
    check_gift,
    is_refused,
    status_for,
    year_total_for,
)


@dataclass
class Rule:
    code: str
    name: str = "政府官员礼品上限"
    rule_text: str = "单次不得超过 200 元。"
    region: str = ""
    counterpart_type: str = ""
    gift_type: str = ""
    is_forbidden: bool = False
    per_item_limit: Decimal | None = None
    annual_limit: Decimal | None = None
    approval_threshold: Decimal | None = None
    currency: str = "CNY"


def gift(value: str = "100", **overrides: str) -> GiftValues:
    values = {
        "gift_type": "gift",
        "value": Decimal(value),
        "currency": "CNY",
        "counterpart_type": "government_official",
        "region": "east_china",
    }
    values.update(overrides)
    return GiftValues(**values)


def test_it_refuses_a_forbidden_type_quoting_the_rule() -> None:
    rule = Rule(
        "no_cash",
        name="禁止现金及等价物",
        rule_text="不得赠送购物卡。",
        is_forbidden=True,
        gift_type="cash_equivalent",
    )
    findings = check_gift(gift(gift_type="cash_equivalent"), [rule], {})
    assert findings == [
        Finding(
            "no_cash",
            "refuse",
            "This kind of gift or hospitality is not allowed for this counterpart. "
            "Rule 「禁止现金及等价物」: 不得赠送购物卡。",
            "gift_type",
        )
    ]
    assert check_gift(gift(gift_type="meal"), [rule], {}) == []


def test_it_refuses_a_value_above_the_limit_per_item_and_accepts_the_limit_itself() -> None:
    rule = Rule("gov", per_item_limit=Decimal("200"))
    refused = check_gift(gift("200.01"), [rule], {})
    assert [finding.outcome for finding in refused] == ["refuse"]
    assert refused[0].message == (
        "200.01 CNY is above the limit per item of 200.00 CNY: refused. "
        "Rule 「政府官员礼品上限」: 单次不得超过 200 元。"
    )
    assert refused[0].field == "value"
    assert check_gift(gift("200"), [rule], {}) == []


def test_it_sums_the_year_total_in_the_rule_currency_and_gift_type() -> None:
    totals = {
        ("CNY", "meal"): Decimal("300"),
        ("CNY", "gift"): Decimal("100"),
        ("USD", "meal"): Decimal("50"),
    }
    assert year_total_for(Rule("any"), totals) == Decimal("400")
    assert year_total_for(Rule("meals", gift_type="meal"), totals) == Decimal("300")
    assert year_total_for(Rule("usd", currency="USD"), totals) == Decimal("50")


def test_it_refuses_an_entry_that_passes_the_annual_limit() -> None:
    rule = Rule("gov", annual_limit=Decimal("500"))
    totals = {("CNY", "meal"): Decimal("400")}
    assert check_gift(gift("100"), [rule], totals) == []
    refused = check_gift(gift("100.01"), [rule], totals)
    assert refused[0].outcome == "refuse"
    assert refused[0].message.startswith(
        "With this entry the contact's total this year would be 500.01 CNY, above the annual "
        "limit of 500.00 CNY: refused."
    )


def test_it_asks_for_approval_above_the_threshold() -> None:
    rule = Rule("soe", approval_threshold=Decimal("300"))
    assert check_gift(gift("300"), [rule], {}) == []
    findings = check_gift(gift("300.50"), [rule], {})
    assert [(item.outcome, item.field) for item in findings] == [("needs_approval", "value")]
    assert status_for(findings) == "pending"
    assert status_for([]) == "not_required"


def test_it_sends_an_entry_in_another_currency_for_approval_and_says_why() -> None:
    rule = Rule("gov", per_item_limit=Decimal("200"))
    findings = check_gift(gift("5000", currency="USD"), [rule], {})
    assert findings == [
        Finding(
            "gov",
            "needs_approval",
            "The value is in USD, but this rule sets its limits in CNY: a director must check "
            "it and approve it. Rule 「政府官员礼品上限」: 单次不得超过 200 元。",
            "currency",
        )
    ]


def test_it_skips_rules_for_another_counterpart_region_or_gift_type() -> None:
    rules = [
        Rule("soe", counterpart_type="state_owned_enterprise", per_item_limit=Decimal(1)),
        Rule("europe", region="europe", per_item_limit=Decimal(1)),
        Rule("travel", gift_type="travel", per_item_limit=Decimal(1)),
    ]
    assert check_gift(gift("100"), rules, {}) == []


@given(
    limit=st.decimals(min_value=1, max_value=100_000, places=2),
    value=st.decimals(min_value="0.01", max_value=200_000, places=2),
)
def test_it_refuses_exactly_the_values_above_the_limit_per_item(
    limit: Decimal, value: Decimal
) -> None:
    findings = check_gift(gift(str(value)), [Rule("r", per_item_limit=limit)], {})
    assert is_refused(findings) == (value > limit)


@given(
    total=st.decimals(min_value=0, max_value=10_000, places=2),
    extra=st.decimals(min_value=0, max_value=10_000, places=2),
    value=st.decimals(min_value="0.01", max_value=1_000, places=2),
)
def test_it_never_accepts_more_once_a_smaller_total_is_refused(
    total: Decimal, extra: Decimal, value: Decimal
) -> None:
    rule = Rule("r", annual_limit=Decimal("5000"))
    low = is_refused(check_gift(gift(str(value)), [rule], {("CNY", "gift"): total}))
    high = is_refused(check_gift(gift(str(value)), [rule], {("CNY", "gift"): total + extra}))
    assert high or not low
