"""Services and selectors of the annual plan: the gap list by exact content, baselines from the
catalogue, the weights rule, approval into an immutable version, a stale edit refused with
nothing written, the diff of two versions, and who may approve."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kam.core.exceptions import ApplicationError
from kam.metrics.services import manual_metric_record
from kam.plans.gaps import plan_gaps
from kam.plans.models import AccountPlan, Objective, PlanVersion
from kam.plans.selectors import plan_diff
from kam.plans.services import (
    objective_update,
    plan_approve,
    plan_item_delete,
    risk_create,
)
from kam.plans.tests.conftest import add_objective, objective_input, score_org_sheet
from tests.access_helpers import database_fingerprint

pytestmark = pytest.mark.django_db
MakePlan = Callable[..., AccountPlan]


def _keyed(account: object) -> list[tuple[str, str, str, str]]:
    """The gaps with the record uuids in their keys named, so the list can be compared exactly."""
    names = {str(row.uuid): "王总" for row in account.contacts.all()}
    names |= {str(row.uuid): "采购·中层" for row in account.raci_rows.all()}
    found = []
    for gap in plan_gaps(account=account):
        kind, _sep, rest = gap.key.partition(":")
        key = f"{kind}:{names.get(rest, rest)}" if rest else kind
        found.append((key, gap.title, gap.detail, gap.metric_code))
    return found


def test_it_lists_the_gaps_of_the_records(gappy: object) -> None:
    assert _keyed(gappy) == [
        ("org_dimension:matching", "Matching", "20.0 of 100 in 2026, below the target of 60.",
         "org_total"),
        ("key_person:王总", "王总", "Ladder level 3, target 4.", "key_persons_at_target"),
        ("low_ipa:delivery_reliability", "Delivery reliability",
         "Importance 5.0, performance 2.0 in 2026.", "satisfaction_index"),
        ("sow_headroom", "Share of wallet 20.0%", "2026: below the target share of 50.0%.",
         "share_of_wallet"),
        ("red_flag:uncovered_base:decider", "Uncovered decision role: Decider / economic buyer",
         "Nobody in this role has at least brief contact with us.", "key_person_index"),
        ("red_flag:uncovered_base:technical",
         "Uncovered decision role: Technical buyer / gatekeeper",
         "Nobody in this role has at least brief contact with us.", "key_person_index"),
        ("red_flag:uncovered_base:user", "Uncovered decision role: User buyer",
         "Nobody in this role has at least brief contact with us.", "key_person_index"),
        ("red_flag:no_coach", "No coach",
         "Nobody guides us: no mentor (support +2) and nobody at ladder level 4 or above.",
         "key_person_index"),
        ("red_flag:single_threaded", "Single-threaded",
         "Only 0 people with multiple or in-depth contact; reach at least 3.", "key_person_index"),
        ("uncovered_row:采购·中层", "Procurement · Middle management",
         "Nobody on our side is responsible (R) for this row.", "coverage_rate"),
    ]  # fmt: skip


def test_it_lists_no_gap_for_an_account_without_records(account: object) -> None:
    assert [gap.key for gap in plan_gaps(account=account)] == [
        "red_flag:uncovered_base:decider",
        "red_flag:uncovered_base:technical",
        "red_flag:uncovered_base:user",
        "red_flag:no_coach",
        "red_flag:single_threaded",
    ]


def test_it_fills_the_baseline_from_the_catalogue(
    owner: object, gappy: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    typed = add_objective(owner, plan, baseline=Decimal("99"))
    assert typed.baseline == Decimal("20")  # the share of wallet, not what was typed
    manual_metric_record(
        actor=owner, account=gappy, metric_code="gross_margin", value=Decimal("18.5"),
        measured_on=date(2026, 1, 5),
    )  # fmt: skip
    from_entry = add_objective(owner, plan, metric_code="gross_margin", weight=Decimal("20"))
    kept = add_objective(owner, plan, metric_code="gross_margin", weight=Decimal("20"),
                         baseline=Decimal("17"))  # fmt: skip
    assert (from_entry.baseline, kept.baseline) == (Decimal("18.5"), Decimal("17"))


def test_it_refuses_weights_over_100_and_writes_nothing(
    owner: object, account: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    add_objective(owner, plan, weight=Decimal("60"))
    plan.refresh_from_db()
    before = database_fingerprint()
    with pytest.raises(ValidationError) as refused:
        add_objective(owner, plan, metric_code="org_total", weight=Decimal("50"))
    assert refused.value.message_dict == {
        "weight": ["The weights would add up to 110: at most 100."]
    }
    assert database_fingerprint() == before


def test_it_refuses_an_owner_outside_the_team(
    owner: object, outsider: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    with pytest.raises(ValidationError) as refused:
        add_objective(owner, plan, owner=outsider)
    assert refused.value.message_dict == {"owner": ["Choose a member of the account team."]}
    assert Objective.objects.count() == 0


def test_it_approves_into_a_version_a_later_edit_does_not_change(
    owner: object, director: object, gappy: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    objective = add_objective(owner, plan, weight=Decimal("100"), gap_key="sow_headroom")
    plan.refresh_from_db()
    version = plan_approve(actor=director, plan=plan, expected_version=plan.version)
    frozen = PlanVersion.objects.get(pk=version.pk).snapshot
    assert (version.number, version.approved_by, frozen["objectives"][0]["target"]) == (
        1, director, "35",
    )  # fmt: skip
    plan.refresh_from_db()
    assert (plan.status, plan.approved_version) == ("approved", plan.version)
    objective_update(
        actor=owner, objective=objective,
        data=objective_input(owner, target=Decimal("40"), weight=Decimal("100")),
        expected_version=plan.version,
    )  # fmt: skip
    plan.refresh_from_db()
    assert plan.status == "draft"
    assert PlanVersion.objects.get(pk=version.pk).snapshot == frozen
    with pytest.raises(ValidationError):
        version.save()


def test_it_refuses_approval_unless_weights_add_up_to_100(
    owner: object, director: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    add_objective(owner, plan, weight=Decimal("60"))
    plan.refresh_from_db()
    with pytest.raises(ApplicationError) as refused:
        plan_approve(actor=director, plan=plan, expected_version=plan.version)
    assert (refused.value.code, refused.value.status, refused.value.message) == (
        "weights", 409, "The objectives' weights add up to 60: they must add up to 100.",
    )  # fmt: skip
    assert PlanVersion.objects.count() == 0


def test_it_refuses_a_stale_edit_and_writes_nothing(
    owner: object, teammate: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    seen = plan.version
    add_objective(teammate, plan, weight=Decimal("30"))  # someone else saves first
    before = database_fingerprint()
    with pytest.raises(ApplicationError) as refused:
        risk_create(
            actor=owner, plan=plan, description="竞品降价", probability="high", impact="high",
            mitigation="", expected_version=seen,
        )  # fmt: skip
    assert (refused.value.code, refused.value.status) == ("stale_version", 409)
    assert refused.value.message.startswith("Someone else changed this plan after you opened it.")
    assert database_fingerprint() == before


def test_it_lets_only_a_director_approve(owner: object, make_plan: MakePlan) -> None:
    plan = make_plan()
    add_objective(owner, plan, weight=Decimal("100"))
    plan.refresh_from_db()
    before = database_fingerprint()
    with pytest.raises(PermissionDenied):
        plan_approve(actor=owner, plan=plan, expected_version=plan.version)
    assert database_fingerprint() == before


def test_it_diffs_two_versions(
    owner: object, director: object, gappy: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    kept = add_objective(owner, plan, weight=Decimal("60"))
    dropped = add_objective(owner, plan, metric_code="org_total", target=Decimal("70"),
                            weight=Decimal("40"), gap_key="org_dimension:matching")  # fmt: skip
    plan.refresh_from_db()
    first = plan_approve(actor=director, plan=plan, expected_version=plan.version)
    plan.refresh_from_db()
    plan_item_delete(actor=owner, item=dropped, expected_version=plan.version)
    plan.refresh_from_db()
    objective_update(
        actor=owner, objective=kept,
        data=objective_input(owner, target=Decimal("40"), weight=Decimal("70")),
        expected_version=plan.version,
    )  # fmt: skip
    added = add_objective(owner, plan, metric_code="coverage_rate", target=Decimal("80"),
                          weight=Decimal("30"))  # fmt: skip
    score_org_sheet(
        owner, gappy, {"communication": 4, "matching": 4, "joint": 4, "identification": 4}, "2026"
    )
    plan.refresh_from_db()
    second = plan_approve(actor=director, plan=plan, expected_version=plan.version)
    diff = plan_diff(first.snapshot, second.snapshot)
    assert [(item["id"], item["target"], item["weight"]) for item in diff.objectives_added] == [
        (str(added.uuid), "80", "30")
    ]
    assert [(item["id"], item["metric_code"]) for item in diff.objectives_removed] == [
        (str(dropped.uuid), "org_total")
    ]
    assert [(c.id, c.field, c.before, c.after) for c in diff.objectives_changed] == [
        (str(kept.uuid), "target", "35", "40"),
        (str(kept.uuid), "weight", "60", "70"),
    ]
    assert [item["key"] for item in diff.gaps_closed] == ["org_dimension:matching"]
    assert diff.gaps_appeared == []
    assert (diff.strategies_added, diff.risks_added, diff.review_dates_removed) == ([], [], [])
