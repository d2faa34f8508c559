"""Scoring the same period twice at once: never a 500, never the constraint's name."""

import json

import pytest
from django.db import connection

from kam.assessments import services
from kam.assessments.models import Assessment
from tests.browser.conftest import reseed_after_module  # noqa: F401 — the rows back after the flush
from tests.concurrency import postgresql_only, run_at_once, seeded_transactional_db  # noqa: F401
from tests.factories import AccountFactory, TeamMembershipFactory, UserFactory

from .test_pages_and_api import ORG_CODES, ORG_VALUES

CONFLICT = (
    "Someone else has just scored this period: reload the page to see the current snapshot, "
    "then score it again if needed."
)


def _body(note: str = "") -> str:
    return json.dumps(
        {
            "tool_code": "org_score_sheet",
            "period": "2026",
            "assessed_on": "2026-03-01",
            "note": note,
            "answers": [
                {"criterion_code": code, "value": value}
                for code, value in zip(ORG_CODES, ORG_VALUES, strict=True)
            ],
        }
    )


def _post(client: object, account: object, note: str = "") -> object:
    return client.post(  # type: ignore[attr-defined]
        f"/api/v1/accounts/{account.uuid}/assessments", _body(note), content_type="application/json"
    )


@pytest.mark.django_db
def test_it_answers_409_with_a_message_when_the_period_was_scored_in_between(
    client_for: object, owner: object, account: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a first scoring of 2026, and a second one that read the period before it committed
    client = client_for(owner)
    assert _post(client, account, "first").status_code == 201
    monkeypatch.setattr(services, "_supersede_current", lambda *args: None)
    # when the second one is stored
    response = _post(client, account, "second")
    # then it is a 409 with a translated message, and the first snapshot stays the current one
    assert response.status_code == 409
    assert response.json() == {"error": {"code": "conflict", "message": CONFLICT, "fields": {}}}
    assert "one_current_assessment_per_period" not in response.content.decode()
    assert list(Assessment.objects.values_list("note", "is_current")) == [("first", True)]


@pytest.mark.django_db
def test_it_says_the_conflict_in_chinese(
    client_for: object, owner: object, account: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = client_for(owner)
    _post(client, account)
    monkeypatch.setattr(services, "_supersede_current", lambda *args: None)
    response = client.post(
        f"/api/v1/accounts/{account.uuid}/assessments",
        _body(),
        content_type="application/json",
        headers={"accept-language": "zh-hans"},
    )
    assert response.status_code == 409
    assert response.json()["error"]["message"] == (
        "其他人刚刚为这一期间评分：请刷新页面查看当前快照，如有需要再重新评分。"
    )


@postgresql_only
@pytest.mark.usefixtures("seeded_transactional_db")
def test_it_scores_the_same_period_twice_at_once_in_turn(client_for: object) -> None:
    # given an account and two clients of its manager
    owner = UserFactory(username="racer", role="account_manager")
    account = AccountFactory(name="并发电力", owner=owner)
    TeamMembershipFactory(account=account, user=owner, team_role="account_manager")
    clients = [client_for(owner), client_for(owner)]
    # when both score 2026 at the same moment
    responses = run_at_once(
        lambda: _post(clients[0], account, "a"), lambda: _post(clients[1], account, "b")
    )
    # then the account lock runs them in turn: no 500, no constraint name, one current snapshot
    # that supersedes the other (kept in the history)
    assert connection.vendor == "postgresql"
    assert sorted(response.status_code for response in responses) == [201, 201]
    current = Assessment.objects.get(account=account, is_current=True)
    superseded = Assessment.objects.get(account=account, is_current=False)
    assert current.supersedes_id == superseded.pk
