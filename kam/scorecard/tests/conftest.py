"""Helpers of the scorecard tests: competitors, a scorecard in one call, a local fingerprint."""

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

import pytest

from kam.accounts.models import Account, Competitor
from kam.assessments.models import Assessment, Response
from kam.assessments.services import AnswerInput
from kam.scorecard.models import CategoryPolicy, PortfolioSettings
from kam.scorecard.services import (
    ScorecardFigures,
    ScorecardInput,
    ScorecardOutcome,
    scorecard_submit,
)
from tests.access_helpers import database_fingerprint
from tests.factories import CompetitorFactory

ATTRACTIVENESS_CODES = [
    "wallet_size", "profitability", "credit_health", "growth_potential",
    "share_headroom", "needs_fit", "strategic_fit", "reference_value",
]  # fmt: skip
STRENGTH_CODES = [
    "product_tech", "price_value", "service_delivery", "relationship_trust", "brand_reputation",
]  # fmt: skip
# The spec's worked example: attractiveness 623/9 = 69.22; strength 7.2 / 6.8 → 52.60.
EXAMPLE_ATTRACTIVENESS = (8, 6, 7, 9, 5, 8, 10, 4)
EXAMPLE_US = (7, 7, 8, 7, 7)
EXAMPLE_COMPETITOR = (7, 7, 7, 6, 7)


def attractiveness_answers(actor: object, scores: Sequence[int]) -> list[AnswerInput]:
    return [
        AnswerInput(code, Decimal(value), assessor=actor, evidence=f"evidence {code}")
        for code, value in zip(ATTRACTIVENESS_CODES, scores, strict=True)
    ]


def strength_answers(
    actor: object, us: Sequence[int], competitors: dict[Competitor, Sequence[int]]
) -> list[AnswerInput]:
    answers = [
        AnswerInput(code, Decimal(value), assessor=actor)
        for code, value in zip(STRENGTH_CODES, us, strict=True)
    ]
    for competitor, scores in competitors.items():
        answers += [
            AnswerInput(code, Decimal(value), assessor=actor, competitor=competitor)
            for code, value in zip(STRENGTH_CODES, scores, strict=True)
        ]
    return answers


@pytest.fixture
def rival(db: None) -> Competitor:
    return CompetitorFactory(name="华为")


@pytest.fixture
def second_rival(db: None) -> Competitor:
    return CompetitorFactory(name="西门子")


@pytest.fixture
def score(rival: Competitor) -> Callable[..., ScorecardOutcome]:
    """Submit a scorecard through the service; every part has the spec's example as default."""

    def submit(
        actor: object,
        account: Account,
        *,
        period: str = "2026",
        attractiveness: Sequence[int] = EXAMPLE_ATTRACTIVENESS,
        us: Sequence[int] = EXAMPLE_US,
        competitor: Sequence[int] = EXAMPLE_COMPETITOR,
        revenue: str = "1000000",
        potential: str = "3000000",
        override_reason: str = "",
    ) -> ScorecardOutcome:
        data = ScorecardInput(
            period=period,
            assessed_on=date(2026, 3, 1),
            attractiveness_answers=attractiveness_answers(actor, attractiveness),
            strength_answers=strength_answers(actor, us, {rival: competitor}),
            figures=ScorecardFigures(Decimal(revenue), Decimal(potential), Decimal("9000000")),
            note="年度评估",
            override_reason=override_reason,
        )
        return scorecard_submit(actor=actor, account=account, data=data)

    return submit


def scorecard_fingerprint() -> dict[str, object]:
    """The project's fingerprint plus what a scorecard write could change."""
    fingerprint = database_fingerprint()
    fingerprint["assessments"] = list(
        Assessment.objects.order_by("pk").values_list("pk", "is_current", "inputs")
    )
    fingerprint["responses"] = Response.objects.count()
    fingerprint["categories"] = list(Account.objects.order_by("pk").values_list("pk", "category"))
    fingerprint["settings"] = list(PortfolioSettings.objects.values_list("pk", flat=True))
    fingerprint["policies"] = list(
        CategoryPolicy.objects.order_by("pk").values_list("pk", "updated_at")
    )
    return fingerprint
