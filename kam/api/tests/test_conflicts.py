"""The safety net: a database conflict no service foresaw is a translated 409, never a 500."""

import json

import pytest
from django.db import IntegrityError
from django.urls import reverse

from kam.people import services
from kam.people.models import Contact

pytestmark = pytest.mark.django_db

API_MESSAGE = (
    "Someone else saved the same thing at the same moment, so nothing was saved. "
    "Read the current data and try again."
)


def _conflict(**kwargs: object) -> None:
    raise IntegrityError('duplicate key value violates unique constraint "some_constraint"')


def test_it_answers_409_json_for_an_integrity_error_in_the_api(
    client_for: object, owner: object, account: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "contact_create", _conflict)
    response = client_for(owner).post(
        f"/api/v1/accounts/{account.uuid}/contacts",
        json.dumps({"name": "王强"}),
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json() == {"error": {"code": "conflict", "message": API_MESSAGE, "fields": {}}}
    assert "some_constraint" not in response.content.decode()
    assert Contact.objects.count() == 0


def test_it_answers_a_translated_409_page_for_an_integrity_error_in_a_page(
    client_for: object, owner: object, account: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "contact_create", _conflict)
    response = client_for(owner).post(
        reverse("people:contact_create", args=[account.uuid]),
        {"name": "王强", "seniority": "operational", "function": "other"},
        headers={"accept-language": "zh-hans"},
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "其他人在同一时刻保存了相同的内容" in page
    assert "some_constraint" not in page
    assert Contact.objects.count() == 0
