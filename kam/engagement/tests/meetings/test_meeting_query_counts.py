"""The activity log, action boards, meeting record and API lists keep a constant query count as
activities, participants, evidence and actions grow."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from kam.engagement.meetings.actions import ActionItemInput
from kam.engagement.meetings.services import MeetingRecordInput, meeting_record_save
from kam.engagement.models import MeetingRecord
from kam.engagement.tests.meeting_factories import logged_activity
from tests.factories import ContactFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

MAX_QUERIES = 25


def _grow(owner: object, account: object, count: int) -> None:
    """Activities with participants, evidence, a meeting record, issues and two actions each."""
    for index in range(count):
        person = ContactFactory(account=account, name=f"<b>{index}</b>")
        activity = logged_activity(
            owner,
            account,
            title=f"拜访 {index}",
            occurred_on=date(2026, 1, 1) + timedelta(days=index),
            customer_participants=[person],
            rung_evidence={person: ["access_participation"]},
        )
        meeting_record_save(
            actor=owner,
            activity=activity,
            record=MeetingRecordInput(
                issues=[("问题", "strategy", "explicit", "high")],
                actions=[
                    ActionItemInput(
                        description=f"我方 {index}",
                        owner_side="ours",
                        owner_user=owner,
                        due_on=date(2026, 2, 1) + timedelta(days=index),
                    ),
                    ActionItemInput(
                        description=f"客户 {index}",
                        owner_side="customer",
                        owner_contact=person,
                        due_on=date(2026, 2, 1),
                    ),
                ],
            ),
        )


URLS = [
    lambda account: reverse("engagement:activities", args=[account.uuid]),
    lambda account: reverse("engagement:action_board", args=[account.uuid]),
    lambda account: reverse("engagement:my_actions"),
    lambda account: reverse(
        "engagement:meeting_detail", args=[MeetingRecord.objects.order_by("pk")[0].uuid]
    ),
    lambda account: reverse(
        "engagement:activity_detail", args=[MeetingRecord.objects.order_by("pk")[0].activity.uuid]
    ),
    lambda account: reverse(
        "engagement:meeting_edit", args=[MeetingRecord.objects.order_by("pk")[0].activity.uuid]
    ),
    lambda account: f"/api/v1/accounts/{account.uuid}/activities?page_size=100",
    lambda account: f"/api/v1/accounts/{account.uuid}/action-items?page_size=100",
    lambda account: "/api/v1/me/action-items?page_size=100",
    lambda account: "/api/v1/meetings/{}".format(MeetingRecord.objects.order_by("pk")[0].uuid),
]
IDS = [
    "activity log",
    "action board",
    "my actions",
    "meeting detail",
    "activity detail",
    "meeting form",
    "api activities",
    "api action items",
    "api my action items",
    "api meeting",
]


@pytest.mark.parametrize("url_for", URLS, ids=IDS)
def test_it_keeps_the_query_count_constant_when_activities_grow_tenfold(
    client_for: object, owner: object, account: object, url_for: object
) -> None:
    client = client_for(owner)
    _grow(owner, account, 2)
    small = count_queries(lambda: client.get(url_for(account)))
    _grow(owner, account, 20)
    large = count_queries(lambda: client.get(url_for(account)))
    assert large == small
    assert large <= MAX_QUERIES
