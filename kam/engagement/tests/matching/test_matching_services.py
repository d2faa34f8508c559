"""Strategic matching (T6): the services, the funnel and the m_solution feed (T6.3)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given
from hypothesis import strategies as st

from kam.audit.models import AuditEntry
from kam.engagement.matching.selectors import (
    m_solution_suggestion,
    matching_stage_counts,
    matching_value_by_quarter,
    solution_score,
)
from kam.engagement.matching.services import (
    MatchingAdvanceInput,
    MatchingItemInput,
    matching_item_advance,
    matching_item_create,
    matching_item_update,
)
from kam.engagement.models import MatchingItem
from tests.factories import AccountFactory, ContactFactory

pytestmark = pytest.mark.django_db

STEPS = ["problem_confirmed", "help_agreed", "delivered"]


def _item(account: object, **fields: object) -> MatchingItem:
    defaults = {"domain": "production", "problem": "停机频繁"}
    return matching_item_create(
        actor=account.owner, account=account, item=MatchingItemInput(**{**defaults, **fields})
    )


def _advance_to(item: MatchingItem, stage: str, **fields: object) -> MatchingItem:
    for step in [*STEPS, "value_proven"]:
        if step == "value_proven" and stage != step:
            break
        extra = fields if step == stage else {}
        item = matching_item_advance(
            actor=item.account.owner, item=item, move=MatchingAdvanceInput(stage=step, **extra)
        )
        if step == stage:
            break
    return item


def test_it_creates_an_item_at_identified_and_audits_it(account: object, contact: object) -> None:
    # given a contact of the account
    # when the owner records a problem
    item = _item(account, customer_owner=contact, key_help="预测性维护", help_type="solution")
    # then it starts identified, today, and the audit trail has the creation
    assert item.stage == "identified"
    assert item.stage_changed_on is not None
    assert item.customer_owner == contact
    entry = AuditEntry.objects.get(object_uuid=item.uuid)
    assert entry.action == "create"
    assert entry.changes["problem"] == [None, "停机频繁"]


def test_it_refuses_a_customer_owner_of_another_account(account: object) -> None:
    stranger = ContactFactory(account=AccountFactory())
    with pytest.raises(ValidationError) as error:
        _item(account, customer_owner=stranger)
    assert "customer_owner" in error.value.message_dict
    assert MatchingItem.objects.count() == 0


def test_it_refuses_a_viewer_and_writes_nothing(account: object, viewer: object) -> None:
    with pytest.raises(PermissionDenied):
        matching_item_create(
            actor=viewer, account=account, item=MatchingItemInput(domain="finance", problem="x")
        )
    assert MatchingItem.objects.count() == 0


def test_it_moves_one_stage_at_a_time_and_records_the_day(account: object) -> None:
    item = _item(account)
    # when the item is moved to the next stage on a given day
    item = matching_item_advance(
        actor=account.owner,
        item=item,
        move=MatchingAdvanceInput(stage="problem_confirmed", changed_on=date(2026, 3, 2)),
    )
    assert (item.stage, item.stage_changed_on) == ("problem_confirmed", date(2026, 3, 2))
    # then skipping a stage is refused with a message naming the next one
    with pytest.raises(ValidationError) as error:
        matching_item_advance(
            actor=account.owner, item=item, move=MatchingAdvanceInput(stage="delivered")
        )
    assert error.value.message_dict["stage"] == [
        "Move one stage at a time: next comes “Help agreed”."
    ]
    item.refresh_from_db()
    assert item.stage == "problem_confirmed"


def test_it_needs_evidence_for_value_proven_and_records_the_sign_off(account: object) -> None:
    item = _advance_to(_item(account), "delivered")
    with pytest.raises(ValidationError) as error:
        matching_item_advance(
            actor=account.owner, item=item, move=MatchingAdvanceInput(stage="value_proven")
        )
    assert "evidence" in error.value.message_dict
    item.refresh_from_db()
    assert item.stage == "delivered"
    item = matching_item_advance(
        actor=account.owner,
        item=item,
        move=MatchingAdvanceInput(
            stage="value_proven",
            evidence="客户签字的节约报告",
            is_signed_off=True,
            value_amount=Decimal("120000.00"),
            changed_on=date(2026, 5, 10),
        ),
    )
    assert (item.stage, item.is_signed_off, item.value_amount) == (
        "value_proven",
        True,
        Decimal("120000.00"),
    )
    last = AuditEntry.objects.filter(object_uuid=item.uuid).order_by("-pk").first()
    assert last.changes["stage"] == ["delivered", "value_proven"]
    assert last.changes["is_signed_off"] == ["False", "True"]


def test_it_updates_the_text_fields_and_refuses_unknown_ones(account: object) -> None:
    item = _item(account)
    item = matching_item_update(actor=account.owner, item=item, data={"key_help": "专家驻场"})
    assert item.key_help == "专家驻场"
    from kam.core.exceptions import ApplicationError

    with pytest.raises(ApplicationError):
        matching_item_update(actor=account.owner, item=item, data={"stage": "value_proven"})


def test_it_suggests_m_solution_from_proven_and_delivered_items(account: object) -> None:
    # given 2 items at value proven, 3 delivered and 1 help agreed
    for _index in range(2):
        _advance_to(_item(account), "value_proven", evidence="报告")
    for _index in range(3):
        _advance_to(_item(account), "delivered")
    _advance_to(_item(account), "help_agreed")
    # when the m_solution item is derived
    value, explanation = m_solution_suggestion(account)
    # then it is min(5, 2 + 0.5·3) = 3.5
    assert value == Decimal("3.5")
    assert explanation == (
        "Derived from strategic matching: 2 proven, 3 delivered → suggested 3.5 "
        "(min(5, proven + 0.5 × delivered))."
    )
    assert matching_stage_counts(account=account) == {
        "identified": 0,
        "problem_confirmed": 0,
        "help_agreed": 1,
        "delivered": 3,
        "value_proven": 2,
    }


def test_it_caps_m_solution_at_five(account: object) -> None:
    assert solution_score(proven=4, delivered=4) == Decimal(5)
    assert solution_score(proven=0, delivered=0) == Decimal(0)
    assert m_solution_suggestion(account)[0] == Decimal(0)


@given(proven=st.integers(0, 50), delivered=st.integers(0, 50), extra=st.integers(0, 5))
def test_it_keeps_m_solution_bounded_and_monotonic(proven: int, delivered: int, extra: int) -> None:
    score = solution_score(proven=proven, delivered=delivered)
    assert Decimal(0) <= score <= Decimal(5)
    assert solution_score(proven=proven + extra, delivered=delivered) >= score
    assert solution_score(proven=proven, delivered=delivered + extra) >= score
    if proven + delivered / 2 <= 5:
        assert score == Decimal(proven) + Decimal(delivered) / 2


def test_it_sums_proven_value_per_quarter_and_currency(account: object) -> None:
    for day, amount, currency in [
        (date(2026, 1, 5), "100.00", "CNY"),
        (date(2026, 2, 5), "50.50", "CNY"),
        (date(2026, 2, 7), "10.00", "USD"),
        (date(2026, 7, 1), "200.00", "CNY"),
    ]:
        item = _advance_to(_item(account, currency=currency), "delivered")
        matching_item_advance(
            actor=account.owner,
            item=item,
            move=MatchingAdvanceInput(
                stage="value_proven", evidence="报告", value_amount=Decimal(amount), changed_on=day
            ),
        )
    rows = [(v.label, v.currency, v.amount) for v in matching_value_by_quarter(account=account)]
    assert rows == [
        ("2026-Q1", "CNY", Decimal("150.50")),
        ("2026-Q1", "USD", Decimal("10.00")),
        ("2026-Q3", "CNY", Decimal("200.00")),
    ]


def test_it_draws_the_funnel_from_the_items_that_reached_each_stage() -> None:
    from kam.engagement.matching.charts import matching_funnel_option

    counts = {"identified": 2, "problem_confirmed": 1, "help_agreed": 0, "delivered": 3,
              "value_proven": 1}  # fmt: skip
    data = matching_funnel_option(counts)["series"][0]["data"]
    assert [row["value"] for row in data] == [7, 5, 4, 4, 1]
