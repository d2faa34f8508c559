"""Writes of the PDCA cycles (T10): create a cycle, edit the section of its phase, advance it,
run its check (a KPI snapshot) and close it, optionally opening the next cycle with what carries
over. Every write checks that the actor may change the account, refuses a stale version and is
audited."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kam.accounts.access import can_change_account, require
from kam.accounts.models import Account
from kam.audit.choices import AuditAction
from kam.audit.services import audit_record, audited_create
from kam.core.constraints import unique_violation_field_errors
from kam.core.exceptions import ApplicationError
from kam.core.services import save_refusing_duplicates
from kam.kpis.services import kpi_check_record
from kam.pdca.choices import Cadence, Phase
from kam.pdca.models import PdcaCycle, close_errors
from kam.pdca.rules import check_period, next_period, period_window
from kam.users.models import User

PLAN_FIELDS = ["focus_kpis", "planned_actions"]
CHECK_FIELDS = ["check_notes"]
ACT_FIELDS = ["corrective_actions", "standardise", "carry_over"]
CREATE_FIELDS = ["cadence", "period", "starts_on", "ends_on", "phase", *PLAN_FIELDS]
# What each phase lets the team edit: the plan until the check, the check's notes from the check
# on, the act in the act phase; a closed cycle is a record.
EDITABLE_FIELDS: dict[str, list[str]] = {
    Phase.PLAN: PLAN_FIELDS,
    Phase.DO: PLAN_FIELDS,
    Phase.CHECK: CHECK_FIELDS,
    Phase.ACT: [*CHECK_FIELDS, *ACT_FIELDS],
    Phase.CLOSED: [],
}
# The moves `pdca_cycle_advance` makes; do → check is the check, act → closed is the close.
ADVANCES = {Phase.PLAN: Phase.DO, Phase.CHECK: Phase.ACT}


@dataclass(frozen=True)
class PdcaCycleInput:
    """A new cycle as the team plans it."""

    cadence: str
    period: str
    focus_kpis: list[str] = field(default_factory=list)
    planned_actions: str = ""


@dataclass(frozen=True)
class CloseResult:
    """The closed cycle, and the next one when closing opened it (None when not asked for, or
    when the next period already had a cycle: `next_existed`)."""

    cycle: PdcaCycle
    next_cycle: PdcaCycle | None
    next_existed: bool = False


def _new_cycle(account: Account, cycle: PdcaCycleInput) -> PdcaCycle:
    period = cycle.period.strip().upper()
    window = period_window(cycle.cadence, period)
    starts_on, ends_on = window or (date.min, date.min)  # clean() names the bad period
    return PdcaCycle(
        account=account,
        cadence=cycle.cadence,
        period=period,
        starts_on=starts_on,
        ends_on=ends_on,
        focus_kpis=list(dict.fromkeys(cycle.focus_kpis)),
        planned_actions=cycle.planned_actions.strip(),
    )


@transaction.atomic
def pdca_cycle_create(*, actor: User, account: Account, cycle: PdcaCycleInput) -> PdcaCycle:
    """Open a cycle of the account for a month ("2026-11") or a quarter ("2026-Q4"), in Plan."""
    require(can_change_account(actor, account))
    if cycle.cadence not in Cadence.values:
        raise ValidationError({"cadence": _("Choose monthly or quarterly.")})
    try:
        return audited_create(
            actor=actor,
            instance=_new_cycle(account, cycle),
            fields=CREATE_FIELDS,
            account_uuid=account.uuid,
        )
    except ValidationError as error:
        # A second cycle starting on the same day: said on the period, in the API too.
        raise unique_violation_field_errors(error) from error


def _stale_error() -> ApplicationError:
    return ApplicationError(
        _(
            "Someone else changed this PDCA cycle after you opened it. Your changes were not "
            "saved: reload the page to see the current version, then make them again."
        ),
        code="stale_version",
        status=409,
    )


def _locked(cycle: PdcaCycle, expected_version: int | None) -> PdcaCycle:
    """The cycle read again under a row lock; refused when someone wrote after the user read."""
    locked = (
        PdcaCycle.objects.select_for_update(of=("self",)).select_related("account").get(pk=cycle.pk)
    )
    if expected_version is not None and locked.version != expected_version:
        raise _stale_error()
    return locked


def _save(actor: User, cycle: PdcaCycle, data: dict[str, object]) -> PdcaCycle:
    """Set `data` on the (locked) cycle, validate, save what changed with a new version and
    record the changes in the audit trail."""
    changes = {
        name: [getattr(cycle, name), value]
        for name, value in data.items()
        if getattr(cycle, name) != value
    }
    if not changes:
        return cycle
    for name, (_before, after) in changes.items():
        setattr(cycle, name, after)
    cycle.version += 1
    cycle.full_clean()
    save_refusing_duplicates(cycle, update_fields=[*changes, "version", "updated_at"])
    audit_record(
        actor=actor,
        instance=cycle,
        action=AuditAction.UPDATE,
        changes=changes,
        account_uuid=cycle.account.uuid,
    )
    return cycle


def _cleaned(data: dict[str, object]) -> dict[str, object]:
    cleaned = {}
    for name, value in data.items():
        if name == "focus_kpis" and isinstance(value, list):
            value = list(dict.fromkeys(value))
        cleaned[name] = value.strip() if isinstance(value, str) else value
    return cleaned


@transaction.atomic
def pdca_cycle_update(
    *, actor: User, cycle: PdcaCycle, data: dict[str, object], expected_version: int | None
) -> PdcaCycle:
    """Save the section the cycle's phase lets the team edit (plan, check notes or act)."""
    require(can_change_account(actor, cycle.account))
    locked = _locked(cycle, expected_version)
    if locked.is_closed:
        raise ApplicationError(_("This cycle is closed."), code="phase_order", status=409)
    allowed = EDITABLE_FIELDS[locked.phase]
    refused = sorted(set(data) - set(allowed))
    if refused:
        raise ApplicationError(
            _("In the {phase} phase these cannot be changed: {fields}").format(
                phase=Phase(locked.phase).label, fields=", ".join(refused)
            ),
            code="phase_locked",
            status=409,
        )
    return _save(actor, locked, _cleaned(data))


@transaction.atomic
def pdca_cycle_advance(*, actor: User, cycle: PdcaCycle, expected_version: int | None) -> PdcaCycle:
    """Plan → Do (the plan needs focus KPIs and actions) and Check → Act. Do → Check is the
    check (`pdca_cycle_check`), Act → Closed the close (`pdca_cycle_close`)."""
    require(can_change_account(actor, cycle.account))
    locked = _locked(cycle, expected_version)
    target = ADVANCES.get(Phase(locked.phase))
    if target is None:
        messages = {
            Phase.DO: _("Run the check to move this cycle from Do to Check."),
            Phase.ACT: _("Close the cycle to finish its Act phase."),
            Phase.CLOSED: _("This cycle is closed."),
        }
        raise ApplicationError(messages[Phase(locked.phase)], code="phase_order", status=409)
    if target == Phase.DO:
        errors = {}
        if not locked.focus_kpis:
            errors["focus_kpis"] = _("Choose at least one focus KPI before starting to do.")
        if not locked.planned_actions.strip():
            errors["planned_actions"] = _("Write the planned actions before starting to do.")
        if errors:
            raise ValidationError(errors)
    return _save(actor, locked, {"phase": target})


@transaction.atomic
def pdca_cycle_check(
    *,
    actor: User,
    cycle: PdcaCycle,
    note: str = "",
    expected_version: int | None,
    on: date | None = None,
) -> PdcaCycle:
    """运行检查: measure the account's KPIs now as a snapshot of the quarter the cycle starts in,
    link it to the cycle and move it from Do to Check (in Check: measure again, relink)."""
    require(can_change_account(actor, cycle.account))
    locked = _locked(cycle, expected_version)
    if locked.phase not in (Phase.DO, Phase.CHECK):
        message = (
            _("Start doing the plan before checking it.")
            if locked.phase == Phase.PLAN
            else _("This cycle's check is done.")
        )
        raise ApplicationError(message, code="phase_order", status=409)
    note = note.strip()
    snapshot = kpi_check_record(
        actor=actor,
        account=locked.account,
        period=check_period(locked.starts_on),
        note=note,
        on=on,
    )
    data: dict[str, object] = {"check_snapshot": snapshot, "phase": Phase.CHECK}
    if note:
        data["check_notes"] = note
    return _save(actor, locked, data)


def _open_next(actor: User, cycle: PdcaCycle) -> tuple[PdcaCycle | None, bool]:
    """The next cycle of the same cadence, its plan carrying the focus KPIs and the carry-over;
    (None, True) when the next period already has a cycle."""
    period = next_period(cycle.cadence, cycle.period)
    window = period_window(cycle.cadence, period)
    if window and PdcaCycle.objects.filter(account=cycle.account, starts_on=window[0]).exists():
        return None, True
    created = pdca_cycle_create(
        actor=actor,
        account=cycle.account,
        cycle=PdcaCycleInput(
            cadence=cycle.cadence,
            period=period,
            focus_kpis=list(cycle.focus_kpis),
            planned_actions=cycle.carry_over,
        ),
    )
    return created, False


@transaction.atomic
def pdca_cycle_close(
    *,
    actor: User,
    cycle: PdcaCycle,
    data: dict[str, object],
    expected_version: int | None,
    open_next: bool = False,
) -> CloseResult:
    """Close the cycle with its act (corrective actions, what to standardise, what carries
    over). Refused, with nothing written, without its check or without the act filled in; and
    only from the Act phase. `open_next` opens the next period's cycle with the carry-over."""
    require(can_change_account(actor, cycle.account))
    locked = _locked(cycle, expected_version)
    if locked.is_closed:
        raise ApplicationError(_("This cycle is closed."), code="phase_order", status=409)
    refused = sorted(set(data) - set(ACT_FIELDS))
    if refused:
        raise ApplicationError(
            _("Unknown fields of the act: {fields}").format(fields=", ".join(refused)),
            status=422,
        )
    for name, value in _cleaned(data).items():
        setattr(locked, name, value)
    errors = close_errors(locked)
    if errors:
        raise ValidationError(errors)
    if locked.phase != Phase.ACT:
        raise ApplicationError(
            _("Move the cycle to Act before closing it."), code="phase_order", status=409
        )
    acted = {name: getattr(locked, name) for name in ACT_FIELDS}
    locked.refresh_from_db(fields=ACT_FIELDS)
    closed = _save(
        actor,
        locked,
        {**acted, "phase": Phase.CLOSED, "closed_at": timezone.now(), "closed_by": actor},
    )
    if not open_next:
        return CloseResult(cycle=closed, next_cycle=None)
    created, existed = _open_next(actor, closed)
    return CloseResult(cycle=closed, next_cycle=created, next_existed=existed)
