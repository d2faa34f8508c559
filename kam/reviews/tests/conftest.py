"""Fixtures of the review tests: a plan of `account` with two result objectives (share of
wallet, target 35 %, weight 60; organisation score, target 70, weight 40), and helpers that
write dated records a review reads as of its date."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from kam.assessments.selectors import template_current
from kam.assessments.services import AnswerInput, AssessmentInput, assessment_submit
from kam.health.services import WalletInput, wallet_estimate_save
from kam.plans.models import AccountPlan
from kam.plans.services import plan_create
from kam.plans.tests.conftest import ORG_CRITERIA, add_objective

__all__ = ["add_objective"]


def org_sheet(owner: object, account: object, score: int, assessed_on: date) -> object:
    """The T4 organisation score sheet with every criterion scored `score` of 5."""
    answers = [
        AnswerInput(code, Decimal(score)) for codes in ORG_CRITERIA.values() for code in codes
    ]
    return assessment_submit(
        actor=owner,
        account=account,
        template=template_current(tool_code="org_score_sheet"),
        data=AssessmentInput(
            period=str(assessed_on.year), assessed_on=assessed_on, answers=answers
        ),
    )


def wallet(owner: object, account: object, period: str, revenue: int) -> object:
    return wallet_estimate_save(
        actor=owner,
        account=account,
        data=WalletInput(
            period=period, category_code="power", category_label="电力设备",
            customer_total_spend=Decimal("1000000"), our_revenue=Decimal(revenue), currency="CNY",
        ),
    )  # fmt: skip


@pytest.fixture
def reviewed_plan(owner: object, account: object) -> Callable[..., AccountPlan]:
    """A plan with share of wallet (result, target 35, weight 60) and the organisation score
    (result, target 70, weight 40)."""

    def _make(year: int = 2026) -> AccountPlan:
        plan = plan_create(actor=owner, account=account, year=year, baseline_on=date(year, 1, 1))
        add_objective(owner, plan)
        add_objective(
            owner, plan, metric_code="org_total", target=Decimal("70"), weight=Decimal("40"),
            comparison_basis="self_past", frequency="yearly",
        )  # fmt: skip
        plan.refresh_from_db()
        return plan

    return _make
