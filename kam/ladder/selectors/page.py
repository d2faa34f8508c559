"""The ladder page's figures: rungs with this period's scores and evidence, history and charts."""

from dataclasses import dataclass

from kam.accounts.models import Competitor
from kam.assessments.models import AssessmentTemplate
from kam.handover.selectors import PreviousOwnerMarks, previous_owner_marks
from kam.ladder import charts
from kam.ladder.models import LadderEvidence
from kam.ladder.rules import evidence_window_months
from kam.ladder.selectors import (
    LadderState,
    ladder_evidence_for_contact,
    ladder_history,
    ladder_template,
)
from kam.people.models import Contact

TIMELINE_LIMIT = 200


@dataclass(frozen=True)
class RungRow:
    level: int
    code: str
    label: str
    score: int | None
    raw_score: int | None
    is_capped: bool
    anchor: str
    evidence: list[LadderEvidence]
    is_reached: bool


@dataclass(frozen=True)
class LadderPage:
    template: AssessmentTemplate
    state: LadderState | None
    history: list[LadderState]
    rungs: list[RungRow]
    timeline: list[LadderEvidence]
    competitor_name: str
    window_months: int
    ladder_option: dict[str, object]
    history_option: dict[str, object]
    # Ratings made before a handover and not re-rated or confirmed since (kam.handover).
    previous_owner: PreviousOwnerMarks | None = None

    @property
    def history_newest_first(self) -> list[LadderState]:
        return list(reversed(self.history))


def _rows(
    template: AssessmentTemplate, state: LadderState | None, timeline: list[LadderEvidence]
) -> list[RungRow]:
    by_uuid = {str(item.uuid): item for item in timeline}
    scores = state.rung_scores if state else {}
    raw_scores = state.raw_scores if state else {}
    capped = set(state.capped_rungs) if state else set()
    links = state.evidence_uuids if state else {}
    level_now = state.current_level if state else 0
    rows = []
    for level, criterion in enumerate(template.criteria.all(), start=1):
        score = scores.get(criterion.code)
        rows.append(
            RungRow(
                level=level,
                code=criterion.code,
                label=criterion.label,
                score=score,
                raw_score=raw_scores.get(criterion.code),
                is_capped=criterion.code in capped,
                anchor=criterion.anchor(score if score is not None else 2),
                evidence=[by_uuid[key] for key in links.get(criterion.code, []) if key in by_uuid],
                is_reached=level <= level_now,
            )
        )
    return rows


def ladder_page(*, contact: Contact) -> LadderPage:
    """Everything the ladder page shows, in a constant number of queries."""
    template = ladder_template()
    history = ladder_history(contact)
    # The latest period's snapshot (the history is ordered by period, then assessment date).
    state = history[-1] if history else None
    timeline = list(ladder_evidence_for_contact(contact)[:TIMELINE_LIMIT])
    competitor_name = ""
    if state and state.competitor_uuid:
        competitor = Competitor.objects.filter(uuid=state.competitor_uuid).first()
        competitor_name = competitor.name if competitor else ""
    rungs = len(template.criteria.all())
    return LadderPage(
        template=template,
        state=state,
        history=history,
        rungs=_rows(template, state, timeline),
        timeline=timeline,
        competitor_name=competitor_name,
        window_months=evidence_window_months(template.parameters),
        ladder_option=charts.ladder_option(state, rungs, competitor_name),
        history_option=charts.history_option(history, rungs),
        previous_owner=previous_owner_marks(account=contact.account).get(contact.pk),
    )
