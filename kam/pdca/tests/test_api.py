"""API of the PDCA cycles: list, create, get, patch (stale → 409), advance, check, close (422
without check or act, nothing written); access; constant queries on the list."""

import json
from collections.abc import Callable

import pytest
from django.test import Client

from kam.pdca.models import PdcaCycle
from tests.access_helpers import database_fingerprint
from tests.queries import count_queries

pytestmark = pytest.mark.django_db
MakeCycle = Callable[..., PdcaCycle]
ClientFor = Callable[[object], Client]


def _send(client: Client, method: str, url: str, body: dict[str, object]) -> object:
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def test_it_runs_a_cycle_round_the_wheel(
    client_for: ClientFor, owner: object, measurable: object
) -> None:
    client = client_for(owner)
    base = f"/api/v1/accounts/{measurable.uuid}/pdca"
    plan = {"focus_kpis": ["coverage_rate"], "planned_actions": "拜访"}
    created = _send(client, "POST", base, {"cadence": "monthly", "period": "2026-12", **plan})
    assert created.status_code == 201
    cycle = created.json()
    assert (cycle["phase"], cycle["version"], cycle["starts_on"], cycle["ends_on"]) == (
        "plan", 1, "2026-12-01", "2026-12-31",
    )  # fmt: skip
    url = f"{base}/{cycle['id']}"
    assert _send(client, "POST", f"{url}/advance", {"version": 1}).json()["phase"] == "do"
    checked = _send(client, "POST", f"{url}/check", {"version": 2, "note": "达标"}).json()
    assert (checked["phase"], checked["check"]["period"], checked["check_notes"]) == (
        "check", "2026-Q4", "达标",
    )  # fmt: skip
    assert _send(client, "POST", f"{url}/advance", {"version": 3}).json()["phase"] == "act"
    patched = _send(client, "PATCH", url, {"version": 4, "corrective_actions": "补齐"})
    assert patched.json()["corrective_actions"] == "补齐"
    act = {"standardise": "交流会", "carry_over": "拜访质量部", "open_next": True}
    closed = _send(client, "POST", f"{url}/close", {"version": 5, **act})
    assert closed.status_code == 200
    body = closed.json()
    assert (body["cycle"]["phase"], body["cycle"]["closed_by"]) == ("closed", "owner")
    assert (body["next_cycle"]["period"], body["next_cycle"]["planned_actions"]) == (
        "2027-01", "拜访质量部",
    )  # fmt: skip
    detail = client.get(url).json()
    assert detail["do"] == {"activities": 0, "entries_planned": 0, "entries_done": 0}
    listing = client.get(base).json()
    assert (listing["count"], [item["period"] for item in listing["items"]]) == (
        2, ["2027-01", "2026-12"],
    )  # fmt: skip


def test_it_answers_409_to_a_stale_patch_and_422_to_a_bad_period(
    client_for: ClientFor, owner: object, account: object, make_cycle: MakeCycle
) -> None:
    cycle = make_cycle()
    client = client_for(owner)
    url = f"/api/v1/accounts/{account.uuid}/pdca/{cycle.uuid}"
    assert _send(client, "PATCH", url, {"version": 1, "planned_actions": "甲"}).status_code == 200
    stale = _send(client, "PATCH", url, {"version": 1, "planned_actions": "乙"})
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "stale_version"
    locked = _send(client, "PATCH", url, {"version": 2, "standardise": "x"})
    assert (locked.status_code, locked.json()["error"]["code"]) == (409, "phase_locked")
    bad = _send(client, "POST", f"/api/v1/accounts/{account.uuid}/pdca",
                {"cadence": "quarterly", "period": "2026-11"})  # fmt: skip
    assert bad.status_code == 422
    assert bad.json()["error"]["fields"] == {"period": ["Write a quarter as 2026-Q4."]}
    cycle.refresh_from_db()
    assert cycle.planned_actions == "甲"


def test_it_refuses_to_close_without_check_or_act_and_writes_nothing(
    client_for: ClientFor, owner: object, account: object, make_cycle: MakeCycle
) -> None:
    cycle = make_cycle(doing=True)
    client = client_for(owner)
    url = f"/api/v1/accounts/{account.uuid}/pdca/{cycle.uuid}/close"
    before = database_fingerprint()
    refused = _send(client, "POST", url, {"version": 2, "standardise": "交流会"})
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"] == {
        "check_snapshot": ["Run the check first: a cycle closes only with its KPI snapshot."],
        "corrective_actions": ["Say what you will correct before closing the cycle."],
    }
    order = _send(client, "POST", f"/api/v1/accounts/{account.uuid}/pdca/{cycle.uuid}/advance",
                  {"version": 2})  # fmt: skip
    assert (order.status_code, order.json()["error"]["code"]) == (409, "phase_order")
    assert database_fingerprint() == before


def test_it_hides_cycles_from_an_outsider_and_refuses_a_viewer(
    client_for: ClientFor, viewer: object, outsider: object, account: object, make_cycle: MakeCycle
) -> None:
    cycle = make_cycle()
    base = f"/api/v1/accounts/{account.uuid}/pdca"
    before = database_fingerprint()
    assert client_for(outsider).get(base).status_code == 404
    assert client_for(outsider).get(f"{base}/{cycle.uuid}").status_code == 404
    assert client_for(viewer).get(f"{base}/{cycle.uuid}").json()["phase"] == "plan"
    refused = _send(client_for(viewer), "POST", f"{base}/{cycle.uuid}/advance", {"version": 1})
    assert refused.status_code == 403
    assert _send(client_for(outsider), "PATCH", f"{base}/{cycle.uuid}", {}).status_code == 404
    assert database_fingerprint() == before


def test_it_keeps_the_list_queries_constant(
    client_for: ClientFor, owner: object, account: object, make_cycle: MakeCycle
) -> None:
    client = client_for(owner)
    url = f"/api/v1/accounts/{account.uuid}/pdca"
    make_cycle()
    few = count_queries(lambda: client.get(url))
    for month in range(1, 6):
        make_cycle(cadence="monthly", period=f"2025-0{month}")
    assert count_queries(lambda: client.get(url)) == few
