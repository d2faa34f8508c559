"""A request over the server's size limits answers 413: in the API's JSON error shape under
/api/ (never a 500, never Django's HTML 400), a translated page elsewhere; nothing is written."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kam.imports.models import ImportBatch
from kam.people.models import Contact
from tests.access_helpers import database_fingerprint

pytestmark = pytest.mark.django_db

LIMIT = 2_000
TOO_LARGE = {
    "error": {
        "code": "request_too_large",
        "message": "The request is larger than the server accepts. Send less at once.",
        "fields": {},
    }
}


@pytest.fixture(autouse=True)
def small_limits(settings: object) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = LIMIT
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 20


def _contacts_url(account: object) -> str:
    return f"/api/v1/accounts/{account.uuid}/contacts"


@pytest.mark.parametrize("headers", [{}, {"Idempotency-Key": "order-1"}])
def test_a_json_body_over_the_limit_is_a_413_in_the_api_shape(
    client_for: object, owner: object, account: object, headers: dict[str, str]
) -> None:
    client: Client = client_for(owner)
    before = database_fingerprint()
    response = client.post(
        _contacts_url(account),
        json.dumps({"name": "王总", "notes": "长" * LIMIT}),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == TOO_LARGE
    assert database_fingerprint() == before


def test_a_form_with_too_many_fields_is_a_413_in_the_api_shape(
    client_for: object, owner: object, account: object
) -> None:
    client: Client = client_for(owner)
    before = database_fingerprint()
    fields = {f"field{number}": "x" for number in range(30)}
    response = client.post(f"/api/v1/accounts/{account.uuid}/imports", fields)
    assert response.status_code == 413
    assert response.json() == TOO_LARGE
    assert database_fingerprint() == before


def test_a_page_answers_a_translated_413_page(
    client_for: object, owner: object, contact: object
) -> None:
    client: Client = client_for(owner)
    before = database_fingerprint()
    url = reverse("people:contact_map", args=[contact.uuid])
    response = client.post(url, {"influence": "6", "notes": "长" * LIMIT})
    assert response.status_code == 413
    assert "Request too large" in response.content.decode()
    chinese = Client(headers={"Accept-Language": "zh-hans"})
    chinese.force_login(owner)
    response = chinese.post(url, {"influence": "6", "notes": "长" * LIMIT})
    assert response.status_code == 413
    assert "请求内容过大" in response.content.decode()
    assert database_fingerprint() == before


def test_an_upload_larger_than_the_body_limit_keeps_its_idempotency_key(
    client_for: object, owner: object, account: object
) -> None:
    # given a file larger than the in-memory body limit but within the import limit
    rows = "".join(f"联系人{number},c{number}@example.com\n" for number in range(200))
    content = ("Name,Email\n" + rows).encode("utf-8-sig")
    assert len(content) > LIMIT
    client: Client = client_for(owner)
    url = f"/api/v1/accounts/{account.uuid}/imports"

    def upload() -> object:
        upload = SimpleUploadedFile("contacts.csv", content, content_type="text/csv")
        return client.post(
            url, {"kind": "contacts", "file": upload}, headers={"Idempotency-Key": "upload-1"}
        )

    # when it is sent twice with the same Idempotency-Key
    first, second = upload(), upload()
    # then it is taken once, and the second answer is the first one again
    assert first.status_code == 201, first.content
    assert second.status_code == 201
    assert second["Idempotent-Replayed"] == "true"
    assert ImportBatch.objects.count() == 1
    assert Contact.objects.filter(account=account).count() == 0
