"""API of the ladder app (same services, selectors and access rules as its pages)."""

import uuid
from datetime import date, datetime

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kam.accounts.access import object_get_for_user
from kam.accounts.models import Competitor
from kam.api.pagination import PagePagination
from kam.core.exceptions import ApplicationError
from kam.ladder import services
from kam.ladder.choices import EvidenceKind
from kam.ladder.models import LadderEvidence
from kam.ladder.selectors import (
    LadderState,
    ladder_evidence_for_contact,
    ladder_history,
    ladder_template,
    state_from_assessment,
)
from kam.people.models import Contact
from kam.users.http import AuthenticatedHttpRequest

router = Router(tags=["ladder"])

CONTACT_QUERYSET = Contact.objects.select_related("account")


class LadderStateOut(Schema):
    assessment_id: uuid.UUID
    period: str
    assessed_on: date
    current_level: int
    level_label: str
    level_index: float | None
    target_level: int | None
    competitor_level: int | None
    competitor_id: uuid.UUID | None
    derived_support: int
    rung_scores: dict[str, int]
    raw_scores: dict[str, int]
    capped_rungs: list[str]
    evidence: dict[str, list[str]]


class RungOut(Schema):
    level: int
    code: str
    label: str
    label_zh: str
    label_en: str
    anchors: dict


class LadderOut(Schema):
    contact_id: uuid.UUID
    current: LadderStateOut | None
    history: list[LadderStateOut]
    rungs: list[RungOut]


def _state_out(state: LadderState) -> dict[str, object]:
    return {
        "assessment_id": state.assessment_uuid,
        "period": state.period,
        "assessed_on": state.assessed_on,
        "current_level": state.current_level,
        "level_label": state.level_label,
        "level_index": state.level_index,
        "target_level": state.target_level,
        "competitor_level": state.competitor_level,
        "competitor_id": state.competitor_uuid,
        "derived_support": state.derived_support,
        "rung_scores": state.rung_scores,
        "raw_scores": state.raw_scores,
        "capped_rungs": state.capped_rungs,
        "evidence": state.evidence_uuids,
    }


@router.get("/contacts/{contact_id}/ladder", response=LadderOut)
def get_ladder(request: AuthenticatedHttpRequest, contact_id: uuid.UUID) -> dict[str, object]:
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_id)
    history = ladder_history(contact)
    template = ladder_template()
    return {
        "contact_id": contact.uuid,
        "current": _state_out(history[-1]) if history else None,
        "history": [_state_out(state) for state in history],
        "rungs": [
            {
                "level": level,
                "code": criterion.code,
                "label": criterion.label,
                "label_zh": criterion.label_zh,
                "label_en": criterion.label_en,
                "anchors": criterion.anchors,
            }
            for level, criterion in enumerate(template.criteria.all(), start=1)
        ],
    }


class LadderAssessmentIn(Schema):
    period: str = Field(..., pattern=r"^\d{4}(-(Q[1-4]|H[12]))?$")
    assessed_on: date
    scores: dict[str, int]
    evidence: dict[str, list[uuid.UUID]] = {}
    target_level: int | None = Field(None, ge=0)
    competitor_level: int | None = Field(None, ge=0)
    competitor_id: uuid.UUID | None = None
    note: str = Field("", max_length=5000)


@router.post("/contacts/{contact_id}/ladder-assessments", response={201: LadderStateOut})
def create_ladder_assessment(
    request: AuthenticatedHttpRequest, contact_id: uuid.UUID, payload: LadderAssessmentIn
) -> Status:
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_id, for_change=True)
    competitor = None
    if payload.competitor_id is not None:
        competitor = Competitor.objects.filter(uuid=payload.competitor_id).first()
        if competitor is None:
            raise ApplicationError(_("No competitor with this id."), status=422)
    data = services.LadderInput(
        period=payload.period,
        assessed_on=payload.assessed_on,
        scores=payload.scores,
        evidence=payload.evidence,
        target_level=payload.target_level,
        competitor_level=payload.competitor_level,
        competitor=competitor,
        note=payload.note,
    )
    assessment = services.ladder_assess(actor=request.user, contact=contact, data=data)
    return Status(201, _state_out(state_from_assessment(assessment, contact.pk)))


class LadderEvidenceOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    rung_code: str
    occurred_on: date
    kind: EvidenceKind
    description: str
    created_at: datetime


class EvidenceIn(Schema):
    rung_code: str = Field(..., min_length=1, max_length=50)
    occurred_on: date
    kind: EvidenceKind = EvidenceKind.MEETING
    description: str = Field(..., min_length=1, max_length=2000)


@router.get("/contacts/{contact_id}/ladder-evidence", response=list[LadderEvidenceOut])
@paginate(PagePagination)
def list_ladder_evidence(request: AuthenticatedHttpRequest, contact_id: uuid.UUID) -> object:
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_id)
    return ladder_evidence_for_contact(contact)


@router.post("/contacts/{contact_id}/ladder-evidence", response={201: LadderEvidenceOut})
def create_ladder_evidence(
    request: AuthenticatedHttpRequest, contact_id: uuid.UUID, payload: EvidenceIn
) -> Status:
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_id, for_change=True)
    evidence: LadderEvidence = services.ladder_evidence_create(
        actor=request.user, contact=contact, **payload.dict()
    )
    return Status(201, evidence)
