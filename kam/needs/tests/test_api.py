"""API of the needs register: list, create, update, address, drop, figures; access rules."""

import json
from collections.abc import Callable

import pytest
from django.test import Client

from kam.engagement.models import MatchingItem
from kam.needs.models import Need
from tests.access_helpers import database_fingerprint
from tests.factories import ContactFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def _send(client: Client, method: str, url: str, body: dict[str, object]) -> object:
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def test_it_creates_a_personal_need_and_lists_it(
    client_for: Callable[[object], Client], owner: object, account: object, contact: object
) -> None:
    client = client_for(owner)
    body = {
        "title": "希望项目成为集团标杆",
        "iceberg_layer": "deep",
        "level": "personal",
        "contact_id": str(contact.uuid),
        "visibility": "implicit",
        "source": "inferred",
        "importance": 5,
        "our_fit": 2,
        "urgency": 4,
        "kano": "attractive",
    }
    response = _send(client, "POST", f"/api/v1/accounts/{account.uuid}/needs", body)
    assert response.status_code == 201
    created = response.json()
    assert (created["priority"], created["status"], created["contact"]["name"]) == (
        "16",
        "open",
        "张伟",
    )
    listing = client.get(f"/api/v1/accounts/{account.uuid}/needs?layer=deep").json()
    assert (listing["count"], listing["page"], listing["items"][0]["id"]) == (
        1,
        1,
        created["id"],
    )
    assert client.get(f"/api/v1/accounts/{account.uuid}/needs?layer=surface").json()["count"] == 0


def test_it_answers_422_for_a_personal_need_without_contact(
    client_for: Callable[[object], Client], owner: object, account: object
) -> None:
    before = database_fingerprint()
    response = _send(
        client_for(owner),
        "POST",
        f"/api/v1/accounts/{account.uuid}/needs",
        {"title": "晋升", "iceberg_layer": "deep", "level": "personal"},
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "contact": ["A personal need belongs to a person: choose the contact."]
    }
    assert database_fingerprint() == before


def test_it_updates_addresses_and_reports_the_figures(
    client_for: Callable[[object], Client], owner: object, make_need: Callable[..., Need]
) -> None:
    need = make_need(visibility="implicit", source="observed", iceberg_layer="deep")
    make_need(title="报价", iceberg_layer="surface")
    client = client_for(owner)
    patched = _send(
        client,
        "PATCH",
        f"/api/v1/needs/{need.uuid}",
        {"source": "validated", "version": need.updated_at.isoformat()},
    )
    assert patched.json()["source"] == "validated"
    addressed = _send(client, "POST", f"/api/v1/needs/{need.uuid}/address", {"domain": "rnd"})
    assert addressed.status_code == 201
    body = addressed.json()
    assert (body["need"]["status"], body["matching_item"]["stage"]) == ("addressed", "identified")
    assert MatchingItem.objects.get().domain == "rnd"
    again = _send(client, "POST", f"/api/v1/needs/{need.uuid}/address", {})
    assert (again.status_code, again.json()["error"]["code"]) == (409, "need_not_open")
    figures = client.get(f"/api/v1/accounts/{need.account.uuid}/needs/figures").json()
    assert figures == {
        "total": 2,
        "implicit": 1,
        "validated_implicit": 1,
        "addressed": 1,
        "implicit_discovery_ratio": "0.5000",
        "validation_rate": "1.0000",
        "layers": [
            {"code": "surface", "total": 1, "open": 1},
            {"code": "business", "total": 0, "open": 0},
            {"code": "deep", "total": 1, "open": 0},
        ],
    }


def test_it_drops_a_need(
    client_for: Callable[[object], Client], owner: object, make_need: Callable[..., Need]
) -> None:
    need = make_need()
    response = _send(client_for(owner), "POST", f"/api/v1/needs/{need.uuid}/drop", {})
    assert (response.status_code, response.json()["status"]) == (200, "dropped")


def test_an_outsider_gets_404_and_a_viewer_403_and_nothing_changes(
    client_for: Callable[[object], Client],
    outsider: object,
    viewer: object,
    make_need: Callable[..., Need],
) -> None:
    need = make_need()
    before = database_fingerprint()
    outside = client_for(outsider)
    assert outside.get(f"/api/v1/needs/{need.uuid}").status_code == 404
    assert outside.get(f"/api/v1/accounts/{need.account.uuid}/needs").status_code == 404
    reader = client_for(viewer)
    assert reader.get(f"/api/v1/needs/{need.uuid}").status_code == 200
    response = _send(reader, "POST", f"/api/v1/needs/{need.uuid}/address", {})
    assert response.status_code == 403
    assert database_fingerprint() == before


def test_the_list_makes_as_many_queries_with_more_needs(
    client_for: Callable[[object], Client],
    owner: object,
    account: object,
    make_need: Callable[..., Need],
) -> None:
    client = client_for(owner)
    url = f"/api/v1/accounts/{account.uuid}/needs"
    make_need()
    few = count_queries(lambda: client.get(url))
    for index in range(6):
        need = make_need(
            title=f"需求{index}", contact=ContactFactory(account=account, name=f"人{index}")
        )
    client.post(f"/api/v1/needs/{need.uuid}/address", "{}", content_type="application/json")
    many = count_queries(lambda: client.get(url))
    assert few == many == 5
