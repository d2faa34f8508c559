"""Engagement figures (spec T5.3 [D]) per account, per owner and per portfolio.

All four figures are taken over one calendar year, up to a reference day ("to date"):

* calendar compliance = entries done / entries due (planned on or before the day, not cancelled;
                        the one definition in `kam.engagement.rules`);
* level-match rate    = activities with matching levels / activities whose match is known;
* action closure      = action items done by their due date / items due (not cancelled);
* cadence gap         = per mechanism: times per year from the account category's cadence
                        − entries scheduled in the year (not cancelled).

The traffic-light thresholds are data (`EngagementSettings`, newest row; the [D] defaults apply
only while no row exists); `kam.engagement.rules.traffic_light` turns a percentage into a light.
Each figure function reads them once, or takes them as `settings=` so that a page reads them once
for all its figures.

Counts are aggregated in the database; the portfolio makes a fixed number of queries.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, TypedDict

from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce

from kam.accounts.access import accounts_visible_to
from kam.accounts.models import Account
from kam.engagement.calendar.plan import cadence_count_in_year
from kam.engagement.choices import ActionStatus, EntryStatus
from kam.engagement.models import (
    ActionItem,
    Activity,
    CalendarEntry,
    EngagementSettings,
    Mechanism,
    MechanismCadence,
)
from kam.engagement.rules import (
    LIGHT_LABELS,
    calendar_compliance_filters,
    compliance_window,
    light_of,
    rate,
)
from kam.engagement.settings.selectors import engagement_settings
from kam.lib.sorting import name_ordering
from kam.users.models import User

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def _in_force(settings: EngagementSettings | None) -> EngagementSettings:
    return settings if settings is not None else engagement_settings()


@dataclass(frozen=True)
class Ratio:
    numerator: int
    denominator: int
    # The thresholds its light follows; None reads the settings in force (one query per light).
    settings: EngagementSettings | None = field(default=None, compare=False, repr=False)

    @property
    def percent(self) -> float | None:
        return rate(self.numerator, self.denominator)

    @property
    def light(self) -> str:
        # On the exact value: `percent` is rounded for display.
        return light_of(self.numerator, self.denominator, self.settings)

    @property
    def light_label(self) -> str:
        return str(LIGHT_LABELS[self.light])


def _activity_filter(year: int, prefix: str = "") -> tuple[Q, Q]:
    known = Q(**{f"{prefix}occurred_on__year": year, f"{prefix}is_level_matched__isnull": False})
    return known, known & Q(**{f"{prefix}is_level_matched": True})


def _action_filter(year: int, today: date, prefix: str = "") -> tuple[Q, Q]:
    start, end = compliance_window(year, today)
    due = Q(**{f"{prefix}due_on__gte": start, f"{prefix}due_on__lte": end}) & ~Q(
        **{f"{prefix}status": ActionStatus.CANCELLED}
    )
    on_time = Q(
        **{
            f"{prefix}status": ActionStatus.DONE,
            f"{prefix}closed_on__isnull": False,
            f"{prefix}closed_on__lte": F(f"{prefix}due_on"),
        }
    )
    return due, due & on_time


def _ratio(queryset: QuerySet, filters: tuple[Q, Q], settings: EngagementSettings | None) -> Ratio:
    counts = queryset.aggregate(
        denominator=Count("pk", filter=filters[0]), numerator=Count("pk", filter=filters[1])
    )
    return Ratio(counts["numerator"], counts["denominator"], _in_force(settings))


def calendar_compliance(
    *, account: Account, year: int, today: date, settings: EngagementSettings | None = None
) -> Ratio:
    entries = CalendarEntry.objects.filter(account=account)
    return _ratio(entries, calendar_compliance_filters(year, today), settings)


def level_match_rate(
    *, account: Account, year: int, settings: EngagementSettings | None = None
) -> Ratio:
    return _ratio(Activity.objects.filter(account=account), _activity_filter(year), settings)


def action_closure(
    *, account: Account, year: int, today: date, settings: EngagementSettings | None = None
) -> Ratio:
    actions = ActionItem.objects.filter(account=account)
    return _ratio(actions, _action_filter(year, today), settings)


@dataclass(frozen=True)
class MechanismFigures:
    mechanism: Mechanism
    planned: int | None  # entries the cadence asks for in the year; None: on demand/no category
    scheduled: int
    compliance: Ratio

    @property
    def gap(self) -> int | None:
        if self.planned is None:
            return None
        return self.planned - self.scheduled


def _cadences(category: str) -> dict[int, MechanismCadence]:
    if not category:
        return {}
    rows = MechanismCadence.objects.filter(category=category)
    return {cadence.mechanism_id: cadence for cadence in rows}


def _planned(cadence: MechanismCadence | None, year: int) -> int | None:
    """The entries the cadence asks for in the year (as the plan generator counts them)."""
    if cadence is None or cadence.is_on_demand:
        return None
    return cadence_count_in_year(cadence.per_year, year)


def mechanism_figures(
    *, account: Account, year: int, today: date, settings: EngagementSettings | None = None
) -> list[MechanismFigures]:
    """Per active mechanism: cadence target, entries scheduled in the year, compliance to date."""
    settings = _in_force(settings)
    due, done = calendar_compliance_filters(year, today)
    scheduled = Q(planned_on__year=year) & ~Q(status=EntryStatus.CANCELLED)
    rows = (
        CalendarEntry.objects.filter(account=account)
        .values("mechanism_id")
        .annotate(
            scheduled=Count("pk", filter=scheduled),
            due=Count("pk", filter=due),
            done=Count("pk", filter=done),
        )
        .order_by()
    )
    counts = {row["mechanism_id"]: row for row in rows}
    cadences = _cadences(account.category)
    figures = []
    for mechanism in Mechanism.objects.filter(is_active=True).order_by("position", "code"):
        row = counts.get(mechanism.pk, {"scheduled": 0, "due": 0, "done": 0})
        figures.append(
            MechanismFigures(
                mechanism=mechanism,
                planned=_planned(cadences.get(mechanism.pk), year),
                scheduled=row["scheduled"],
                compliance=Ratio(row["done"], row["due"], settings),
            )
        )
    return figures


def cadence_gap_total(mechanisms: list[MechanismFigures]) -> int | None:
    """Entries still missing to meet the cadences (over-scheduling does not offset a gap)."""
    gaps = [item.gap for item in mechanisms if item.gap is not None]
    if not gaps:
        return None
    return sum(max(0, gap) for gap in gaps)


@dataclass(frozen=True)
class AccountFigures:
    account: Account
    year: int
    compliance: Ratio
    level_match: Ratio
    action_closure: Ratio
    mechanisms: list[MechanismFigures] = field(default_factory=list)
    settings: EngagementSettings | None = None  # the thresholds the lights follow

    @property
    def cadence_gap(self) -> int | None:
        return cadence_gap_total(self.mechanisms)


def account_figures(
    *, account: Account, year: int, today: date, settings: EngagementSettings | None = None
) -> AccountFigures:
    settings = _in_force(settings)
    return AccountFigures(
        account=account,
        year=year,
        compliance=calendar_compliance(account=account, year=year, today=today, settings=settings),
        level_match=level_match_rate(account=account, year=year, settings=settings),
        action_closure=action_closure(account=account, year=year, today=today, settings=settings),
        mechanisms=mechanism_figures(account=account, year=year, today=today, settings=settings),
        settings=settings,
    )


# --- portfolio and owners ---------------------------------------------------------------------

PORTFOLIO_SORTS = {
    "name": "name",
    "-name": "-name",
    "compliance": "compliance_rate",
    "-compliance": "-compliance_rate",
    "level_match": "level_match_rate",
    "-level_match": "-level_match_rate",
    "closure": "closure_rate",
    "-closure": "-closure_rate",
    "owner": "owner__username",
    "-owner": "-owner__username",
}


def _count(model: type[CalendarEntry] | type[Activity] | type[ActionItem], filters: Q) -> Coalesce:
    """The number of the account's rows matching `filters`, as a correlated subquery."""
    rows = (
        model.objects.filter(filters, account=OuterRef("pk"))
        .order_by()
        .values("account")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def _percent(numerator: str, denominator: str) -> Case:
    return Case(
        When(
            **{f"{denominator}__gt": 0},
            then=Cast(F(numerator), FloatField()) * 100.0 / Cast(F(denominator), FloatField()),
        ),
        default=None,
        output_field=FloatField(),
    )


def portfolio_queryset(*, user: User, year: int, today: date, sort: str = "name") -> QuerySet:
    """Every account the user may see, annotated with the counts behind the three ratios."""
    entries_due, entries_done = calendar_compliance_filters(year, today)
    activities_known, activities_matched = _activity_filter(year)
    actions_due, actions_on_time = _action_filter(year, today)
    queryset = (
        accounts_visible_to(user)
        .select_related("owner")
        .annotate(
            entries_due=_count(CalendarEntry, entries_due),
            entries_done=_count(CalendarEntry, entries_done),
            activities_known=_count(Activity, activities_known),
            activities_matched=_count(Activity, activities_matched),
            actions_due=_count(ActionItem, actions_due),
            actions_on_time=_count(ActionItem, actions_on_time),
        )
        .annotate(
            compliance_rate=_percent("entries_done", "entries_due"),
            level_match_rate=_percent("activities_matched", "activities_known"),
            closure_rate=_percent("actions_on_time", "actions_due"),
        )
    )
    order = PORTFOLIO_SORTS.get(sort, "name")
    if order.lstrip("-") == "name":  # pinyin in 中文, no case in English
        return queryset.order_by(*name_ordering(descending=order.startswith("-")), "pk")
    nulls = F(order.lstrip("-"))
    ordered = nulls.desc(nulls_last=True) if order.startswith("-") else nulls.asc(nulls_last=True)
    return queryset.order_by(ordered, "pk")


@dataclass(frozen=True)
class PortfolioRow:
    account: Account
    compliance: Ratio
    level_match: Ratio
    action_closure: Ratio
    cadence_gap: int | None


def cadence_gaps(*, accounts: Sequence[Account], year: int) -> dict[int, int | None]:
    """Σ max(0, cadence − scheduled) per account, for a page of accounts (two queries)."""
    scheduled: dict[int, dict[int, int]] = defaultdict(dict)
    rows = (
        CalendarEntry.objects.filter(account__in=[account.pk for account in accounts])
        .filter(planned_on__year=year)
        .exclude(status=EntryStatus.CANCELLED)
        .values("account_id", "mechanism_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for row in rows:
        scheduled[row["account_id"]][row["mechanism_id"]] = row["count"]
    targets: dict[str, dict[int, int]] = defaultdict(dict)
    cadences = MechanismCadence.objects.filter(
        mechanism__is_active=True, is_on_demand=False
    ).values_list("category", "mechanism_id", "per_year")
    for category, mechanism_id, per_year in cadences:
        targets[category][mechanism_id] = cadence_count_in_year(per_year, year)
    gaps: dict[int, int | None] = {}
    for account in accounts:
        plan = targets.get(account.category) if account.category else None
        if not plan:
            gaps[account.pk] = None
            continue
        done = scheduled.get(account.pk, {})
        gaps[account.pk] = sum(max(0, target - done.get(pk, 0)) for pk, target in plan.items())
    return gaps


class RatioCounts(TypedDict):
    """The counts `portfolio_queryset` annotates on each account."""

    entries_due: int
    entries_done: int
    activities_known: int
    activities_matched: int
    actions_due: int
    actions_on_time: int


def portfolio_rows(
    *,
    accounts: list["WithAnnotations[Account, RatioCounts]"],
    year: int,
    settings: EngagementSettings | None = None,
) -> list[PortfolioRow]:
    """Rows of annotated accounts (from portfolio_queryset) with their cadence gap."""
    settings = _in_force(settings)
    gaps = cadence_gaps(accounts=accounts, year=year)
    return [
        PortfolioRow(
            account=account,
            compliance=Ratio(account.entries_done, account.entries_due, settings),
            level_match=Ratio(account.activities_matched, account.activities_known, settings),
            action_closure=Ratio(account.actions_on_time, account.actions_due, settings),
            cadence_gap=gaps[account.pk],
        )
        for account in accounts
    ]


@dataclass
class OwnerFigures:
    owner: User
    accounts: int = 0
    compliance: Ratio = Ratio(0, 0)
    level_match: Ratio = Ratio(0, 0)
    action_closure: Ratio = Ratio(0, 0)


def owner_figures(
    *, user: User, year: int, today: date, settings: EngagementSettings | None = None
) -> list[OwnerFigures]:
    """The figures per account owner, over the accounts the user may see (five queries)."""
    settings = _in_force(settings)
    empty = Ratio(0, 0, settings)
    visible = accounts_visible_to(user)
    counts = dict(
        visible.order_by()
        .values("owner_id")
        .annotate(total=Count("pk"))
        .values_list("owner_id", "total")
    )
    owners = {
        person.pk: OwnerFigures(
            owner=person,
            accounts=counts[person.pk],
            compliance=empty,
            level_match=empty,
            action_closure=empty,
        )
        for person in User.objects.filter(pk__in=counts).order_by("username")
    }
    for attribute, model, filters in (
        ("compliance", CalendarEntry, calendar_compliance_filters(year, today)),
        ("level_match", Activity, _activity_filter(year)),
        ("action_closure", ActionItem, _action_filter(year, today)),
    ):
        grouped = (
            model.objects.filter(account__in=visible.values("pk"))
            .values("account__owner_id")
            .annotate(
                denominator=Count("pk", filter=filters[0]),
                numerator=Count("pk", filter=filters[1]),
            )
            .order_by()
        )
        for row in grouped:
            if row["account__owner_id"] in owners:
                setattr(
                    owners[row["account__owner_id"]],
                    attribute,
                    Ratio(row["numerator"], row["denominator"], settings),
                )
    return list(owners.values())


# --- chart --------------------------------------------------------------------------------------
