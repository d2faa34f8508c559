"""Reads on accounts. Every selector takes the requesting user and applies the access rules."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from kam.accounts.access import accounts_visible_to
from kam.accounts.models import Account, AccountGroup, AccountTeamMembership, Competitor
from kam.lib.search import words_query
from kam.lib.sorting import BY_NAME, BY_NAME_DESCENDING, name_ordering, ordering
from kam.users.models import User

# Sort keys offered to users (pages and API), mapped to ORDER BY; the pk breaks ties stably.
# Names sort by pinyin in 中文 and without case in English (`kam.lib.sorting`).
ACCOUNT_SORTS = {
    "name": (BY_NAME, "pk"),
    "-name": (BY_NAME_DESCENDING, "-pk"),
    "revenue": ("current_revenue", "pk"),
    "-revenue": ("-current_revenue", "-pk"),
    "updated": ("updated_at", "pk"),
    "-updated": ("-updated_at", "-pk"),
    "status": ("status", BY_NAME, "pk"),
    "industry": ("industry", BY_NAME, "pk"),
    "region": ("region", BY_NAME, "pk"),
}


# What the search box looks in; several words must each match one of these.
ACCOUNT_SEARCH_FIELDS = ("name", "alternate_name")


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
        accounts = accounts.filter(words_query(filters.query, ACCOUNT_SEARCH_FIELDS))
    for field in ("industry", "region", "status", "category"):
        value = getattr(filters, field)
        if value:
            accounts = accounts.filter(**{field: value})
    if filters.owner_uuid:
        accounts = accounts.filter(owner__uuid=filters.owner_uuid)
    if filters.group_uuid:
        accounts = accounts.filter(group__uuid=filters.group_uuid)
    return accounts.order_by(*ordering(ACCOUNT_SORTS.get(filters.sort, ACCOUNT_SORTS["name"])))


def account_team(*, account: Account) -> QuerySet[AccountTeamMembership]:
    return account.team_memberships.select_related("user").order_by("team_role", "user__username")


def account_subsidiaries(*, user: User, account: Account) -> QuerySet[Account]:
    return accounts_visible_to(user).filter(parent=account).order_by(*name_ordering())


def account_owner_choices() -> QuerySet[User]:
    """Users who can own an account."""
    return User.objects.filter(
        is_active=True, role__in=["administrator", "director", "account_manager"]
    ).order_by("username")


def account_parent_choices(*, user: User, exclude: Account | None = None) -> QuerySet[Account]:
    accounts = (
        accounts_visible_to(user).only("pk", "name", "name_sort_key").order_by(*name_ordering())
    )
    if exclude is not None:
        accounts = accounts.exclude(pk=exclude.pk)
    return accounts


def account_group_list() -> QuerySet[AccountGroup]:
    return AccountGroup.objects.annotate(account_count=Count("accounts")).order_by(*name_ordering())


def competitor_list() -> QuerySet[Competitor]:
    return Competitor.objects.order_by(*name_ordering())
