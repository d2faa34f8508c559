"""API of activities, meeting records and action items: shapes, filters, bad input, access."""

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from kam.engagement.meetings.actions import ActionItemInput, action_item_create
from kam.engagement.models import ActionItem, Activity, CalendarEntry, MeetingRecord
from kam.engagement.tests.meeting_factories import EXECUTIVE, logged_activity
from kam.ladder.models import LadderEvidence
from tests.access_helpers import database_fingerprint

pytestmark = pytest.mark.django_db

# The version of a meeting record before its first save.
NOT_WRITTEN = "1970-01-01T00:00:00Z"


def _json(client: object, method: str, url: str, body: object) -> object:
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def test_it_logs_an_activity_with_evidence_and_reads_it_back(
    client_for: object, owner: object, teammate: object, account: object, contact: object
) -> None:
    client = client_for(owner)
    response = _json(client, "POST", f"/api/v1/accounts/{account.uuid}/activities", {
        "mechanism": EXECUTIVE, "title": "战略会", "occurred_on": "2026-03-10",
        "our_participant_ids": [str(teammate.uuid)],
        "customer_participant_ids": [str(contact.uuid)],
        "rung_evidence": {str(contact.uuid): ["business_guidance"]},
    })  # fmt: skip
    body = response.json()
    assert response.status_code == 201, body
    assert (body["title"], body["mechanism"], body["is_level_matched"]) == (
        "战略会", EXECUTIVE, False,
    )  # fmt: skip
    assert [person["name"] for person in body["customer_participants"]] == ["张伟"]
    assert [(row["contact"]["name"], row["rung_code"]) for row in body["evidence"]] == [
        ("张伟", "business_guidance")
    ]
    listing = client.get(f"/api/v1/accounts/{account.uuid}/activities").json()
    assert (listing["count"], listing["items"][0]["id"]) == (1, body["id"])
    patched = _json(client, "PATCH", f"/api/v1/activities/{body['id']}",
                    {"notes": "补记", "version": body["updated_at"]})  # fmt: skip
    assert (patched.status_code, patched.json()["notes"]) == (200, "补记")


def test_it_answers_422_with_messages_to_bad_activity_input_and_writes_nothing(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    client = client_for(owner)
    url = f"/api/v1/accounts/{account.uuid}/activities"
    before = database_fingerprint()
    unknown = _json(client, "POST", url, {"mechanism": "nope", "title": "x",
                                          "occurred_on": "2026-03-10"})  # fmt: skip
    assert unknown.status_code == 422
    assert unknown.json()["error"]["message"] == "No mechanism with the code nope."
    missing = _json(client, "POST", url, {"mechanism": EXECUTIVE})
    assert missing.status_code == 422
    assert missing.json()["error"]["fields"]["title"] == ["This field is required."]
    absent = _json(client, "POST", url, {
        "mechanism": EXECUTIVE, "title": "x", "occurred_on": "2026-03-10",
        "rung_evidence": {str(contact.uuid): ["info_sharing"]},
    })  # fmt: skip
    assert absent.status_code == 422
    assert absent.json()["error"]["message"] == "Rung evidence only for the customer participants."
    bad_rung = _json(client, "POST", url, {
        "mechanism": EXECUTIVE, "title": "x", "occurred_on": "2026-03-10",
        "customer_participant_ids": [str(contact.uuid)],
        "rung_evidence": {str(contact.uuid): ["nope"]},
    })  # fmt: skip
    assert bad_rung.status_code == 422
    assert bad_rung.json()["error"]["fields"]["rung_evidence"] == ["Unknown rung: nope."]
    assert database_fingerprint() == before
    assert not Activity.objects.exists() and not LadderEvidence.objects.exists()


def test_it_puts_the_meeting_document_and_schedules_the_next_meeting(
    client_for: object, owner: object, teammate: object, account: object, contact: object
) -> None:
    activity = logged_activity(owner, account, customer_participants=[contact])
    client = client_for(owner)
    response = _json(client, "PUT", f"/api/v1/activities/{activity.uuid}/meeting", {
        "listen": "听到的", "discuss": "研讨", "share": "分享", "execution_plan": "计划",
        "issues": [{"text": "可靠率", "domain": "production", "need_type": "explicit"}],
        "actions": [
            {"description": "方案", "owner_side": "ours", "owner_user_id": str(teammate.uuid),
             "due_on": "2026-04-01"},
            {"description": "数据", "owner_side": "customer",
             "owner_contact_id": str(contact.uuid), "due_on": "2026-03-20"},
        ],
        "next_meeting": {"planned_on": "2026-04-20", "title": "复盘"},
        "version": NOT_WRITTEN,
    })  # fmt: skip
    body = response.json()
    assert response.status_code == 200, body
    assert body["issues"] == [
        {"text": "可靠率", "domain": "production", "need_type": "explicit", "priority": "medium"}
    ]
    assert [(item["description"], item["owner_side"]) for item in body["action_items"]] == [
        ("数据", "customer"), ("方案", "ours"),
    ]  # fmt: skip
    assert (body["next_entry"]["title"], body["next_entry"]["planned_on"]) == ("复盘", "2026-04-20")
    again = client.get(f"/api/v1/meetings/{body['id']}").json()
    assert again["listen"] == "听到的"
    assert CalendarEntry.objects.count() == 1


def test_it_refuses_a_bad_meeting_document_and_writes_nothing(
    client_for: object, owner: object, account: object
) -> None:
    activity = logged_activity(owner, account)
    before = database_fingerprint()
    response = _json(client_for(owner), "PUT", f"/api/v1/activities/{activity.uuid}/meeting", {
        "issues": [{"text": "x", "domain": "space", "need_type": "explicit"}],
    })  # fmt: skip
    assert response.status_code == 422
    assert "issues.0.domain" in response.json()["error"]["fields"]
    no_owner = _json(client_for(owner), "PUT", f"/api/v1/activities/{activity.uuid}/meeting", {
        "actions": [{"description": "x", "owner_side": "ours", "due_on": "2026-04-01"}],
        "version": NOT_WRITTEN,
    })  # fmt: skip
    assert no_owner.status_code == 422
    assert no_owner.json()["error"]["fields"]["actions"] == [
        "Action 1: Choose who on our side owns this action."
    ]
    assert database_fingerprint() == before
    assert not MeetingRecord.objects.exists()


def test_it_lists_filters_creates_and_closes_action_items(
    client_for: object, owner: object, account: object, contact: object
) -> None:
    today = timezone.localdate()
    action_item_create(
        actor=owner,
        account=account,
        action=ActionItemInput(
            description="逾期",
            owner_side="ours",
            owner_user=owner,
            due_on=today - timedelta(days=1),
        ),
    )
    client = client_for(owner)
    url = f"/api/v1/accounts/{account.uuid}/action-items"
    created = _json(client, "POST", url, {"description": "回访", "owner_side": "customer",
                                          "owner_contact_id": str(contact.uuid),
                                          "due_on": str(today + timedelta(days=5))})  # fmt: skip
    assert created.status_code == 201, created.json()
    overdue = client.get(url + "?overdue=true").json()
    assert [item["description"] for item in overdue["items"]] == ["逾期"]
    assert overdue["items"][0]["is_overdue"] is True
    done = _json(client, "PATCH", f"/api/v1/action-items/{created.json()['id']}",
                 {"status": "done", "version": created.json()["updated_at"]})  # fmt: skip
    assert (done.json()["status"], done.json()["closed_on"]) == ("done", str(today))
    assert [i["description"] for i in client.get(url + "?status=done").json()["items"]] == ["回访"]
    mine = client.get("/api/v1/me/action-items").json()
    assert [item["description"] for item in mine["items"]] == ["逾期"]
    bad = _json(client, "PATCH", f"/api/v1/action-items/{created.json()['id']}",
                {"status": "lost"})  # fmt: skip
    assert bad.status_code == 422


def test_it_hides_everything_from_an_outsider_and_refuses_a_viewer(
    client_for: object, owner: object, outsider: object, viewer: object, account: object
) -> None:
    activity = logged_activity(owner, account)
    item = action_item_create(
        actor=owner,
        account=account,
        action=ActionItemInput(
            description="x", owner_side="ours", owner_user=owner, due_on=date(2026, 4, 1)
        ),
    )
    before = database_fingerprint()
    stranger, reader = client_for(outsider), client_for(viewer)
    assert stranger.get(f"/api/v1/activities/{activity.uuid}").status_code == 404
    assert stranger.get("/api/v1/me/action-items").json()["count"] == 0
    patch = _json(reader, "PATCH", f"/api/v1/action-items/{item.uuid}", {"status": "done"})
    assert patch.status_code == 403
    assert reader.get(f"/api/v1/accounts/{account.uuid}/action-items").status_code == 200
    assert database_fingerprint() == before
    assert ActionItem.objects.get().status == "open"
