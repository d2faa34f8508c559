"""Letter API: generate, read, sign in order, close; errors in the one JSON shape; access
(outsider 404, viewer 403, nothing changed) and a constant query count for the list."""

import json
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from kam.letters.models import ResponsibilityLetter
from kam.letters.services import letter_generate
from kam.letters.tests.conftest import add_objective
from kam.plans.models import AccountPlan
from tests.access_helpers import database_fingerprint
from tests.queries import count_queries

pytestmark = pytest.mark.django_db
ClientFor = Callable[[object], Client]


def _post(client: Client, url: str, body: dict[str, object] | None = None) -> object:
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def _base(plan: AccountPlan) -> str:
    return f"/api/v1/accounts/{plan.account.uuid}"


def test_it_generates_signs_and_closes_a_letter(
    client_for: ClientFor, owner: object, director: object, teammate: object, plan: AccountPlan
) -> None:
    client, boss = client_for(owner), client_for(director)
    letters = f"{_base(plan)}/plans/2026/letters"
    none = _post(client, letters, {"owner_id": str(teammate.uuid)})
    assert none.status_code == 422 and none.json()["error"]["fields"] == {
        "owner": [f"{teammate} owns no objective of this plan."]
    }
    created = _post(client, letters, {"owner_id": str(owner.uuid)})
    assert created.status_code == 201
    body = created.json()
    assert (body["status"], body["rules"]["process_share"]) == ("draft", "0.4")
    assert [(item["metric_code"], item["weight"]) for item in body["objectives"]] == [
        ("gross_margin", "50.00"), ("executive_meetings", "50.00"),
    ]  # fmt: skip
    letter_url = f"{_base(plan)}/letters/{body['id']}"
    refused = _post(client, f"{letter_url}/sign")
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "not_measurable"
    plan.objectives.filter(metric_code="gross_margin").update(data_source="财务月报")
    assert _post(client, letters, {"owner_id": str(owner.uuid)}).json()["id"] == body["id"]
    assert _post(boss, f"{letter_url}/sign").json()["error"]["code"] == "owner_first"
    assert _post(client, f"{letter_url}/sign").json()["status"] == "owner_signed"
    signed = _post(boss, f"{letter_url}/sign").json()
    assert (signed["status"], signed["approver"]) == ("signed", director.username)
    assert _post(client, f"{letter_url}/close", {"on": "2026-12-31"}).status_code == 403
    closed = _post(boss, f"{letter_url}/close", {"on": "2026-12-31"}).json()
    # no gross margin entered (0 %), no executive meeting logged: 0
    assert (closed["status"], closed["final_score"], closed["rating"]) == (
        "closed", "0.00", "improve",
    )  # fmt: skip
    listed = client.get(letters).json()
    assert [item["status"] for item in listed["items"]] == ["closed"]
    assert client.get(letter_url).json()["objectives"][0]["data_source"] == "财务月报"


def test_it_answers_404_to_an_outsider_and_403_to_a_viewer_changing_nothing(
    client_for: ClientFor, owner: object, viewer: object, outsider: object, plan: AccountPlan
) -> None:
    plan.objectives.update(data_source="财务月报")
    letter = letter_generate(plan=plan, owner=owner, actor=owner)
    before = database_fingerprint()
    letter_url = f"{_base(plan)}/letters/{letter.uuid}"
    for client, status in ((client_for(outsider), 404), (client_for(viewer), 403)):
        assert _post(client, f"{letter_url}/sign").status_code == status
        assert _post(client, f"{letter_url}/close", {"on": "2026-12-31"}).status_code == status
        generated = _post(client, f"{_base(plan)}/plans/2026/letters", {"owner_id": "x"})
        assert generated.status_code == status
    assert client_for(outsider).get(letter_url).status_code == 404
    assert client_for(viewer).get(letter_url).status_code == 200
    assert database_fingerprint() == before
    assert ResponsibilityLetter.objects.get().status == "draft"


def test_it_lists_the_letters_in_constant_queries(
    client_for: ClientFor, owner: object, teammate: object, plan: AccountPlan
) -> None:
    client = client_for(owner)
    url = f"{_base(plan)}/plans/2026/letters"
    letter_generate(plan=plan, owner=owner, actor=owner)
    few = count_queries(lambda: client.get(url))
    add_objective(teammate, plan, metric_code="revenue", weight=Decimal("10"), baseline=None)
    letter_generate(plan=plan, owner=teammate, actor=owner)
    assert client.get(url).json()["count"] == 2
    assert count_queries(lambda: client.get(url)) == few
