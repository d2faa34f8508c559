"""Section 2 of the plan (上年回顾): last year's objectives against their actuals as last year's
year-end review froze them (its actual, achievement and score of each objective, the overall
score and the rating), when that review exists.

The reviews sit above the plans, so they register their reader here when Django starts
(kam.reviews.apps) and the plan asks this module, never the reviews app."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kam.accounts.models import Account
    from kam.plans.models import AccountPlan


@dataclass(frozen=True)
class OutcomeRow:
    """One objective as the review froze it, its figures as texts ready to print."""

    label: str
    target: str
    actual: str
    achievement: str
    score: str


@dataclass(frozen=True)
class YearEndOutcome:
    """A year-end review of a plan: its date, its page, its objective rows, score and rating."""

    review_on: str
    url: str
    rows: list[OutcomeRow]
    score: str
    rating: str


OutcomeSource = Callable[["Account", "AccountPlan"], YearEndOutcome | None]
_SOURCES: list[OutcomeSource] = []


def register_outcome_source(source: OutcomeSource) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def year_end_outcome(*, account: "Account", plan: "AccountPlan") -> YearEndOutcome | None:
    """The first registered source's year-end outcome of the plan (None: no year-end review)."""
    for source in _SOURCES:
        outcome = source(account, plan)
        if outcome is not None:
            return outcome
    return None
