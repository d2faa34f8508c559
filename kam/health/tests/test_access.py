"""Access: outsiders get 404 on every health page and API route, viewers 403 on every write;
refused requests change nothing."""

import json

import pytest
from django.urls import reverse

from kam.assessments.models import Assessment
from kam.health.models import (
    SatisfactionSurvey,
    SurveyRating,
    SurveyRespondent,
    WalletCompetitorShare,
    WalletEstimate,
)
from kam.users.choices import TokenScope
from kam.users.services import api_token_create
from tests.access_helpers import database_fingerprint

pytestmark = pytest.mark.django_db

HEALTH_MODELS = (
    SatisfactionSurvey,
    SurveyRespondent,
    SurveyRating,
    WalletEstimate,
    WalletCompetitorShare,
    Assessment,
)


def fingerprint() -> dict[str, object]:
    """The shared fingerprint plus every row the health app (and its engine) writes."""
    rows = {
        model.__name__: list(model.objects.order_by("pk").values_list("pk", "updated_at"))
        for model in HEALTH_MODELS
    }
    return {**database_fingerprint(), **rows}


def _pages(account: object, survey: object, estimate: object) -> list[str]:
    return [
        reverse("health:account", args=[account.uuid]),
        reverse("health:account", args=[account.uuid]) + "?period=2026",
        reverse("health:survey_create", args=[account.uuid]),
        reverse("health:survey_create", args=[account.uuid]) + f"?from={survey.uuid}",
        reverse("health:wallet_estimate", args=[account.uuid]),
        reverse("health:wallet_estimate", args=[account.uuid]) + f"?estimate={estimate.uuid}",
        reverse("health:survey_detail", args=[survey.uuid]),
    ]


def _api(account: object, survey: object) -> list[tuple[str, str]]:
    return [
        ("GET", f"/api/v1/accounts/{account.uuid}/surveys"),
        ("POST", f"/api/v1/accounts/{account.uuid}/surveys"),
        ("GET", f"/api/v1/surveys/{survey.uuid}"),
        ("GET", f"/api/v1/accounts/{account.uuid}/wallet-estimates"),
        ("POST", f"/api/v1/accounts/{account.uuid}/wallet-estimates"),
        ("GET", f"/api/v1/accounts/{account.uuid}/health"),
        ("GET", f"/api/v1/accounts/{account.uuid}/health?period=2026"),
    ]


VALID_SURVEY = {
    "period": "2026",
    "conducted_on": "2026-03-01",
    "respondents": [{"overall": 4, "recommend": 9}],
}
VALID_WALLET = {
    "period": "2026",
    "category_code": "cables",
    "category_label": "Cables",
    "customer_total_spend": "100",
    "our_revenue": "10",
}
BODIES = [{"name": "hacked"}, VALID_SURVEY, VALID_WALLET]
FORM_POSTS = [
    {"name": "hacked"},
    {"period": "2026", "assessed_on": "2026-03-01", "score__trust": "5"},
    {"period": "2026", "category_code": "x", "category_label": "X", "customer_total_spend": "1",
     "our_revenue": "1", "currency": "CNY", "confidence": "low", "shares-TOTAL_FORMS": "0",
     "shares-INITIAL_FORMS": "0"},
]  # fmt: skip


@pytest.fixture
def records(worked_example: dict[str, object], account: object) -> dict[str, object]:
    return {
        "survey": worked_example["survey"],
        "estimate": WalletEstimate.objects.get(account=account, category_code="transformers"),
    }


def test_it_answers_404_to_an_outsider_on_every_health_page_and_changes_nothing(
    client_for: object, outsider: object, account: object, records: dict[str, object]
) -> None:
    client = client_for(outsider)
    before = fingerprint()
    for url in _pages(account, records["survey"], records["estimate"]):
        assert client.get(url).status_code == 404, url
        assert client.get(url, headers={"HX-Request": "true"}).status_code == 404, url
        for data in FORM_POSTS:
            assert client.post(url, data).status_code in (404, 405), url
    htmx_row = reverse("health:survey_create", args=[account.uuid]) + "?row=3"
    assert client.get(htmx_row, headers={"HX-Request": "true"}).status_code == 404
    assert fingerprint() == before


def test_it_answers_404_to_an_outsider_on_every_health_api_route_and_changes_nothing(
    client_for: object, outsider: object, account: object, records: dict[str, object]
) -> None:
    client = client_for(outsider)
    _token, raw = api_token_create(user=outsider, name="script", scope=TokenScope.READ_WRITE)
    before = fingerprint()
    for method, url in _api(account, records["survey"]):
        for body in BODIES:
            # whatever the body, the account does not exist for them (not a 422 first)
            response = client.generic(
                method, url, json.dumps(body), content_type="application/json"
            )
            assert response.status_code == 404, (method, url, response.status_code)
            assert response.json()["error"]["code"] == "not_found"
            by_token = client_for(outsider).generic(
                method,
                url,
                json.dumps(body),
                content_type="application/json",
                headers={"Authorization": f"Bearer {raw}"},
            )
            assert by_token.status_code == 404, (method, url, by_token.status_code)
    assert fingerprint() == before


def test_it_refuses_every_write_of_a_viewer_with_403_and_changes_nothing(
    client_for: object, viewer: object, account: object, records: dict[str, object]
) -> None:
    client = client_for(viewer)
    before = fingerprint()
    # the viewer reads the health page and the survey
    assert client.get(reverse("health:account", args=[account.uuid])).status_code == 200
    survey_url = reverse("health:survey_detail", args=[records["survey"].uuid])
    assert client.get(survey_url).status_code == 200
    for url in _pages(account, records["survey"], records["estimate"])[2:6]:
        assert client.get(url).status_code == 403, url
        for data in FORM_POSTS:
            assert client.post(url, data).status_code == 403, url
    for method, url in _api(account, records["survey"]):
        if method == "GET":
            assert client.get(url).status_code == 200, url
            continue
        for body in BODIES:
            response = client.post(url, json.dumps(body), content_type="application/json")
            assert response.status_code == 403, (url, response.status_code)
            assert response.json()["error"]["code"] == "forbidden"
    assert fingerprint() == before


def test_it_lets_a_teammate_record_and_requires_sign_in(
    client: object, client_for: object, teammate: object, account: object
) -> None:
    response = client_for(teammate).post(
        f"/api/v1/accounts/{account.uuid}/surveys",
        json.dumps(VALID_SURVEY),
        content_type="application/json",
    )
    assert response.status_code == 201
    anonymous = client.post(
        f"/api/v1/accounts/{account.uuid}/surveys",
        json.dumps({"name": "x"}),
        content_type="application/json",
    )
    assert anonymous.status_code == 401
    page = client.get(reverse("health:account", args=[account.uuid]))
    assert page.status_code == 302
