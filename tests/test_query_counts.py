"""Every list page, the account 360 and the API lists keep a constant query count as rows grow."""

import pytest
from django.urls import reverse

from kam.accounts.services import team_member_add
from kam.people.models import ContactEdge
from tests.factories import (
    AccountFactory,
    AccountGroupFactory,
    ContactFactory,
    OrgUnitFactory,
    TeamMembershipFactory,
    UserFactory,
)
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def _grow(manager: object, accounts: int, contacts_per_account: int) -> object:
    """Add accounts owned by `manager`, each with a team, a group, org units and contacts."""
    group = AccountGroupFactory()
    last = None
    for _index in range(accounts):
        parent = last if last is not None and _index % 3 else None
        last = AccountFactory(owner=manager, group=group, parent=parent)
        TeamMembershipFactory(account=last, user=manager, team_role="account_manager")
        TeamMembershipFactory(account=last)
        unit = OrgUnitFactory(account=last)
        boss = ContactFactory(account=last, org_unit=unit)
        for _contact in range(contacts_per_account - 1):
            report = ContactFactory(account=last, org_unit=unit, reports_to=boss)
            ContactEdge.objects.create(account=last, source=report, target=boss, edge_type="ally")
    return last


PAGES = [
    ("account list", lambda account: reverse("accounts:list")),
    (
        "account list filtered",
        lambda account: reverse("accounts:list") + "?status=active&sort=-revenue&q=Account",
    ),
    ("account 360", lambda account: reverse("workspace:account", args=[account.uuid])),
    ("account contacts", lambda account: reverse("people:account_contacts", args=[account.uuid])),
    ("account org", lambda account: reverse("people:account_org", args=[account.uuid])),
    ("account team", lambda account: reverse("accounts:team", args=[account.uuid])),
    ("account history", lambda account: reverse("accounts:history", args=[account.uuid])),
    ("contact list", lambda account: reverse("people:contact_list")),
    (
        "contact list filtered",
        lambda account: reverse("people:contact_list") + "?seniority=middle&sort=-name&page=2",
    ),
    ("competitors", lambda account: reverse("accounts:competitors")),
    ("groups", lambda account: reverse("accounts:groups")),
    ("api accounts", lambda account: "/api/v1/accounts?page_size=50&sort=-revenue"),
    ("api contacts", lambda account: "/api/v1/contacts?page_size=50"),
    ("api account", lambda account: f"/api/v1/accounts/{account.uuid}"),
    ("api org units", lambda account: f"/api/v1/accounts/{account.uuid}/org-units"),
    ("api team", lambda account: f"/api/v1/accounts/{account.uuid}/team"),
    ("api history", lambda account: f"/api/v1/accounts/{account.uuid}/history"),
    ("api contact edges", lambda account: f"/api/v1/accounts/{account.uuid}/contact-edges"),
    ("social styles", lambda account: reverse("cards:account_styles", args=[account.uuid])),
    ("api social styles", lambda account: f"/api/v1/accounts/{account.uuid}/social-styles"),
    ("account compliance", lambda account: reverse("compliance:account", args=[account.uuid])),
    ("gift approvals", lambda account: reverse("compliance:approvals")),
    ("api account gifts", lambda account: f"/api/v1/accounts/{account.uuid}/gifts"),
    ("power map", lambda account: reverse("powermap:account", args=[account.uuid])),
    ("key-person table", lambda account: reverse("powermap:table", args=[account.uuid])),
    ("api power map", lambda account: f"/api/v1/accounts/{account.uuid}/power-map"),
    ("api key-person table", lambda account: f"/api/v1/accounts/{account.uuid}/key-person-table"),
    (
        "contact ladder",
        lambda account: reverse("ladder:contact", args=[account.contacts.order_by("pk")[0].uuid]),
    ),
    (
        "api contact ladder evidence",
        lambda account: "/api/v1/contacts/{contact}/ladder-evidence".format(
            contact=account.contacts.order_by("pk")[0].uuid
        ),
    ),
    ("activity log", lambda account: reverse("engagement:activities", args=[account.uuid])),
    ("action board", lambda account: reverse("engagement:action_board", args=[account.uuid])),
    ("my actions", lambda account: reverse("engagement:my_actions")),
    ("api activities", lambda account: f"/api/v1/accounts/{account.uuid}/activities"),
    ("api action items", lambda account: f"/api/v1/accounts/{account.uuid}/action-items"),
    ("api my action items", lambda account: "/api/v1/me/action-items"),
    ("strategic matching", lambda account: reverse("engagement:matching", args=[account.uuid])),
    ("engagement figures", lambda account: reverse("engagement:figures", args=[account.uuid])),
    ("engagement portfolio", lambda account: reverse("engagement:portfolio_figures")),
    ("api matching items", lambda account: f"/api/v1/accounts/{account.uuid}/matching-items"),
    (
        "api engagement figures",
        lambda account: f"/api/v1/accounts/{account.uuid}/engagement-figures",
    ),
    ("api engagement portfolio", lambda account: "/api/v1/engagement/portfolio?page_size=50"),
    ("account calendar", lambda account: reverse("engagement:calendar", args=[account.uuid])),
    ("calendar year map", lambda account: reverse("engagement:year_map", args=[account.uuid])),
    ("my calendar", lambda account: reverse("engagement:my_calendar") + "?view=agenda"),
    ("my year map", lambda account: reverse("engagement:my_year_map")),
    ("api calendar entries", lambda account: f"/api/v1/accounts/{account.uuid}/calendar-entries"),
]


@pytest.mark.parametrize("role", ["director", "account_manager"])
@pytest.mark.parametrize(("label", "url_for"), PAGES, ids=[label for label, _url in PAGES])
def test_it_keeps_the_query_count_constant_when_rows_grow_tenfold(
    client: object, role: str, label: str, url_for: object
) -> None:
    # given a user who sees a small portfolio
    manager = UserFactory(role="account_manager")
    user = manager if role == "account_manager" else UserFactory(role="director")
    client.force_login(user)
    account = _grow(manager, accounts=3, contacts_per_account=3)
    small = count_queries(lambda: client.get(url_for(account)))
    # when the portfolio grows tenfold (and the account's own records too)
    _grow(manager, accounts=27, contacts_per_account=3)
    hub = ContactFactory(account=account)
    for _index in range(27):
        extra = ContactFactory(account=account)
        ContactEdge.objects.create(
            account=account, source=extra, target=hub, edge_type="influences"
        )
        team_member_add(
            actor=manager, account=account, user=UserFactory(role="team_member"), team_role="other"
        )
    large = count_queries(lambda: client.get(url_for(account)))
    # then the same number of queries answers, and it stays small
    assert large == small, f"{label}: {small} → {large} queries"
    assert large <= 15, f"{label}: {large} queries"
