"""API of the scoring engine: templates (read), assessments (create, list, get with explanation)."""

import uuid
from dataclasses import asdict
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from kam.accounts.access import (
    account_get_for_user,
    can_record_answers_for,
    object_get_for_user,
)
from kam.accounts.models import Account, Competitor
from kam.accounts.selectors import account_team
from kam.api.pagination import PagePagination
from kam.assessments import services
from kam.assessments.choices import ToolCode
from kam.assessments.models import Assessment, AssessmentTemplate
from kam.assessments.selectors import (
    assessment_explanation,
    assessment_history,
    template_current,
    template_list,
)
from kam.core.exceptions import ApplicationError
from kam.users.http import AuthenticatedHttpRequest
from kam.users.models import User

router = Router(tags=["assessments"])


class CriterionOut(Schema):
    code: str
    group: str
    label_zh: str
    label_en: str
    weight: Decimal
    scale_min: Decimal | None
    scale_max: Decimal | None
    anchors: dict
    is_required: bool


class TemplateOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    tool_code: ToolCode
    version: int
    is_current: bool
    name_zh: str
    name_en: str
    scale_min: Decimal
    scale_max: Decimal
    aggregation: str
    special_formula: str
    groups: list
    group_weights: dict
    bands: list
    gates: list
    completeness_threshold: Decimal
    parameters: dict
    criteria: list[CriterionOut]

    @staticmethod
    def resolve_criteria(template: AssessmentTemplate) -> list:
        return list(template.criteria.all())


@router.get("/assessment-templates", response=list[TemplateOut], tags=["assessment templates"])
@paginate(PagePagination)
def list_templates(request: AuthenticatedHttpRequest) -> object:
    return template_list().prefetch_related("criteria")


@router.get(
    "/assessment-templates/{template_id}", response=TemplateOut, tags=["assessment templates"]
)
def get_template(request: AuthenticatedHttpRequest, template_id: uuid.UUID) -> AssessmentTemplate:
    return get_object_or_404(AssessmentTemplate, uuid=template_id)  # reference data for all


class AssessmentOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    account_id: uuid.UUID
    tool_code: ToolCode
    subject: str
    template_version: int
    period: str
    assessed_on: date
    total: Decimal | None
    band: str
    completeness: Decimal
    is_complete: bool
    is_current: bool
    note: str
    created_at: datetime

    @staticmethod
    def resolve_account_id(assessment: Assessment) -> uuid.UUID:
        return assessment.account.uuid

    @staticmethod
    def resolve_template_version(assessment: Assessment) -> int:
        return assessment.template.version


class AssessmentDetailOut(AssessmentOut):
    result: dict
    explanation: dict

    @staticmethod
    def resolve_explanation(assessment: Assessment) -> dict:
        explanation = assessment_explanation(assessment=assessment)
        return {
            "band_label": explanation.band_label,
            "band_before_gates_label": explanation.band_before_gates_label,
            "rows": [asdict(row) for row in explanation.rows],
            "groups": [asdict(group) for group in explanation.groups],
            "gates": [asdict(gate) for gate in explanation.gates],
            "previous_period": explanation.previous.period if explanation.previous else None,
        }


class AnswerIn(Schema):
    criterion_code: str = Field(..., min_length=1, max_length=50)
    value: Decimal | None = Field(None, max_digits=6, decimal_places=2)
    assessor_id: uuid.UUID | None = None
    competitor_id: uuid.UUID | None = None
    evidence: str = Field("", max_length=2000)


class AssessmentIn(Schema):
    tool_code: ToolCode
    period: str = Field(..., pattern=r"^\d{4}(-(Q[1-4]|H[12]))?$")
    assessed_on: date
    note: str = Field("", max_length=5000)
    answers: list[AnswerIn] = Field(..., min_length=1, max_length=500)


class AssessmentListQuery(Schema):
    tool_code: ToolCode | None = None


ASSESSMENT_QUERYSET = Assessment.objects.select_related("template", "account")


@router.get("/accounts/{account_id}/assessments", response=list[AssessmentOut])
@paginate(PagePagination)
def list_assessments(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, filters: Query[AssessmentListQuery]
) -> object:
    account = account_get_for_user(request.user, account_id)
    if filters.tool_code:
        return assessment_history(account=account, tool_code=filters.tool_code).select_related(
            "account"
        )
    # Account-level snapshots only: per-person snapshots (the ladder) have their own routes.
    return (
        account.assessments.filter(subject="")
        .select_related("template", "account")
        .order_by("-period")
    )


def _resolve_answers(
    request: AuthenticatedHttpRequest, account: Account, payload: AssessmentIn
) -> list:
    team = {member.user.uuid: member.user for member in account_team(account=account)}
    competitors = {c.uuid: c for c in Competitor.objects.filter(
        uuid__in=[a.competitor_id for a in payload.answers if a.competitor_id]
    )}  # fmt: skip
    answers = []
    for answer in payload.answers:
        assessor: User | None = request.user
        if answer.assessor_id is not None:
            assessor = team.get(answer.assessor_id)
            if assessor is None:
                raise ApplicationError(_("Assessors must be on the account team."), status=422)
            if not can_record_answers_for(request.user, account, assessor):
                raise PermissionDenied(
                    _(
                        "You may record only your own answers: leave out assessor_id or send "
                        "your own id."
                    )
                )
        competitor = None
        if answer.competitor_id is not None:
            competitor = competitors.get(answer.competitor_id)
            if competitor is None:
                raise ApplicationError(_("No competitor with this id."), status=422)
        answers.append(
            services.AnswerInput(
                answer.criterion_code, answer.value, assessor, competitor, answer.evidence
            )
        )
    return answers


@router.post("/accounts/{account_id}/assessments", response={201: AssessmentDetailOut})
def create_assessment(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: AssessmentIn
) -> Status:
    """Each answer's assessor is you unless `assessor_id` names someone else: the account's owner,
    a director or an administrator may record a colleague's on the account team (else 403)."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    answers = _resolve_answers(request, account, payload)
    assessment = services.assessment_submit(
        actor=request.user,
        account=account,
        template=template_current(tool_code=payload.tool_code),
        data=services.AssessmentInput(
            period=payload.period,
            assessed_on=payload.assessed_on,
            answers=answers,
            assessors=list(dict.fromkeys(answer.assessor for answer in answers)),
            note=payload.note,
        ),
    )
    return Status(201, object_get_for_user(request.user, ASSESSMENT_QUERYSET, assessment.uuid))


@router.get("/assessments/{assessment_id}", response=AssessmentDetailOut)
def get_assessment(request: AuthenticatedHttpRequest, assessment_id: uuid.UUID) -> Assessment:
    return object_get_for_user(request.user, ASSESSMENT_QUERYSET, assessment_id)
