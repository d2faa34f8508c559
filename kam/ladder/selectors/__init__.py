"""Reads of the key-person ladder: current states per contact, history, rungs, labels, evidence.

Other apps (the key-person card, the power map) read ladder states through
`ladder_states_for_contacts`, which makes a constant number of queries for any number of contacts.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import SupportsInt

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kam.accounts.models import Account
from kam.assessments.choices import ToolCode
from kam.assessments.models import Assessment, AssessmentTemplate, localized
from kam.assessments.selectors import template_current
from kam.ladder.models import LadderEvidence
from kam.ladder.rules import support_for_level
from kam.people.models import Contact

TOOL = ToolCode.KEY_PERSON_LADDER
# The fields a state is built from (the snapshot's notes, assessors and responses are not needed).
STATE_FIELDS = ["uuid", "subject", "period", "assessed_on", "total", "result", "inputs"]
DEFAULT_SUPPORT_BY_LEVEL = {"0": 0, "1": 0, "2": 1, "3": 1, "4": 2, "5": 2, "6": 2}


@dataclass(frozen=True)
class LadderState:
    """The current ladder snapshot of one contact in one period, after the evidence cap."""

    contact_id: int
    assessment_uuid: uuid.UUID
    period: str
    assessed_on: date
    current_level: int
    level_index: float | None
    target_level: int | None
    competitor_level: int | None
    rung_scores: dict[str, int]
    capped_rungs: list[str]
    competitor_uuid: uuid.UUID | None = None
    raw_scores: dict[str, int] = field(default_factory=dict)
    evidence_uuids: dict[str, list[str]] = field(default_factory=dict)
    # The rungs as they were when scored: ({"code", "zh", "en"}, …), lowest first.
    rung_definitions: tuple[dict[str, str], ...] = ()
    support_by_level: dict[str, int] = field(default_factory=dict)
    zero_label: dict[str, str] = field(default_factory=dict)

    @property
    def level_label(self) -> str:
        """ "L4 业务指导" / "L4 Guides/coaches us", from the rungs stored with the snapshot."""
        return _format_level(self.current_level, self._labels(), self.zero_label)

    @property
    def target_label(self) -> str:
        if self.target_level is None:
            return ""
        return _format_level(self.target_level, self._labels(), self.zero_label)

    @property
    def competitor_label(self) -> str:
        if self.competitor_level is None:
            return ""
        return _format_level(self.competitor_level, self._labels(), self.zero_label)

    @property
    def derived_support(self) -> int:
        mapping = self.support_by_level or DEFAULT_SUPPORT_BY_LEVEL
        return support_for_level(self.current_level, mapping)

    @property
    def gap_to_target(self) -> int | None:
        return None if self.target_level is None else self.target_level - self.current_level

    def _labels(self) -> list[str]:
        return [localized(rung, rung.get("code", "")) for rung in self.rung_definitions]


def _format_level(level: int, labels: list[str], zero_label: dict[str, str]) -> str:
    if level <= 0:
        return "L0 {label}".format(label=localized(zero_label) or _("No level yet"))
    if level > len(labels):
        return f"L{level}"
    return f"L{level} {labels[level - 1]}"


def _optional_int(value: SupportsInt | str | None) -> int | None:
    return None if value is None else int(value)


def state_from_assessment(assessment: Assessment, contact_id: int) -> LadderState:
    """The state a ladder snapshot records (built from its stored inputs and result only)."""
    inputs = assessment.inputs or {}
    figures = (assessment.result or {}).get("figures", {})
    competitor = inputs.get("competitor")
    return LadderState(
        contact_id=contact_id,
        assessment_uuid=assessment.uuid,
        period=assessment.period,
        assessed_on=assessment.assessed_on,
        current_level=int(figures.get("level", 0)),
        level_index=float(assessment.total) if assessment.total is not None else None,
        target_level=_optional_int(inputs.get("target_level")),
        competitor_level=_optional_int(inputs.get("competitor_level_estimate")),
        rung_scores={code: int(value) for code, value in inputs.get("scores", {}).items()},
        capped_rungs=list(inputs.get("capped_rungs", [])),
        competitor_uuid=uuid.UUID(competitor) if competitor else None,
        raw_scores={code: int(value) for code, value in inputs.get("raw_scores", {}).items()},
        evidence_uuids={code: list(ids) for code, ids in inputs.get("evidence", {}).items()},
        rung_definitions=tuple(inputs.get("rungs", [])),
        support_by_level=dict(inputs.get("support_by_level", {})),
        zero_label=dict(inputs.get("level_zero", {})),
    )


def ladder_states_for_contacts(contact_ids: Iterable[int]) -> dict[int, LadderState]:
    """The latest current snapshot per contact (latest period, then latest assessment date).

    Two queries whatever the number of contacts; contacts without a snapshot are left out.
    """
    ids = list(dict.fromkeys(contact_ids))
    if not ids:
        return {}
    by_subject = {
        str(contact_uuid): pk
        for pk, contact_uuid in Contact.objects.filter(pk__in=ids).values_list("pk", "uuid")
    }
    if not by_subject:
        return {}
    snapshots = (
        Assessment.objects.filter(tool_code=TOOL, is_current=True, subject__in=list(by_subject))
        .only(*STATE_FIELDS)
        .order_by("subject", "-period", "-assessed_on", "-created_at")
    )
    states: dict[int, LadderState] = {}
    for snapshot in snapshots:
        contact_id = by_subject[snapshot.subject]
        if contact_id not in states:
            states[contact_id] = state_from_assessment(snapshot, contact_id)
    return states


def ladder_states_for_accounts(
    *, account_ids: Iterable[int], contact_ids_by_uuid: dict[str, int]
) -> dict[int, LadderState]:
    """`ladder_states_for_contacts` when the contacts' uuids are known and all belong to
    `account_ids` (我的工作台's red flags): one query, filtered by account rather than by a long
    list of subjects."""
    snapshots = (
        Assessment.objects.filter(tool_code=TOOL, is_current=True, account_id__in=list(account_ids))
        .only(*STATE_FIELDS)
        .order_by("subject", "-period", "-assessed_on", "-created_at")
    )
    states: dict[int, LadderState] = {}
    for snapshot in snapshots:
        contact_id = contact_ids_by_uuid.get(snapshot.subject)
        if contact_id is not None and contact_id not in states:
            states[contact_id] = state_from_assessment(snapshot, contact_id)
    return states


def ladder_history(contact: Contact) -> list[LadderState]:
    """The current snapshot of every period for a contact, oldest period first."""
    snapshots = (
        Assessment.objects.filter(tool_code=TOOL, is_current=True, subject=str(contact.uuid))
        .only(*STATE_FIELDS)
        .order_by("period", "assessed_on", "created_at")
    )
    return [state_from_assessment(snapshot, contact.pk) for snapshot in snapshots]


def ladder_template() -> AssessmentTemplate:
    """The current ladder template with its rungs (criteria) prefetched in order."""
    return template_current(tool_code=TOOL)


def rungs_of(template: AssessmentTemplate) -> list[tuple[int, str, str]]:
    return [
        (level, criterion.code, criterion.label)
        for level, criterion in enumerate(template.criteria.all(), start=1)
    ]


def ladder_rungs() -> list[tuple[int, str, str]]:
    """(level, code, localized label) of each rung of the current template, lowest first."""
    return rungs_of(ladder_template())


def level_label(level: int, rungs: list[tuple[int, str, str]] | None = None) -> str:
    """ "L4 业务指导" / "L4 Guides/coaches us"; "L0 …" for no level.

    Pass `rungs` (from `ladder_rungs()`) when labelling many levels, to read the template once;
    a LadderState's own `level_label` uses the rungs stored with its snapshot (no query).
    """
    template = None
    if rungs is None:
        template = ladder_template()
        rungs = rungs_of(template)
    if level <= 0:
        zero = (template or ladder_template()).parameters.get("level_zero", {})
        return _format_level(0, [], zero)
    return _format_level(level, [label for _level, _code, label in rungs], {})


def derived_support(level: int) -> int:
    """The support (−2..+2) a ladder level implies, from the template's support_by_level."""
    mapping = ladder_template().parameters.get("support_by_level") or DEFAULT_SUPPORT_BY_LEVEL
    return support_for_level(level, mapping)


def ladder_evidence_for_contact(contact: Contact) -> QuerySet[LadderEvidence]:
    """A contact's evidence, newest first (the timeline, the API list, the form's choices)."""
    return LadderEvidence.objects.filter(contact=contact).select_related("created_by")


def ladder_histories_for_account(
    *, account: Account, contact_ids_by_uuid: dict[str, int]
) -> dict[int, list[LadderState]]:
    """Every current ladder snapshot of the given contacts of an account, newest first per
    contact: one query over the account's ladder snapshots, no long lists of ids in the SQL."""
    snapshots = (
        Assessment.objects.filter(account=account, tool_code=TOOL, is_current=True)
        .exclude(subject="")
        .only(*STATE_FIELDS)
        .order_by("subject", "-period", "-assessed_on", "-created_at")
    )
    histories: dict[int, list[LadderState]] = {}
    for snapshot in snapshots:
        contact_id = contact_ids_by_uuid.get(snapshot.subject)
        if contact_id is not None:
            histories.setdefault(contact_id, []).append(state_from_assessment(snapshot, contact_id))
    return histories


def state_as_of(history: list[LadderState], period: str | None = None) -> LadderState | None:
    """A person's ladder state in a period: their latest snapshot on or before it (periods sort
    as text), carried forward until they are assessed again; None before the first snapshot.
    Without a period, the latest snapshot. The power map and the T2 coordinate both use this.
    `history` is newest first (as `ladder_histories_for_account` returns it)."""
    return next((state for state in history if period is None or state.period <= period), None)


def ladder_states_for_account(
    *, account: Account, contact_ids_by_uuid: dict[str, int], period: str | None = None
) -> dict[int, LadderState]:
    """Like `ladder_states_for_contacts` for a whole account (the power map): each contact's
    state as of `period` (default: the latest), see `state_as_of`."""
    histories = ladder_histories_for_account(
        account=account, contact_ids_by_uuid=contact_ids_by_uuid
    )
    states = {contact_id: state_as_of(history, period) for contact_id, history in histories.items()}
    return {contact_id: state for contact_id, state in states.items() if state is not None}
