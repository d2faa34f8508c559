"""API POSTs that create accept an Idempotency-Key: the same key answers the same."""

import json
import uuid

import pytest

from kam.idempotency.models import IdempotencyRecord
from kam.people.models import Contact
from tests.access_helpers import database_fingerprint

pytestmark = pytest.mark.django_db


def _post(client: object, url: str, body: dict, key: str | None = None) -> object:
    headers = {"Idempotency-Key": key} if key is not None else {}
    return client.post(  # type: ignore[attr-defined]
        url, json.dumps(body), content_type="application/json", headers=headers
    )


def _url(account: object) -> str:
    return f"/api/v1/accounts/{account.uuid}/contacts"  # type: ignore[attr-defined]


def test_it_answers_the_same_key_twice_with_the_first_answer(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)  # type: ignore[operator]
    first = _post(client, _url(account), {"name": "王总"}, key="order-42")
    second = _post(client, _url(account), {"name": "王总"}, key="order-42")
    assert first.status_code == 201  # type: ignore[attr-defined]
    assert second.status_code == 201  # type: ignore[attr-defined]
    assert second.json() == first.json()  # type: ignore[attr-defined]
    assert second["Idempotent-Replayed"] == "true"  # type: ignore[index]
    assert list(Contact.objects.filter(account=account).values_list("uuid", flat=True)) == [
        uuid.UUID(first.json()["id"])  # type: ignore[attr-defined]
    ]


def test_it_refuses_the_same_key_with_another_body(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)  # type: ignore[operator]
    _post(client, _url(account), {"name": "王总"}, key="order-42")
    before = database_fingerprint()
    refused = _post(client, _url(account), {"name": "李工"}, key="order-42")
    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert refused.json() == {  # type: ignore[attr-defined]
        "error": {
            "code": "idempotency_key_reused",
            "message": "This Idempotency-Key was already used for a different request.",
            "fields": {},
        }
    }
    assert database_fingerprint() == before


def test_it_creates_as_before_without_a_key(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)  # type: ignore[operator]
    _post(client, _url(account), {"name": "王总"})
    _post(client, _url(account), {"name": "王总"})
    assert Contact.objects.filter(account=account).count() == 2
    assert IdempotencyRecord.objects.count() == 0


def test_another_users_same_key_is_independent(
    client_for: object, owner: object, teammate: object, account: object
) -> None:
    mine = _post(client_for(owner), _url(account), {"name": "王总"}, key="k1")  # type: ignore[operator]
    theirs = _post(client_for(teammate), _url(account), {"name": "王总"}, key="k1")  # type: ignore[operator]
    assert mine.status_code == theirs.status_code == 201  # type: ignore[attr-defined]
    assert mine.json()["id"] != theirs.json()["id"]  # type: ignore[attr-defined]
    assert Contact.objects.filter(account=account).count() == 2


def test_a_refused_request_keeps_no_key(
    client_for: object, outsider: object, owner: object, account: object
) -> None:
    refused = _post(client_for(outsider), _url(account), {"name": "X"}, key="k2")  # type: ignore[operator]
    assert refused.status_code == 404  # type: ignore[attr-defined]
    invalid = _post(client_for(owner), _url(account), {"name": ""}, key="k3")  # type: ignore[operator]
    assert invalid.status_code == 422  # type: ignore[attr-defined]
    assert IdempotencyRecord.objects.count() == 0
    assert Contact.objects.filter(account=account).count() == 0


def test_it_refuses_a_key_that_is_too_long(
    client_for: object, owner: object, account: object
) -> None:
    refused = _post(client_for(owner), _url(account), {"name": "王总"}, key="k" * 256)  # type: ignore[operator]
    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert refused.json()["error"]["code"] == "invalid_idempotency_key"  # type: ignore[attr-defined]
    assert Contact.objects.filter(account=account).count() == 0


def test_the_schema_documents_the_header_on_creates_only(client_for: object, owner: object) -> None:
    schema = client_for(owner).get("/api/openapi.json").json()  # type: ignore[operator]
    create = schema["paths"]["/api/v1/accounts/{account_id}/contacts"]["post"]
    listing = schema["paths"]["/api/v1/contacts"]["get"]
    assert "Idempotency-Key" in [p["name"] for p in create["parameters"]]
    assert "Idempotency-Key" not in [p["name"] for p in listing.get("parameters", [])]
