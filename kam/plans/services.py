"""Writes of the annual plan (T13): create a plan, edit its lists (objectives, strategies,
budget lines, risks, review dates) and approve it into an immutable version. Every write checks
that the actor may change the account, refuses a stale plan version (someone else saved since
the user read it), moves the plan's version on and is audited."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kam.accounts.access import can_administer_portfolio, can_change_account, require
from kam.accounts.models import Account
from kam.audit.choices import AuditAction
from kam.audit.services import audit_record, audited_create, audited_delete, audited_update
from kam.core.constraints import unique_violation_field_errors
from kam.core.exceptions import ApplicationError
from kam.metrics.registry import definition_for
from kam.metrics.selectors import metric_value
from kam.plans.gaps import plan_gaps
from kam.plans.models import (
    AccountPlan,
    BudgetLine,
    Objective,
    PlanVersion,
    ReviewDate,
    Risk,
    Strategy,
)
from kam.plans.people_diff import frozen_key_people
from kam.plans.reads import PlanReads
from kam.plans.selectors import plan_snapshot, snapshot_gaps, team_users
from kam.users.models import User

OBJECTIVE_FIELDS = [
    "kind", "metric_code", "baseline", "target", "weight", "comparison_basis", "owner",
    "frequency", "data_source", "gap_key",
]  # fmt: skip
WEIGHT_TOTAL = Decimal("100")
PlanListItem = Objective | Strategy | BudgetLine | Risk | ReviewDate


@dataclass(frozen=True)
class ObjectiveInput:
    kind: str
    metric_code: str
    target: Decimal
    weight: Decimal
    comparison_basis: str
    owner: User
    frequency: str
    baseline: Decimal | None = None  # kept only for a manual metric
    gap_key: str = ""
    data_source: str = ""  # blank: the catalogue's source of a computed metric


@dataclass(frozen=True)
class StrategyInput:
    description: str
    tactic_tier: str
    gap_keys: list[str] = field(default_factory=list)


def quarter_ends(year: int) -> list[date]:
    return [date(year, 3, 31), date(year, 6, 30), date(year, 9, 30), date(year, 12, 31)]


@transaction.atomic
def plan_create(
    *, actor: User, account: Account, year: int, baseline_on: date | None = None
) -> AccountPlan:
    """Open the account's plan for a year, with the baseline date today (or the given one: a
    plan seeded from a year-end review takes the review's date) and a review at the end of each
    quarter (section 10's default)."""
    require(can_change_account(actor, account))
    plan = AccountPlan(
        account=account,
        year=year,
        baseline_on=baseline_on or timezone.localdate(),
        created_by=actor,
    )
    try:
        plan = audited_create(
            actor=actor, instance=plan, fields=["year", "baseline_on"], account_uuid=account.uuid
        )
    except ValidationError as error:
        raise unique_violation_field_errors(error) from error
    for review_on in quarter_ends(year):
        ReviewDate.objects.create(plan=plan, review_on=review_on)
    return plan


def _stale_error() -> ApplicationError:
    return ApplicationError(
        _(
            "Someone else changed this plan after you opened it. Your changes were not saved: "
            "reload the page to see the current version, then make them again."
        ),
        code="stale_version",
        status=409,
    )


def _locked(plan: AccountPlan, expected_version: int | None) -> AccountPlan:
    """The plan read again under a row lock; refused when someone wrote after the user read."""
    locked = (
        AccountPlan.objects.select_for_update(of=("self",))
        .select_related("account")
        .get(pk=plan.pk)
    )
    if expected_version is not None and locked.version != expected_version:
        raise _stale_error()
    return locked


def _edit(actor: User, plan: AccountPlan, expected_version: int | None) -> AccountPlan:
    require(can_change_account(actor, plan.account))
    locked = _locked(plan, expected_version)
    locked.version += 1
    locked.save(update_fields=["version", "updated_at"])
    return locked


def _baseline(plan: AccountPlan, code: str, typed: Decimal | None) -> Decimal | None:
    """The catalogue's value at the plan's baseline date; a manual metric keeps what was typed
    (or its latest entry when nothing was)."""
    definition = definition_for(code)
    if definition is None:
        return None
    if definition.is_manual and typed is not None:
        return typed
    value = metric_value(code, plan.account, plan.baseline_on).value
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.0001"))


def _check_objective(plan: AccountPlan, objective: Objective) -> None:
    objective.full_clean()
    if objective.owner_id not in {user.pk for user in team_users(account=plan.account)}:
        raise ValidationError({"owner": _("Choose a member of the account team.")})
    others = plan.objectives.exclude(pk=objective.pk).aggregate(total=models.Sum("weight"))
    total = (others["total"] or Decimal(0)) + objective.weight
    if total > WEIGHT_TOTAL:
        raise ValidationError(
            {
                "weight": _("The weights would add up to {total}: at most 100.").format(
                    total=format(total.normalize(), "f")
                )
            }
        )


def _objective_values(plan: AccountPlan, data: ObjectiveInput) -> dict[str, object]:
    return {
        "kind": data.kind,
        "metric_code": data.metric_code,
        "baseline": _baseline(plan, data.metric_code, data.baseline),
        "target": data.target,
        "weight": data.weight,
        "comparison_basis": data.comparison_basis,
        "owner": data.owner,
        "frequency": data.frequency,
        "data_source": data.data_source.strip() or _default_data_source(data.metric_code),
        "gap_key": data.gap_key.strip(),
    }


def _default_data_source(code: str) -> str:
    """The catalogue's data source of a computed metric; blank for a manual one (the team must
    say where its number comes from)."""
    definition = definition_for(code)
    if definition is None or definition.is_manual:
        return ""
    return str(definition.data_source)


@transaction.atomic
def objective_create(
    *, actor: User, plan: AccountPlan, data: ObjectiveInput, expected_version: int | None
) -> Objective:
    """Add an objective; its baseline is the catalogue's value at the plan's baseline date."""
    locked = _edit(actor, plan, expected_version)
    objective = Objective(plan=locked, **_objective_values(locked, data))
    _check_objective(locked, objective)
    return audited_create(
        actor=actor, instance=objective, fields=OBJECTIVE_FIELDS, account_uuid=locked.account.uuid
    )


@transaction.atomic
def objective_update(
    *, actor: User, objective: Objective, data: ObjectiveInput, expected_version: int | None
) -> Objective:
    locked = _edit(actor, objective.plan, expected_version)
    values = _objective_values(locked, data)
    changes = {
        name: [getattr(objective, name), value]
        for name, value in values.items()
        if getattr(objective, name) != value
    }
    for name, value in values.items():
        setattr(objective, name, value)
    _check_objective(locked, objective)
    objective.save()
    audit_record(
        actor=actor,
        instance=objective,
        action=AuditAction.UPDATE,
        changes=changes,
        account_uuid=locked.account.uuid,
    )
    return objective


def _add(actor: User, plan: AccountPlan, item: PlanListItem, fields: list[str]) -> PlanListItem:
    return audited_create(actor=actor, instance=item, fields=fields, account_uuid=plan.account.uuid)


@transaction.atomic
def strategy_create(
    *, actor: User, plan: AccountPlan, data: StrategyInput, expected_version: int | None
) -> Strategy:
    locked = _edit(actor, plan, expected_version)
    known = {gap.key for gap in plan_gaps(account=locked.account)}
    unknown = [key for key in data.gap_keys if key not in known]
    if unknown:
        raise ValidationError({"gap_keys": _("Choose gaps of the plan's gap list.")})
    item = Strategy(
        plan=locked,
        description=data.description.strip(),
        tactic_tier=data.tactic_tier,
        gap_keys=list(dict.fromkeys(data.gap_keys)),
    )
    return _add(actor, locked, item, ["description", "tactic_tier", "gap_keys"])  # type: ignore[return-value]


@transaction.atomic
def budget_line_create(
    *,
    actor: User,
    plan: AccountPlan,
    description: str,
    amount: Decimal,
    currency: str,
    expected_version: int | None,
) -> BudgetLine:
    locked = _edit(actor, plan, expected_version)
    item = BudgetLine(
        plan=locked, description=description.strip(), amount=amount, currency=currency
    )
    return _add(actor, locked, item, ["description", "amount", "currency"])  # type: ignore[return-value]


@transaction.atomic
def risk_create(
    *,
    actor: User,
    plan: AccountPlan,
    description: str,
    probability: str,
    impact: str,
    mitigation: str,
    expected_version: int | None,
) -> Risk:
    locked = _edit(actor, plan, expected_version)
    item = Risk(
        plan=locked,
        description=description.strip(),
        probability=probability,
        impact=impact,
        mitigation=mitigation.strip(),
    )
    return _add(actor, locked, item, ["description", "probability", "impact", "mitigation"])  # type: ignore[return-value]


@transaction.atomic
def review_date_create(
    *, actor: User, plan: AccountPlan, review_on: date, label: str, expected_version: int | None
) -> ReviewDate:
    locked = _edit(actor, plan, expected_version)
    if review_on.year != locked.year:
        raise ValidationError({"review_on": _("Choose a date in the plan's year.")})
    item = ReviewDate(plan=locked, review_on=review_on, label=label.strip())
    return _add(actor, locked, item, ["review_on", "label"])  # type: ignore[return-value]


ITEM_FIELDS: dict[type[PlanListItem], list[str]] = {
    Strategy: ["description", "tactic_tier", "gap_keys"],
    BudgetLine: ["description", "amount", "currency"],
    Risk: ["description", "probability", "impact", "mitigation"],
    ReviewDate: ["review_on", "label"],
}


def _cleaned(item: PlanListItem, locked: AccountPlan, data: dict[str, Any]) -> dict[str, Any]:
    """The edited values as the create services store them (trimmed, checked against the
    plan: gaps of the gap list, a review date in the plan's year)."""
    values: dict[str, Any] = {name: value.strip() if isinstance(value, str) else value
                              for name, value in data.items()}  # fmt: skip
    if isinstance(item, Strategy):
        known = {gap.key for gap in plan_gaps(account=locked.account)}
        keys = list(values.get("gap_keys") or [])
        if any(key not in known for key in keys):
            raise ValidationError({"gap_keys": _("Choose gaps of the plan's gap list.")})
        values["gap_keys"] = list(dict.fromkeys(keys))
    if isinstance(item, ReviewDate) and values["review_on"].year != locked.year:
        raise ValidationError({"review_on": _("Choose a date in the plan's year.")})
    return values


@transaction.atomic
def plan_item_update(
    *, actor: User, item: PlanListItem, data: dict[str, Any], expected_version: int | None
) -> PlanListItem:
    """Edit a strategy, budget line, risk or review date of the draft (`data`: its fields as
    the add forms take them); refused when stale, audited with each field before and after."""
    locked = _edit(actor, item.plan, expected_version)
    fields = ITEM_FIELDS[type(item)]
    values = _cleaned(item, locked, {name: data[name] for name in fields})
    item.plan = locked
    return audited_update(
        actor=actor, instance=item, data=values, fields=fields, account_uuid=locked.account.uuid
    )


@transaction.atomic
def plan_item_delete(*, actor: User, item: PlanListItem, expected_version: int | None) -> None:
    """Remove an objective, strategy, budget line, risk or review date from the draft."""
    locked = _edit(actor, item.plan, expected_version)
    audited_delete(
        actor=actor,
        instance=item,
        changes={"deleted": [str(item), None]},
        account_uuid=locked.account.uuid,
    )


@transaction.atomic
def plan_approve(*, actor: User, plan: AccountPlan, expected_version: int | None) -> PlanVersion:
    """A director approves the draft: its objectives, gaps, strategies, risks and review dates
    are frozen as the next `PlanVersion`. Refused when the weights do not add up to 100 or when
    nothing changed since the last approval."""
    require(can_administer_portfolio(actor))
    locked = _locked(plan, expected_version)
    if locked.approved_version == locked.version:
        raise ApplicationError(
            _("This version is already approved: change the plan before approving again."),
            code="already_approved",
            status=409,
        )
    total = locked.objectives.aggregate(total=models.Sum("weight"))["total"] or Decimal(0)
    if total != WEIGHT_TOTAL:
        raise ApplicationError(
            _("The objectives' weights add up to {total}: they must add up to 100.").format(
                total=format(total.normalize(), "f")
            ),
            code="weights",
            status=409,
        )
    number = (locked.versions.aggregate(top=models.Max("number"))["top"] or 0) + 1
    reads = PlanReads(account=locked.account)
    version = PlanVersion.objects.create(
        plan=locked,
        number=number,
        snapshot=plan_snapshot(
            plan=locked,
            gaps=snapshot_gaps(account=locked.account, reads=reads),
            key_people=frozen_key_people(reads.power_map),
        ),
        approved_by=actor,
        approved_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        instance=version,
        action=AuditAction.CREATE,
        changes={"number": [None, number]},
        account_uuid=locked.account.uuid,
    )
    locked.approved_version = locked.version
    locked.save(update_fields=["approved_version", "updated_at"])
    return version
