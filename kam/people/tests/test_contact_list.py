"""The contact list of a manager: the visible accounts' contacts only, counted and paged in
name order (the page walks the name index, the count reads only the visible accounts)."""

import pytest
from django.urls import reverse

from tests.factories import AccountFactory, ContactFactory, TeamMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contacts(owner: object, account: object) -> None:
    team_account = AccountFactory(name="南方航空")
    TeamMembershipFactory(account=team_account, user=owner)
    hidden = AccountFactory(name="中国石化")
    for name, where, seniority in [
        ("Anna", account, "executive"),
        ("Bert", team_account, "executive"),
        ("Carl", hidden, "executive"),
        ("Dora", account, "middle"),
        ("Emil", team_account, "executive"),
        ("Aaron", hidden, "executive"),
    ]:
        ContactFactory(account=where, name=name, seniority=seniority)


def test_it_pages_and_counts_only_the_visible_contacts(
    client_for: object, owner: object, contacts: None
) -> None:
    client = client_for(owner)
    url = reverse("api:api_contact_list")
    body = client.get(f"{url}?page_size=2").json()
    assert body["count"] == 4
    assert [item["name"] for item in body["items"]] == ["Anna", "Bert"]
    second = client.get(f"{url}?page_size=2&page=2").json()
    assert [item["name"] for item in second["items"]] == ["Dora", "Emil"]
    executives = client.get(f"{url}?seniority=executive&sort=-name").json()
    assert executives["count"] == 3
    assert [item["name"] for item in executives["items"]] == ["Emil", "Bert", "Anna"]


def test_it_lists_only_the_visible_contacts_on_the_page(
    client_for: object, owner: object, contacts: None
) -> None:
    response = client_for(owner).get(f"{reverse('people:contact_list')}?seniority=executive")
    names = [contact.name for contact in response.context["page"].object_list]
    assert names == ["Anna", "Bert", "Emil"]
    assert response.context["page"].paginator.count == 3


def test_it_lists_every_contact_for_a_director(
    client_for: object, director: object, contacts: None
) -> None:
    body = client_for(director).get(f"{reverse('api:api_contact_list')}?seniority=executive")
    assert body.json()["count"] == 5


def test_it_labels_the_cells_in_the_active_language(
    client_for: object, owner: object, contacts: None
) -> None:
    client = client_for(owner)
    english = client.get(reverse("people:contact_list")).content.decode()
    assert '<td data-label="Seniority">Executive</td>' in english
    client.cookies["django_language"] = "zh-hans"
    chinese = client.get(reverse("people:contact_list")).content.decode()
    assert '<td data-label="层级">高层</td>' in chinese
