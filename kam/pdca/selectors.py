"""Reads of the PDCA cycles (T10): an account's cycles and its current one, the Do of a cycle
(activities logged and calendar entries in its window, computed), the Check's KPI rows from its
snapshot and the steps of the wheel."""

import uuid
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from kam.accounts.models import Account
from kam.broad.choices import BroadKpi
from kam.broad.rules import KPI_UNITS
from kam.engagement.choices import EntryStatus
from kam.engagement.models import Activity, CalendarEntry
from kam.kpis.choices import light_label
from kam.kpis.selectors import snapshot_lights
from kam.pdca.choices import WHEEL_PHASES, Phase
from kam.pdca.models import PdcaCycle
from kam.platforms.selectors import COUNTED_STATUSES

ACTIVITIES_SHOWN = 50


def pdca_cycles(*, account: Account) -> QuerySet[PdcaCycle]:
    """The account's cycles, newest first, with their check's score and who closed them."""
    return (
        PdcaCycle.objects.filter(account=account)
        .select_related("check_snapshot", "closed_by")
        .defer("check_snapshot__result", "check_snapshot__inputs")
        .order_by("-starts_on", "-pk")
    )


def pdca_cycle_current(*, account: Account) -> PdcaCycle | None:
    """The cycle the team works on: the latest open one, else the latest closed one."""
    is_closed = Case(
        When(phase=Phase.CLOSED, then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    return (
        PdcaCycle.objects.filter(account=account)
        .annotate(is_closed_order=is_closed)
        .order_by("is_closed_order", "-starts_on", "-pk")
        .first()
    )


def pdca_cycle_get(*, account: Account, cycle_uuid: uuid.UUID | str) -> PdcaCycle | None:
    """One cycle of the account with its check snapshot (None when the id is not one of its)."""
    return (
        PdcaCycle.objects.filter(account=account, uuid=cycle_uuid)
        .select_related("account", "check_snapshot__template", "closed_by")
        .first()
    )


# --- Do -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DoSummary:
    """What was done in the cycle's window: the activities logged (the newest ACTIVITIES_SHOWN)
    and the calendar entries planned (not cancelled) and done."""

    activities: list[Activity]
    activity_count: int
    entries_planned: int
    entries_done: int


def pdca_do(*, cycle: PdcaCycle) -> DoSummary:
    """The Do of a cycle, computed from the activity log and the calendar (three queries)."""
    window = (cycle.starts_on, cycle.ends_on)
    logged = Activity.objects.filter(account_id=cycle.account_id, occurred_on__range=window)
    activities = list(
        logged.select_related("mechanism", "lead").order_by("-occurred_on", "-pk")[
            :ACTIVITIES_SHOWN
        ]
    )
    count = len(activities) if len(activities) < ACTIVITIES_SHOWN else logged.count()
    entries = CalendarEntry.objects.filter(
        account_id=cycle.account_id, planned_on__range=window, status__in=COUNTED_STATUSES
    ).aggregate(planned=Count("pk"), done=Count("pk", filter=Q(status=EntryStatus.DONE)))
    return DoSummary(
        activities=activities,
        activity_count=count,
        entries_planned=entries["planned"],
        entries_done=entries["done"],
    )


# --- Check ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckRow:
    """One KPI of the cycle's check: the snapshot's target, actual, achievement and light."""

    code: str
    label: str
    unit: str
    is_focus: bool
    target: float | None
    actual: float | None
    achievement: float | None
    light: str

    @property
    def light_label(self) -> str:
        return light_label(self.light)


def pdca_check_rows(*, cycle: PdcaCycle) -> list[CheckRow]:
    """The seven KPIs as the cycle's check measured them, focus KPIs first (no query: the
    snapshot and its template come with `pdca_cycle_get`)."""
    snapshot = cycle.check_snapshot
    if snapshot is None:
        return []
    lights = snapshot_lights(snapshot)
    inputs = snapshot.inputs or {}
    targets, actuals = inputs.get("targets") or {}, inputs.get("actuals") or {}
    achievements = inputs.get("achievements") or {}
    rows = [
        CheckRow(
            code=code,
            label=str(label),
            unit=KPI_UNITS.get(code, ""),
            is_focus=code in cycle.focus_kpis,
            target=targets.get(code),
            actual=actuals.get(code),
            achievement=achievements.get(code),
            light=lights.get(code, ""),
        )
        for code, label in BroadKpi.choices
    ]
    return sorted(rows, key=lambda row: not row.is_focus)


# --- the wheel ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WheelStep:
    """One phase of the wheel and where the cycle stands against it: done, current or to_come."""

    code: str
    label: str
    state: str


def pdca_wheel(*, phase: str) -> list[WheelStep]:
    """The four phases of a cycle in the given phase (a closed cycle has done them all)."""
    position = len(WHEEL_PHASES) if phase == Phase.CLOSED else WHEEL_PHASES.index(Phase(phase))
    steps = []
    for index, step in enumerate(WHEEL_PHASES):
        state = "done" if index < position else "current" if index == position else "to_come"
        steps.append(WheelStep(code=step.value, label=str(step.label), state=state))
    return steps
