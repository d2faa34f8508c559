"""Reads of the management cycle wheel: the facts of many accounts' year in a fixed number of
queries, each phase's status from them (kam.cycle.rules), and the portfolio roll-up."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from kam.accounts.access import accounts_visible_to
from kam.accounts.models import Account
from kam.assessments.models import Assessment
from kam.cycle.choices import PHASE_HINTS, CyclePhase, PhaseStatus
from kam.cycle.models import CycleSettings
from kam.cycle.rules import (
    CycleFacts,
    assess_status,
    current_phase,
    execute_status,
    improve_status,
    plan_status,
    review_status,
    targets_status,
)
from kam.engagement.choices import ActionStatus
from kam.engagement.models import Activity, CalendarEntry, EngagementSettings
from kam.engagement.rules import GREEN, calendar_compliance_filters, light_of
from kam.engagement.settings.selectors import engagement_settings
from kam.letters.choices import LetterStatus
from kam.letters.models import ResponsibilityLetter
from kam.lib.sorting import name_ordering
from kam.plans.models import AccountPlan, Objective
from kam.reviews.choices import ReviewKind
from kam.reviews.models import Review, ReviewAction
from kam.users.models import User


def cycle_settings() -> CycleSettings:
    """The settings in force: the newest row, or an unsaved row of defaults when there is none."""
    current = CycleSettings.objects.order_by("-created_at", "-id").first()
    return current if current is not None else CycleSettings()


def cycle_settings_history(*, limit: int = 10) -> list[CycleSettings]:
    return list(
        CycleSettings.objects.select_related("created_by").order_by("-created_at", "-id")[:limit]
    )


@dataclass(frozen=True)
class PhaseState:
    phase: str
    status: str

    @property
    def label(self) -> str:
        return str(CyclePhase(self.phase).label)

    @property
    def status_label(self) -> str:
        return str(PhaseStatus(self.status).label)

    @property
    def hint(self) -> str:
        return str(PHASE_HINTS[CyclePhase(self.phase)])


@dataclass(frozen=True)
class AccountCycle:
    account_id: int
    year: int
    facts: CycleFacts
    phases: list[PhaseState]
    # The instruments the Assess phase asks for (the settings in force).
    required: tuple[str, ...] = ()

    @property
    def current(self) -> str | None:
        return current_phase({state.phase: state.status for state in self.phases})

    @property
    def current_label(self) -> str:
        phase = self.current
        return str(CyclePhase(phase).label) if phase else _("Cycle complete")


def _assessed(ids: Sequence[int], year: int, settings: CycleSettings) -> dict[int, set[str]]:
    start_month = 13 - settings.assess_lead_months
    start = date(year, 1, 1) if start_month > 12 else date(year - 1, start_month, 1)
    rows = (
        Assessment.objects.filter(
            account_id__in=ids,
            tool_code__in=settings.assess_tools,
            assessed_on__gte=start,
            assessed_on__lte=date(year, 12, 31),
        )
        .order_by()
        .values_list("account_id", "tool_code")
        .distinct()
    )
    tools: dict[int, set[str]] = {}
    for account_id, tool in rows:
        tools.setdefault(account_id, set()).add(tool)
    return tools


def _plans(ids: Sequence[int], year: int) -> dict[int, tuple[bool, int]]:
    rows = AccountPlan.objects.filter(account_id__in=ids, year=year).values_list(
        "account_id", "approved_version"
    )
    owners = dict(
        Objective.objects.filter(plan__account_id__in=ids, plan__year=year)
        .order_by()
        .values("plan__account_id")
        .annotate(owners=Count("owner", distinct=True))
        .values_list("plan__account_id", "owners")
    )
    return {account_id: (approved > 0, owners.get(account_id, 0)) for account_id, approved in rows}


def _calendar(ids: Sequence[int], year: int, today: date) -> dict[int, tuple[int, int, int]]:
    due, done = calendar_compliance_filters(year, today)
    entries: dict[int, tuple[int, int]] = {
        account_id: (due_count, done_count)
        for account_id, due_count, done_count in CalendarEntry.objects.filter(account_id__in=ids)
        .order_by()
        .values("account_id")
        .annotate(due=Count("pk", filter=due), done=Count("pk", filter=done))
        .values_list("account_id", "due", "done")
    }
    activities = dict(
        Activity.objects.filter(account_id__in=ids, occurred_on__year=year)
        .order_by()
        .values("account_id")
        .annotate(count=Count("pk"))
        .values_list("account_id", "count")
    )
    return {
        account_id: (
            *entries.get(account_id, (0, 0)),
            activities.get(account_id, 0),
        )
        for account_id in ids
    }


def _letters(ids: Sequence[int], year: int, facts: dict[int, CycleFacts]) -> None:
    """The year's responsibility letters and how many owners signed one (one query)."""
    signed = Q(status__in=[LetterStatus.SIGNED, LetterStatus.CLOSED])
    rows = (
        ResponsibilityLetter.objects.filter(plan__account_id__in=ids, plan__year=year)
        .order_by()
        .values("plan__account_id")
        .annotate(letters=Count("pk"), signed=Count("owner", filter=signed, distinct=True))
        .values_list("plan__account_id", "letters", "signed")
    )
    for account_id, letters, signed_owners in rows:
        facts[account_id].letters = letters
        facts[account_id].signed_letter_owners = signed_owners


def _reviews(ids: Sequence[int], year: int, facts: dict[int, CycleFacts]) -> None:
    """The year's reviews and the state of their corrective actions (two queries)."""
    reviews = (
        Review.objects.filter(plan__account_id__in=ids, plan__year=year)
        .order_by()
        .values_list("plan__account_id", "kind")
        .annotate(count=Count("pk"))
    )
    for account_id, kind, count in reviews:
        if kind == ReviewKind.YEAR_END:
            facts[account_id].has_year_end_review = True
        else:
            facts[account_id].quarterly_reviews += count
    closed = Q(action_item__status__in=[ActionStatus.DONE, ActionStatus.CANCELLED])
    actions = (
        ReviewAction.objects.filter(review__plan__account_id__in=ids, review__plan__year=year)
        .order_by()
        .values("review__plan__account_id")
        .annotate(open=Count("pk", filter=~closed), closed=Count("pk", filter=closed))
        .values_list("review__plan__account_id", "open", "closed")
    )
    for account_id, open_count, closed_count in actions:
        facts[account_id].corrective_open = open_count
        facts[account_id].corrective_closed = closed_count


def cycle_facts(
    ids: Sequence[int], year: int, today: date, settings: CycleSettings | None = None
) -> dict[int, CycleFacts]:
    """The facts of each account's year, in a fixed number of queries for any number of ids."""
    settings = settings if settings is not None else cycle_settings()
    assessed = _assessed(ids, year, settings)
    plans = _plans(ids, year)
    calendar = _calendar(ids, year, today)
    facts = {}
    for account_id in ids:
        approved, owners = plans.get(account_id, (False, 0))
        due, done, activities = calendar[account_id]
        facts[account_id] = CycleFacts(
            assessed_tools=assessed.get(account_id, set()),
            has_plan=account_id in plans,
            is_plan_approved=approved,
            objective_owners=owners,
            entries_due=due,
            entries_done=done,
            activities=activities,
        )
    _letters(ids, year, facts)
    _reviews(ids, year, facts)
    return facts


def _phases(
    facts: CycleFacts,
    *,
    year: int,
    today: date,
    required: list[str],
    engagement: EngagementSettings,
) -> list[PhaseState]:
    on_target = light_of(facts.entries_done, facts.entries_due, engagement) == GREEN
    statuses = {
        CyclePhase.ASSESS: assess_status(facts, required),
        CyclePhase.PLAN: plan_status(facts),
        CyclePhase.TARGETS: targets_status(facts),
        CyclePhase.EXECUTE: execute_status(facts, year=year, today=today, is_on_target=on_target),
        CyclePhase.REVIEW: review_status(facts),
        CyclePhase.IMPROVE: improve_status(facts),
    }
    return [PhaseState(phase, statuses[CyclePhase(phase)]) for phase in CyclePhase.values]


def account_cycles(ids: Sequence[int], year: int, today: date) -> dict[int, AccountCycle]:
    """The wheel of each account for the year."""
    settings = cycle_settings()
    facts = cycle_facts(ids, year, today, settings)
    required = list(settings.assess_tools)
    engagement = engagement_settings()
    return {
        account_id: AccountCycle(
            account_id,
            year,
            account_facts,
            _phases(
                account_facts, year=year, today=today, required=required, engagement=engagement
            ),
            tuple(required),
        )
        for account_id, account_facts in facts.items()
    }


def account_cycle(account: Account, year: int, today: date) -> AccountCycle:
    return account_cycles([account.pk], year, today)[account.pk]


def plan_of_year(account: Account, year: int) -> AccountPlan | None:
    """The account's plan of the year, for the wheel's links (one query)."""
    return AccountPlan.objects.filter(account=account, year=year).only("uuid").first()


def cycle_portfolio(*, user: User, manager_id: int | None = None) -> QuerySet[Account]:
    """The visible accounts for the roll-up, by name, optionally one manager's."""
    accounts = accounts_visible_to(user).select_related("owner")
    if manager_id is not None:
        accounts = accounts.filter(owner_id=manager_id)
    return accounts.only(
        "uuid",
        "name",
        "category",
        "owner__username",
        "owner__first_name",
        "owner__last_name",
        "owner__display_name",
        "name_sort_key",
    ).order_by(*name_ordering(), "pk")


def cycle_managers(*, user: User) -> list[User]:
    """The managers of the visible accounts, for the roll-up's filter (one query)."""
    owners = accounts_visible_to(user).values("owner_id")
    return list(User.objects.filter(pk__in=owners).order_by("username"))


def phase_counts(cycles: Sequence[AccountCycle]) -> list[tuple[PhaseState, int]]:
    """How many of the accounts listed stand in each phase (the roll-up's summary)."""
    counts = dict.fromkeys(CyclePhase.values, 0)
    complete = 0
    for cycle in cycles:
        phase = cycle.current
        if phase is None:
            complete += 1
        else:
            counts[phase] += 1
    return [(PhaseState(phase, PhaseStatus.IN_PROGRESS), counts[phase]) for phase in counts]


def status_totals(cycles: Sequence[AccountCycle]) -> dict[str, dict[str, int]]:
    totals = {phase: dict.fromkeys(PhaseStatus.values, 0) for phase in CyclePhase.values}
    for cycle in cycles:
        for state in cycle.phases:
            totals[state.phase][state.status] += 1
    return totals
