"""Reads on accounts. Every selector takes the requesting user and applies the access rules."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from kam.accounts.access import accounts_visible_to
from kam.accounts.models import Account, AccountGroup, AccountTeamMembership, Competitor
from kam.users.models import User

# Sort keys offered to users (pages and API), mapped to ORDER BY; the pk breaks ties stably.
ACCOUNT_SORTS = {
    "name": ("name", "pk"),
    "-name": ("-name", "-pk"),
    "revenue": ("current_revenue", "pk"),
    "-revenue": ("-current_revenue", "-pk"),
    "updated": ("updated_at", "pk"),
    "-updated": ("-updated_at", "-pk"),
    "status": ("status", "name", "pk"),
    "industry": ("industry", "name", "pk"),
    "region": ("region", "name", "pk"),
}


@dataclass(frozen=True)
class AccountFilters:
    query: str = ""
    industry: str = ""
    region: str = ""
    status: str = ""
    category: str = ""
    owner_uuid: str = ""
    group_uuid: str = ""
    sort: str = "name"


def account_list(*, user: User, filters: AccountFilters) -> QuerySet[Account]:
    """Visible accounts, filtered and sorted, with what the list shows joined in."""
    accounts = accounts_visible_to(user).select_related("owner", "group", "parent")
    if filters.query:
        accounts = accounts.filter(
            Q(name__icontains=filters.query) | Q(alternate_name__icontains=filters.query)
        )
    for field in ("industry", "region", "status", "category"):
        value = getattr(filters, field)
        if value:
            accounts = accounts.filter(**{field: value})
    if filters.owner_uuid:
        accounts = accounts.filter(owner__uuid=filters.owner_uuid)
    if filters.group_uuid:
        accounts = accounts.filter(group__uuid=filters.group_uuid)
    return accounts.order_by(*ACCOUNT_SORTS.get(filters.sort, ACCOUNT_SORTS["name"]))


def account_team(*, account: Account) -> QuerySet[AccountTeamMembership]:
    return account.team_memberships.select_related("user").order_by("team_role", "user__username")


def account_subsidiaries(*, user: User, account: Account) -> QuerySet[Account]:
    return accounts_visible_to(user).filter(parent=account).order_by("name")


def account_owner_choices() -> QuerySet[User]:
    """Users who can own an account."""
    return User.objects.filter(
        is_active=True, role__in=["administrator", "director", "account_manager"]
    ).order_by("username")


def account_parent_choices(*, user: User, exclude: Account | None = None) -> QuerySet[Account]:
    accounts = accounts_visible_to(user).only("pk", "name").order_by("name")
    if exclude is not None:
        accounts = accounts.exclude(pk=exclude.pk)
    return accounts


def account_group_list() -> QuerySet[AccountGroup]:
    return AccountGroup.objects.annotate(account_count=Count("accounts")).order_by("name")


def competitor_list() -> QuerySet[Competitor]:
    return Competitor.objects.order_by("name")
