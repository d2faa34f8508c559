"""The API rejects bad input with one JSON error shape and a 4xx; nothing is written."""

import json
import uuid

import pytest

from kam.accounts.models import Account
from tests.access_helpers import database_fingerprint

pytestmark = pytest.mark.django_db

VALID = {"name": "新客户", "industry": "energy", "region": "east_china"}


def _post(client: object, url: str, body: object) -> object:
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(url, data, content_type="application/json")


def test_it_creates_an_account_and_returns_it(client_for: object, owner: object) -> None:
    response = _post(client_for(owner), "/api/v1/accounts", {**VALID, "current_revenue": "12.50"})
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "新客户"
    assert body["owner"]["username"] == "owner"
    assert body["current_revenue"] == "12.50"
    assert Account.objects.filter(uuid=body["id"], owner=owner).exists()


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ("{not json", 400, None),
        ({**VALID, "name": "x" * 201}, 422, "name"),
        ({**VALID, "name": ""}, 422, "name"),
        ({**VALID, "industry": "mining-on-mars"}, 422, "industry"),
        ({**VALID, "current_revenue": "lots"}, 422, "current_revenue"),
        ({**VALID, "current_revenue": -5}, 422, "current_revenue"),
        ({**VALID, "owner_id": "not-a-uuid"}, 422, "owner_id"),
        ({"industry": "energy", "region": "east_china"}, 422, "name"),
        ([1, 2, 3], 422, None),
    ],
)
def test_it_rejects_bad_account_input(
    client_for: object, owner: object, body: object, status: int, field: str | None
) -> None:
    client = client_for(owner)
    before = database_fingerprint()
    response = _post(client, "/api/v1/accounts", body)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["message"]
    if field:
        assert field in error["fields"], error
        assert all(error["fields"][field])
    assert database_fingerprint() == before


def test_it_answers_422_for_an_unknown_owner_and_writes_nothing(
    client_for: object, owner: object
) -> None:
    before = database_fingerprint()
    response = _post(
        client_for(owner), "/api/v1/accounts", {**VALID, "owner_id": str(uuid.uuid4())}
    )
    assert response.status_code == 422
    assert response.json()["error"]["message"] == "No account manager with this id."
    assert database_fingerprint() == before


def test_it_answers_404_for_unknown_ids(client_for: object, owner: object) -> None:
    client = client_for(owner)
    missing = uuid.uuid4()
    assert client.get(f"/api/v1/accounts/{missing}").status_code == 404
    assert client.get(f"/api/v1/contacts/{missing}").status_code == 404
    response = client.get("/api/v1/accounts/not-a-uuid")
    assert response.status_code in (404, 422)


def test_it_rejects_bad_query_parameters(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    assert client.get("/api/v1/accounts?page=0").status_code == 422
    assert client.get("/api/v1/accounts?page_size=100000").status_code == 422
    assert client.get("/api/v1/accounts?sort=drop_table").status_code == 422
    assert client.get("/api/v1/accounts?status=unknown").status_code == 422
    response = client.get("/api/v1/accounts?page=abc")
    assert response.status_code == 422
    assert response.json()["error"]["fields"]["page"] == ["Enter a valid number."]


def test_it_translates_error_messages(client_for: object, owner: object) -> None:
    client = client_for(owner)
    response = client.post(
        "/api/v1/accounts",
        json.dumps({**VALID, "name": ""}),
        content_type="application/json",
        headers={"Accept-Language": "zh-hans"},
    )
    assert response.status_code == 422
    assert response.json()["error"]["message"] == "请求无效，请查看各字段。"


def test_it_paginates_lists(client_for: object, owner: object) -> None:
    client = client_for(owner)
    for number in range(3):
        _post(client, "/api/v1/accounts", {**VALID, "name": f"Account {number}"})
    body = client.get("/api/v1/accounts?page=2&page_size=2&sort=name").json()
    assert body["count"] == 3
    assert body["page"] == 2
    assert body["page_size"] == 2
    assert [item["name"] for item in body["items"]] == ["Account 2"]


def test_it_patches_an_account_and_records_the_change(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    tag = client.get(f"/api/v1/accounts/{account.uuid}")["ETag"]
    response = client.patch(
        f"/api/v1/accounts/{account.uuid}",
        json.dumps({"status": "dormant"}),
        content_type="application/json",
        headers={"If-Match": tag},
    )
    assert response.status_code == 200
    assert response.json()["status"] == "dormant"
    history = client.get(f"/api/v1/accounts/{account.uuid}/history").json()["items"]
    assert history[0]["action"] == "update"
    assert history[0]["changes"] == [{"label": "status", "before": "Active", "after": "Dormant"}]


def test_it_refuses_to_null_a_required_field(
    client_for: object, owner: object, account: object
) -> None:
    before = database_fingerprint()
    response = client_for(owner).patch(
        f"/api/v1/accounts/{account.uuid}",
        json.dumps({"name": None, "version": account.updated_at.isoformat()}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert database_fingerprint() == before


def test_it_creates_a_contact_and_refuses_a_manager_from_another_account(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    boss = _post(
        client,
        f"/api/v1/accounts/{account.uuid}/contacts",
        {"name": "王总", "seniority": "executive"},
    )
    assert boss.status_code == 201
    report = _post(
        client,
        f"/api/v1/accounts/{account.uuid}/contacts",
        {"name": "李工", "reports_to_id": boss.json()["id"]},
    )
    assert report.status_code == 201
    assert report.json()["reports_to"]["name"] == "王总"
    before = database_fingerprint()
    foreign = _post(
        client,
        f"/api/v1/accounts/{account.uuid}/contacts",
        {"name": "X", "reports_to_id": str(uuid.uuid4())},
    )
    assert foreign.status_code == 422
    assert database_fingerprint() == before


def test_it_refuses_a_reporting_cycle_in_the_api(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    url = f"/api/v1/accounts/{account.uuid}/contacts"
    boss = _post(client, url, {"name": "Boss"}).json()
    report = _post(client, url, {"name": "Report", "reports_to_id": boss["id"]}).json()
    before = database_fingerprint()
    response = client.patch(
        f"/api/v1/contacts/{boss['id']}",
        json.dumps({"reports_to_id": report["id"], "version": boss["updated_at"]}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "reports_to" in response.json()["error"]["fields"]
    assert database_fingerprint() == before


def test_it_publishes_the_openapi_schema(client_for: object, owner: object) -> None:
    response = client_for(owner).get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/accounts" in paths
    assert "/api/v1/contacts" in paths
