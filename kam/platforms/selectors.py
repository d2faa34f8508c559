"""Reads of the engagement platform plan (T10): the account's items of a year with their
calendar counts, the budget totals, and the platform_events figure (held / planned)."""

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from kam.accounts.models import Account
from kam.engagement.choices import EntryStatus
from kam.platforms.models import PlatformEntry, PlatformItem
from kam.platforms.rules import held_rate

# Entries that count as planned: a cancelled event is no longer in the plan.
COUNTED_STATUSES = [EntryStatus.PLANNED, EntryStatus.DONE, EntryStatus.POSTPONED]


def platform_items(*, account: Account, year: int) -> QuerySet[PlatformItem]:
    """The account's platform items of the year with their owner and calendar counts
    (`entries_planned`, `entries_held`), in plan order."""
    not_cancelled = Q(entry_links__entry__status__in=COUNTED_STATUSES)
    return (
        PlatformItem.objects.filter(account=account, year=year)
        .select_related("owner")
        .annotate(
            entries_planned=Count("entry_links", filter=not_cancelled),
            entries_held=Count(
                "entry_links", filter=Q(entry_links__entry__status=EntryStatus.DONE)
            ),
        )
        .order_by("platform_type", "title", "pk")
    )


def platform_item_get(*, account: Account, platform_uuid: uuid.UUID | str) -> PlatformItem | None:
    """One item of the account (None when the id is not one of its items)."""
    return (
        PlatformItem.objects.filter(account=account, uuid=platform_uuid)
        .select_related("account", "owner")
        .first()
    )


@dataclass(frozen=True)
class PlatformEvents:
    """platform_events (T10.2): calendar entries of the account's platform items in the year,
    held (done) against planned (all but cancelled); rate = held / planned, None without plan."""

    year: int
    held: int
    planned: int
    rate: Decimal | None


def platform_events(account: Account, year: int) -> PlatformEvents:
    """The figure that feeds the broad-relationship KPI `platform_events`."""
    counts = (
        PlatformEntry.objects.filter(item__account=account, entry__planned_on__year=year)
        .filter(entry__status__in=COUNTED_STATUSES)
        .aggregate(planned=Count("pk"), held=Count("pk", filter=Q(entry__status=EntryStatus.DONE)))
    )
    return PlatformEvents(
        year=year,
        held=counts["held"],
        planned=counts["planned"],
        rate=held_rate(counts["held"], counts["planned"]),
    )


@dataclass(frozen=True)
class BudgetTotal:
    currency: str
    amount: Decimal


def platform_budget_totals(*, account: Account, year: int) -> list[BudgetTotal]:
    """The year's planned budget per currency (items without a budget left out)."""
    rows = (
        PlatformItem.objects.filter(account=account, year=year, budget__isnull=False)
        .values("currency")
        .annotate(amount=Sum("budget"))
        .order_by("currency")
    )
    return [BudgetTotal(currency=row["currency"], amount=row["amount"]) for row in rows]


def platform_years(*, account: Account, current: int) -> list[int]:
    """Years with a plan, and the current and next year, newest first."""
    years = set(
        PlatformItem.objects.filter(account=account).values_list("year", flat=True).distinct()
    )
    return sorted(years | {current, current + 1}, reverse=True)
