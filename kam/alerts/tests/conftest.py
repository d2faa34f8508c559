"""Fixtures of the alert tests: records that raise each kind of alert on `account`."""

from datetime import date
from decimal import Decimal

import pytest

from kam.engagement.models import ActionItem
from kam.ladder.services import LadderInput, ladder_assess
from kam.metrics.services import manual_metric_record
from kam.plans.services import ObjectiveInput, objective_create, plan_approve, plan_create
from kam.plans.tests.conftest import LADDER_CODES, score_org_sheet
from tests.factories import ContactFactory, UserFactory

ON = date(2026, 7, 2)  # half of 2026 has passed (183 of 365 days)


def approved_plan(owner: object, account: object, *, actual: str = "30") -> object:
    """A 2026 plan with one gross-margin objective (on track with the default actual),
    approved by a director."""
    plan = plan_create(actor=owner, account=account, year=2026)
    margin_objective(owner, plan, actual=actual)
    plan.refresh_from_db()
    plan_approve(actor=UserFactory(role="director"), plan=plan, expected_version=plan.version)
    plan.refresh_from_db()
    return plan


def margin_objective(owner: object, plan: object, *, actual: str, target: str = "50") -> object:
    """A gross-margin objective from baseline 10 to `target`, with `actual` entered on ON."""
    manual_metric_record(
        actor=owner, account=plan.account, metric_code="gross_margin", measured_on=ON,
        value=Decimal(actual),
    )  # fmt: skip
    plan.refresh_from_db()
    return objective_create(
        actor=owner, plan=plan,
        data=ObjectiveInput(kind="result", metric_code="gross_margin", target=Decimal(target),
                            weight=Decimal(100), comparison_basis="self_past", owner=owner,
                            frequency="quarterly", baseline=Decimal(10)),
        expected_version=plan.version,
    )  # fmt: skip


def overdue_item(account: object, owner: object, due_on: date, status: str = "open") -> object:
    return ActionItem.objects.create(
        account=account, description="提交方案", owner_side="ours", owner_user=owner,
        due_on=due_on, status=status,
    )  # fmt: skip


def ladder(owner: object, contact: object, period: str, scores: list[int]) -> object:
    return ladder_assess(
        actor=owner, contact=contact,
        data=LadderInput(period=period, assessed_on=date(2026, 1, 10),
                         scores=dict(zip(LADDER_CODES, scores, strict=True)), evidence={},
                         target_level=4, competitor_level=None),
    )  # fmt: skip


@pytest.fixture
def key_person(account: object) -> object:
    return ContactFactory(account=account, name="王总", is_key_person=True)


__all__ = ["ON", "approved_plan", "ladder", "margin_objective", "overdue_item", "score_org_sheet"]
