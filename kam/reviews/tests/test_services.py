"""Recording a review (its frozen snapshot, its exact scores, its corrective actions) and
seeding next year's plan from a year-end review."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kam.audit.models import AuditEntry
from kam.core.exceptions import ApplicationError
from kam.engagement.models import ActionItem
from kam.health.services import ShareInput, WalletInput, wallet_estimate_save
from kam.metrics.registry import MetricValue, definition_for
from kam.metrics.selectors import MetricRow
from kam.plans.models import AccountPlan, Objective
from kam.plans.selectors import plan_for_year
from kam.plans.services import plan_create
from kam.reviews.evaluation import evaluate, sow_rank
from kam.reviews.models import Review
from kam.reviews.services import CorrectiveActionInput, plan_seed_next_year, review_record
from kam.reviews.tests.conftest import org_sheet, wallet
from tests.access_helpers import database_fingerprint
from tests.factories import CompetitorFactory

pytestmark = pytest.mark.django_db


def _record(
    actor: object, plan: AccountPlan, on: date, kind: str = "quarterly", **extra: object
) -> Review:
    values: dict = {"findings": "", "phase": "check", "corrective_actions": []}
    values.update(extra)
    return review_record(actor=actor, plan=plan, kind=kind, review_on=on, **values)


def _objective(row: dict, code: str) -> dict:
    return next(item for item in row["objectives"] if item["metric_code"] == code)


def test_it_keeps_a_review_unchanged_by_a_later_assessment_and_a_new_review_sees_it(
    owner: object, account: object, reviewed_plan: object
) -> None:
    # given an organisation score sheet of 3/5 everywhere (60 points) and a Q1 review
    plan = reviewed_plan()
    org_sheet(owner, account, 3, date(2026, 2, 1))
    first = _record(owner, plan, date(2026, 3, 31))
    frozen = Review.objects.get(pk=first.pk).snapshot
    # when a newer assessment scores 4/5 (80 points)
    org_sheet(owner, account, 4, date(2026, 5, 10))
    second = _record(owner, plan, date(2026, 6, 30))
    # then the first review still shows 60, the second 80, and compares with the first's date
    assert Review.objects.get(pk=first.pk).snapshot == frozen
    assert _objective(frozen, "org_total")["actual"] == "60.0000"
    assert _objective(second.snapshot, "org_total")["actual"] == "80.0000"
    assert _objective(second.snapshot, "org_total")["as_of"] == "2026-05-10"
    assert second.snapshot["compared_on"] == "2026-03-31"
    assert second.snapshot["compared_with"] == str(first.uuid)
    past = {row["metric_code"]: row for row in second.snapshot["vs_last_period"]}
    assert (past["org_total"]["before"], past["org_total"]["now"]) == ("60.0000", "80.0000")
    assert past["org_total"]["change"] == "20.0000"


def test_it_refuses_to_change_a_recorded_review(owner: object, reviewed_plan: object) -> None:
    review = _record(owner, reviewed_plan(), date(2026, 3, 31))
    review.findings = "changed"
    with pytest.raises(ValidationError):
        review.save()
    assert Review.objects.get(pk=review.pk).findings == ""


def test_it_writes_exact_achievements_and_scores_in_the_snapshot(
    owner: object, account: object, reviewed_plan: object
) -> None:
    # given 20 % share of wallet (target 35, weight 60) and 60 points (target 70, weight 40)
    plan = reviewed_plan()
    wallet(owner, account, "2026", 200000)
    org_sheet(owner, account, 3, date(2026, 2, 1))
    # when the plan is reviewed
    snapshot = _record(owner, plan, date(2026, 3, 31)).snapshot
    # then a = 20/35 and 60/70; score = 100·(60·0.571428…+40·0.857142…)/100 = 68.57 (待改进)
    sow, org = _objective(snapshot, "share_of_wallet"), _objective(snapshot, "org_total")
    assert (sow["actual"], sow["achievement"], sow["capped_achievement"]) == (
        "20.0000", "0.5714", "0.5714",
    )  # fmt: skip
    assert (org["actual"], org["achievement"], org["score_contribution"]) == (
        "60.0000", "0.8571", "34.29",
    )  # fmt: skip
    assert sow["score_contribution"] == "34.29"
    assert (snapshot["process_score"], snapshot["result_score"]) == (None, "68.57")
    assert (snapshot["score"], snapshot["rating"]) == ("68.57", "improve")


def _row(code: str, value: str) -> MetricRow:
    definition = definition_for(code)
    assert definition is not None
    return MetricRow(definition, MetricValue(Decimal(value), date(2026, 6, 30), ""))


def test_it_blends_process_and_result_scores_and_caps_an_achievement(owner: object) -> None:
    # given a process objective at half its target and a result objective at 130 %
    objectives = [
        Objective(kind="process", metric_code="calendar_compliance", target=Decimal("90"),
                  weight=Decimal("20"), owner=owner),
        Objective(kind="result", metric_code="share_of_wallet", target=Decimal("35"),
                  weight=Decimal("50"), owner=owner),
        Objective(kind="result", metric_code="org_total", target=Decimal("70"),
                  weight=Decimal("30"), owner=owner),
    ]  # fmt: skip
    rows = {
        "calendar_compliance": _row("calendar_compliance", "45"),
        "share_of_wallet": _row("share_of_wallet", "20"),
        "org_total": _row("org_total", "91"),
    }
    # when evaluated with the default rules
    result = evaluate(objectives, rows)
    # then process 50, result 100·(50·0.5714…+30·1.2)/80 = 80.71, blend 0.4·50+0.6·80.71 = 68.43
    assert (result["process_score"], result["result_score"], result["score"]) == (
        "50.00", "80.71", "68.43",
    )  # fmt: skip
    assert [item["achievement"] for item in result["objectives"]] == ["0.5000", "0.5714", "1.3000"]
    assert [item["capped_achievement"] for item in result["objectives"]] == [
        "0.5000", "0.5714", "1.2000",
    ]  # fmt: skip
    assert [item["score_contribution"] for item in result["objectives"]] == [
        "20.00", "21.43", "27.00",
    ]  # fmt: skip
    assert result["rating"] == "improve"


def test_it_refuses_a_second_review_of_the_same_period(
    owner: object, reviewed_plan: object
) -> None:
    plan = reviewed_plan()
    _record(owner, plan, date(2026, 4, 30))
    before = database_fingerprint()
    with pytest.raises(ApplicationError) as error:
        _record(owner, plan, date(2026, 6, 30))
    assert error.value.code == "duplicate_period"
    assert error.value.message == (
        "This plan already has a review of 2026-Q2 (recorded on 2026-04-30). A review is never "
        "changed: record the next period's review instead."
    )
    assert database_fingerprint() == before


def test_it_refuses_a_viewer_and_writes_nothing(viewer: object, reviewed_plan: object) -> None:
    plan = reviewed_plan()
    before = database_fingerprint()
    with pytest.raises(PermissionDenied):
        _record(viewer, plan, date(2026, 3, 31))
    assert database_fingerprint() == before


def test_it_refuses_a_future_date_or_a_date_outside_the_plan_year(
    owner: object, reviewed_plan: object
) -> None:
    # tomorrow, in the plan of tomorrow's year (a fixed date stops being in the future)
    tomorrow = timezone.localdate() + timedelta(days=1)
    plan = reviewed_plan(tomorrow.year)
    with pytest.raises(ValidationError) as future:
        _record(owner, plan, tomorrow)
    with pytest.raises(ValidationError) as outside:
        _record(owner, plan, date(tomorrow.year - 1, 12, 31))
    assert future.value.message_dict == {"review_on": ["A review is recorded on or before today."]}
    assert outside.value.message_dict == {"review_on": ["Choose a date in the plan's year."]}
    assert Review.objects.count() == 0


def test_it_refuses_to_review_a_plan_without_objectives(owner: object, account: object) -> None:
    plan = plan_create(actor=owner, account=account, year=2026)
    with pytest.raises(ApplicationError) as error:
        _record(owner, plan, date(2026, 3, 31))
    assert error.value.code == "no_objectives"


def test_it_creates_the_corrective_actions_as_action_items(
    owner: object, account: object, teammate: object, reviewed_plan: object
) -> None:
    # given two corrective actions
    actions = [
        CorrectiveActionInput("拜访采购总监，确认框架协议续签", teammate, date(2026, 10, 15)),
        CorrectiveActionInput("补齐关键人卡片", owner, date(2026, 10, 31)),
    ]
    # when the review is recorded
    review = _record(owner, reviewed_plan(), date(2026, 9, 30), corrective_actions=actions)
    # then each is an open action item of the account, owned on our side, linked to the review
    items = ActionItem.objects.filter(review_link__review=review).order_by("due_on")
    assert [(item.description, item.owner_user, item.due_on, item.status, item.owner_side)
            for item in items] == [
        ("拜访采购总监，确认框架协议续签", teammate, date(2026, 10, 15), "open", "ours"),
        ("补齐关键人卡片", owner, date(2026, 10, 31), "open", "ours"),
    ]  # fmt: skip
    assert {item.account_id for item in items} == {account.pk}
    assert AuditEntry.objects.filter(object_uuid=review.uuid, action="create").count() == 1


def test_it_refuses_an_action_owner_outside_the_team_and_writes_nothing(
    owner: object, outsider: object, reviewed_plan: object
) -> None:
    plan = reviewed_plan()
    before = database_fingerprint()
    with pytest.raises(ValidationError) as error:
        action = CorrectiveActionInput("x", outsider, date(2026, 10, 1))
        _record(owner, plan, date(2026, 9, 30), corrective_actions=[action])
    assert error.value.message_dict == {
        "corrective_actions": [f"Corrective action 1: Not on the account team: {outsider}."]
    }
    assert database_fingerprint() == before


def test_it_seeds_next_years_plan_with_the_objectives_and_baselines_at_the_actuals(
    owner: object, account: object, reviewed_plan: object
) -> None:
    # given a 2025 plan reviewed at year end with 20 % share of wallet and 60 points
    plan = reviewed_plan(2025)
    wallet(owner, account, "2025", 200000)
    org_sheet(owner, account, 3, date(2025, 11, 1))
    review = _record(owner, plan, date(2025, 12, 31), kind="year_end")
    # when next year's plan is seeded from it
    seeded = plan_seed_next_year(actor=owner, review=review)
    # then 2026 carries both objectives, baselines = the review's actuals
    assert (seeded.year, seeded.baseline_on) == (2026, date(2025, 12, 31))
    carried = [(item.metric_code, item.kind, item.target, item.weight, item.baseline, item.owner)
               for item in seeded.objectives.order_by("created_at", "pk")]  # fmt: skip
    assert carried == [
        ("share_of_wallet", "result", Decimal("35"), Decimal("60"), Decimal("20"), owner),
        ("org_total", "result", Decimal("70"), Decimal("40"), Decimal("60"), owner),
    ]
    assert [Decimal(item["actual"]) for item in review.snapshot["objectives"]] == [
        Decimal("20"), Decimal("60"),
    ]  # fmt: skip
    assert review.period == "2025"


def test_it_refuses_to_seed_twice_or_from_a_quarterly_review(
    owner: object, account: object, reviewed_plan: object
) -> None:
    plan = reviewed_plan(2025)
    quarterly = _record(owner, plan, date(2025, 9, 30))
    year_end = _record(owner, plan, date(2025, 12, 31), kind="year_end")
    plan_seed_next_year(actor=owner, review=year_end)
    before = database_fingerprint()
    with pytest.raises(ApplicationError) as twice:
        plan_seed_next_year(actor=owner, review=year_end)
    with pytest.raises(ApplicationError) as quarter:
        plan_seed_next_year(actor=owner, review=quarterly)
    assert (twice.value.code, quarter.value.code) == ("plan_exists", "not_year_end")
    assert database_fingerprint() == before
    assert plan_for_year(account=account, year=2026) is not None


def test_it_ranks_us_by_spend_among_the_competitors(owner: object, account: object) -> None:
    # given 20 % of the spend ours, 35 % and 10 % two competitors'
    first, second = CompetitorFactory(name="西门子"), CompetitorFactory(name="ABB")
    wallet_estimate_save(
        actor=owner, account=account,
        data=WalletInput(period="2026", category_code="power", category_label="电力设备",
                         customer_total_spend=Decimal("1000000"), our_revenue=Decimal("200000"),
                         currency="CNY", competitor_shares=(ShareInput(first, Decimal("35")),
                                                            ShareInput(second, Decimal("10")))),
    )  # fmt: skip
    # then we are second of three, behind 西门子; before 2026 there is no data
    assert sow_rank(account, date(2026, 6, 30)) == {
        "period": "2026", "rank": 2, "of": 3, "ahead": ["西门子"],
    }  # fmt: skip
    assert sow_rank(account, date(2025, 12, 31)) is None
