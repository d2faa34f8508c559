"""Writes of the value ladder: score the eight dimensions now and as a target (an engine snapshot).

A value ladder scoring is an immutable Assessment of the one scoring engine; a new one in the
same period supersedes the last. The engine scores the current values (tier scores, level); the
targets and the value gap are kept in the snapshot's `inputs`.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kam.accounts.access import can_change_account, require
from kam.accounts.models import Account
from kam.assessments.models import PERIOD_VALIDATOR, Assessment, AssessmentTemplate
from kam.assessments.services import AnswerInput, AssessmentInput, assessment_submit
from kam.core.exceptions import ApplicationError
from kam.users.models import User
from kam.value import rules
from kam.value.selectors import tier_of, tier_order, value_template


@dataclass(frozen=True, kw_only=True)
class ValueInput:
    """One scoring of the value ladder: per dimension code a current and a target score 0–5."""

    period: str
    assessed_on: date
    current: dict[str, int]
    target: dict[str, int]
    note: str = ""


def _check_scores(field: str, scores: dict[str, int], codes: list[str]) -> dict[str, int]:
    unknown = sorted(set(scores) - set(codes))
    if unknown:
        message = _("Unknown dimension: {codes}.").format(codes=", ".join(unknown))
        raise ValidationError({field: message})
    missing = [code for code in codes if code not in scores]
    if missing:
        message = _("Score every dimension; missing: {codes}.").format(codes=", ".join(missing))
        raise ValidationError({field: message})
    for code in codes:
        value = scores[code]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 5:
            message = _("{code}: enter a score from 0 to 5.").format(code=code)
            raise ValidationError({field: message})
    return {code: scores[code] for code in codes}


def _validate(data: ValueInput, codes: list[str]) -> tuple[dict[str, int], dict[str, int]]:
    try:
        PERIOD_VALIDATOR(data.period)
    except ValidationError as error:
        raise ValidationError({"period": error.messages}) from error
    if data.assessed_on > timezone.localdate():
        message = _("This date is in the future: enter a date up to today.")
        raise ValidationError({"assessed_on": message})
    return _check_scores("current", data.current, codes), _check_scores(
        "target", data.target, codes
    )


def snapshot_inputs(
    template: AssessmentTemplate, current: dict[str, int], target: dict[str, int]
) -> dict[str, object]:
    """What the snapshot records besides the engine's result: the targets and their figures."""
    tiers = tier_of(template)
    order = tier_order(template)
    target_floats = {code: float(value) for code, value in target.items()}
    current_floats = {code: float(value) for code, value in current.items()}
    return {
        "current": current,
        "target": target,
        "target_tier_scores": rules.tier_scores(target_floats, tiers, order),
        "gaps": rules.value_gap(current_floats, target_floats, tiers, order),
    }


@transaction.atomic
def value_ladder_submit(*, actor: User, account: Account, data: ValueInput) -> Assessment:
    """Score the account's value ladder for a period: an engine snapshot with targets and gaps."""
    require(can_change_account(actor, account))
    template = value_template()
    codes = [criterion.code for criterion in template.criteria.all()]
    current, target = _validate(data, codes)
    answers = [AnswerInput(criterion_code=code, value=Decimal(current[code])) for code in codes]
    try:
        with transaction.atomic():
            return assessment_submit(
                actor=actor,
                account=account,
                template=template,
                data=AssessmentInput(
                    period=data.period,
                    assessed_on=data.assessed_on,
                    answers=answers,
                    note=data.note,
                    inputs=snapshot_inputs(template, current, target),
                ),
            )
    except IntegrityError as error:
        raise ApplicationError(
            _("Someone saved this value ladder at the same time: reload and try again."),
            code="concurrent_assessment",
            status=409,
        ) from error
