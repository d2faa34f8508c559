"""Calendar API: entries, plan, key dates, mechanisms, my calendar; bad input answers 4xx."""

import json
from datetime import date

import pytest

from kam.engagement.models import CalendarEntry, CustomerKeyDate
from kam.engagement.tests.calendar_factories import entry_for, key_date_for
from tests.access_helpers import database_fingerprint

pytestmark = pytest.mark.django_db


def _post(client: object, url: str, body: dict, method: str = "post") -> object:
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def test_it_creates_lists_and_filters_entries(
    client_for: object, owner: object, teammate: object, account: object, contact: object
) -> None:
    client = client_for(owner)
    url = f"/api/v1/accounts/{account.uuid}/calendar-entries"
    body = {
        "mechanism": "exec_strategy_meeting",
        "title": "高层会晤",
        "planned_on": "2027-06-15",
        "our_participant_ids": [str(teammate.uuid)],
        "customer_participant_ids": [str(contact.uuid)],
        "key_person_id": str(contact.uuid),
        "budget": "12000.50",
    }
    response = _post(client, url, body)
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["mechanism"] == "exec_strategy_meeting"
    assert created["our_participants"][0]["id"] == str(teammate.uuid)
    assert created["customer_participants"] == [{"id": str(contact.uuid), "name": "张伟"}]
    assert created["budget"] == "12000.50"
    entry_for(owner, account, planned_on=date(2027, 1, 5))
    listing = client.get(f"{url}?from=2027-06-01&to=2027-06-30").json()
    assert (listing["count"], listing["items"][0]["title"]) == (1, "高层会晤")
    by_mechanism = client.get(f"{url}?mechanism=tech_exchange_service").json()
    assert [item["planned_on"] for item in by_mechanism["items"]] == ["2027-01-05"]
    assert client.get(f"{url}?status=cancelled").json()["count"] == 0


def test_it_rejects_bad_entries_with_the_error_shape_and_writes_nothing(
    client_for: object, owner: object, outsider: object, account: object
) -> None:
    client = client_for(owner)
    url = f"/api/v1/accounts/{account.uuid}/calendar-entries"
    before = database_fingerprint()
    cases = [
        {"mechanism": "nope", "title": "x", "planned_on": "2027-01-01"},
        {"mechanism": "exec_strategy_meeting", "title": "", "planned_on": "2027-01-01"},
        {"mechanism": "exec_strategy_meeting", "title": "x", "planned_on": "2027-02-30"},
        {"mechanism": "exec_strategy_meeting", "title": "x", "planned_on": "2027-01-01",
         "budget": "-1"},
        {"mechanism": "exec_strategy_meeting", "title": "x", "planned_on": "2027-01-01",
         "our_participant_ids": [str(outsider.uuid)]},
        {"mechanism": "exec_strategy_meeting", "title": "x", "planned_on": "2027-01-01",
         "status": "maybe"},
    ]  # fmt: skip
    for body in cases:
        response = _post(client, url, body)
        assert response.status_code in (400, 422), (body, response.status_code)
        assert set(response.json()["error"]) == {"code", "message", "fields"}
    assert database_fingerprint() == before


def test_it_patches_and_cancels_an_entry(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    entry = entry_for(owner, account)
    url = f"/api/v1/calendar-entries/{entry.uuid}"
    body = {"title": "新标题", "is_month_only": True, "version": entry.updated_at.isoformat()}
    patched = _post(client, url, body, "patch").json()
    assert (patched["title"], patched["planned_on"]) == ("新标题", "2027-03-01")
    refused = _post(client, url, {"title": None, "version": patched["updated_at"]}, "patch")
    assert refused.status_code == 422
    cancelled = client.delete(url).json()
    assert cancelled["status"] == "cancelled"
    assert CalendarEntry.objects.get().status == "cancelled"


def test_it_generates_the_plan_through_the_api(
    client_for: object, owner: object, account: object
) -> None:
    url = f"/api/v1/accounts/{account.uuid}/calendar-plan"
    client = client_for(owner)
    response = _post(client, url, {"year": 2027})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "no_category"
    account.category = "star"
    account.save()
    first = _post(client, url, {"year": 2027}).json()
    assert (first["created"], first["already_planned"]) == (23, 0)
    assert len(first["entries"]) == 23
    second = _post(client, url, {"year": 2027}).json()
    assert second["message"] == "0 entries created, 23 already planned."
    assert _post(client, url, {"year": 1900}).status_code == 422


def test_it_manages_key_dates(client_for: object, owner: object, account: object) -> None:
    client = client_for(owner)
    url = f"/api/v1/accounts/{account.uuid}/key-dates"
    body = {"kind": "budget_cycle", "title": "预算编制", "starts_on": "2027-10-01",
            "ends_on": "2027-11-30"}  # fmt: skip
    created = _post(client, url, body).json()
    assert created["kind"] == "budget_cycle"
    bad = _post(client, url, {**body, "ends_on": "2027-09-01"})
    assert bad.status_code == 422
    assert "ends_on" in bad.json()["error"]["fields"]
    assert client.get(f"{url}?from=2027-11-01&to=2027-11-30").json()["count"] == 1
    assert client.get(f"{url}?from=2027-12-01").json()["count"] == 0
    assert client.delete(f"/api/v1/key-dates/{created['id']}").status_code == 204
    assert CustomerKeyDate.objects.count() == 0


def test_it_lists_mechanisms_and_my_calendar(
    client_for: object, owner: object, teammate: object, account: object
) -> None:
    entry_for(owner, account, our_participants=[teammate])
    key_date_for(owner, account)
    client = client_for(teammate)
    mechanisms = client.get("/api/v1/mechanisms").json()
    assert [item["code"] for item in mechanisms][:2] == [
        "exec_strategy_meeting",
        "tech_exchange_service",
    ]
    assert len(mechanisms[0]["cadences"]) == 4
    mine = client.get("/api/v1/me/calendar?from=2027-03-01&to=2027-03-31").json()
    assert mine["count"] == 1
    assert client.get("/api/v1/me/calendar?from=2027-03-31&to=2027-03-01").status_code == 422
    assert client.get("/api/v1/me/calendar?from=2027-01-01&to=2029-01-01").status_code == 422
    assert client.get("/api/v1/me/calendar").status_code == 422
