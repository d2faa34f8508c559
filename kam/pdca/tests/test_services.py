"""PDCA services: phases in order, the check as a KPI snapshot, the close refused without its
check or act (nothing written), the carry-over into the next cycle, stale and locked edits."""

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kam.assessments.models import Assessment
from kam.audit.models import AuditEntry
from kam.core.exceptions import ApplicationError
from kam.pdca.models import PdcaCycle
from kam.pdca.services import (
    PdcaCycleInput,
    pdca_cycle_advance,
    pdca_cycle_check,
    pdca_cycle_close,
    pdca_cycle_create,
    pdca_cycle_update,
)
from tests.access_helpers import database_fingerprint

pytestmark = pytest.mark.django_db
MakeCycle = Callable[..., PdcaCycle]
ACT = {
    "corrective_actions": "补齐财务部联系人",
    "standardise": "季度技术交流会",
    "carry_over": "拜访质量部",
}


def _to_act(owner: object, cycle: PdcaCycle) -> PdcaCycle:
    checked = pdca_cycle_check(actor=owner, cycle=cycle, expected_version=cycle.version)
    return pdca_cycle_advance(actor=owner, cycle=checked, expected_version=checked.version)


def test_it_opens_a_cycle_in_plan_with_its_window_and_audits_it(
    owner: object, account: object
) -> None:
    cycle = pdca_cycle_create(
        actor=owner,
        account=account,
        cycle=PdcaCycleInput(cadence="monthly", period="2026-11", focus_kpis=["coverage_rate"]),
    )
    assert (cycle.phase, cycle.version, str(cycle.starts_on), str(cycle.ends_on)) == (
        "plan",
        1,
        "2026-11-01",
        "2026-11-30",
    )
    entry = AuditEntry.objects.get(object_uuid=cycle.uuid)
    assert (entry.action, entry.changes["period"], entry.account_uuid) == (
        "create",
        [None, "2026-11"],
        account.uuid,
    )


def test_it_refuses_a_period_that_does_not_fit_the_cadence_or_a_second_start(
    owner: object, account: object, make_cycle: MakeCycle
) -> None:
    with pytest.raises(ValidationError) as refused:
        make_cycle(cadence="quarterly", period="2026-11")
    assert refused.value.message_dict == {"period": ["Write a quarter as 2026-Q4."]}
    with pytest.raises(ValidationError) as refused:
        make_cycle(focus_kpis=["coverage_rate", "made_up"])
    assert refused.value.message_dict == {"focus_kpis": ["Choose focus KPIs from the list."]}
    make_cycle()
    with pytest.raises(ValidationError) as refused:
        make_cycle(cadence="monthly", period="2026-10")  # starts on 1 October too
    assert refused.value.message_dict == {
        "period": ["This account already has a PDCA cycle starting on that day."]
    }
    assert PdcaCycle.objects.count() == 1


def test_it_advances_the_phases_in_order(
    owner: object, measurable: object, make_cycle: MakeCycle
) -> None:
    cycle = make_cycle(focus_kpis=[], planned_actions="")
    with pytest.raises(ValidationError) as refused:
        pdca_cycle_advance(actor=owner, cycle=cycle, expected_version=1)
    assert set(refused.value.message_dict) == {"focus_kpis", "planned_actions"}
    with pytest.raises(ApplicationError, match="Start doing the plan before checking it"):
        pdca_cycle_check(actor=owner, cycle=cycle, expected_version=1)
    cycle = pdca_cycle_update(
        actor=owner,
        cycle=cycle,
        data={"focus_kpis": ["coverage_rate"], "planned_actions": "拜访"},
        expected_version=1,
    )
    cycle = pdca_cycle_advance(actor=owner, cycle=cycle, expected_version=2)
    assert (cycle.phase, cycle.version) == ("do", 3)
    with pytest.raises(ApplicationError, match="Run the check") as order:
        pdca_cycle_advance(actor=owner, cycle=cycle, expected_version=3)
    assert (order.value.code, order.value.status) == ("phase_order", 409)
    cycle = pdca_cycle_check(actor=owner, cycle=cycle, note="覆盖率达标", expected_version=3)
    assert (cycle.phase, cycle.check_notes) == ("check", "覆盖率达标")
    cycle = pdca_cycle_advance(actor=owner, cycle=cycle, expected_version=cycle.version)
    assert cycle.phase == "act"
    with pytest.raises(ApplicationError, match="Close the cycle"):
        pdca_cycle_advance(actor=owner, cycle=cycle, expected_version=cycle.version)


def test_it_links_the_check_to_a_kpi_snapshot_of_the_cycles_quarter(
    owner: object, measurable: object, make_cycle: MakeCycle
) -> None:
    cycle = make_cycle(cadence="monthly", period="2026-11", doing=True)
    cycle = pdca_cycle_check(actor=owner, cycle=cycle, note="月度检查", expected_version=2)
    snapshot = Assessment.objects.get(tool_code="broad_kpi")
    assert cycle.check_snapshot == snapshot
    assert (snapshot.period, snapshot.note) == ("2026-Q4", "月度检查")
    assert snapshot.inputs["actuals"]["coverage_rate"] == 100.0
    assert snapshot.inputs["targets"]["coverage_rate"] == 80
    changes = AuditEntry.objects.filter(object_uuid=cycle.uuid).latest("pk").changes
    assert changes["phase"] == ["do", "check"]


def test_it_writes_nothing_when_the_check_cannot_measure(
    owner: object, account: object, make_cycle: MakeCycle
) -> None:
    cycle = make_cycle(doing=True)
    before = database_fingerprint()
    with pytest.raises(ApplicationError, match="no category"):
        pdca_cycle_check(actor=owner, cycle=cycle, expected_version=2)
    assert database_fingerprint() == before


def test_it_refuses_to_close_without_the_act_and_writes_nothing(
    owner: object, measurable: object, make_cycle: MakeCycle
) -> None:
    cycle = _to_act(owner, make_cycle(doing=True))
    before = database_fingerprint()
    with pytest.raises(ValidationError) as refused:
        pdca_cycle_close(
            actor=owner,
            cycle=cycle,
            data={"corrective_actions": "  ", "carry_over": "拜访质量部"},
            expected_version=cycle.version,
            open_next=True,
        )
    assert refused.value.message_dict == {
        "corrective_actions": ["Say what you will correct before closing the cycle."],
        "standardise": ["Say what worked and becomes standard before closing the cycle."],
    }
    assert database_fingerprint() == before


def test_it_refuses_to_close_without_the_check_and_writes_nothing(
    owner: object, make_cycle: MakeCycle
) -> None:
    cycle = make_cycle(doing=True)
    before = database_fingerprint()
    with pytest.raises(ValidationError) as refused:
        pdca_cycle_close(actor=owner, cycle=cycle, data=ACT, expected_version=2)
    assert refused.value.message_dict == {
        "check_snapshot": ["Run the check first: a cycle closes only with its KPI snapshot."]
    }
    assert database_fingerprint() == before


def test_it_closes_and_carries_over_into_the_next_cycle(
    owner: object, measurable: object, make_cycle: MakeCycle
) -> None:
    cycle = _to_act(owner, make_cycle(doing=True))
    result = pdca_cycle_close(
        actor=owner, cycle=cycle, data=ACT, expected_version=cycle.version, open_next=True
    )
    closed = PdcaCycle.objects.get(pk=cycle.pk)
    assert (closed.phase, closed.closed_by, closed.standardise) == (
        "closed",
        owner,
        "季度技术交流会",
    )
    assert closed.closed_at is not None
    following = result.next_cycle
    assert following is not None
    assert (following.period, following.cadence, following.phase) == (
        "2027-Q1",
        "quarterly",
        "plan",
    )
    assert following.planned_actions == "拜访质量部"
    assert following.focus_kpis == ["coverage_rate", "supporter_share"]
    assert AuditEntry.objects.filter(object_uuid=closed.uuid).latest("pk").changes["phase"] == [
        "act",
        "closed",
    ]
    with pytest.raises(ApplicationError, match="This cycle is closed"):
        pdca_cycle_update(actor=owner, cycle=closed, data={}, expected_version=closed.version)


def test_it_does_not_open_a_next_cycle_that_already_exists(
    owner: object, measurable: object, make_cycle: MakeCycle
) -> None:
    cycle = _to_act(owner, make_cycle(doing=True))
    make_cycle(period="2027-Q1")
    result = pdca_cycle_close(
        actor=owner, cycle=cycle, data=ACT, expected_version=cycle.version, open_next=True
    )
    assert (result.next_cycle, result.next_existed) == (None, True)
    assert PdcaCycle.objects.count() == 2


def test_it_refuses_a_stale_edit_and_a_section_the_phase_locks(
    owner: object, teammate: object, make_cycle: MakeCycle
) -> None:
    cycle = make_cycle()
    pdca_cycle_update(
        actor=teammate, cycle=cycle, data={"planned_actions": "新"}, expected_version=1
    )
    before = database_fingerprint()
    with pytest.raises(ApplicationError, match="Someone else changed") as stale:
        pdca_cycle_update(
            actor=owner, cycle=cycle, data={"planned_actions": "旧"}, expected_version=1
        )
    assert (stale.value.code, stale.value.status) == ("stale_version", 409)
    with pytest.raises(ApplicationError, match="cannot be changed: standardise") as locked:
        pdca_cycle_update(actor=owner, cycle=cycle, data={"standardise": "x"}, expected_version=2)
    assert locked.value.code == "phase_locked"
    assert database_fingerprint() == before


def test_it_lets_only_the_team_change_a_cycle(
    viewer: object, outsider: object, make_cycle: MakeCycle
) -> None:
    cycle = make_cycle()
    before = database_fingerprint()
    for person in (viewer, outsider):
        with pytest.raises(PermissionDenied):
            pdca_cycle_advance(actor=person, cycle=cycle, expected_version=1)
        with pytest.raises(PermissionDenied):
            pdca_cycle_update(
                actor=person, cycle=cycle, data={"planned_actions": "x"}, expected_version=1
            )
    assert database_fingerprint() == before
