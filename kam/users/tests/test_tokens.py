"""Personal access tokens: stored hashed, shown once, usable as Bearer, revocable."""

import pytest
from django.urls import reverse

from kam.users.models import ApiToken
from kam.users.services import api_token_create, api_token_revoke, token_digest
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_stores_only_the_digest(owner: object) -> None:
    token, raw = api_token_create(user=owner, name="BI")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.digest == token_digest(raw)
    assert raw not in {stored.digest, stored.prefix, stored.name}
    assert raw.startswith(stored.prefix)


def test_it_authenticates_with_a_token_until_revoked(
    client: object, owner: object, account: object
) -> None:
    token, raw = api_token_create(user=owner, name="script")
    headers = {"Authorization": f"Bearer {raw}"}
    response = client.get("/api/v1/accounts", headers=headers)
    assert response.status_code == 200
    assert [item["name"] for item in response.json()["items"]] == ["华东电力集团"]
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None
    api_token_revoke(token=token)
    assert client.get("/api/v1/accounts", headers=headers).status_code == 401


def test_it_refuses_a_wrong_token(client: object, account: object) -> None:
    response = client.get("/api/v1/accounts", headers={"Authorization": "Bearer kam_wrong"})
    assert response.status_code == 401


def test_it_shows_a_new_token_once_on_the_page(client_for: object, owner: object) -> None:
    client = client_for(owner)
    response = client.post(reverse("users:tokens"), {"name": "Power BI"})
    assert response.status_code == 200
    raw = response.context["new_token"]
    assert raw.startswith("kam_")
    assert raw in response.content.decode()
    assert raw not in client.get(reverse("users:tokens")).content.decode()


def test_it_refuses_to_revoke_another_users_token(client_for: object, owner: object) -> None:
    other = UserFactory()
    token, _raw = api_token_create(user=other, name="theirs")
    response = client_for(owner).post(reverse("users:token_revoke", args=[token.uuid]))
    assert response.status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_it_requires_a_token_name(client_for: object, owner: object) -> None:
    response = client_for(owner).post(reverse("users:tokens"), {"name": ""})
    assert response.status_code == 400
    assert ApiToken.objects.count() == 0
