"""API: the portfolio matrix, an account's scorecard history, submitting a scorecard."""

import json

import pytest

from kam.assessments.models import Assessment
from kam.scorecard.tests.conftest import (
    ATTRACTIVENESS_CODES,
    EXAMPLE_ATTRACTIVENESS,
    EXAMPLE_COMPETITOR,
    EXAMPLE_US,
    STRENGTH_CODES,
    scorecard_fingerprint,
)
from tests.factories import AccountFactory

pytestmark = pytest.mark.django_db


def _payload(rival: object, **changes: object) -> dict[str, object]:
    payload: dict[str, object] = {
        "period": "2026",
        "assessed_on": "2026-03-01",
        "figures": {"current_revenue": "1000000", "potential_revenue_3y": "3000000"},
        "attractiveness": [
            {"criterion": code, "score": value, "evidence": f"来源 {code}"}
            for code, value in zip(ATTRACTIVENESS_CODES, EXAMPLE_ATTRACTIVENESS, strict=True)
        ],
        "strength": {
            "us": dict(zip(STRENGTH_CODES, EXAMPLE_US, strict=True)),
            "competitors": [
                {
                    "competitor_id": str(rival.uuid),
                    "scores": dict(zip(STRENGTH_CODES, EXAMPLE_COMPETITOR, strict=True)),
                }
            ],
        },
    }
    payload.update(changes)
    return payload


def _post(client: object, account: object, payload: object) -> object:
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return client.post(
        f"/api/v1/accounts/{account.uuid}/scorecard", body, content_type="application/json"
    )


def test_it_submits_a_scorecard(
    client_for: object, owner: object, account: object, rival: object
) -> None:
    response = _post(client_for(owner), account, _payload(rival))
    assert response.status_code == 201
    body = response.json()
    scorecard = body["scorecard"]
    assert (scorecard["period"], scorecard["category"]) == ("2026", "strategic")
    assert (scorecard["attractiveness"], scorecard["strength"]) == ("69.22", "52.60")
    assert scorecard["attractiveness_band"] == "high"
    assert scorecard["strength_ratio"] == pytest.approx(1.0588235)
    assert scorecard["best_competitor"] == {"id": str(rival.uuid), "name": "华为"}
    assert scorecard["figures"] == {
        "currency": "CNY",
        "current_revenue": "1000000",
        "potential_revenue_3y": "3000000",
        "total_category_spend_est": None,
    }
    assert body["category"] == "strategic" and body["previous_category"] is None
    assert (body["key_account_count"], body["warnings"], body["reclassified_others"]) == (1, [], 0)


def test_it_lists_the_history_of_an_account(
    client_for: object, owner: object, account: object, score: object, teammate: object
) -> None:
    score(owner, account, period="2025", attractiveness=(5,) * 8)
    score(owner, account, period="2026")
    response = client_for(teammate).get(f"/api/v1/accounts/{account.uuid}/scorecard")
    body = response.json()
    assert (body["count"], body["page"], body["page_size"]) == (2, 1, 25)
    assert [(i["period"], i["category"], i["attractiveness"]) for i in body["items"]] == [
        ("2026", "strategic", "69.22"),
        ("2025", "status", "44.44"),
    ]
    page_two = client_for(teammate).get(
        f"/api/v1/accounts/{account.uuid}/scorecard?page=2&page_size=1"
    )
    assert [item["period"] for item in page_two.json()["items"]] == ["2025"]


def test_it_returns_the_matrix(
    client_for: object, owner: object, account: object, score: object
) -> None:
    score(owner, account, period="2025", attractiveness=(5,) * 8, revenue="800000")
    first = score(owner, account, period="2026")
    other = AccountFactory(name="南方航空", owner=owner)
    score(owner, other, attractiveness=(3,) * 8, us=(8,) * 5, competitor=(5,) * 5)
    body = client_for(owner).get("/api/v1/portfolio/matrix").json()
    assert (body["period"], body["previous_period"], body["periods"]) == (
        "2026",
        "2025",
        ["2026", "2025"],
    )
    assert body["thresholds"] == {"mode": "fixed", "attractiveness": 60.0, "strength": 50.0}
    assert body["count"] == 2
    by_name = {item["name"]: item for item in body["items"]}
    assert by_name["华东电力集团"] == {
        "id": str(account.uuid),
        "name": "华东电力集团",
        "snapshot_id": str(first.attractiveness.uuid),
        "attractiveness": 69.22,
        "strength": 52.6,
        "strength_ratio": pytest.approx(1.0588235),
        "currency": "CNY",
        "revenue": "1000000.00",
        "potential": "3000000.00",
        "category": "strategic",
        "previous": {"attractiveness": 44.44, "strength": 52.6},
    }
    assert by_name["南方航空"]["previous"] is None
    assert by_name["南方航空"]["category"] == "status"
    earlier = client_for(owner).get("/api/v1/portfolio/matrix?period=2025").json()
    assert [item["name"] for item in earlier["items"]] == ["华东电力集团"]


def test_it_returns_an_empty_matrix(client_for: object, owner: object) -> None:
    body = client_for(owner).get("/api/v1/portfolio/matrix").json()
    assert (body["period"], body["items"], body["count"]) == (None, [], 0)


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"period": "26"}, "validation_error", "period"),
        ({"figures": {"current_revenue": "-1", "potential_revenue_3y": "1"}}, "validation_error",
         "figures.current_revenue"),
        ({"attractiveness": [{"criterion": "wallet_size", "score": 11}]}, "invalid_answers", None),
        ({"attractiveness": [{"criterion": "nope", "score": 5}]}, "invalid_answers", None),
        ({"strength": {"us": {"product_tech": 5}, "competitors": []}}, "validation_error",
         "strength.competitors"),
        ({"assessed_on": "not a date"}, "validation_error", "assessed_on"),
    ],
)  # fmt: skip
def test_it_refuses_bad_input_with_422_and_writes_nothing(
    client_for: object,
    owner: object,
    account: object,
    rival: object,
    change: dict,
    code: str,
    field: str | None,
) -> None:
    before = scorecard_fingerprint()
    response = _post(client_for(owner), account, _payload(rival, **change))
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == code
    if field:
        assert field in error["fields"], error
    assert scorecard_fingerprint() == before


def test_it_refuses_an_unknown_competitor_and_malformed_json(
    client_for: object, owner: object, account: object, rival: object
) -> None:
    before = scorecard_fingerprint()
    payload = _payload(rival)
    payload["strength"]["competitors"][0]["competitor_id"] = str(owner.uuid)
    response = _post(client_for(owner), account, payload)
    assert (response.status_code, response.json()["error"]["code"]) == (
        422,
        "invalid_competitor_id",
    )
    malformed = _post(client_for(owner), account, "{not json")
    assert (malformed.status_code, malformed.json()["error"]["code"]) == (400, "malformed_json")
    assert scorecard_fingerprint() == before


def test_it_refuses_the_51st_key_account_in_the_api(
    client_for: object, owner: object, account: object, rival: object
) -> None:
    for index in range(50):
        AccountFactory(category="strategic" if index % 2 else "star")
    before = scorecard_fingerprint()
    refused = _post(client_for(owner), account, _payload(rival))
    assert (refused.status_code, refused.json()["error"]["code"]) == (422, "key_account_limit")
    assert scorecard_fingerprint() == before
    accepted = _post(client_for(owner), account, _payload(rival, override_reason="董事会指定"))
    assert accepted.status_code == 201
    assert accepted.json()["scorecard"]["override_reason"] == "董事会指定"
    assert Assessment.objects.filter(tool_code="scorecard_attractiveness").count() == 1
