"""Writes of the key-person ladder: record evidence, assess a person's ladder (an engine snapshot).

Every write checks that the actor may change the contact's account, runs in one transaction and
is audited. A ladder assessment is an immutable Assessment of the one scoring engine; a new one in
the same period supersedes the last.
"""

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kam.accounts.access import can_change_account, require
from kam.accounts.models import Competitor
from kam.assessments.models import PERIOD_VALIDATOR, Assessment, AssessmentTemplate
from kam.assessments.services import AnswerInput, AssessmentInput, assessment_submit
from kam.audit.services import audited_create
from kam.core.exceptions import ApplicationError
from kam.ladder.models import LadderEvidence
from kam.ladder.rules import MAX_SCORE, apply_evidence_cap, evidence_window_months
from kam.ladder.selectors import DEFAULT_SUPPORT_BY_LEVEL, ladder_template
from kam.people.models import Contact
from kam.users.models import User

EVIDENCE_FIELDS = ["contact", "rung_code", "occurred_on", "kind", "description"]


def _refuse_future(field: str, day: date) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("This date is in the future: enter a date up to today.")})


def _rung_codes(template: AssessmentTemplate) -> list[str]:
    return [criterion.code for criterion in template.criteria.all()]


@transaction.atomic
def ladder_evidence_create(
    *,
    actor: User,
    contact: Contact,
    rung_code: str,
    occurred_on: date,
    description: str,
    kind: str,
) -> LadderEvidence:
    """Record an observed behaviour of a key person that proves one rung of the ladder."""
    require(can_change_account(actor, contact.account))
    if rung_code not in _rung_codes(ladder_template()):
        raise ValidationError({"rung_code": _("Choose a rung of the ladder.")})
    _refuse_future("occurred_on", occurred_on)
    evidence = LadderEvidence(
        contact=contact,
        account=contact.account,
        rung_code=rung_code,
        occurred_on=occurred_on,
        description=description.strip(),
        kind=kind,
        created_by=actor,
    )
    return audited_create(
        actor=actor, instance=evidence, fields=EVIDENCE_FIELDS, account_uuid=contact.account.uuid
    )


def _check_scores(scores: dict[str, int], codes: list[str]) -> dict[str, int]:
    unknown = sorted(set(scores) - set(codes))
    if unknown:
        message = _("Unknown rung: {codes}.").format(codes=", ".join(unknown))
        raise ValidationError({"scores": message})
    missing = [code for code in codes if code not in scores]
    if missing:
        message = _("Score every rung; missing: {codes}.").format(codes=", ".join(missing))
        raise ValidationError({"scores": message})
    for code in codes:
        value = scores[code]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_SCORE:
            message = _("{code}: enter a score of 0, 1 or 2.").format(code=code)
            raise ValidationError({"scores": message})
    return {code: scores[code] for code in codes}


def _check_level(field: str, level: int | None, top: int) -> None:
    if level is not None and (isinstance(level, bool) or not 0 <= level <= top):
        raise ValidationError({field: _("Enter a level from 0 to {top}.").format(top=top)})


def _linked_evidence(
    contact: Contact, evidence: dict[str, list[uuid.UUID]], codes: list[str]
) -> dict[str, list[LadderEvidence]]:
    """The linked evidence per rung; each item must be this contact's evidence for that rung."""
    unknown = sorted(set(evidence) - set(codes))
    if unknown:
        message = _("Unknown rung: {codes}.").format(codes=", ".join(unknown))
        raise ValidationError({"evidence": message})
    wanted = {str(item) for items in evidence.values() for item in items}
    found = {
        str(item.uuid): item
        for item in LadderEvidence.objects.filter(contact=contact, uuid__in=list(wanted))
    }
    linked: dict[str, list[LadderEvidence]] = {}
    for code in codes:
        for item_id in dict.fromkeys(str(item) for item in evidence.get(code, [])):
            item = found.get(item_id)
            if item is None or item.rung_code != code:
                message = _("Link only this person's evidence recorded for the rung {code}.")
                raise ValidationError({"evidence": message.format(code=code)})
            linked.setdefault(code, []).append(item)
    return linked


@dataclass(frozen=True, kw_only=True)
class LadderInput:
    """A key person's ladder as assessed: a score per rung, the evidence linked to each rung
    (evidence uuids by rung code), the target level and the estimated competitor level."""

    period: str
    assessed_on: date
    scores: dict[str, int]
    evidence: dict[str, list[uuid.UUID]]
    target_level: int | None
    competitor_level: int | None
    competitor: Competitor | None = None
    note: str = ""


def _snapshot_inputs(
    *,
    contact: Contact,
    template: AssessmentTemplate,
    data: LadderInput,
    raw_scores: dict[str, int],
    capped: tuple[dict[str, int], list[str]],
    linked: dict[str, list[LadderEvidence]],
) -> dict[str, object]:
    """What the snapshot records besides the engine's result (T7.2)."""
    parameters = template.parameters
    return {
        "contact": str(contact.uuid),
        "raw_scores": raw_scores,
        "scores": capped[0],
        "capped_rungs": capped[1],
        "evidence": {code: [str(item.uuid) for item in items] for code, items in linked.items()},
        "target_level": data.target_level,
        "competitor_level_estimate": data.competitor_level,
        "competitor": str(data.competitor.uuid) if data.competitor else None,
        "window_months": evidence_window_months(template.parameters),
        # Stored with the snapshot so its labels and derived support stay as they were scored.
        "rungs": [
            {"code": item.code, "zh": item.label_zh, "en": item.label_en}
            for item in template.criteria.all()
        ],
        "support_by_level": parameters.get("support_by_level") or DEFAULT_SUPPORT_BY_LEVEL,
        "level_zero": parameters.get("level_zero") or {},
    }


def _validate_ladder(data: LadderInput, codes: list[str]) -> dict[str, int]:
    """Check the period, date, scores and levels; return the scores in rung order."""
    try:
        PERIOD_VALIDATOR(data.period)
    except ValidationError as error:
        raise ValidationError({"period": error.messages}) from error
    _refuse_future("assessed_on", data.assessed_on)
    raw_scores = _check_scores(data.scores, codes)
    _check_level("target_level", data.target_level, len(codes))
    _check_level("competitor_level", data.competitor_level, len(codes))
    return raw_scores


def _ladder_answers(
    scores: dict[str, int], linked: dict[str, list[LadderEvidence]]
) -> list[AnswerInput]:
    """The engine answers: the capped score of each rung with its evidence as text."""
    return [
        AnswerInput(
            criterion_code=code,
            value=Decimal(value),
            evidence="\n".join(item.description for item in linked.get(code, []))[:2000],
        )
        for code, value in scores.items()
    ]


@transaction.atomic
def ladder_assess(*, actor: User, contact: Contact, data: LadderInput) -> Assessment:
    """Score a key person's ladder: the evidence cap, then an engine snapshot about the person."""
    require(can_change_account(actor, contact.account))
    template = ladder_template()
    codes = _rung_codes(template)
    raw_scores = _validate_ladder(data, codes)
    linked = _linked_evidence(contact, data.evidence, codes)
    dates = {code: [item.occurred_on for item in items] for code, items in linked.items()}
    capped = apply_evidence_cap(
        raw_scores, dates, data.assessed_on, evidence_window_months(template.parameters)
    )
    inputs = _snapshot_inputs(
        contact=contact,
        template=template,
        data=data,
        raw_scores=raw_scores,
        capped=capped,
        linked=linked,
    )
    try:
        with transaction.atomic():
            return assessment_submit(
                actor=actor,
                account=contact.account,
                template=template,
                data=AssessmentInput(
                    period=data.period,
                    assessed_on=data.assessed_on,
                    answers=_ladder_answers(capped[0], linked),
                    note=data.note,
                    inputs=inputs,
                    subject=str(contact.uuid),
                ),
            )
    except IntegrityError as error:
        # Two people saved this person's ladder for the same period at the same moment.
        raise ApplicationError(
            _("Someone saved this person's ladder at the same time: reload and try again."),
            code="concurrent_assessment",
            status=409,
        ) from error
