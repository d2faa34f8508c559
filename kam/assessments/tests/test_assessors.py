"""Whose answers a user records (`can_record_answers_for`): their own; the account's owner, a
director or an administrator also a colleague's who works on the account."""

import json

import pytest
from django.urls import reverse

from kam.accounts.access import can_record_answers_for
from kam.assessments.models import Assessment
from tests.access_helpers import database_fingerprint
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REFUSAL = "You may record only your own answers: leave out assessor_id or send your own id."


def _submit(client: object, account: object, assessor: object, **headers: str) -> object:
    body = {
        "tool_code": "relationship_test",
        "period": "2026",
        "assessed_on": "2026-02-01",
        "answers": [{"criterion_code": "trust", "value": "4", "assessor_id": str(assessor.uuid)}],
    }
    return client.post(
        f"/api/v1/accounts/{account.uuid}/assessments",
        json.dumps(body),
        content_type="application/json",
        headers=headers,
    )


def test_it_refuses_a_member_recording_answers_in_another_users_name(
    client_for: object, teammate: object, owner: object, account: object
) -> None:
    # given a team member and the account's owner, both on the team
    before = database_fingerprint()
    # when the member sends the owner's id as assessor
    response = _submit(client_for(teammate), account, owner)
    # then 403 naming the field, and nothing is written
    assert response.status_code == 403
    assert response.json() == {"error": {"code": "forbidden", "message": REFUSAL, "fields": {}}}
    assert database_fingerprint() == before


def test_it_translates_the_assessor_refusal(
    client_for: object, teammate: object, owner: object, account: object
) -> None:
    response = _submit(client_for(teammate), account, owner, **{"Accept-Language": "zh-hans"})
    assert response.status_code == 403
    message = "你只能记录自己的评分：请省略 assessor_id，或填写你自己的 id。"
    assert response.json()["error"]["message"] == message


def test_it_lets_a_member_name_themselves_as_assessor(
    client_for: object, teammate: object, account: object
) -> None:
    response = _submit(client_for(teammate), account, teammate)
    assert response.status_code == 201, response.content
    assert list(Assessment.objects.get().assessors.all()) == [teammate]


@pytest.mark.parametrize("actor_name", ["owner", "director", "administrator"])
def test_it_lets_the_owner_a_director_and_an_administrator_record_a_team_members_answers(
    client_for: object,
    owner: object,
    director: object,
    teammate: object,
    account: object,
    actor_name: str,
) -> None:
    actors = {
        "owner": owner,
        "director": director,
        "administrator": UserFactory(role="administrator"),
    }
    response = _submit(client_for(actors[actor_name]), account, teammate)
    assert response.status_code == 201, response.content
    assessment = Assessment.objects.get()
    assert list(assessment.assessors.all()) == [teammate]
    assert [r.assessor for r in assessment.responses.all()] == [teammate]


def test_it_knows_whose_answers_each_user_may_record(
    owner: object, teammate: object, viewer: object, director: object, account: object
) -> None:
    outsider = UserFactory(role="account_manager")
    assert can_record_answers_for(teammate, account, teammate) is True
    assert can_record_answers_for(teammate, account, owner) is False
    assert can_record_answers_for(viewer, account, viewer) is False
    assert can_record_answers_for(owner, account, teammate) is True
    assert can_record_answers_for(director, account, teammate) is True
    assert can_record_answers_for(director, account, outsider) is False


def test_it_keeps_only_the_assessors_a_member_may_record_on_the_page(
    client_for: object, teammate: object, owner: object, account: object
) -> None:
    # given a member who asks for a sheet with the owner's and their own columns
    client = client_for(teammate)
    url = reverse("assessments:new", args=[account.uuid, "relationship_test"])
    url += f"?assessors={owner.uuid}&assessors={teammate.uuid}"
    # when they score the one column the page offers
    assert client.get(url).context["assessors"] == [teammate]
    response = client.post(
        url, {"period": "2026", "assessed_on": "2026-02-01", "value__trust__0": "3"}
    )
    # then the answers are recorded in their name only
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert list(assessment.assessors.all()) == [teammate]
    assert [r.assessor for r in assessment.responses.all()] == [teammate]
