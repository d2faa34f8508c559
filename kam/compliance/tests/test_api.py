"""API: record, list and decide on gifts; refused gifts answer 422 naming the rule."""

import json
from decimal import Decimal

import pytest

from kam.compliance.models import GiftEntry
from kam.compliance.services import counterpart_profile_set
from kam.compliance.tests.conftest import first_of_year
from kam.compliance.tests.factories import GiftEntryFactory
from tests.access_helpers import database_fingerprint

pytestmark = pytest.mark.django_db


def _post(client: object, url: str, body: dict[str, object]) -> object:
    return client.post(url, json.dumps(body), content_type="application/json")


def _gift(amount: str, **overrides: object) -> dict[str, object]:
    return {
        "occurred_on": first_of_year().isoformat(),
        "gift_type": "meal",
        "description": "商务午餐",
        "value": amount,
        "currency": "CNY",
        "purpose": "技术交流",
        **overrides,
    }


@pytest.fixture
def official(owner: object, contact: object) -> object:
    counterpart_profile_set(actor=owner, contact=contact, counterpart_type="government_official")
    return contact


def test_it_records_a_gift_and_lists_it(
    client_for: object, owner: object, official: object
) -> None:
    client = client_for(owner)
    response = _post(client, f"/api/v1/contacts/{official.uuid}/gifts", _gift("180"))
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["value"], body["counterpart_type"], body["giver"]["id"]) == (
        "not_required",
        "180.00",
        "government_official",
        str(owner.uuid),
    )
    assert body["rule_codes"] == ["government_official_gift_limit"]
    listing = client.get(f"/api/v1/accounts/{official.account.uuid}/gifts").json()
    assert (listing["count"], listing["items"][0]["id"]) == (1, body["id"])
    assert client.get(f"/api/v1/contacts/{official.uuid}/gifts").json()["count"] == 1


def test_it_answers_422_naming_the_rule_for_a_refused_gift(
    client_for: object, owner: object, official: object
) -> None:
    before = database_fingerprint()
    response = _post(client_for(owner), f"/api/v1/contacts/{official.uuid}/gifts", _gift("250"))
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "gift_refused"
    assert "「Gift limit for government officials」" in error["message"]
    assert list(error["fields"]) == ["value"]
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"value": "-1"}, "value"),
        ({"value": "abc"}, "value"),
        ({"currency": "XYZ"}, "currency"),
        ({"gift_type": "bribe"}, "gift_type"),
        ({"purpose": ""}, "purpose"),
        ({"occurred_on": "2999-01-01"}, "occurred_on"),
    ],
)
def test_it_answers_422_to_bad_input(
    client_for: object, owner: object, official: object, overrides: dict[str, object], field: str
) -> None:
    before = database_fingerprint()
    response = _post(
        client_for(owner), f"/api/v1/contacts/{official.uuid}/gifts", _gift("10", **overrides)
    )
    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert database_fingerprint() == before


def test_it_refuses_a_giver_from_outside_the_team(
    client_for: object, owner: object, official: object, outsider: object
) -> None:
    response = _post(
        client_for(owner),
        f"/api/v1/contacts/{official.uuid}/gifts",
        _gift("10", giver_id=str(outsider.uuid)),
    )
    assert response.status_code == 422
    assert response.json()["error"]["message"] == "The giver must be on the account team."


def test_it_lets_a_director_decide_and_refuses_others(
    client_for: object, owner: object, teammate: object, director: object, contact: object
) -> None:
    entry = GiftEntryFactory(contact=contact, status="pending")
    url = f"/api/v1/gifts/{entry.uuid}/decision"
    before = database_fingerprint()
    for user in (owner, teammate):
        assert _post(client_for(user), url, {"approve": True}).status_code == 403
    assert database_fingerprint() == before
    response = _post(client_for(director), url, {"approve": False, "note": "不符合规定"})
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["decision_note"]) == (
        "rejected",
        "不符合规定",
    )
    again = _post(client_for(director), url, {"approve": True})
    assert (again.status_code, again.json()["error"]["code"]) == (409, "not_pending")


def test_it_answers_404_to_an_outsider_and_403_to_a_viewer(
    client_for: object, outsider: object, viewer: object, contact: object
) -> None:
    entry = GiftEntryFactory(contact=contact, status="pending")
    before = database_fingerprint()
    urls = [
        ("GET", f"/api/v1/contacts/{contact.uuid}/gifts"),
        ("POST", f"/api/v1/contacts/{contact.uuid}/gifts"),
        ("GET", f"/api/v1/accounts/{contact.account.uuid}/gifts"),
        ("POST", f"/api/v1/gifts/{entry.uuid}/decision"),
    ]
    for method, url in urls:
        response = client_for(outsider).generic(method, url, "{}", content_type="application/json")
        assert response.status_code == 404, url
        if method == "POST":
            response = client_for(viewer).generic(
                method, url, "{}", content_type="application/json"
            )
            assert response.status_code == 403, url
    assert database_fingerprint() == before


def test_it_lists_the_enforced_rules(client_for: object, teammate: object) -> None:
    body = client_for(teammate).get("/api/v1/compliance/rules").json()
    assert body["count"] == 5
    first = body["items"][0]
    assert (first["code"], first["is_forbidden"], first["gift_type"]) == (
        "cash_equivalent_forbidden",
        True,
        "cash_equivalent",
    )
    limits = {item["code"]: item["per_item_limit"] for item in body["items"]}
    assert limits["government_official_gift_limit"] == "200.00"
    assert Decimal(limits["state_owned_enterprise_gift_limit"]) == Decimal(500)
    assert GiftEntry.objects.count() == 0
