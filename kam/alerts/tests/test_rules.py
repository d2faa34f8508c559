"""Each rule finds its case and not the non-case (exact findings)."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest

from kam.alerts.models import AlertRules
from kam.alerts.rules import (
    describe_plan_not_reviewed,
    objective_off_track,
    overdue_actions,
    plan_not_approved,
    plan_not_reviewed,
    projected_actual,
    red_flag,
    relationship_cooling,
)
from kam.alerts.tests.conftest import (
    ON,
    approved_plan,
    ladder,
    margin_objective,
    overdue_item,
    score_org_sheet,
)
from kam.plans.models import AccountPlan, PlanVersion
from kam.plans.services import plan_create
from kam.reviews.services import review_record
from tests.factories import AccountFactory

pytestmark = pytest.mark.django_db
RULES = AlertRules()


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def _keys(findings: list) -> list[tuple[int, str, str]]:
    return sorted((item.account_id, item.key, item.severity) for item in findings)


def test_it_raises_a_missing_plan_after_the_due_date_only(account: object) -> None:
    assert plan_not_approved([account], date(2026, 1, 31), RULES) == []
    [finding] = plan_not_approved([account], date(2026, 2, 1), RULES)
    assert (finding.key, finding.severity, finding.fix_url_name) == (
        "plan:2026",
        "high",
        "plans:account",
    )
    assert finding.params == {"year": 2026, "due": "2026-01-31", "has_plan": False}
    assert finding.fix_url_kwargs == {"account_uuid": str(account.uuid)}


def test_it_raises_a_draft_plan_but_not_an_approved_one(owner: object, account: object) -> None:
    other = AccountFactory(name="南方电网", owner=owner)
    draft = plan_create(actor=owner, account=other, year=2026)
    approved_plan(owner, account)
    found = plan_not_approved([account, other], date(2026, 3, 1), RULES)
    assert _keys(found) == [(other.pk, "plan:2026", "medium")]
    assert found[0].params == {
        "year": 2026, "due": "2026-01-31", "has_plan": True, "was_approved": False,
    }  # fmt: skip
    assert found[0].fix_url_kwargs == {
        "account_uuid": str(other.uuid),
        "plan_uuid": str(draft.uuid),
    }
    assert (found[0].subject_type, found[0].subject_uuid) == ("plan", draft.uuid)


def test_it_raises_a_plan_changed_since_its_approval_as_low(owner: object, account: object) -> None:
    from kam.alerts.rules import describe_plan_not_approved
    from kam.plans.services import StrategyInput, strategy_create

    plan = approved_plan(owner, account)
    plan.refresh_from_db()
    strategy_create(actor=owner, plan=plan, data=StrategyInput("高层互访", "strategic"),
                    expected_version=plan.version)  # fmt: skip
    [finding] = plan_not_approved([account], date(2026, 3, 1), RULES)
    assert (finding.severity, finding.params["was_approved"]) == ("low", True)
    assert describe_plan_not_approved(finding.params) == (
        "The annual plan for 2026 was changed after its approval: a director has not approved the "
        "changes yet."
    )


def test_it_uses_the_due_date_of_the_rules(account: object) -> None:
    rules = AlertRules(plan_due_month=3, plan_due_day=15)
    assert plan_not_approved([account], date(2026, 3, 15), rules) == []
    assert len(plan_not_approved([account], date(2026, 3, 16), rules)) == 1


def test_it_projects_the_actual_linearly_from_the_baseline() -> None:
    assert projected_actual(Decimal(20), Decimal(10), Decimal("0.5")) == Decimal(30)
    assert projected_actual(Decimal(20), None, Decimal("0.5")) == Decimal(20)


def test_it_raises_an_objective_projected_below_the_threshold(
    owner: object, account: object
) -> None:
    # baseline 10, actual 20 at mid-year → projected 10 + 10 / (183/365) ≈ 29.95 → 59.9 % of 50
    plan = plan_create(actor=owner, account=account, year=2026)
    objective = margin_objective(owner, plan, actual="20")
    [finding] = objective_off_track([account], ON, RULES)
    assert (finding.key, finding.severity) == (f"objective:{objective.uuid}", "medium")
    assert finding.params == {
        "metric_code": "gross_margin",
        "year": 2026,
        "projected": 60,
        "threshold": 70,
    }
    assert finding.fix_url_kwargs == {
        "account_uuid": str(account.uuid),
        "plan_uuid": str(plan.uuid),
    }


def test_it_leaves_an_objective_on_track_alone(owner: object, account: object) -> None:
    plan = plan_create(actor=owner, account=account, year=2026)
    margin_objective(owner, plan, actual="30")  # projected ≈ 49.9 → 99.8 %
    assert objective_off_track([account], ON, RULES) == []
    assert (
        objective_off_track([account], ON, AlertRules(off_track_below=100))[0].params["projected"]
        == 100
    )


def test_it_does_not_project_in_the_first_month(owner: object, account: object) -> None:
    plan = plan_create(actor=owner, account=account, year=2026)
    margin_objective(owner, plan, actual="10")
    assert objective_off_track([account], date(2026, 1, 20), RULES) == []


def test_it_raises_high_when_far_off_track(owner: object, account: object) -> None:
    plan = plan_create(actor=owner, account=account, year=2026)
    margin_objective(owner, plan, actual="11")  # projected ≈ 12 → 24 % (< 35 %)
    [finding] = objective_off_track([account], ON, RULES)
    assert (finding.severity, finding.params["projected"]) == ("high", 24)


def test_it_raises_a_key_person_whose_support_fell(
    owner: object, account: object, key_person: object
) -> None:
    ladder(owner, key_person, "2025", [2, 2, 2, 2, 0, 0])
    ladder(owner, key_person, "2026", [2, 1, 0, 0, 0, 0])
    [finding] = relationship_cooling([account], ON, RULES)
    assert finding.key == f"support:{key_person.uuid}"
    assert finding.params["contact"] == "王总"
    assert (finding.params["previous_period"], finding.params["period"]) == ("2025", "2026")
    assert finding.params["support"] < finding.params["previous_support"]
    assert (finding.fix_url_name, finding.fix_url_kwargs) == (
        "ladder:contact",
        {"contact_uuid": str(key_person.uuid)},
    )


def test_it_leaves_a_key_person_whose_support_rose_alone(
    owner: object, account: object, key_person: object
) -> None:
    ladder(owner, key_person, "2025", [2, 1, 0, 0, 0, 0])
    ladder(owner, key_person, "2026", [2, 2, 2, 2, 0, 0])
    assert relationship_cooling([account], ON, RULES) == []


def test_it_raises_a_disintegrating_relationship(owner: object, account: object) -> None:
    high = {"communication": 5, "matching": 5, "joint": 5, "identification": 5}
    low = {"communication": 1, "matching": 1, "joint": 1, "identification": 1}
    score_org_sheet(owner, account, high, "2025")
    score_org_sheet(owner, account, low, "2026")
    found = relationship_cooling([account], ON, RULES)
    assert _keys(found) == [(account.pk, "coordinate", "high")]
    assert found[0].params == {"kind": "coordinate", "period": "2026", "previous_period": "2025"}


def test_it_does_not_raise_a_steady_relationship(owner: object, account: object) -> None:
    steady = {"communication": 4, "matching": 4, "joint": 4, "identification": 4}
    score_org_sheet(owner, account, steady, "2025")
    score_org_sheet(owner, account, steady, "2026")
    assert relationship_cooling([account], ON, RULES) == []


def test_it_raises_every_red_flag_of_the_power_map(account: object, key_person: object) -> None:
    found = red_flag([account], ON, RULES)
    assert _keys(found) == [
        (account.pk, "flag:no_coach", "high"),
        (account.pk, "flag:single_threaded", "medium"),
        (account.pk, "flag:uncovered_base:decider", "high"),
        (account.pk, "flag:uncovered_base:technical", "high"),
        (account.pk, "flag:uncovered_base:user", "high"),
    ]


def test_it_raises_overdue_actions_once_per_account(owner: object, account: object) -> None:
    overdue_item(account, owner, date(2026, 5, 1))
    overdue_item(account, owner, date(2026, 6, 30))
    overdue_item(account, owner, date(2026, 7, 2))  # due today: not overdue
    overdue_item(account, owner, date(2026, 4, 1), status="done")
    [finding] = overdue_actions([account], ON, RULES)
    assert (finding.key, finding.severity) == ("overdue", "high")
    assert finding.params == {"count": 2, "oldest": "2026-05-01", "days": 62}
    assert finding.fix_url_name == "engagement:action_board"


def test_it_finds_no_overdue_action_when_all_are_on_time(owner: object, account: object) -> None:
    overdue_item(account, owner, date(2026, 7, 2))
    assert overdue_actions([account], ON, RULES) == []


def _review(owner: object, plan: object, review_on: date) -> None:
    review_record(
        actor=owner, plan=plan, kind="quarterly", review_on=review_on, findings="份额低于目标。",
        phase="check", corrective_actions=[],
    )  # fmt: skip


def test_it_raises_a_plan_not_reviewed_for_more_days_than_the_threshold(
    owner: object, account: object
) -> None:
    # given a plan last reviewed 103 days before ON, and another's reviewed 30 days before
    stale = approved_plan(owner, account)
    _review(owner, stale, date(2026, 3, 21))
    other = AccountFactory(name="南方电网", owner=owner)
    recent = approved_plan(owner, other)
    _review(owner, recent, date(2026, 3, 31))
    _review(owner, recent, date(2026, 6, 2))
    # when the rule runs on ON
    found = plan_not_reviewed([account, other], ON, RULES)
    # then only the stale plan is found, with its reason and the plan's reviews page
    assert _keys(found) == [(account.pk, "review:2026", "medium")]
    [finding] = found
    assert finding.params == {
        "year": 2026, "basis": "review", "since": "2026-03-21", "days": 103, "threshold": 100,
    }  # fmt: skip
    assert (finding.fix_url_name, finding.fix_url_kwargs) == (
        "reviews:list",
        {"account_uuid": str(account.uuid), "plan_uuid": str(stale.uuid)},
    )
    assert (finding.subject_type, finding.subject_uuid) == ("plan", stale.uuid)
    assert describe_plan_not_reviewed(finding.params) == (
        "The 2026 plan has not been reviewed for 103 days: last review on 2026-03-21."
    )


def test_it_counts_from_the_first_approval_or_the_creation_when_never_reviewed(
    owner: object, account: object
) -> None:
    # given a plan approved on 1 February and a draft created on 2 January, neither reviewed
    approved = approved_plan(owner, account)
    PlanVersion.objects.filter(plan=approved).update(approved_at=_noon(date(2026, 2, 1)))
    other = AccountFactory(name="南方电网", owner=owner)
    draft = plan_create(actor=owner, account=other, year=2026)
    AccountPlan.objects.filter(pk=draft.pk).update(created_at=_noon(date(2026, 1, 2)))
    # when the rule runs on ON
    found = plan_not_reviewed([account, other], ON, RULES)
    # then both are found, counted from the approval and from the creation
    assert [(item.account_id, item.severity, item.params) for item in found] == [
        (account.pk, "medium", {"year": 2026, "basis": "approval", "since": "2026-02-01",
                                "days": 151, "threshold": 100}),
        (other.pk, "medium", {"year": 2026, "basis": "creation", "since": "2026-01-02",
                              "days": 181, "threshold": 100}),
    ]  # fmt: skip
    assert [describe_plan_not_reviewed(item.params) for item in found] == [
        "The 2026 plan has never been reviewed: approved 151 days ago, on 2026-02-01.",
        "The 2026 plan has never been reviewed: created 181 days ago, on 2026-01-02.",
    ]


def test_it_raises_high_after_twice_the_threshold_and_uses_the_rules_days(
    owner: object, account: object
) -> None:
    plan = approved_plan(owner, account)
    _review(owner, plan, date(2026, 3, 21))  # 103 days before ON
    [finding] = plan_not_reviewed([account], ON, AlertRules(review_overdue_days=50))
    assert (finding.severity, finding.params["threshold"]) == ("high", 50)
    assert plan_not_reviewed([account], ON, AlertRules(review_overdue_days=103)) == []


def test_it_watches_last_years_plan_in_the_first_quarter_only(
    owner: object, account: object
) -> None:
    # given last year's plan reviewed on 30 September, and no plan this year
    past = plan_create(actor=owner, account=account, year=2025, baseline_on=date(2025, 1, 1))
    margin_objective(owner, past, actual="30")
    _review(owner, past, date(2025, 9, 30))
    # then it is found in the first quarter (its year-end review is due), not from April on
    [finding] = plan_not_reviewed([account], date(2026, 3, 31), RULES)
    assert (finding.key, finding.params["days"], finding.params["since"]) == (
        "review:2025",
        182,
        "2025-09-30",
    )
    assert plan_not_reviewed([account], date(2026, 4, 1), RULES) == []
