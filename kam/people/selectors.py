"""Reads on org units and contacts, always scoped to the accounts the user may see."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from kam.accounts.access import scope_to_visible_accounts, visible_account_filter
from kam.accounts.models import Account
from kam.lib.search import words_query
from kam.lib.sorting import BY_NAME, BY_NAME_DESCENDING, active_name_key, name_ordering, ordering
from kam.people.models import Contact, ContactEdge, OrgUnit, PowerMapSettings
from kam.users.models import User

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

# Names sort by pinyin in 中文 and without case in English (`kam.lib.sorting`).
CONTACT_SORTS = {
    "name": (BY_NAME, "pk"),
    "-name": (BY_NAME_DESCENDING, "-pk"),
    "seniority": ("seniority", BY_NAME, "pk"),
    "function": ("function", BY_NAME, "pk"),
    "-updated": ("-updated_at", "-pk"),
}


# What the search box looks in; several words must each match one of these.
CONTACT_SEARCH_FIELDS = ("name", "title", "email", "account__name")


@dataclass(frozen=True)
class ContactFilters:
    query: str = ""
    account_uuid: str = ""
    seniority: str = ""
    function: str = ""
    sort: str = "name"


def _visible_contacts(user: User, *, walks_names: bool) -> QuerySet[Contact]:
    """The contacts of the accounts the user may see. `walks_names` for a page of a user who sees
    part of the portfolio: an EXISTS per contact (a primary-key probe of its account), so the
    database walks the name index in the list's order and stops at the page's end, where
    `account IN (…)` collects and sorts every visible contact. Counting is the other way round:
    `account IN (…)` reads only the visible accounts' contacts, EXISTS would probe them all."""
    if walks_names and user.is_authenticated and user.is_active and not user.sees_all_accounts:
        visible = Account.objects.filter(visible_account_filter(user), pk=OuterRef("account_id"))
        return Contact.objects.filter(Exists(visible))
    return scope_to_visible_accounts(Contact.objects.all(), user)


def _filtered(contacts: QuerySet[Contact], filters: ContactFilters) -> QuerySet[Contact]:
    if filters.query:
        contacts = contacts.filter(words_query(filters.query, CONTACT_SEARCH_FIELDS))
    if filters.account_uuid:
        contacts = contacts.filter(account__uuid=filters.account_uuid)
    if filters.seniority:
        contacts = contacts.filter(seniority=filters.seniority)
    if filters.function:
        contacts = contacts.filter(function=filters.function)
    return contacts


def contact_list(*, user: User, filters: ContactFilters) -> QuerySet[Contact]:
    contacts = _filtered(_visible_contacts(user, walks_names=True), filters)
    return contacts.select_related("account", "org_unit", "reports_to").order_by(
        *ordering(CONTACT_SORTS.get(filters.sort, CONTACT_SORTS["name"]))
    )


@dataclass(frozen=True)
class ContactPages:
    """The contact list for a paginator: pages read from `rows`, the total counted on `counted`
    (the same contacts, in the form the database counts fastest)."""

    rows: QuerySet[Contact]
    counted: QuerySet[Contact]

    @property
    def ordered(self) -> bool:
        return self.rows.ordered

    def __getitem__(self, key: Any) -> Any:
        return self.rows[key]

    def __iter__(self) -> Iterator[Contact]:
        return iter(self.rows)

    def __len__(self) -> int:
        return self.count()

    def count(self) -> int:
        return self.counted.count()


def contact_pages(*, user: User, filters: ContactFilters) -> ContactPages:
    counted = _filtered(_visible_contacts(user, walks_names=False), filters)
    return ContactPages(contact_list(user=user, filters=filters), counted)


def account_contacts(*, account: Account) -> QuerySet[Contact]:
    return account.contacts.select_related("org_unit", "reports_to").order_by(
        *name_ordering(), "pk"
    )


@dataclass(frozen=True)
class OrgTreeRow:
    unit: OrgUnit
    depth: int
    contact_count: int


class ContactCount(TypedDict):
    contact_count: int


def org_tree(*, account: Account) -> list[OrgTreeRow]:
    """The account's org units in tree order (depth-first, siblings by name in the active
    language's order), in one query."""
    units = list(account.org_units.annotate(contact_count=Count("contacts")).order_by("pk"))
    units.sort(key=lambda unit: active_name_key(unit.name))
    children: dict[int | None, list[WithAnnotations[OrgUnit, ContactCount]]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    rows: list[OrgTreeRow] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for unit in children.get(parent_id, []):
            rows.append(OrgTreeRow(unit=unit, depth=depth, contact_count=unit.contact_count))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return rows


def org_unit_choices(*, account: Account) -> QuerySet[OrgUnit]:
    return account.org_units.order_by("name")


def contact_choices(*, account: Account) -> QuerySet[Contact]:
    return account.contacts.only(
        "pk", "uuid", "name", "name_sort_key", "title", "account_id"
    ).order_by(*name_ordering())


def contact_direct_reports(*, contact: Contact) -> QuerySet[Contact]:
    return contact.direct_reports.order_by(*name_ordering())


@dataclass(frozen=True)
class AccountPeopleSummary:
    contacts: int
    active_contacts: int
    executives: int
    org_units: int


def account_people_summary(*, account: Account) -> AccountPeopleSummary:
    """Headline figures of the customer's organisation for the account 360, in two queries."""
    contacts = account.contacts.aggregate(
        total=Count("pk"),
        active=Count("pk", filter=Q(is_active=True)),
        executives=Count("pk", filter=Q(seniority="executive", is_active=True)),
    )
    return AccountPeopleSummary(
        contacts=contacts["total"],
        active_contacts=contacts["active"],
        executives=contacts["executives"],
        org_units=account.org_units.count(),
    )


def contact_edges_of(*, contact: Contact) -> list[ContactEdge]:
    """The informal lines from and to one contact (its power-map neighbourhood)."""
    return list(
        ContactEdge.objects.filter(Q(source=contact) | Q(target=contact))
        .select_related("source", "target")
        .order_by("edge_type", "source__name", "target__name")[:200]
    )


def power_map_settings() -> PowerMapSettings:
    """The settings in force: the newest row, or the [D] defaults (unsaved) when none exists."""
    return PowerMapSettings.objects.order_by("-created_at", "-pk").first() or PowerMapSettings()


def power_map_settings_history(limit: int = 20) -> list[PowerMapSettings]:
    return list(
        PowerMapSettings.objects.select_related("created_by").order_by("-created_at")[:limit]
    )
