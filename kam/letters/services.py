"""Writes of the responsibility letters: generate a letter from a plan's objectives of one
owner, sign it (the owner first, then an approver), close it (score and freeze it), and add a
version of the evaluation rules. Every write checks the actor's right and is audited.

Regeneration: a draft or a letter only its owner has signed is regenerated in place (the
owner signs again); a signed letter is never regenerated: once it is closed, a new generation
makes a new letter beside it."""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kam.accounts.access import can_administer_portfolio, can_change_account, require
from kam.audit.choices import AuditAction
from kam.audit.services import audit_record, audited_create
from kam.core.exceptions import ApplicationError
from kam.letters.choices import OPEN_STATUSES, LetterStatus
from kam.letters.models import EvaluationRuleSet, LetterObjective, ResponsibilityLetter
from kam.letters.selectors import (
    both_languages,
    current_rule_set,
    current_rules,
    letter_evaluation,
    letter_objectives,
    measurability_problems,
    rules_to_json,
)
from kam.metrics.registry import definition_for
from kam.plans.models import AccountPlan, Objective
from kam.users.models import User

HUNDRED = Decimal("100.00")
CENT = Decimal("0.01")
RULE_FIELDS = ["number", "process_share", "cap", "excellent_from", "good_from", "pass_from"]


def may_approve(user: User) -> bool:
    """Who signs a letter as the approver: whoever approves plans (kam.plans.services)."""
    return can_administer_portfolio(user)


def normalized_weights(weights: list[Decimal]) -> list[Decimal]:
    """The weights scaled to add up to exactly 100.00 (the rounding remainder goes to the
    largest weight, the first of equals)."""
    total = sum(weights, Decimal(0))
    scaled = [(weight * HUNDRED / total).quantize(CENT, ROUND_HALF_UP) for weight in weights]
    largest = scaled.index(max(scaled))
    scaled[largest] += HUNDRED - sum(scaled, Decimal(0))
    return scaled


def _frozen_objective(
    letter: ResponsibilityLetter, objective: Objective, weight: Decimal, position: int
) -> LetterObjective:
    definition = definition_for(objective.metric_code)
    label = both_languages(lambda: objective.metric_label)
    formula = (
        both_languages(lambda: definition.formula) if definition and definition.formula else {}
    )
    return LetterObjective(
        letter=letter, source=objective, metric_code=objective.metric_code, label=label,
        kind=objective.kind, unit=definition.unit if definition else "",
        direction=definition.direction if definition else "higher",
        is_stage=bool(definition and definition.is_stage), baseline=objective.baseline,
        target=objective.target, weight=weight, comparison_basis=objective.comparison_basis,
        data_source=objective.data_source, frequency=objective.frequency,
        formula=formula,
        position=position,
    )  # fmt: skip


def _open_letter(plan: AccountPlan, owner: User) -> ResponsibilityLetter | None:
    return (
        ResponsibilityLetter.objects.select_for_update()
        .filter(plan=plan, owner=owner)
        .exclude(status=LetterStatus.CLOSED)
        .first()
    )


def _reset(letter: ResponsibilityLetter, actor: User) -> ResponsibilityLetter:
    if letter.status not in OPEN_STATUSES:
        raise ApplicationError(
            _(
                "This owner's letter is signed: it cannot be regenerated. Close it first; a "
                "new generation then makes a new letter."
            ),
            code="letter_signed",
            status=409,
        )
    letter.objectives.all().delete()
    letter.status = LetterStatus.DRAFT
    letter.signed_by_owner_at = None
    letter.generated_by = actor
    return letter


@transaction.atomic
def letter_generate(*, plan: AccountPlan, owner: User, actor: User) -> ResponsibilityLetter:
    """The owner's letter from the plan's objectives they own, with their weights scaled to
    add up to 100 and the evaluation rules in force. Replaces the owner's open draft."""
    require(can_change_account(actor, plan.account))
    objectives = list(plan.objectives.filter(owner=owner).order_by("created_at", "pk"))
    if not objectives:
        raise ValidationError(
            {"owner": _("{owner} owns no objective of this plan.").format(owner=owner)}
        )
    rule_set = current_rule_set()
    existing = _open_letter(plan, owner)
    letter = existing and _reset(existing, actor)
    if letter is None:
        letter = ResponsibilityLetter(plan=plan, owner=owner, generated_by=actor)
    letter.period_start, letter.period_end = date(plan.year, 1, 1), date(plan.year, 12, 31)
    letter.rules = rules_to_json(current_rules(), rule_set.number if rule_set else 0)
    letter.full_clean()
    letter.save()
    weights = normalized_weights([item.weight for item in objectives])
    LetterObjective.objects.bulk_create(
        [
            _frozen_objective(letter, item, weight, position)
            for position, (item, weight) in enumerate(zip(objectives, weights, strict=True))
        ]
    )
    audit_record(
        actor=actor, instance=letter,
        action=AuditAction.UPDATE if existing else AuditAction.CREATE,
        changes={"status": [None, LetterStatus.DRAFT], "objectives": [None, len(objectives)]},
        account_uuid=plan.account.uuid,
    )  # fmt: skip
    return letter


def _locked(letter: ResponsibilityLetter) -> ResponsibilityLetter:
    return (
        ResponsibilityLetter.objects.select_for_update(of=("self",))
        .select_related("plan__account", "owner")
        .get(pk=letter.pk)
    )


def _require_measurable(letter: ResponsibilityLetter) -> None:
    problems = measurability_problems(letter_objectives(letter=letter))
    if problems:
        raise ApplicationError(
            _(
                "This letter cannot be signed: every objective must be countable, measurable "
                "and assessable. {problems}."
            ).format(problems=_("; ").join(problems)),
            code="not_measurable",
            status=409,
        )


def _sign_as_owner(letter: ResponsibilityLetter, actor: User, now: datetime) -> str:
    if actor.pk != letter.owner_id:
        if may_approve(actor):
            raise ApplicationError(
                _("The owner signs first; the approver signs after."),
                code="owner_first",
                status=409,
            )
        raise PermissionDenied(_("Only the letter's owner signs it first."))
    letter.signed_by_owner_at, letter.status = now, LetterStatus.OWNER_SIGNED
    return "signed_by_owner_at"


def _sign_as_approver(letter: ResponsibilityLetter, actor: User, now: datetime) -> str:
    if not may_approve(actor):
        raise PermissionDenied(_("Only a director signs a letter as the approver."))
    if actor.pk == letter.owner_id:
        raise ApplicationError(
            _("You signed as the owner: another director signs as the approver."),
            code="approver_is_owner",
            status=409,
        )
    letter.approver, letter.signed_by_approver_at = actor, now
    letter.status = LetterStatus.SIGNED
    return "signed_by_approver_at"


@transaction.atomic
def letter_sign(*, letter: ResponsibilityLetter, actor: User) -> ResponsibilityLetter:
    """The owner signs, then a director signs as the approver (timestamped and audited).
    Refused unless every objective is countable, measurable and assessable."""
    locked = _locked(letter)
    if actor.pk != locked.owner_id and not may_approve(actor):
        raise PermissionDenied(_("Only the letter's owner and an approver sign it."))
    if locked.status not in OPEN_STATUSES:
        raise ApplicationError(
            _("This letter is already signed."), code="already_signed", status=409
        )
    _require_measurable(locked)
    now, before = timezone.now(), locked.status
    if locked.status == LetterStatus.DRAFT:
        field = _sign_as_owner(locked, actor, now)
    else:
        field = _sign_as_approver(locked, actor, now)
    locked.save()
    audit_record(
        actor=actor, instance=locked, action=AuditAction.UPDATE,
        changes={field: [None, now], "status": [before, locked.status]},
        account_uuid=locked.plan.account.uuid,
    )  # fmt: skip
    return locked


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


@transaction.atomic
def letter_close(*, letter: ResponsibilityLetter, actor: User, on: date) -> ResponsibilityLetter:
    """A director closes a signed letter: it is scored with its own rules from the catalogue's
    actuals as of `on`, and the score is frozen."""
    require(may_approve(actor))
    locked = _locked(letter)
    if locked.status != LetterStatus.SIGNED:
        raise ApplicationError(
            _("Only a letter signed by its owner and its approver can be closed."),
            code="not_signed",
            status=409,
        )
    evaluation = letter_evaluation(
        letter=locked, objectives=letter_objectives(letter=locked), on=on
    )
    locked.results = [
        {"id": str(row.objective.uuid), "actual": _text(row.actual),
         "achievement": _text(row.achievement), "counted": _text(row.counted)}
        for row in evaluation.rows
    ]  # fmt: skip
    locked.process_score, locked.result_score = evaluation.process_score, evaluation.result_score
    locked.final_score, locked.rating = evaluation.score, evaluation.rating or ""
    locked.closed_on, locked.status = on, LetterStatus.CLOSED
    locked.save()
    audit_record(
        actor=actor, instance=locked, action=AuditAction.UPDATE,
        changes={"status": [LetterStatus.SIGNED, LetterStatus.CLOSED],
                 "final_score": [None, locked.final_score], "rating": [None, locked.rating]},
        account_uuid=locked.plan.account.uuid,
    )  # fmt: skip
    return locked


@transaction.atomic
def rule_set_create(
    *,
    actor: User,
    process_share: Decimal,
    cap: Decimal,
    excellent_from: Decimal,
    good_from: Decimal,
    pass_from: Decimal,
) -> EvaluationRuleSet:
    """A new version of the evaluation rules (letters generated from now on use it)."""
    require(can_administer_portfolio(actor))
    top = EvaluationRuleSet.objects.select_for_update().aggregate(top=models.Max("number"))
    rule_set = EvaluationRuleSet(
        number=(top["top"] or 0) + 1, process_share=process_share, cap=cap,
        excellent_from=excellent_from, good_from=good_from, pass_from=pass_from,
        created_by=actor,
    )  # fmt: skip
    return audited_create(actor=actor, instance=rule_set, fields=RULE_FIELDS)
