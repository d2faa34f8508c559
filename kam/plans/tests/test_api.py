"""API of the annual plans: create and read, objectives CRUD with the stale version refused
(409, nothing written), gaps computed in constant queries, approval by a director only,
versions and their diff; documented error shape."""

import json
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from kam.broad.services import raci_row_create
from kam.plans.models import AccountPlan
from kam.plans.tests.conftest import add_objective
from tests.access_helpers import database_fingerprint
from tests.queries import count_queries

pytestmark = pytest.mark.django_db
MakePlan = Callable[..., AccountPlan]
ClientFor = Callable[[object], Client]


def _send(client: Client, method: str, url: str, body: dict[str, object]) -> object:
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def _objective(owner: object, version: int, **values: object) -> dict[str, object]:
    body: dict[str, object] = {
        "version": version, "kind": "result", "metric_code": "share_of_wallet", "target": "35",
        "weight": "60", "comparison_basis": "competitor", "owner_id": str(owner.uuid),
        "frequency": "quarterly", "gap_key": "sow_headroom",
    }  # fmt: skip
    body.update(values)
    return body


def test_it_plans_objectives_approves_and_diffs(
    client_for: ClientFor, owner: object, director: object, gappy: object
) -> None:
    client = client_for(owner)
    base = f"/api/v1/accounts/{gappy.uuid}/plans"
    created = _send(client, "POST", base, {"year": 2026})
    assert created.status_code == 201
    assert (created.json()["status"], created.json()["version"]) == ("draft", 1)
    url = f"{base}/2026"
    first = _send(client, "POST", f"{url}/objectives", _objective(owner, 1))
    assert first.status_code == 201
    assert (first.json()["baseline"], first.json()["owner"]) == ("20.0000", owner.username)
    org = _objective(owner, 2, metric_code="org_total", weight="40", gap_key="")
    second = _send(client, "POST", f"{url}/objectives", org)
    assert second.status_code == 201
    member_approval = _send(client, "POST", f"{url}/approve", {"version": 3})
    assert member_approval.status_code == 403
    boss = client_for(director)
    approved = _send(boss, "POST", f"{url}/approve", {"version": 3})
    assert (approved.status_code, approved.json()["number"]) == (201, 1)
    objective_id = first.json()["id"]
    changed = _send(client, "PUT", f"{url}/objectives/{objective_id}",
                    _objective(owner, 3, target="45"))  # fmt: skip
    assert changed.status_code == 200
    gone = client.delete(f"{url}/objectives/{second.json()['id']}?version=4")
    assert gone.status_code == 204
    _send(client, "POST", f"{url}/objectives",
          _objective(owner, 5, metric_code="coverage_rate", weight="40", gap_key=""))  # fmt: skip
    assert _send(boss, "POST", f"{url}/approve", {"version": 6}).status_code == 201
    versions = client.get(f"{url}/versions").json()
    assert [item["number"] for item in versions["items"]] == [2, 1]
    diff = client.get(f"{url}/diff?from_version=1&to_version=2").json()
    assert [(c["field"], c["before"], c["after"]) for c in diff["objectives_changed"]] == [
        ("target", "35", "45")
    ]
    assert [item["metric_code"] for item in diff["objectives_added"]] == ["coverage_rate"]
    assert [item["metric_code"] for item in diff["objectives_removed"]] == ["org_total"]
    assert client.get(f"{url}/versions/1").json()["snapshot"]["objectives"][0]["target"] == "35"


def test_it_answers_409_to_a_stale_write_and_writes_nothing(
    client_for: ClientFor, owner: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    add_objective(owner, plan, weight=Decimal("10"))
    before = database_fingerprint()
    url = f"/api/v1/accounts/{plan.account.uuid}/plans/2026/objectives"
    response = _send(client_for(owner), "POST", url, _objective(owner, 1))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "stale_version"
    assert database_fingerprint() == before


def test_it_answers_422_to_weights_over_100(
    client_for: ClientFor, owner: object, make_plan: MakePlan
) -> None:
    plan = make_plan()
    add_objective(owner, plan, weight=Decimal("60"))
    url = f"/api/v1/accounts/{plan.account.uuid}/plans/2026/objectives"
    response = _send(client_for(owner), "POST", url, _objective(owner, 2, weight="41"))
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "weight": ["The weights would add up to 101: at most 100."]
    }


def test_it_lists_the_gaps_in_constant_queries(
    client_for: ClientFor, owner: object, gappy: object, make_plan: MakePlan
) -> None:
    make_plan()
    client = client_for(owner)
    url = f"/api/v1/accounts/{gappy.uuid}/plans/2026/gaps"
    body = client.get(url).json()
    assert [item["key"] for item in body["items"]][:4] == [
        "org_dimension:matching",
        body["items"][1]["key"],
        "low_ipa:delivery_reliability",
        "sow_headroom",
    ]
    few = count_queries(lambda: client.get(url))
    for index in range(6):
        raci_row_create(actor=owner, account=gappy, touchpoint=f"触点{index}")
    assert count_queries(lambda: client.get(url)) == few
    assert client.get(url).json()["count"] == 16
