"""Reads of strategic matching (T6): the items by domain, the funnel, value proven over time, and
the feed into the organisation score sheet's m_solution item (T6.3)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils.translation import gettext as _

from kam.accounts.access import scope_to_visible_accounts
from kam.accounts.models import Account
from kam.engagement.choices import IssueDomain, MatchingStage
from kam.engagement.models import MatchingItem
from kam.users.models import User

# T6.3 [D]: m_solution = min(5, proven + 0.5 · delivered).
SOLUTION_MAXIMUM = Decimal(5)
DELIVERED_WEIGHT = Decimal("0.5")


def matching_queryset(user: User) -> QuerySet[MatchingItem]:
    """Every matching item the user may see, with what its pages and API show."""
    items = MatchingItem.objects.select_related("account", "customer_owner", "meeting")
    return scope_to_visible_accounts(items, user)


def matching_items(*, account: Account) -> QuerySet[MatchingItem]:
    return (
        MatchingItem.objects.filter(account=account)
        .select_related("account", "customer_owner", "meeting")
        .order_by("domain", "pk")
    )


@dataclass
class DomainGroup:
    code: str
    label: str
    items: list[MatchingItem] = field(default_factory=list)


def matching_by_domain(*, account: Account) -> list[DomainGroup]:
    """The account's items grouped by domain, in the domain enumeration's order."""
    groups = {code: DomainGroup(code, str(label)) for code, label in IssueDomain.choices}
    for item in matching_items(account=account):
        groups[item.domain].items.append(item)
    return [group for group in groups.values() if group.items]


def matching_stage_counts(*, account: Account) -> dict[str, int]:
    """Items per funnel stage (every stage present, zero when empty)."""
    counts = dict.fromkeys(MatchingStage.values, 0)
    rows = MatchingItem.objects.filter(account=account).values("stage").annotate(count=Count("pk"))
    for row in rows.order_by():
        counts[row["stage"]] = row["count"]
    return counts


@dataclass(frozen=True)
class QuarterValue:
    year: int
    quarter: int
    currency: str
    amount: Decimal

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.quarter}"


def matching_value_by_quarter(*, account: Account) -> list[QuarterValue]:
    """Value amounts proven per quarter (the day the item reached value proven), per currency."""
    rows = (
        MatchingItem.objects.filter(
            account=account,
            stage=MatchingStage.VALUE_PROVEN,
            stage_changed_on__isnull=False,
            value_amount__isnull=False,
        )
        .annotate(year=ExtractYear("stage_changed_on"), quarter=ExtractQuarter("stage_changed_on"))
        .values("year", "quarter", "currency")
        .annotate(amount=Sum("value_amount"))
        .order_by("year", "quarter", "currency")
    )
    return [
        QuarterValue(row["year"], row["quarter"], row["currency"], row["amount"]) for row in rows
    ]


def solution_score(*, proven: int, delivered: int) -> Decimal:
    """T6.3: min(5, proven + 0.5 · delivered)."""
    return min(SOLUTION_MAXIMUM, Decimal(proven) + DELIVERED_WEIGHT * Decimal(delivered))


@dataclass(frozen=True)
class SolutionSuggestion:
    proven: int
    delivered: int
    value: Decimal
    explanation: str

    @property
    def has_evidence(self) -> bool:
        """Whether any matching item is proven or delivered: without one, "0" is no finding,
        and the score sheet leaves the item unanswered rather than answered 0."""
        return self.proven + self.delivered > 0


def m_solution_detail(account: Account) -> SolutionSuggestion:
    counts = matching_stage_counts(account=account)
    proven = counts[MatchingStage.VALUE_PROVEN]
    delivered = counts[MatchingStage.DELIVERED]
    value = solution_score(proven=proven, delivered=delivered)
    explanation = _(
        "Derived from strategic matching: {proven} proven, {delivered} delivered → suggested "
        "{value} (min(5, proven + 0.5 × delivered))."
    ).format(proven=proven, delivered=delivered, value=_number(value))
    return SolutionSuggestion(proven, delivered, value, explanation)


def m_solution_suggestion(account: Account) -> tuple[Decimal, str]:
    """The T4 org score sheet's m_solution value derived from T6, and a sentence explaining it."""
    detail = m_solution_detail(account)
    return detail.value, detail.explanation


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


# --- charts (ECharts options, built on the server) --------------------------------------------
