"""API of the management cycle wheel (same selectors and access rules as the pages)."""

import uuid

from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kam.accounts.access import account_get_for_user
from kam.accounts.models import Account
from kam.api.pagination import ConvertedPage, PagePagination
from kam.api.schemas import ErrorOut
from kam.cycle.choices import CyclePhase, PhaseStatus
from kam.cycle.selectors import AccountCycle, account_cycle, account_cycles, cycle_portfolio
from kam.users.http import AuthenticatedHttpRequest

router = Router(tags=["cycle"])
READ_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class CyclePhaseOut(Schema):
    phase: CyclePhase
    label: str
    status: PhaseStatus


class CycleFactsOut(Schema):
    """The counts each phase's status is computed from."""

    assessed_tools: list[str]
    has_plan: bool
    is_plan_approved: bool
    objective_owners: int
    letters: int
    signed_letter_owners: int
    entries_due: int
    entries_done: int
    activities: int
    quarterly_reviews: int
    has_year_end_review: bool
    corrective_open: int
    corrective_closed: int


class AccountCycleOut(Schema):
    account_id: uuid.UUID
    account_name: str
    category: str
    year: int
    current_phase: CyclePhase | None = Field(
        ..., description="The first phase not done; null when the year's cycle is complete."
    )
    phases: list[CyclePhaseOut]
    facts: CycleFactsOut


def _out(account: Account, cycle: AccountCycle) -> dict[str, object]:
    facts = cycle.facts
    return {
        "account_id": account.uuid,
        "account_name": account.name,
        "category": account.category,
        "year": cycle.year,
        "current_phase": cycle.current,
        "phases": [
            {"phase": state.phase, "label": state.label, "status": state.status}
            for state in cycle.phases
        ],
        "facts": {**facts.__dict__, "assessed_tools": sorted(facts.assessed_tools)},
    }


class CycleYearQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="Default: this year.")


class CyclePortfolioQuery(CycleYearQuery):
    manager: str | None = Field(None, max_length=150, description="A manager's username.")


def _year(year: int | None) -> int:
    return year if year is not None else timezone.localdate().year


@router.get(
    "/accounts/{account_id}/cycle",
    response={200: AccountCycleOut, **READ_ERRORS},
    url_name="api_cycle_account",
)
def get_account_cycle(
    request: AuthenticatedHttpRequest,
    account_id: uuid.UUID,
    filters: Query[CycleYearQuery],
) -> object:
    """The account's management cycle for a year (default: this year): each phase's status as
    computed from the records, and the counts behind it."""
    account = account_get_for_user(request.user, account_id)
    return _out(account, account_cycle(account, _year(filters.year), timezone.localdate()))


@router.get(
    "/portfolio/cycle",
    response={200: list[AccountCycleOut], **READ_ERRORS},
    url_name="api_cycle_portfolio",
)
@paginate(PagePagination)
def list_portfolio_cycles(
    request: AuthenticatedHttpRequest, filters: Query[CyclePortfolioQuery]
) -> object:
    """The cycle of every account the caller may see (one manager's when `manager` is given),
    by account name."""
    chosen_year, today = _year(filters.year), timezone.localdate()
    accounts = cycle_portfolio(user=request.user)
    if filters.manager:
        accounts = accounts.filter(owner__username=filters.manager)

    def convert(rows: list[Account]) -> list[dict[str, object]]:
        cycles = account_cycles([account.pk for account in rows], chosen_year, today)
        return [_out(account, cycles[account.pk]) for account in rows]

    return ConvertedPage(accounts, convert)
