"""The broad-relationship API: matrix get/put, refusal with the rules' messages, coverage."""

import json

import pytest

from kam.api.versioning import etag
from kam.broad.models import CoverageTarget, RaciAssignment
from kam.broad.services import raci_row_create
from tests.access_helpers import database_fingerprint
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def _put(client: object, url: str, body: dict, **headers: str) -> object:
    return client.put(  # type: ignore[attr-defined]
        url, json.dumps(body), content_type="application/json", headers=headers
    )


def test_it_puts_a_row_and_answers_the_matrix(
    client_for: object, owner: object, teammate: object, account: object
) -> None:
    row = raci_row_create(actor=owner, account=account, function="it", level="executive")
    letters = [
        {"user_id": str(owner.uuid), "role": "A"},
        {"user_id": str(teammate.uuid), "role": "R"},
    ]

    response = _put(
        client_for(owner),
        f"/api/v1/raci-rows/{row.uuid}",
        {"letters": letters},
        If_Match=etag(row.updated_at),
    )

    assert response.status_code == 200
    body = response.json()
    assert body["rows"][0]["label"] == "IT · Executive"
    assert body["rows"][0]["problems"] == []
    assert body["people_without_row"] == []
    assert RaciAssignment.objects.count() == 2


def test_it_refuses_a_second_a_with_422_and_writes_nothing(
    client_for: object, owner: object, teammate: object, account: object
) -> None:
    row = raci_row_create(actor=owner, account=account, function="it", level="executive")
    letters = [
        {"user_id": str(owner.uuid), "role": "A"},
        {"user_id": str(teammate.uuid), "role": "A"},
    ]
    before = database_fingerprint()

    response = _put(
        client_for(owner),
        f"/api/v1/raci-rows/{row.uuid}",
        {"letters": letters},
        If_Match=etag(row.updated_at),
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"]["__all__"] == [
        "Only one person can be accountable (A) for a row.",
        "Name at least one person responsible (R) for this row.",
    ]
    assert database_fingerprint() == before


def test_it_sets_a_target_and_answers_the_coverage(
    client_for: object, owner: object, account: object
) -> None:
    ContactFactory(account=account, function="it", seniority="middle", coverage="in_depth")

    response = _put(
        client_for(owner),
        f"/api/v1/accounts/{account.uuid}/coverage/targets",
        {"function": "it", "level": "middle", "is_target": True},
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["target_cells"], body["covered_target_cells"], body["coverage_rate"]) == (
        1,
        1,
        "1.0000",
    )
    assert CoverageTarget.objects.get().is_target is True
    assert len(body["cells"]) == 39
