"""How each phase of the wheel gets its status from the facts of an account's year (pure
functions; the selectors gather the facts for many accounts at once)."""

from dataclasses import dataclass, field
from datetime import date

from kam.cycle.choices import CyclePhase, PhaseStatus


@dataclass
class CycleFacts:
    """What the records say about one account's year, counted in batches by the selectors."""

    assessed_tools: set[str] = field(default_factory=set)
    has_plan: bool = False
    is_plan_approved: bool = False
    objective_owners: int = 0
    letters: int = 0
    signed_letter_owners: int = 0
    entries_due: int = 0
    entries_done: int = 0
    activities: int = 0
    quarterly_reviews: int = 0
    has_year_end_review: bool = False
    corrective_open: int = 0
    corrective_closed: int = 0


def assess_status(facts: CycleFacts, required: list[str]) -> str:
    done = facts.assessed_tools & set(required)
    if required and len(done) == len(set(required)):
        return PhaseStatus.DONE
    return PhaseStatus.IN_PROGRESS if done else PhaseStatus.NOT_STARTED


def plan_status(facts: CycleFacts) -> str:
    if facts.is_plan_approved:
        return PhaseStatus.DONE
    return PhaseStatus.IN_PROGRESS if facts.has_plan else PhaseStatus.NOT_STARTED


def targets_status(facts: CycleFacts) -> str:
    if facts.objective_owners and facts.signed_letter_owners >= facts.objective_owners:
        return PhaseStatus.DONE
    started = facts.letters or facts.objective_owners
    return PhaseStatus.IN_PROGRESS if started else PhaseStatus.NOT_STARTED


def execute_status(facts: CycleFacts, *, year: int, today: date, is_on_target: bool) -> str:
    """Execution runs all year: done once the year is over with the calendar on target."""
    if not (facts.entries_done or facts.activities):
        return PhaseStatus.NOT_STARTED
    if today > date(year, 12, 31) and is_on_target:
        return PhaseStatus.DONE
    return PhaseStatus.IN_PROGRESS


def review_status(facts: CycleFacts) -> str:
    if facts.has_year_end_review:
        return PhaseStatus.DONE
    return PhaseStatus.IN_PROGRESS if facts.quarterly_reviews else PhaseStatus.NOT_STARTED


def improve_status(facts: CycleFacts) -> str:
    if not (facts.corrective_open or facts.corrective_closed):
        return PhaseStatus.NOT_STARTED
    return PhaseStatus.IN_PROGRESS if facts.corrective_open else PhaseStatus.DONE


def current_phase(statuses: dict[str, str]) -> str | None:
    """The phase the account is in: the first in wheel order not done (None: cycle complete)."""
    for phase in CyclePhase.values:
        if statuses[phase] != PhaseStatus.DONE:
            return phase
    return None
