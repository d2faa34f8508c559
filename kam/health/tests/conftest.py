"""The worked example of T3, shared by the health tests."""

from datetime import date
from decimal import Decimal

import pytest

from kam.accounts.models import Competitor
from kam.assessments.services import AnswerInput
from kam.health.services import (
    RatingInput,
    RespondentInput,
    ShareInput,
    WalletInput,
    relationship_test_submit,
    survey_submit,
    wallet_estimate_save,
)
from tests.factories import CompetitorFactory, ContactFactory

RELATIONSHIP_ITEMS = [
    "trust",
    "commitment",
    "info_sharing",
    "joint_planning",
    "multi_level_contact",
    "conflict_resolution",
    "preferred_status",
    "exec_relationship",
]
RELATIONSHIP_SCORES = [4, 4, 3, 3, 4, 3, 4, 5]


def respondents(account: object) -> list[RespondentInput]:
    """Three stakeholders: two named contacts and one anonymous answer (default influence 5)."""
    buyer = ContactFactory(account=account, name="Buyer")
    engineer = ContactFactory(account=account, name="Engineer")
    return [
        RespondentInput(
            contact=buyer,
            role="Procurement",
            influence=8,
            overall=4,
            recommend=9,
            verbatim="Deliveries slipped twice.",
            ratings=(
                RatingInput("product_quality", 5, 4),
                RatingInput("delivery_reliability", 4, 3),
                RatingInput("responsiveness", 3, 5),
            ),
        ),
        RespondentInput(
            contact=engineer,
            overall=3,
            recommend=6,
            ratings=(
                RatingInput("product_quality", 4, 3),
                RatingInput("delivery_reliability", 5, 2),
                RatingInput("innovation", 1, 4),
            ),
        ),
        RespondentInput(
            is_anonymous=True,
            overall=5,
            recommend=10,
            ratings=(RatingInput("product_quality", 5, 5),),
        ),
    ]


def submit_survey(actor: object, account: object, period: str = "2026") -> object:
    return survey_submit(
        actor=actor,
        account=account,
        period=period,
        conducted_on=date(2026, 3, 2),
        respondents=respondents(account),
    )


def competitor(name: str) -> Competitor:
    return Competitor.objects.filter(name=name).first() or CompetitorFactory(name=name)


def wallet(period: str = "2026", **changes: object) -> WalletInput:
    """Transformers: 10 M spend, 4 M ours (40 %), first of 3 suppliers; two competitors."""
    values = {
        "period": period,
        "category_code": "transformers",
        "category_label": "Transformers",
        "customer_total_spend": Decimal("10000000"),
        "our_revenue": Decimal("4000000"),
        "currency": "CNY",
        "our_rank": 1,
        "number_of_suppliers": 3,
        "confidence": "medium",
        "source": "Procurement plan 2026",
        "competitor_shares": (
            ShareInput(competitor("Siemens"), Decimal("35")),
            ShareInput(competitor("ABB"), Decimal("15")),
        ),
    }
    return WalletInput(**{**values, **changes})


def services_wallet(period: str = "2026") -> WalletInput:
    """Services: 2 M spend, 1 M ours (50 %), second of 2 suppliers."""
    return WalletInput(
        period=period,
        category_code="services",
        category_label="Services",
        customer_total_spend=Decimal("2000000"),
        our_revenue=Decimal("1000000"),
        currency="CNY",
        our_rank=2,
        number_of_suppliers=2,
    )


def save_wallets(actor: object, account: object, period: str = "2026") -> None:
    wallet_estimate_save(actor=actor, account=account, data=wallet(period))
    wallet_estimate_save(actor=actor, account=account, data=services_wallet(period))


def submit_relationship_test(
    actor: object, account: object, period: str = "2026", scores: list[int] | None = None
) -> object:
    return relationship_test_submit(
        actor=actor,
        account=account,
        period=period,
        assessed_on=date(2026, 3, 5),
        answers=[
            AnswerInput(code, Decimal(score), assessor=actor)
            for code, score in zip(RELATIONSHIP_ITEMS, scores or RELATIONSHIP_SCORES, strict=True)
        ],
    )


@pytest.fixture
def worked_example(owner: object, account: object) -> dict[str, object]:
    """The whole T3 example in 2026: survey, two wallet categories, relationship test."""
    survey = submit_survey(owner, account)
    save_wallets(owner, account)
    test = submit_relationship_test(owner, account)
    return {"survey": survey, "test": test}
