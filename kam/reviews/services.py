"""Writes of the plan reviews (T13 回顾): record a review (its snapshot frozen, its corrective
actions created as engagement action items) and seed next year's plan from a year-end review.
Every write checks that the actor may change the account, validates and is audited."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kam.accounts.access import can_change_account, require
from kam.audit.services import audited_create
from kam.core.constraints import unique_violation_field_errors
from kam.core.exceptions import ApplicationError
from kam.engagement.choices import OwnerSide
from kam.engagement.meetings.actions import ActionItemInput, action_item_create
from kam.lib.periods import period_window, quarter_of
from kam.metrics.registry import definition_for
from kam.pdca.choices import Phase
from kam.plans.models import AccountPlan
from kam.plans.selectors import plan_for_year, plan_objectives, team_users
from kam.plans.services import ObjectiveInput, objective_create, plan_create
from kam.reviews.choices import ReviewKind
from kam.reviews.evaluation import review_snapshot
from kam.reviews.models import Review, ReviewAction
from kam.reviews.selectors import previous_review
from kam.users.models import User

REVIEW_FIELDS = ["kind", "period", "review_on", "phase", "findings", "reviewer"]


@dataclass(frozen=True)
class CorrectiveActionInput:
    """A corrective action the review agrees: what, who on the team owns it, by when."""

    description: str
    owner: User
    due_on: date


def review_period(plan: AccountPlan, kind: str, review_on: date) -> tuple[str, date, date]:
    """The period a review looks back on: the quarter of its date, or the plan year at its end.
    A quarterly review falls in the plan's year; a year-end review in it or the first quarter
    of the next."""
    if kind == ReviewKind.YEAR_END:
        if not date(plan.year, 1, 1) <= review_on <= date(plan.year + 1, 3, 31):
            raise ValidationError(
                {"review_on": _("Choose a date in the plan's year or the first quarter after it.")}
            )
        period = str(plan.year)
    else:
        if review_on.year != plan.year:
            raise ValidationError({"review_on": _("Choose a date in the plan's year.")})
        period = quarter_of(review_on)
    start, end = period_window(period)
    return period, start, end


def _validate(plan: AccountPlan, kind: str, phase: str, review_on: date) -> None:
    errors = {}
    if kind not in ReviewKind.values:
        errors["kind"] = _("Choose a quarterly or a year-end review.")
    if phase not in Phase.values:
        errors["phase"] = _("Choose a PDCA phase.")
    if review_on > timezone.localdate():
        errors["review_on"] = _("A review is recorded on or before today.")
    if errors:
        raise ValidationError(errors)


def _refuse_duplicate(plan: AccountPlan, period: str) -> None:
    existing = plan.reviews.filter(period=period).first()
    if existing is not None:
        raise ApplicationError(
            _(
                "This plan already has a review of {period} (recorded on {date}). A review is "
                "never changed: record the next period's review instead."
            ).format(period=period, date=existing.review_on.isoformat()),
            code="duplicate_period",
            status=409,
        )


def _add_actions(actor: User, review: Review, actions: list[CorrectiveActionInput]) -> None:
    account = review.plan.account
    for index, action in enumerate(actions):
        try:
            item = action_item_create(
                actor=actor,
                account=account,
                action=ActionItemInput(
                    description=action.description,
                    owner_side=OwnerSide.OURS,
                    due_on=action.due_on,
                    owner_user=action.owner,
                ),
            )
        except ValidationError as error:
            messages = error.messages
            raise ValidationError(
                {"corrective_actions": _("Corrective action {number}: {problem}").format(
                    number=index + 1, problem=" ".join(messages))}
            ) from error  # fmt: skip
        link = ReviewAction(review=review, action_item=item)
        link.full_clean()
        link.save()


@transaction.atomic
def review_record(
    *,
    actor: User,
    plan: AccountPlan,
    kind: str,
    review_on: date,
    findings: str,
    phase: str,
    corrective_actions: list[CorrectiveActionInput],
) -> Review:
    """Review the plan on a date: its objectives against their actuals as of that date, the
    scores and the rating, the comparisons with the previous review (or the period start) and
    with the competitors, frozen once; the corrective actions become action items. A second
    review of the same plan and period is refused."""
    require(can_change_account(actor, plan.account))
    locked = (
        AccountPlan.objects.select_for_update(of=("self",))
        .select_related("account")
        .get(pk=plan.pk)
    )
    _validate(locked, kind, phase, review_on)
    period, start, end = review_period(locked, kind, review_on)
    _refuse_duplicate(locked, period)
    objectives = list(plan_objectives(plan=locked))
    if not objectives:
        raise ApplicationError(
            _("The plan has no objective yet: add objectives before reviewing it."),
            code="no_objectives",
            status=409,
        )
    earlier = previous_review(account=locked.account, before=review_on)
    compared_on = earlier.review_on if earlier else start
    snapshot = review_snapshot(
        plan=locked,
        objectives=objectives,
        review_on=review_on,
        compared_on=compared_on,
        compared_with=str(earlier.uuid) if earlier else "period_start",
    )
    review = Review(
        plan=locked, kind=kind, period=period, period_start=start, period_end=end,
        review_on=review_on, phase=phase, findings=findings.strip(), reviewer=actor,
        snapshot=snapshot,
    )  # fmt: skip
    try:
        review = audited_create(
            actor=actor, instance=review, fields=REVIEW_FIELDS, account_uuid=locked.account.uuid
        )
    except ValidationError as error:
        raise unique_violation_field_errors(error) from error
    _add_actions(actor, review, corrective_actions)
    return review


def _owner(row: dict, team: list[User], fallback: User) -> User:
    return next((user for user in team if str(user.uuid) == row.get("owner")), fallback)


@transaction.atomic
def plan_seed_next_year(*, actor: User, review: Review) -> AccountPlan:
    """A year-end review opens next year's plan: the reviewed objectives carried over (same
    metric, type, target, weight, basis and frequency), with the review's date as the baseline
    date, so each baseline is the actual the review saw. Refused when that plan exists."""
    plan = review.plan
    account = plan.account
    require(can_change_account(actor, account))
    if review.kind != ReviewKind.YEAR_END:
        raise ApplicationError(
            _("Only a year-end review opens next year's plan."), code="not_year_end", status=409
        )
    year = plan.year + 1
    if plan_for_year(account=account, year=year) is not None:
        raise ApplicationError(
            _("The account already has a plan for {year}: open it to change it.").format(year=year),
            code="plan_exists",
            status=409,
        )
    seeded = plan_create(actor=actor, account=account, year=year, baseline_on=review.review_on)
    team = team_users(account=account)
    fallback = account.owner or actor
    for row in review.snapshot.get("objectives", []):
        definition = definition_for(row["metric_code"])
        if definition is None:
            continue
        manual = definition.is_manual and row.get("actual") is not None
        seeded.refresh_from_db()
        objective_create(
            actor=actor,
            plan=seeded,
            data=ObjectiveInput(
                kind=row["kind"], metric_code=row["metric_code"], target=Decimal(row["target"]),
                weight=Decimal(row["weight"]), comparison_basis=row["comparison_basis"],
                owner=_owner(row, team, fallback), frequency=row["frequency"],
                baseline=Decimal(row["actual"]) if manual else None,
            ),
            expected_version=seeded.version,
        )  # fmt: skip
    return seeded
