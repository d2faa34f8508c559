"""Fixtures of the plan tests: an account whose records show gaps (a weak T4 dimension, a
share of wallet under target, a matrix row nobody is responsible for), and plans made through
the services as the account owner."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from kam.assessments.selectors import template_current
from kam.assessments.services import AnswerInput, AssessmentInput, assessment_submit
from kam.broad.services import raci_row_create
from kam.health.services import (
    RatingInput,
    RespondentInput,
    WalletInput,
    survey_submit,
    wallet_estimate_save,
)
from kam.ladder.services import LadderInput, ladder_assess
from kam.plans.models import AccountPlan
from kam.plans.services import ObjectiveInput, objective_create, plan_create
from tests.factories import ContactFactory

LADDER_CODES = (
    "brand_recognition", "access_participation", "info_sharing", "business_guidance",
    "key_event_support", "competitive_stance",
)  # fmt: skip

ORG_CRITERIA = {
    "communication": ("c_exec_freq", "c_channels", "c_info"),
    "matching": ("m_strategy", "m_solution", "m_org"),
    "joint": ("j_plan", "j_project", "j_innovation"),
    "identification": ("i_brand", "i_status", "i_public"),
}


def score_org_sheet(owner: object, account: object, scores: dict[str, int], period: str) -> object:
    answers = [
        AnswerInput(code, Decimal(scores[group]))
        for group, codes in ORG_CRITERIA.items()
        for code in codes
    ]
    return assessment_submit(
        actor=owner,
        account=account,
        template=template_current(tool_code="org_score_sheet"),
        data=AssessmentInput(period=period, assessed_on=date(2026, 1, 10), answers=answers),
    )


@pytest.fixture
def gappy(owner: object, account: object) -> object:
    """Matching scored 1 of 5 (20/100), the rest 4 of 5; 20 % share of wallet; one matrix row
    nobody is responsible for; 王总, a key person at level 1 with target 4; a survey where
    delivery matters most (5) and is rated 2."""
    score_org_sheet(
        owner, account, {"communication": 4, "matching": 1, "joint": 4, "identification": 4}, "2026"
    )
    wallet_estimate_save(
        actor=owner,
        account=account,
        data=WalletInput(
            period="2026", category_code="power", category_label="电力设备",
            customer_total_spend=Decimal("1000000"), our_revenue=Decimal("200000"),
            currency="CNY",
        ),
    )  # fmt: skip
    raci_row_create(actor=owner, account=account, function="procurement", level="middle")
    key_person = ContactFactory(account=account, name="王总", is_key_person=True)
    ladder_assess(
        actor=owner, contact=key_person,
        data=LadderInput(
            period="2026", assessed_on=date(2026, 1, 10),
            scores=dict(zip(LADDER_CODES, [2, 1, 1, 0, 0, 0], strict=True)), evidence={},
            target_level=4, competitor_level=3,
        ),
    )  # fmt: skip
    survey_submit(
        actor=owner, account=account, period="2026", conducted_on=date(2026, 1, 12),
        respondents=[RespondentInput(contact=key_person, influence=8, overall=3, recommend=6,
                                     ratings=(RatingInput("delivery_reliability", 5, 2),
                                              RatingInput("product_quality", 2, 5)))],
    )  # fmt: skip
    return account


@pytest.fixture
def make_plan(owner: object, account: object) -> Callable[..., AccountPlan]:
    def _make(year: int = 2026) -> AccountPlan:
        return plan_create(actor=owner, account=account, year=year)

    return _make


def objective_input(actor: object, **values: object) -> ObjectiveInput:
    fields: dict[str, object] = {
        "kind": "result", "metric_code": "share_of_wallet", "target": Decimal("35"),
        "weight": Decimal("60"), "comparison_basis": "competitor", "owner": actor,
        "frequency": "quarterly",
    }  # fmt: skip
    fields.update(values)
    return ObjectiveInput(**fields)  # type: ignore[arg-type]


def add_objective(actor: object, plan: AccountPlan, **values: object) -> object:
    plan.refresh_from_db()
    return objective_create(
        actor=actor, plan=plan, data=objective_input(actor, **values), expected_version=plan.version
    )
