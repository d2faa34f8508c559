"""Account pages: create, edit, validation next to the field with input kept, audit on the page."""

import pytest
from django.urls import reverse

from kam.accounts.models import Account
from kam.api.versioning import etag
from kam.audit.models import AuditEntry
from tests.access_helpers import database_fingerprint
from tests.factories import AccountFactory, UserFactory

pytestmark = pytest.mark.django_db

VALID = {
    "name": "华南机场集团",
    "alternate_name": "South China Airports Group",
    "industry": "transport",
    "region": "south_china",
    "status": "active",
    "currency": "CNY",
    "current_revenue": "52000000",
}


def test_it_creates_an_account_from_the_page(client_for: object, owner: object) -> None:
    client = client_for(owner)
    response = client.post(reverse("accounts:create"), {**VALID, "owner": owner.pk})
    account = Account.objects.get(name="华南机场集团")
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:account", args=[account.uuid])
    assert account.owner == owner
    assert list(account.team_memberships.values_list("user__username", "team_role")) == [
        ("owner", "account_manager")
    ]
    entry = AuditEntry.objects.get(object_uuid=account.uuid)
    assert entry.action == "create"
    assert entry.actor == owner
    assert entry.changes["name"] == [None, "华南机场集团"]


def test_it_shows_errors_next_to_the_fields_and_keeps_the_input(
    client_for: object, owner: object
) -> None:
    client = client_for(owner)
    before = database_fingerprint()
    response = client.post(
        reverse("accounts:create"),
        {**VALID, "name": "", "current_revenue": "-3", "owner": owner.pk},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_name_error"' in html
    assert 'id="id_current_revenue_error"' in html
    assert 'value="South China Airports Group"' in html  # the rest of the input is kept
    assert 'aria-invalid="true"' in html
    assert database_fingerprint() == before


def test_it_refuses_a_parent_cycle(client_for: object, owner: object, account: object) -> None:
    child = AccountFactory(owner=owner, parent=account, name="子公司")
    client = client_for(owner)
    data = {**VALID, "name": account.name, "owner": owner.pk, "parent": child.pk}
    before = database_fingerprint()
    response = client.post(reverse("accounts:edit", args=[account.uuid]), data)
    assert response.status_code == 400
    assert "An account cannot be its own parent or ancestor." in response.content.decode()
    assert database_fingerprint() == before


def test_it_records_each_changed_field_and_shows_it_on_the_history_tab(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    data = {**VALID, "name": account.name, "owner": owner.pk, "status": "dormant"}
    response = client.post(reverse("accounts:edit", args=[account.uuid]), data)
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(object_uuid=account.uuid, action="update").get()
    assert entry.changes["status"] == ["active", "dormant"]
    assert entry.changes["region"] == ["east_china", "south_china"]
    assert "name" not in entry.changes
    page = client.get(reverse("accounts:history", args=[account.uuid]), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "<del>Active</del> → <ins>Dormant</ins>" in html
    assert "<del>East China</del> → <ins>South China</ins>" in html


def test_it_filters_sorts_and_searches_the_list(client_for: object, director: object) -> None:
    manager = UserFactory(role="account_manager")
    AccountFactory(name="Alpha Energy", industry="energy", current_revenue=5, owner=manager)
    AccountFactory(name="Beta Energy", industry="energy", current_revenue=9, owner=manager)
    AccountFactory(name="Gamma Bank", industry="finance", current_revenue=7, owner=manager)
    client = client_for(director)
    response = client.get(reverse("accounts:list") + "?industry=energy&sort=-revenue")
    names = [account.name for account in response.context["page"].object_list]
    assert names == ["Beta Energy", "Alpha Energy"]
    response = client.get(reverse("accounts:list") + "?q=bank")
    assert [account.name for account in response.context["page"].object_list] == ["Gamma Bank"]


def test_it_ignores_malformed_list_parameters(client_for: object, director: object) -> None:
    client = client_for(director)
    response = client.get(reverse("accounts:list") + "?sort=evil&page=-7&industry=mars")
    assert response.status_code == 200


def test_it_renders_only_the_table_for_htmx(
    client_for: object, owner: object, account: object
) -> None:
    response = client_for(owner).get(reverse("accounts:list"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert account.name in html


def test_it_deletes_an_account_and_keeps_the_audit(
    client_for: object, owner: object, account: object
) -> None:
    account_uuid = account.uuid
    response = client_for(owner).post(reverse("accounts:delete", args=[account.uuid]))
    assert response.status_code == 302
    assert not Account.objects.filter(uuid=account_uuid).exists()
    assert AuditEntry.objects.filter(object_uuid=account_uuid, action="delete").count() == 1


def test_it_hands_over_an_account_only_by_the_owner_or_a_director(
    client_for: object, teammate: object, account: object, owner: object
) -> None:
    other_manager = UserFactory(role="account_manager")
    data = {**VALID, "name": account.name, "owner": other_manager.pk}
    before = database_fingerprint()
    response = client_for(teammate).post(reverse("accounts:edit", args=[account.uuid]), data)
    assert response.status_code == 400
    assert "Only the account manager or a director can hand an account over." in (
        response.content.decode()
    )
    assert database_fingerprint() == before


def test_it_refuses_to_overwrite_a_change_saved_after_the_form_was_opened(
    client_for: object, owner: object, teammate: object, account: object
) -> None:
    # given the owner opened the edit form
    form = client_for(owner).get(reverse("accounts:edit", args=[account.uuid])).context["form"]
    version = form["version"].value()
    # when a teammate saves first, then the owner submits the form they opened earlier
    first = {**VALID, "name": account.name, "owner": owner.pk, "version": version}
    assert (
        client_for(teammate).post(reverse("accounts:edit", args=[account.uuid]), first).status_code
        == 302
    )
    stale = {**first, "status": "lost"}
    response = client_for(owner).post(reverse("accounts:edit", args=[account.uuid]), stale)
    # then the owner's save is refused with an explanation, and the teammate's change stays
    assert response.status_code == 400
    assert "Someone else saved this record after you opened it." in response.content.decode()
    account.refresh_from_db()
    assert account.status == "active"
    assert account.region == "south_china"


def test_it_refuses_an_invisible_account_as_parent(
    client_for: object, owner: object, account: object, outsider: object
) -> None:
    hidden = outsider.owned_accounts.get()
    data = {**VALID, "name": account.name, "owner": owner.pk, "parent": hidden.pk}
    before = database_fingerprint()
    response = client_for(owner).post(reverse("accounts:edit", args=[account.uuid]), data)
    assert response.status_code == 400
    assert response.context["form"].errors["parent"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert database_fingerprint() == before


def test_it_refuses_an_invisible_parent_in_the_api(
    client_for: object, owner: object, account: object, outsider: object
) -> None:
    hidden = outsider.owned_accounts.get()
    response = client_for(owner).patch(
        f"/api/v1/accounts/{account.uuid}",
        f'{{"parent_id": "{hidden.uuid}"}}',
        content_type="application/json",
        headers={"If-Match": etag(account.updated_at)},
    )
    assert response.status_code == 422
    account.refresh_from_db()
    assert account.parent is None
