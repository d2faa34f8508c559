"""Submitting a scorecard: exact scores from the spec, categories, medians, the 35/50 rule."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kam.assessments.models import Assessment
from kam.assessments.services import AnswerInput
from kam.audit.models import AuditEntry
from kam.core.exceptions import ApplicationError
from kam.scorecard.models import CategoryPolicy, PortfolioSettings
from kam.scorecard.selectors import portfolio_settings_current
from kam.scorecard.services import (
    ScorecardFigures,
    ScorecardInput,
    category_policy_update,
    portfolio_settings_update,
    scorecard_submit,
)
from kam.scorecard.tests.conftest import (
    STRENGTH_CODES,
    attractiveness_answers,
    scorecard_fingerprint,
    strength_answers,
)
from tests.factories import AccountFactory, UserFactory

pytestmark = pytest.mark.django_db


def _median_mode(director: object) -> None:
    portfolio_settings_update(actor=director, data={"threshold_mode": "portfolio_median"})


def test_it_seeds_the_default_policies_and_settings() -> None:
    settings = portfolio_settings_current()
    assert (settings.threshold_mode, settings.attractiveness_threshold) == ("fixed", Decimal(60))
    assert settings.strength_threshold == Decimal(50)
    assert (settings.key_account_warn_count, settings.key_account_hard_limit) == (35, 50)
    policies = {policy.code: policy for policy in CategoryPolicy.objects.all()}
    assert sorted(policies) == ["star", "status", "strategic", "streamline"]
    strategic = policies["strategic"]
    assert (strategic.label_zh, strategic.label_en) == ("战略客户", "Strategic")
    assert (strategic.plan_depth, strategic.review_cadence) == ("full", "quarterly")
    assert (policies["status"].plan_depth, policies["status"].review_cadence) == (
        "light",
        "semi_annual",
    )
    assert (policies["streamline"].plan_depth, policies["streamline"].review_cadence) == (
        "none",
        "annual",
    )


def test_it_scores_the_spec_example_and_classifies_the_account(
    owner: object, account: object, rival: object, score: object
) -> None:
    # when the owner scores the spec's worked example
    outcome = score(owner, account)
    # then attractiveness = 623/9, strength = 50 + 50·log₃(7.2/6.8), and the account is strategic
    assert outcome.attractiveness.total == Decimal("69.22")
    assert outcome.attractiveness.band == "high"
    figures = outcome.strength.result["figures"]
    assert figures["score_us"] == pytest.approx(7.2)
    assert figures["score_by_competitor"] == {str(rival.pk): pytest.approx(6.8)}
    assert figures["best_competitor"] == str(rival.pk)
    assert figures["strength_ratio"] == pytest.approx(7.2 / 6.8)
    assert outcome.strength.total == Decimal("52.60")
    assert (outcome.category, outcome.previous_category) == ("strategic", "")
    account.refresh_from_db()
    assert account.category == "strategic"
    # and the figures live in the attractiveness snapshot's inputs, paired with the strength one
    inputs = outcome.attractiveness.inputs
    assert inputs["figures"] == {
        "current_revenue": "1000000",
        "potential_revenue_3y": "3000000",
        "total_category_spend_est": "9000000",
    }
    assert inputs["currency"] == "CNY"
    assert inputs["submission"] == outcome.strength.inputs["submission"]
    assert outcome.attractiveness.responses.count() == 8
    assert outcome.strength.responses.count() == 10


@pytest.mark.parametrize(
    ("attractiveness", "us", "competitor", "category"),
    [
        ((8, 6, 7, 9, 5, 8, 10, 4), (7, 7, 8, 7, 7), (7, 7, 7, 6, 7), "strategic"),
        ((8, 6, 7, 9, 5, 8, 10, 4), (6, 6, 6, 6, 6), (7, 7, 7, 7, 7), "star"),
        ((3, 3, 3, 3, 3, 3, 3, 3), (8, 8, 8, 8, 8), (5, 5, 5, 5, 5), "status"),
        ((3, 3, 3, 3, 3, 3, 3, 3), (4, 4, 4, 4, 4), (8, 8, 8, 8, 8), "streamline"),
    ],
)
def test_it_places_each_quadrant_in_its_category(
    owner: object,
    account: object,
    score: object,
    attractiveness: tuple,
    us: tuple,
    competitor: tuple,
    category: str,
) -> None:
    outcome = score(owner, account, attractiveness=attractiveness, us=us, competitor=competitor)
    assert outcome.category == category


def test_it_records_the_category_change_in_the_audit_trail(
    owner: object, account: object, score: object
) -> None:
    score(owner, account)
    entry = AuditEntry.objects.get(object_uuid=account.uuid, changes__has_key="category")
    assert (entry.action, entry.actor, entry.changes) == (
        "update",
        owner,
        {"category": [None, "strategic"]},
    )


def test_it_moves_another_accounts_category_in_median_mode(
    owner: object, account: object, director: object, score: object
) -> None:
    # given median mode and one scored account, which alone is its own median (strategic)
    _median_mode(director)
    alone = score(owner, account, attractiveness=(5,) * 8, us=(5,) * 5, competitor=(6,) * 5)
    assert alone.category == "strategic"
    assert (alone.attractiveness.total, alone.strength.total) == (
        Decimal("44.44"),
        Decimal("41.70"),
    )
    # when a far more attractive and stronger account is scored in the same period
    other = AccountFactory(owner=owner)
    outcome = score(owner, other, attractiveness=(9,) * 8, us=(8,) * 5, competitor=(6,) * 5)
    # then the medians move (66.67 / 52.38) and the first account drops to streamline
    assert outcome.category == "strategic"
    assert outcome.reclassified_others == 1
    account.refresh_from_db()
    assert account.category == "streamline"
    entry = AuditEntry.objects.filter(object_uuid=account.uuid, changes__has_key="category").first()
    assert entry.changes == {"category": ["strategic", "streamline"]}


def test_it_keeps_other_accounts_in_fixed_mode(
    owner: object, account: object, score: object
) -> None:
    first = score(owner, account, attractiveness=(5,) * 8, us=(5,) * 5, competitor=(6,) * 5)
    assert first.category == "streamline"
    outcome = score(owner, AccountFactory(owner=owner), attractiveness=(9,) * 8, us=(8,) * 5)
    assert outcome.reclassified_others == 0
    account.refresh_from_db()
    assert account.category == "streamline"


def test_it_reclassifies_the_portfolio_when_the_thresholds_change(
    owner: object, account: object, director: object, score: object
) -> None:
    score(owner, account)  # 69.22 / 52.60: strategic under 60 / 50
    outcome = portfolio_settings_update(actor=director, data={"attractiveness_threshold": 70})
    account.refresh_from_db()
    assert (outcome.reclassified, account.category) == (1, "status")
    assert PortfolioSettings.objects.count() == 2  # the old settings stay as history
    assert AuditEntry.objects.filter(object_uuid=outcome.settings.uuid, action="create").exists()


def test_it_classifies_by_the_latest_period(owner: object, account: object, score: object) -> None:
    score(owner, account, period="2026")
    score(owner, account, period="2025", attractiveness=(2,) * 8)
    account.refresh_from_db()
    assert account.category == "strategic"


def _key_accounts(count: int) -> None:
    for _index in range(count):
        AccountFactory(category="strategic" if _index % 2 else "star")


def test_it_warns_above_35_key_accounts(owner: object, account: object, score: object) -> None:
    _key_accounts(35)
    outcome = score(owner, account)
    assert outcome.key_account_count == 36
    assert outcome.warnings == [
        "The portfolio now holds 36 key accounts. McDonald & Woodburn advise 15–35; more "
        "than 50 is too many to manage well."
    ]


def test_it_does_not_warn_at_35_key_accounts(owner: object, account: object, score: object) -> None:
    _key_accounts(34)
    outcome = score(owner, account)
    assert (outcome.key_account_count, outcome.warnings) == (35, [])


def test_it_refuses_the_51st_key_account_without_a_reason_and_writes_nothing(
    owner: object, account: object, score: object
) -> None:
    _key_accounts(50)
    before = scorecard_fingerprint()
    with pytest.raises(ApplicationError) as error:
        score(owner, account)
    assert (error.value.code, error.value.status) == ("key_account_limit", 422)
    assert error.value.message == (
        "This scorecard would make 51 key accounts, above the limit of 50. Give a written "
        "reason to go above it, or review the portfolio first."
    )
    assert scorecard_fingerprint() == before


def test_it_accepts_the_51st_key_account_with_a_written_reason(
    owner: object, account: object, score: object
) -> None:
    _key_accounts(50)
    outcome = score(owner, account, override_reason="集团战略客户，董事会指定")
    account.refresh_from_db()
    assert (account.category, outcome.key_account_count) == ("strategic", 51)
    stored = Assessment.objects.get(pk=outcome.attractiveness.pk)
    assert stored.inputs["key_account_override"] == {
        "reason": "集团战略客户，董事会指定",
        "count": 51,
        "limit": 50,
    }
    entry = AuditEntry.objects.get(object_uuid=stored.uuid, changes__has_key="key_account_override")
    assert entry.changes["key_account_override"] == [None, "集团战略客户，董事会指定"]
    assert entry.changes["key_account_count"] == [50, 51]


def test_it_accepts_a_non_key_account_above_the_limit(
    owner: object, account: object, score: object
) -> None:
    _key_accounts(51)
    outcome = score(owner, account, attractiveness=(2,) * 8)
    assert (outcome.category, outcome.key_account_count) == ("status", 51)


def test_it_refuses_a_viewer_and_writes_nothing(
    viewer: object, account: object, score: object
) -> None:
    before = scorecard_fingerprint()
    with pytest.raises(PermissionDenied):
        score(viewer, account)
    assert scorecard_fingerprint() == before


def _grid(actor: object, us: tuple, competitors: dict) -> list[AnswerInput]:
    """A strength grid that may be incomplete (zip without strict)."""
    answers = [
        AnswerInput(code, Decimal(value), assessor=actor)
        for code, value in zip(STRENGTH_CODES, us, strict=False)
    ]
    for competitor, scores in competitors.items():
        answers += [
            AnswerInput(code, Decimal(value), assessor=actor, competitor=competitor)
            for code, value in zip(STRENGTH_CODES, scores, strict=False)
        ]
    return answers


@pytest.mark.parametrize(
    ("attractiveness", "us", "competitor", "code"),
    [
        ((8, 6, 7, 9, 5, 8, 10, 4), (), (7, 7, 7, 6, 7), "no_strength_answers"),
        ((8, 6, 7, 9, 5, 8, 10, 4), (7, 7, 8, 7, 7), None, "no_competitor"),
        ((8, 6, 7, 9, 5, 8, 10, 4), (7, 7, 8, 7, 7), (7, 7, 7, 6), "incomplete_strength_grid"),
        ((11, 6, 7, 9, 5, 8, 10, 4), (7, 7, 8, 7, 7), (7, 7, 7, 6, 7), "invalid_answers"),
    ],
)
def test_it_refuses_a_bad_grid_and_writes_nothing(
    owner: object,
    account: object,
    rival: object,
    attractiveness: tuple,
    us: tuple,
    competitor: tuple | None,
    code: str,
) -> None:
    before = scorecard_fingerprint()
    with pytest.raises(ApplicationError) as error:
        scorecard_submit(
            actor=owner,
            account=account,
            data=ScorecardInput(
                period="2026",
                assessed_on=date(2026, 3, 1),
                attractiveness_answers=attractiveness_answers(owner, attractiveness),
                strength_answers=_grid(owner, us, {rival: competitor} if competitor else {}),
                figures=ScorecardFigures(Decimal(1), Decimal(2)),
            ),
        )
    assert (error.value.code, error.value.status) == (code, 422)
    assert scorecard_fingerprint() == before


def test_it_refuses_negative_figures_and_a_bad_period(
    owner: object, account: object, rival: object
) -> None:
    before = scorecard_fingerprint()
    arguments = {
        "assessed_on": date(2026, 3, 1),
        "attractiveness_answers": attractiveness_answers(owner, (5,) * 8),
        "strength_answers": strength_answers(owner, (5,) * 5, {rival: (5,) * 5}),
    }
    with pytest.raises(ValidationError) as error:
        scorecard_submit(
            actor=owner,
            account=account,
            data=ScorecardInput(
                **arguments, period="2026", figures=ScorecardFigures(Decimal(-1), Decimal(2))
            ),
        )
    assert error.value.message_dict == {"current_revenue": ["Enter an amount of zero or more."]}
    with pytest.raises(ValidationError) as error:
        scorecard_submit(
            actor=owner,
            account=account,
            data=ScorecardInput(
                **arguments, period="26", figures=ScorecardFigures(Decimal(1), Decimal(2))
            ),
        )
    assert list(error.value.message_dict) == ["period"]
    assert scorecard_fingerprint() == before


def test_it_lets_only_directors_change_policies_and_settings(
    owner: object, director: object
) -> None:
    policy = CategoryPolicy.objects.get(code="star")
    before = scorecard_fingerprint()
    with pytest.raises(PermissionDenied):
        category_policy_update(actor=owner, policy=policy, data={"label_zh": "明星客户"})
    with pytest.raises(PermissionDenied):
        portfolio_settings_update(actor=owner, data={"strength_threshold": 40})
    assert scorecard_fingerprint() == before
    category_policy_update(actor=director, policy=policy, data={"label_zh": "明星客户"})
    policy.refresh_from_db()
    assert policy.label_zh == "明星客户"
    entry = AuditEntry.objects.get(object_uuid=policy.uuid)
    assert entry.changes == {"label_zh": ["潜力(明星)客户", "明星客户"]}


def test_it_refuses_a_warning_above_the_limit(director: object) -> None:
    with pytest.raises(ValidationError) as error:
        portfolio_settings_update(
            actor=director, data={"key_account_warn_count": 60, "key_account_hard_limit": 50}
        )
    assert "key_account_warn_count" in error.value.message_dict
    assert PortfolioSettings.objects.count() == 1


def test_it_refuses_a_stale_settings_change(director: object) -> None:
    seen = portfolio_settings_current().uuid
    portfolio_settings_update(actor=director, data={"strength_threshold": 45})
    with pytest.raises(ApplicationError) as error:
        portfolio_settings_update(
            actor=UserFactory(role="administrator"),
            data={"strength_threshold": 55},
            expected_version=seen,
        )
    assert error.value.code == "stale_version"
    assert portfolio_settings_current().strength_threshold == Decimal(45)
