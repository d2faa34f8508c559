"""Writes of the scoring engine: submit a snapshot, correct it, re-score it, version a template."""

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kam.accounts.access import can_administer_portfolio, can_change_account, require
from kam.accounts.locks import account_lock
from kam.accounts.models import Account, Competitor
from kam.assessments import engine
from kam.assessments.models import Assessment, AssessmentTemplate, Criterion, Response
from kam.audit.choices import AuditAction
from kam.audit.services import audit_record
from kam.core.exceptions import ApplicationError
from kam.users.models import User


@dataclass(frozen=True)
class AnswerInput:
    criterion_code: str
    value: Decimal | None
    assessor: User | None = None
    competitor: Competitor | None = None
    evidence: str = ""


def _invalid(message: str, code: str = "invalid_answers") -> ApplicationError:
    return ApplicationError(message, code=code, status=422)


def _check_answers(
    template: AssessmentTemplate, criteria: list[Criterion], answers: list[AnswerInput]
) -> None:
    by_code = {criterion.code: criterion for criterion in criteria}
    seen = set()
    for answer in answers:
        criterion = by_code.get(answer.criterion_code)
        if criterion is None:
            raise _invalid(_("Unknown criterion: {code}.").format(code=answer.criterion_code))
        key = (answer.criterion_code, answer.assessor, answer.competitor)
        if key in seen:
            raise _invalid(_("{code} is answered twice.").format(code=answer.criterion_code))
        seen.add(key)
        if answer.competitor is not None and template.special_formula != "relative_strength":
            raise _invalid(_("Competitor scores belong to the relative-strength scorecard only."))
        low, high = criterion.bounds(template)
        if answer.value is not None and not low <= answer.value <= high:
            raise _invalid(
                _("{label}: enter a score from {low} to {high}.").format(
                    label=criterion.label, low=_number(low), high=_number(high)
                )
            )


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _score(
    template: AssessmentTemplate, criteria: list[Criterion], answers: list[AnswerInput]
) -> engine.Result:
    engine_answers = [
        engine.Answer(
            criterion_code=answer.criterion_code,
            value=float(answer.value) if answer.value is not None else None,
            assessor=str(answer.assessor.pk) if answer.assessor else "",
            subject=str(answer.competitor.pk) if answer.competitor else "",
        )
        for answer in answers
    ]
    return engine.score(template.spec(criteria), engine_answers)


def result_as_json(result: engine.Result) -> dict[str, object]:
    """The stored form of a result: plain JSON, rounded for display stability."""
    data = dataclasses.asdict(result)
    data["criteria"] = [
        {
            key: (round(value, 4) if isinstance(value, float) else value)
            for key, value in row.items()
        }
        for row in data["criteria"]
    ]
    return data


@dataclass(frozen=True, kw_only=True)
class AssessmentInput:
    """One scoring of an instrument for a period: the answers, who assessed, a note and what the
    snapshot records besides the result (`inputs`).

    `subject` is "" for an account-level instrument; a per-person instrument (the key-person
    ladder) passes the contact's uuid, so each person has one current snapshot per period.
    """

    period: str
    assessed_on: date
    answers: list[AnswerInput]
    assessors: list[User] | None = None
    note: str = ""
    inputs: dict[str, object] | None = None
    subject: str = ""


def _validate_submission(
    template: AssessmentTemplate, criteria: list[Criterion], data: AssessmentInput
) -> None:
    _check_answers(template, criteria, data.answers)
    if not any(answer.value is not None for answer in data.answers):
        raise _invalid(_("Answer at least one criterion."), code="no_answers")


def _supersede_current(
    account: Account, template: AssessmentTemplate, data: AssessmentInput
) -> Assessment | None:
    """Mark the period's current snapshot (if any) as superseded and return it."""
    previous = (
        Assessment.objects.select_for_update()
        .filter(
            account=account,
            tool_code=template.tool_code,
            period=data.period,
            subject=data.subject,
            is_current=True,
        )
        .first()
    )
    if previous is not None:
        previous.is_current = False
        previous.save(update_fields=["is_current", "updated_at"])
    return previous


def _period_conflict() -> ApplicationError:
    return ApplicationError(
        _(
            "Someone else has just scored this period: reload the page to see the current "
            "snapshot, then score it again if needed."
        ),
        code="conflict",
        status=409,
    )


def _save_current(assessment: Assessment) -> None:
    """Validate and insert the new current snapshot. Its one constraint (one current snapshot per
    period) is left to the database, whose refusal is a translated 409, not the constraint's
    name in a 422."""
    assessment.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            assessment.save()
    except IntegrityError as error:
        raise _period_conflict() from error


def _save_responses(assessment: Assessment, answers: list[AnswerInput]) -> None:
    Response.objects.bulk_create(
        Response(
            assessment=assessment,
            criterion_code=answer.criterion_code,
            assessor=answer.assessor,
            competitor=answer.competitor,
            value=answer.value,
            evidence=answer.evidence,
        )
        for answer in answers
    )


@transaction.atomic
def assessment_submit(
    *,
    actor: User,
    account: Account,
    template: AssessmentTemplate,
    data: AssessmentInput,
    allow_old_version: bool = False,
) -> Assessment:
    """Score the answers and store an immutable snapshot that supersedes the period's last one.

    The account's row lock makes two scorings of the same period run one after the other (the
    second supersedes the first); a conflict the lock did not prevent is a 409, never a 500.
    """
    require(can_change_account(actor, account))
    account_lock(account)
    if not template.is_current and not allow_old_version:
        raise _invalid(_("This template version has been replaced: use the current one."))
    criteria = list(template.criteria.all())
    _validate_submission(template, criteria, data)
    result = _score(template, criteria, data.answers)
    previous = _supersede_current(account, template, data)
    assessment = Assessment(
        template=template,
        tool_code=template.tool_code,
        account=account,
        subject=data.subject,
        period=data.period,
        assessed_on=data.assessed_on,
        note=data.note,
        supersedes=previous,
        total=engine.to_decimal(result.total),
        band=result.band,
        completeness=Decimal(str(round(result.completeness, 4))),
        is_complete=result.is_complete,
        result=result_as_json(result),
        inputs=data.inputs or {},
        created_by=actor,
    )
    _save_current(assessment)
    _save_responses(assessment, data.answers)
    assessment.assessors.set(data.assessors or [actor])
    audit_record(
        actor=actor,
        instance=assessment,
        action=AuditAction.CREATE,
        changes={
            "tool_code": [None, assessment.tool_code],
            "period": [None, data.period],
            "total": [None, str(assessment.total)],
            "is_complete": [None, assessment.is_complete],
        },
        account_uuid=account.uuid,
    )
    return assessment


def answers_of(assessment: Assessment) -> list[AnswerInput]:
    return [
        AnswerInput(
            criterion_code=response.criterion_code,
            value=response.value,
            assessor=response.assessor,
            competitor=response.competitor,
            evidence=response.evidence,
        )
        for response in assessment.responses.select_related("assessor", "competitor")
    ]


@transaction.atomic
def assessment_rescore(
    *, actor: User, assessment: Assessment, template: AssessmentTemplate
) -> Assessment:
    """Re-score a snapshot's answers under another version of its template, as a new snapshot."""
    if template.tool_code != assessment.tool_code:
        raise _invalid(_("A snapshot can only be re-scored under its own instrument."))
    if not assessment.is_current:
        raise _invalid(_("Only the current snapshot of a period can be re-scored."))
    note = _("Re-scored under version {new} (was version {old}).").format(
        new=template.version, old=assessment.template.version
    )
    data = AssessmentInput(
        period=assessment.period,
        assessed_on=assessment.assessed_on,
        answers=answers_of(assessment),
        assessors=list(assessment.assessors.all()),
        note=note,
        inputs=assessment.inputs,
        subject=assessment.subject,
    )
    return assessment_submit(
        actor=actor,
        account=assessment.account,
        template=template,
        data=data,
        allow_old_version=True,
    )


TEMPLATE_FIELDS = [
    "name_zh",
    "name_en",
    "scale_min",
    "scale_max",
    "groups",
    "group_weights",
    "bands",
    "gates",
    "completeness_threshold",
    "parameters",
]
CRITERION_FIELDS = [
    "code",
    "group",
    "label_zh",
    "label_en",
    "weight",
    "scale_min",
    "scale_max",
    "anchors",
    "is_required",
]


@transaction.atomic
def template_new_version(
    *,
    actor: User,
    template: AssessmentTemplate,
    data: dict[str, object],
    criteria: list[dict[str, object]],
) -> AssessmentTemplate:
    """Editing a template in use creates version N+1; stored snapshots keep their version."""
    require(can_administer_portfolio(actor))
    locked = AssessmentTemplate.objects.select_for_update().get(pk=template.pk)
    if not locked.is_current:
        raise ApplicationError(
            _("Someone has already created a newer version of this template: reload the page."),
            code="stale_version",
            status=409,
        )
    if not criteria:
        raise _invalid(_("A template needs at least one criterion."), code="no_criteria")
    latest = AssessmentTemplate.objects.filter(tool_code=locked.tool_code).order_by("-version")[0]
    locked.is_current = False
    locked.save(update_fields=["is_current", "updated_at"])
    fields = {name: data.get(name, getattr(locked, name)) for name in TEMPLATE_FIELDS}
    new = AssessmentTemplate(
        tool_code=locked.tool_code,
        version=latest.version + 1,
        aggregation=locked.aggregation,
        special_formula=locked.special_formula,
        is_current=True,
        created_by=actor,
        **fields,
    )
    new.full_clean()
    new.save()
    rows = [Criterion(template=new, position=index, **item) for index, item in enumerate(criteria)]
    for row in rows:
        row.full_clean(exclude=["template"])
    Criterion.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        instance=new,
        action=AuditAction.CREATE,
        changes={"version": [locked.version, new.version]},
    )
    return new
