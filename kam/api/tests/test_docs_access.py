"""The interactive API docs and the schema: for people who may use the API."""

import pytest
from django.test import Client

from kam.users.choices import TokenScope
from kam.users.services import api_token_create

pytestmark = pytest.mark.django_db


def test_it_sends_a_stranger_to_sign_in_for_the_docs(client: Client) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/api/docs"


def test_it_refuses_the_schema_to_a_stranger_in_the_error_shape(client: Client) -> None:
    response = client.get("/api/openapi.json", headers={"Accept-Language": "en"})
    assert response.status_code == 401
    assert response.json() == {
        "error": {
            "code": "not_authenticated",
            "message": "Sign in or send a valid API token.",
            "fields": {},
        }
    }


def test_it_shows_both_to_a_signed_in_user(client_for: object, owner: object) -> None:
    client = client_for(owner)
    assert client.get("/api/docs").status_code == 200
    assert "/api/v1/accounts" in client.get("/api/openapi.json").json()["paths"]


def test_it_gives_the_schema_to_a_token(client: Client, owner: object) -> None:
    _token, raw = api_token_create(user=owner, name="generator", scope=TokenScope.READ)
    response = client.get("/api/openapi.json", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    wrong = client.get("/api/openapi.json", headers={"Authorization": "Bearer kam_wrong"})
    assert wrong.status_code == 401


def test_it_opens_them_to_everyone_when_configured(client: Client, settings: object) -> None:
    settings.KAM_API_DOCS_PUBLIC = True
    assert client.get("/api/docs").status_code == 200
    assert client.get("/api/openapi.json").status_code == 200
