"""Competitors and account groups: shared by the portfolio, changed only by managers and up."""

import json

import pytest
from django.urls import reverse

from kam.accounts.models import AccountGroup, Competitor
from tests.access_helpers import database_fingerprint
from tests.factories import AccountGroupFactory, CompetitorFactory

pytestmark = pytest.mark.django_db


def test_it_lets_a_manager_add_and_rename_a_competitor(client_for: object, owner: object) -> None:
    client = client_for(owner)
    response = client.post(
        "/api/v1/competitors",
        json.dumps({"name": "施耐德电气", "website": "https://www.se.com"}),
        content_type="application/json",
    )
    assert response.status_code == 201
    competitor_id = response.json()["id"]
    response = client.patch(
        f"/api/v1/competitors/{competitor_id}",
        json.dumps({"name": "Schneider Electric", "version": response.json()["updated_at"]}),
        content_type="application/json",
    )
    assert response.json()["name"] == "Schneider Electric"
    assert Competitor.objects.get().name == "Schneider Electric"


def test_it_refuses_a_duplicate_competitor_with_a_field_error(
    client_for: object, owner: object
) -> None:
    CompetitorFactory(name="ABB")
    before = database_fingerprint()
    response = client_for(owner).post(reverse("accounts:competitors"), {"name": "ABB"})
    assert response.status_code == 400
    assert "Competitor with this Name already exists." in response.content.decode()
    assert database_fingerprint() == before


@pytest.mark.parametrize("persona", ["viewer", "teammate"])
def test_it_refuses_reference_data_changes_by_members_and_viewers(
    request: pytest.FixtureRequest, client_for: object, persona: str
) -> None:
    user = request.getfixturevalue(persona)
    competitor = CompetitorFactory(name="ABB")
    group = AccountGroupFactory(name="能源客户群")
    client = client_for(user)
    before = database_fingerprint()
    assert client.post(reverse("accounts:competitors"), {"name": "X"}).status_code == 403
    assert client.post(reverse("accounts:groups"), {"name": "X"}).status_code == 403
    edit = reverse("accounts:competitor_edit", args=[competitor.uuid])
    assert client.post(edit, {"name": "Y"}).status_code == 403
    body = json.dumps({"name": "Z"})
    assert (
        client.post("/api/v1/competitors", body, content_type="application/json").status_code == 403
    )
    assert (
        client.patch(
            f"/api/v1/account-groups/{group.uuid}", body, content_type="application/json"
        ).status_code
        == 403
    )
    assert database_fingerprint() == before
    # reading is allowed
    assert client.get(reverse("accounts:competitors")).status_code == 200
    assert client.get("/api/v1/account-groups").json()["count"] == 1


def test_it_counts_accounts_per_group(client_for: object, owner: object, account: object) -> None:
    group = AccountGroupFactory(name="能源客户群")
    account.group = group
    account.save()
    body = client_for(owner).get("/api/v1/account-groups").json()
    assert body["items"] == [
        {
            "id": str(group.uuid),
            "name": "能源客户群",
            "description": "",
            "account_count": 1,
            "updated_at": group.updated_at.isoformat(timespec="milliseconds").replace(
                "+00:00", "Z"
            ),
        }
    ]
    assert AccountGroup.objects.count() == 1
