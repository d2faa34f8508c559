"""The T3 worked example by hand: survey figures, share of wallet, relationship test, health."""

from decimal import Decimal

import pytest

from kam.audit.models import AuditEntry
from kam.health.models import SatisfactionSurvey, SurveyRating, WalletEstimate
from kam.health.selectors import health_summary
from kam.health.tests.conftest import (
    save_wallets,
    submit_relationship_test,
    submit_survey,
)

pytestmark = pytest.mark.django_db

# Respondent sat scores: (47/12 − 1)/4 = 72.92, (26/10 − 1)/4 = 40, 100; influence 8, 5, 5.
SATISFACTION_INDEX = (8 * 3500 / 48 + 5 * 40 + 5 * 100) / 18  # = 1925/27 = 71.2963


def test_it_computes_the_survey_figures_and_stores_them_with_the_survey(
    owner: object, account: object
) -> None:
    # when a survey with three respondents is submitted
    survey = submit_survey(owner, account)
    # then CSAT, the satisfaction index and NPS with its counts are stored with it
    results = survey.results
    assert results["respondents"] == 3
    assert results["csat_percent"] == 66.6667
    assert results["satisfaction_index"] == round(SATISFACTION_INDEX, 4) == 71.2963
    assert survey.satisfaction_index == Decimal("71.30")
    assert results["net_promoter"] == {
        "score": 33.3333,
        "promoters": 2,
        "passives": 0,
        "detractors": 1,
        "respondents": 3,
    }
    assert SurveyRating.objects.filter(respondent__survey=survey).count() == 7
    assert AuditEntry.objects.filter(object_uuid=survey.uuid, action="create").count() == 1


def test_it_places_each_attribute_in_its_ipa_quadrant(owner: object, account: object) -> None:
    survey = submit_survey(owner, account)
    attributes = {item["code"]: item for item in survey.results["attributes"]}
    # in the template's order, only the attributes someone rated
    assert [item["code"] for item in survey.results["attributes"]] == [
        "product_quality",
        "delivery_reliability",
        "responsiveness",
        "innovation",
    ]
    assert attributes["product_quality"] | {"label": None} == {
        "code": "product_quality",
        "label": None,
        "importance": 4.6667,
        "performance": 4.0,
        "gap": 0.6667,
        "quadrant": "keep_up",
        "answers": 3,
    }
    assert attributes["product_quality"]["label"] == {"zh": "产品质量", "en": "Product quality"}
    assert (
        attributes["delivery_reliability"]["gap"],
        attributes["delivery_reliability"]["quadrant"],
    ) == (
        2.0,
        "concentrate_here",
    )
    assert attributes["responsiveness"]["quadrant"] == "keep_up"
    assert (attributes["innovation"]["gap"], attributes["innovation"]["quadrant"]) == (
        -3.0,
        "possible_overkill",
    )


def test_it_computes_share_of_wallet_and_the_wallet_allocation_rule(
    owner: object, account: object
) -> None:
    save_wallets(owner, account)
    transformers = WalletEstimate.objects.get(category_code="transformers")
    assert transformers.share_of_wallet_percent == pytest.approx(40.0)
    assert transformers.wallet_allocation_percent == pytest.approx(50.0)  # (1 − 1/4)·(2/3)
    assert transformers.headroom == Decimal("6000000.00")
    assert [(s.competitor.name, s.share_percent) for s in transformers.competitor_shares.all()] == [
        ("Siemens", Decimal("35.00")),
        ("ABB", Decimal("15.00")),
    ]
    current = health_summary(account=account).current
    assert current.share_of_wallet_percent == pytest.approx(5 / 12 * 100)  # 5 M of 12 M
    # WAR per category weighted by spend: (10 M · 50 + 2 M · 33.33) / 12 M
    assert current.wallet_allocation_percent == pytest.approx((10 * 50 + 2 * 100 / 3) / 12)
    assert current.headroom == Decimal("7000000.00")
    assert (current.customer_total_spend, current.our_revenue, current.currency) == (
        Decimal("12000000.00"),
        Decimal("5000000.00"),
        "CNY",
    )
    assert current.wallet_categories == 2


def test_it_scores_the_relationship_test_on_the_engine(owner: object, account: object) -> None:
    # 4,4,3,3,4,3,4,5: mean 3.75 on 1–5 → 68.75 → interdependent (60 ≤ score < 85)
    test = submit_relationship_test(owner, account)
    assert test.tool_code == "relationship_test"
    assert test.total == Decimal("68.75")
    assert test.band == "interdependent"
    summary = health_summary(account=account)
    assert summary.current.relationship_test_score == 68.75
    assert (summary.current.stage, summary.current.stage_label) == (
        "interdependent",
        "Interdependent",
    )


def test_it_combines_the_health_index_and_the_diagnosis(
    worked_example: dict[str, object], account: object
) -> None:
    current = health_summary(account=account).current
    assert current.satisfaction_index == 71.2963
    assert current.csat_percent == 66.6667
    assert (current.net_promoter.score, current.net_promoter.respondents) == (33.3333, 3)
    # H = 0.30·71.2963 + 0.30·min(100, 41.67/50·100) + 0.40·68.75
    assert current.health_index == pytest.approx(0.3 * 71.2963 + 0.3 * (500 / 6) + 0.4 * 68.75)
    assert round(current.health_index, 2) == 73.89
    assert current.health_parts == ("satisfaction", "share_of_wallet", "relationship_test")
    # Sat 71.3 ≥ 70 and SOW 41.7 % < 50 %
    assert current.diagnosis == "growth_opportunity"
    assert current.diagnosis_label == "Growth opportunity"


def test_it_leaves_each_missing_part_empty_instead_of_zero(owner: object, account: object) -> None:
    # given only a relationship test
    submit_relationship_test(owner, account)
    current = health_summary(account=account).current
    # then the survey and wallet figures are None, not 0, and there is no diagnosis
    assert current.satisfaction_index is None
    assert current.csat_percent is None
    assert current.net_promoter is None
    assert current.share_of_wallet_percent is None
    assert current.wallet_allocation_percent is None
    assert current.diagnosis is None
    # the health index rests on the relationship test alone, and says so
    assert current.health_index == 68.75
    assert current.health_parts_missing == ("satisfaction", "share_of_wallet")


def test_it_has_no_figures_at_all_for_an_account_without_data(account: object) -> None:
    summary = health_summary(account=account)
    assert summary.period is None
    assert summary.previous is None
    assert summary.history == []
    assert summary.current.health_index is None
    assert summary.current.relationship_test_score is None


def test_it_compares_with_the_previous_period(owner: object, account: object) -> None:
    # given 2025 with a weaker relationship test and 2026 with the worked example
    submit_relationship_test(owner, account, period="2025", scores=[3, 3, 3, 3, 3, 3, 3, 3])
    submit_survey(owner, account, period="2026")
    submit_relationship_test(owner, account, period="2026")
    summary = health_summary(account=account)
    assert summary.period == "2026"
    assert summary.previous.period == "2025"
    assert summary.previous.relationship_test_score == 50.0
    assert summary.previous.stage == "cooperative"
    assert summary.previous.satisfaction_index is None
    assert [item.period for item in summary.history] == ["2025", "2026"]
    # asking for 2025 shows 2025, with nothing before it
    earlier = health_summary(account=account, period="2025")
    assert (earlier.current.relationship_test_score, earlier.previous) == (50.0, None)


def test_it_supersedes_the_periods_survey_on_correction(owner: object, account: object) -> None:
    first = submit_survey(owner, account)
    second = submit_survey(owner, account)
    first.refresh_from_db()
    assert (first.is_current, second.is_current, second.supersedes) == (False, True, first)
    assert SatisfactionSurvey.objects.filter(account=account, is_current=True).count() == 1
    assert first.results["satisfaction_index"] == 71.2963  # the old snapshot keeps its figures
