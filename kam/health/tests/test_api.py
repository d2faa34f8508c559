"""API: surveys, wallet estimates and the health summary; 422 on bad input, nothing written."""

import json

import pytest

from kam.health.models import SatisfactionSurvey, WalletEstimate
from kam.health.tests.conftest import submit_relationship_test
from tests.factories import AccountFactory, CompetitorFactory, ContactFactory

pytestmark = pytest.mark.django_db


def _post(client: object, url: str, body: dict) -> object:
    return client.post(url, json.dumps(body), content_type="application/json")


def _survey_body(contact: object) -> dict:
    return {
        "period": "2026",
        "conducted_on": "2026-03-02",
        "respondents": [
            {
                "contact_id": str(contact.uuid),
                "role": "CIO",
                "influence": 8,
                "overall": 4,
                "recommend": 9,
                "verbatim": "Responsive team.",
                "ratings": [
                    {"attribute_code": "product_quality", "importance": 5, "performance": 4},
                    {"attribute_code": "delivery_reliability", "importance": 4, "performance": 3},
                ],
            },
            {"is_anonymous": True, "overall": 2, "recommend": 5},
        ],
    }


def test_it_creates_lists_and_reads_a_survey(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    client = client_for(owner)
    url = f"/api/v1/accounts/{account.uuid}/surveys"
    response = _post(client, url, _survey_body(contact))
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["period"] == "2026"
    assert created["respondent_count"] == 2
    assert created["csat_percent"] == 50.0
    # (5·4 + 4·3)/9 = 3.556 → 63.89 (only the first respondent rated attributes)
    assert created["satisfaction_index"] == 63.8889
    assert created["net_promoter"] == {
        "score": 0.0,
        "promoters": 1,
        "passives": 0,
        "detractors": 1,
        "respondents": 2,
    }
    assert created["attributes"][0]["label"] == "Product quality"
    assert created["respondents"][0]["contact"] == {"id": str(contact.uuid), "name": "张伟"}
    assert created["respondents"][1]["contact"] is None
    listed = client.get(url).json()
    assert (listed["count"], listed["items"][0]["id"]) == (1, created["id"])
    assert client.get(f"/api/v1/surveys/{created['id']}").json() == created


def test_it_refuses_bad_survey_input_with_422_and_writes_nothing(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    client = client_for(owner)
    url = f"/api/v1/accounts/{account.uuid}/surveys"
    body = _survey_body(contact)
    body["respondents"][0]["overall"] = 6
    body["respondents"][1]["recommend"] = 11
    response = _post(client, url, body)
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "respondents.0.overall": ["Ensure this value is at most 5."],
        "respondents.1.recommend": ["Ensure this value is at most 10."],
    }
    # a contact of another account
    body = _survey_body(ContactFactory(account=AccountFactory(owner=owner)))
    response = _post(client, url, body)
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "respondents.0.contact_id": ["No contact with this id at this account."]
    }
    # an unknown attribute (checked by the service against the current template)
    body = _survey_body(contact)
    body["respondents"][0]["ratings"][0]["attribute_code"] = "weather"
    response = _post(client, url, body)
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "respondents": ["Respondent 1: unknown attribute weather."]
    }
    assert not SatisfactionSurvey.objects.exists()


def _wallet_body(*shares: tuple[object, str]) -> dict:
    return {
        "period": "2026",
        "category_code": "transformers",
        "category_label": "Transformers",
        "customer_total_spend": "10000000",
        "our_revenue": "4000000",
        "our_rank": 1,
        "number_of_suppliers": 3,
        "confidence": "high",
        "competitor_shares": [
            {"competitor_id": str(rival.uuid), "share_percent": share} for rival, share in shares
        ],
    }


def test_it_creates_and_updates_a_wallet_estimate(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    rival = CompetitorFactory(name="Siemens")
    url = f"/api/v1/accounts/{account.uuid}/wallet-estimates"
    created = _post(client, url, _wallet_body((rival, "35")))
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["share_of_wallet_percent"] == 40.0
    assert body["wallet_allocation_percent"] == 50.0
    assert body["currency"] == "CNY"  # the account's currency when none is given
    assert body["competitor_shares"] == [
        {"competitor": {"id": str(rival.uuid), "name": "Siemens"}, "share_percent": "35.00"}
    ]
    updated = _post(client, url, _wallet_body())
    assert updated.status_code == 200
    assert (updated.json()["id"], updated.json()["competitor_shares"]) == (body["id"], [])
    listed = client.get(url + "?period=2026").json()
    assert listed["count"] == 1


def test_it_refuses_wallet_shares_above_100_percent_with_422(
    client_for: object, owner: object, account: object
) -> None:
    client = client_for(owner)
    url = f"/api/v1/accounts/{account.uuid}/wallet-estimates"
    response = _post(client, url, _wallet_body((CompetitorFactory(), "61")))
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "competitor_shares": [
            "Our share (40.00 %) and the competitors' shares (61.00 %) add up to 101.00 %: "
            "together they cannot exceed 100 %."
        ]
    }
    response = _post(client, url, _wallet_body() | {"our_rank": 0, "customer_total_spend": "-1"})
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"our_rank", "customer_total_spend"}
    assert not WalletEstimate.objects.exists()


def test_it_returns_the_health_summary(
    client_for: object, owner: object, account: object, worked_example: dict[str, object]
) -> None:
    submit_relationship_test(owner, account, period="2025", scores=[3] * 8)
    client = client_for(owner)
    body = client.get(f"/api/v1/accounts/{account.uuid}/health").json()
    current = body["current"]
    assert body["period"] == "2026"
    assert current["satisfaction_index"] == 71.2963
    assert current["csat_percent"] == 66.6667
    assert current["net_promoter"]["respondents"] == 3
    assert current["share_of_wallet_percent"] == pytest.approx(41.6667, abs=1e-4)
    assert current["wallet_allocation_percent"] == pytest.approx(47.2222, abs=1e-4)
    assert (current["relationship_test_score"], current["stage"]) == (68.75, "interdependent")
    assert round(current["health_index"], 2) == 73.89
    assert current["diagnosis"] == "growth_opportunity"
    assert current["survey_id"] == str(worked_example["survey"].uuid)
    assert body["previous"]["period"] == "2025"
    assert body["previous"]["satisfaction_index"] is None
    assert body["previous"]["health_index"] == 50.0
    assert [item["period"] for item in body["history"]] == ["2025", "2026"]
    assert body["parameters"]["target_share_percent"] == 50.0
    earlier = client.get(f"/api/v1/accounts/{account.uuid}/health?period=2025").json()
    assert (earlier["period"], earlier["previous"]) == ("2025", None)
    assert client.get(f"/api/v1/accounts/{account.uuid}/health?period=x").status_code == 422
