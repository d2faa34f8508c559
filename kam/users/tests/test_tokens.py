"""Personal access tokens: stored hashed, shown once, usable as Bearer until they expire or are
revoked; a read token cannot write; created with the password, revoked from the profile page."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kam.accounts.models import Competitor
from kam.audit.models import AuditEntry
from kam.users.choices import TokenScope
from kam.users.models import ApiToken
from kam.users.services import api_token_create, api_token_revoke, token_digest
from tests.access_helpers import database_fingerprint
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

READ = TokenScope.READ
READ_WRITE = TokenScope.READ_WRITE


def _bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}", "Accept-Language": "en"}


def _create_competitor(client: Client, raw: str) -> object:
    return client.post(
        "/api/v1/competitors",
        json.dumps({"name": "ABB"}),
        content_type="application/json",
        headers=_bearer(raw),
    )


def test_it_stores_only_the_digest(owner: object) -> None:
    token, raw = api_token_create(user=owner, name="BI", scope=READ)
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.digest == token_digest(raw)
    assert raw not in {stored.digest, stored.prefix, stored.name}
    assert raw.startswith(stored.prefix)


def test_it_authenticates_with_a_token_until_revoked(
    client: Client, owner: object, account: object
) -> None:
    token, raw = api_token_create(user=owner, name="script", scope=READ)
    response = client.get("/api/v1/accounts", headers=_bearer(raw))
    assert response.status_code == 200
    assert [item["name"] for item in response.json()["items"]] == ["华东电力集团"]
    api_token_revoke(actor=owner, token=token)
    response = client.get("/api/v1/accounts", headers=_bearer(raw))
    assert response.status_code == 401
    assert response.json() == {
        "error": {
            "code": "token_revoked",
            "message": "This API token has been revoked.",
            "fields": {},
        }
    }


def test_it_refuses_an_expired_token(client: Client, owner: object, account: object) -> None:
    token, raw = api_token_create(user=owner, name="script", scope=READ)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get("/api/v1/accounts", headers=_bearer(raw))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_expired"
    assert response.json()["error"]["message"] == (
        "This API token has expired. Create a new one under “API tokens”."
    )
    assert ApiToken.objects.get(pk=token.pk).last_used_at is None


def test_it_says_that_a_token_expired_in_chinese(
    client: Client, owner: object, account: object
) -> None:
    token, raw = api_token_create(user=owner, name="script", scope=READ)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    headers = {**_bearer(raw), "Accept-Language": "zh-hans"}
    response = client.get("/api/v1/accounts", headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "此 API 令牌已过期。请在“API 令牌”页面新建一个。"


def test_it_refuses_a_write_with_a_read_token_and_writes_nothing(
    client: Client, owner: object, account: object
) -> None:
    _token, raw = api_token_create(user=owner, name="report", scope=READ)
    before = database_fingerprint()
    response = _create_competitor(client, raw)
    assert response.status_code == 403
    assert response.json() == {
        "error": {
            "code": "token_read_only",
            "message": "This API token may only read. "
            "Create a read-and-write token to make changes.",
            "fields": {},
        }
    }
    response = client.patch(
        f"/api/v1/accounts/{account.uuid}",
        json.dumps({"name": "X"}),
        content_type="application/json",
        headers=_bearer(raw),
    )
    assert response.status_code == 403
    assert client.delete(f"/api/v1/accounts/{account.uuid}", headers=_bearer(raw)).status_code == (
        403
    )
    assert database_fingerprint() == before
    assert client.get("/api/v1/accounts", headers=_bearer(raw)).status_code == 200


def test_it_lets_a_read_and_write_token_write(client: Client, owner: object) -> None:
    _token, raw = api_token_create(user=owner, name="sync", scope=READ_WRITE)
    response = _create_competitor(client, raw)
    assert response.status_code == 201
    assert list(Competitor.objects.values_list("name", flat=True)) == ["ABB"]


def test_it_records_the_last_use_at_most_once_a_minute(client: Client, owner: object) -> None:
    token, raw = api_token_create(user=owner, name="script", scope=READ)
    assert token.last_used_at is None
    client.get("/api/v1/me", headers=_bearer(raw))
    first_use = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first_use is not None
    assert timezone.now() - first_use < timedelta(seconds=5)
    client.get("/api/v1/me", headers=_bearer(raw))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first_use
    long_ago = timezone.now() - timedelta(minutes=2)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=long_ago)
    client.get("/api/v1/me", headers=_bearer(raw))
    assert ApiToken.objects.get(pk=token.pk).last_used_at > long_ago


def test_it_expires_after_the_configured_default(owner: object, settings: object) -> None:
    token, _raw = api_token_create(user=owner, name="default", scope=READ)
    assert abs(token.expires_at - (timezone.now() + timedelta(days=90))) < timedelta(seconds=5)
    settings.KAM_API_TOKEN_DEFAULT_DAYS = 30
    token, _raw = api_token_create(user=owner, name="shorter", scope=READ)
    assert abs(token.expires_at - (timezone.now() + timedelta(days=30))) < timedelta(seconds=5)


def test_it_refuses_a_wrong_token(client: Client, account: object) -> None:
    response = client.get("/api/v1/accounts", headers=_bearer("kam_wrong"))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def _create_on_page(client: Client, **fields: object) -> object:
    data = {"name": "Power BI", "scope": "read", "expires_in_days": "90", "password": "pass-1234"}
    return client.post(reverse("users:tokens"), {**data, **fields})


def test_it_shows_a_new_token_once_on_the_page(client_for: object, owner: object) -> None:
    client = client_for(owner)
    response = _create_on_page(client, scope="read_write", expires_in_days="7")
    assert response.status_code == 200
    raw = response.context["new_token"]
    assert raw.startswith("kam_")
    assert raw in response.content.decode()
    assert raw not in client.get(reverse("users:tokens")).content.decode()
    token = ApiToken.objects.get()
    assert (token.name, token.scope) == ("Power BI", "read_write")
    assert abs(token.expires_at - (timezone.now() + timedelta(days=7))) < timedelta(seconds=5)


def test_it_records_a_new_token_in_the_audit_trail(client_for: object, owner: object) -> None:
    _create_on_page(client_for(owner))
    token = ApiToken.objects.get()
    entry = AuditEntry.objects.get(object_uuid=token.uuid)
    assert (entry.action, entry.actor) == ("create", owner)
    assert entry.changes["scope"] == [None, "read"]
    assert entry.changes["name"] == [None, "Power BI"]
    assert entry.changes["expires_at"] == [None, token.expires_at.isoformat()]


def test_it_lists_scope_expiry_and_last_use(client_for: object, owner: object) -> None:
    token, raw = api_token_create(user=owner, name="nightly export", scope=READ)
    Client().get("/api/v1/me", headers=_bearer(raw))
    token.refresh_from_db()
    page = client_for(owner).get(reverse("users:tokens")).content.decode()
    row = page[page.index("nightly export") :]
    row = row[: row.index("</tr>")]
    assert "<td>Read</td>" in row
    assert f"<td>{timezone.localtime(token.expires_at):%Y-%m-%d}</td>" in row
    assert f"<td>{timezone.localtime(token.last_used_at):%Y-%m-%d %H:%M}</td>" in row
    assert "Revoke" in row


def test_it_asks_for_the_password_to_create_a_token(client_for: object, owner: object) -> None:
    client = client_for(owner)
    response = _create_on_page(client, password="wrong")
    assert response.status_code == 400
    assert "This is not your password." in response.content.decode()
    assert ApiToken.objects.count() == 0
    failure = AuditEntry.objects.get(action="sign_in_failed")
    assert (failure.object_uuid, failure.address) == (owner.uuid, "127.0.0.1")


def test_it_locks_token_creation_after_wrong_passwords(client_for: object, owner: object) -> None:
    client = client_for(owner)
    for _attempt in range(4):
        assert _create_on_page(client, password="wrong").status_code == 400
    response = _create_on_page(client, password="wrong")
    assert response.status_code == 429
    assert "signing in is paused" in response.content.decode()
    # the right password is refused as well while the lock lasts, and the sign-in too
    assert _create_on_page(client).status_code == 429
    assert ApiToken.objects.count() == 0
    assert AuditEntry.objects.filter(action="lockout").count() == 1
    response = Client().post(reverse("users:login"), {"username": "owner", "password": "pass-1234"})
    assert response.status_code == 429


def test_it_revokes_from_the_page_and_records_it(client_for: object, owner: object) -> None:
    token, raw = api_token_create(user=owner, name="old", scope=READ)
    response = client_for(owner).post(reverse("users:token_revoke", args=[token.uuid]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    entry = AuditEntry.objects.get(object_uuid=token.uuid, action="update")
    assert entry.actor == owner
    assert entry.changes == {"revoked_at": [None, token.revoked_at.isoformat()]}
    assert Client().get("/api/v1/me", headers=_bearer(raw)).status_code == 401


def test_it_refuses_to_revoke_another_users_token(client_for: object, owner: object) -> None:
    other = UserFactory()
    token, _raw = api_token_create(user=other, name="theirs", scope=READ)
    response = client_for(owner).post(reverse("users:token_revoke", args=[token.uuid]))
    assert response.status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_it_requires_a_token_name(client_for: object, owner: object) -> None:
    response = _create_on_page(client_for(owner), name="")
    assert response.status_code == 400
    assert ApiToken.objects.count() == 0
