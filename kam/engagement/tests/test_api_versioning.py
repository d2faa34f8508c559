"""No lost updates in the engagement API: matching items, activities, meeting records, action
items and calendar entries need the version read (their `updated_at`)."""

from datetime import date

import pytest

from kam.api.versioning import etag
from kam.core.services import NEVER_SAVED
from kam.engagement.matching.services import MatchingItemInput, matching_item_create
from kam.engagement.meetings.actions import ActionItemInput, action_item_create
from kam.engagement.meetings.services import MeetingRecordInput, meeting_record_save
from kam.engagement.models import ActionItem, Activity, CalendarEntry, MatchingItem, MeetingRecord
from kam.engagement.tests.calendar_factories import entry_for
from kam.engagement.tests.meeting_factories import logged_activity
from tests.access_helpers import database_fingerprint
from tests.versioning import (
    VersionedWrite,
    check_null_body_refused,
    check_outsider_gets_404,
    check_read_answers_the_version,
    check_same_body_version_twice,
    check_same_if_match_twice,
    check_version_required,
    error,
    send,
)

pytestmark = pytest.mark.django_db


def _matching(owner: object, account: object) -> VersionedWrite:
    item = matching_item_create(
        actor=owner, account=account, item=MatchingItemInput(domain="production", problem="停机")
    )
    return VersionedWrite(
        method="PATCH",
        url=f"/api/v1/matching-items/{item.uuid}",
        first={"problem": "停机频繁"},
        second={"stage": "problem_confirmed"},
        version=lambda: MatchingItem.objects.get(pk=item.pk).updated_at,
        state=lambda: MatchingItem.objects.values_list("problem", "stage").get(pk=item.pk),
        read_url=f"/api/v1/matching-items/{item.uuid}",
    )


def _activity(owner: object, account: object) -> VersionedWrite:
    activity = logged_activity(owner, account)
    return VersionedWrite(
        method="PATCH",
        url=f"/api/v1/activities/{activity.uuid}",
        first={"notes": "补记"},
        second={"title": "季度走访"},
        version=lambda: Activity.objects.get(pk=activity.pk).updated_at,
        state=lambda: Activity.objects.values_list("notes", "title").get(pk=activity.pk),
        read_url=f"/api/v1/activities/{activity.uuid}",
    )


def _meeting(owner: object, account: object) -> VersionedWrite:
    activity = logged_activity(owner, account)
    meeting = meeting_record_save(
        actor=owner, activity=activity, record=MeetingRecordInput(listen="客户关注可靠率")
    )
    return VersionedWrite(
        method="PUT",
        url=f"/api/v1/activities/{activity.uuid}/meeting",
        first={"listen": "客户关注交付"},
        second={"discuss": "联合攻关"},
        version=lambda: MeetingRecord.objects.get(pk=meeting.pk).updated_at,
        state=lambda: MeetingRecord.objects.values_list("listen", "discuss").get(pk=meeting.pk),
        read_url=f"/api/v1/meetings/{meeting.uuid}",
    )


def _action_item(owner: object, account: object) -> VersionedWrite:
    item = action_item_create(
        actor=owner,
        account=account,
        action=ActionItemInput(
            description="提交方案", owner_side="ours", owner_user=owner, due_on=date(2026, 4, 1)
        ),
    )
    return VersionedWrite(
        method="PATCH",
        url=f"/api/v1/action-items/{item.uuid}",
        first={"status": "done"},
        second={"description": "提交修订方案"},
        version=lambda: ActionItem.objects.get(pk=item.pk).updated_at,
        state=lambda: ActionItem.objects.values_list("status", "description").get(pk=item.pk),
    )


def _entry(owner: object, account: object) -> VersionedWrite:
    entry = entry_for(owner, account)
    return VersionedWrite(
        method="PATCH",
        url=f"/api/v1/calendar-entries/{entry.uuid}",
        first={"title": "技术交流会（二）"},
        second={"location": "北京"},
        version=lambda: CalendarEntry.objects.get(pk=entry.pk).updated_at,
        state=lambda: CalendarEntry.objects.values_list("title", "location").get(pk=entry.pk),
        read_url=f"/api/v1/calendar-entries/{entry.uuid}",
    )


WRITES = [_matching, _activity, _meeting, _action_item, _entry]


@pytest.fixture(
    params=WRITES, ids=["matching item", "activity", "meeting", "action item", "calendar entry"]
)
def write(request: pytest.FixtureRequest, owner: object, account: object) -> VersionedWrite:
    return request.param(owner, account)


def test_it_answers_the_version_as_the_etag(
    client_for: object, owner: object, write: VersionedWrite
) -> None:
    check_read_answers_the_version(client_for(owner), write)


def test_it_answers_428_without_a_version(
    client_for: object, owner: object, write: VersionedWrite
) -> None:
    check_version_required(client_for(owner), write)


def test_it_lets_one_of_two_writes_with_the_same_if_match_through(
    client_for: object, owner: object, write: VersionedWrite
) -> None:
    check_same_if_match_twice(client_for(owner), write)


def test_it_refuses_the_second_of_two_writes_with_the_same_version_with_409(
    client_for: object, owner: object, write: VersionedWrite
) -> None:
    check_same_body_version_twice(client_for(owner), write)


def test_it_refuses_a_null_body(client_for: object, owner: object, write: VersionedWrite) -> None:
    check_null_body_refused(client_for(owner), write)


def test_it_answers_404_to_an_outsider_and_changes_nothing(
    client_for: object, outsider: object, write: VersionedWrite
) -> None:
    check_outsider_gets_404(client_for(outsider), write)


def test_it_lets_one_of_two_first_saves_of_a_meeting_record_through(
    client_for: object, owner: object, account: object
) -> None:
    # given an activity without a meeting record: its version is "0", not written yet
    activity = logged_activity(owner, account)
    url = f"/api/v1/activities/{activity.uuid}/meeting"
    client = client_for(owner)
    first_save = etag(NEVER_SAVED)
    assert first_save == '"0"'
    # when two clients write the first record from that version
    won = client.put(url, '{"listen": "甲"}', content_type="application/json",
                     headers={"If-Match": first_save})  # fmt: skip
    before = database_fingerprint()
    lost = client.put(url, '{"listen": "乙"}', content_type="application/json",
                      headers={"If-Match": first_save})  # fmt: skip
    # then one record is written; the second is refused and changes nothing
    assert won.status_code == 200
    assert won["ETag"] == etag(MeetingRecord.objects.get().updated_at)
    assert lost.status_code == 412
    assert database_fingerprint() == before
    assert MeetingRecord.objects.get().listen == "甲"
    stale = client.put(url, '{"listen": "丙", "version": "1970-01-01T00:00:00Z"}',
                       content_type="application/json")  # fmt: skip
    assert stale.status_code == 409


def test_it_makes_a_new_version_of_an_entry_when_only_its_participants_change(
    client_for: object, owner: object, teammate: object, account: object
) -> None:
    write = _entry(owner, account)
    version, read = write.body_version(), write.tag()
    client = client_for(owner)
    won = send(client, write, {"our_participant_ids": [str(teammate.uuid)], "version": version})
    assert won.status_code == 200
    assert won["ETag"] == write.tag() != read
    lost = send(client, write, {"our_participant_ids": [], "version": version})
    assert lost.status_code == 409
    assert lost.json() == error("stale_version", write.stale_message)
    assert list(CalendarEntry.objects.get().our_participants.all()) == [teammate]


def test_it_refuses_null_for_an_entry_field_that_cannot_hold_it_with_422(
    client_for: object, owner: object, account: object
) -> None:
    write = _entry(owner, account)
    before = database_fingerprint()
    response = send(client_for(owner), write, {"purpose": None}, If_Match=write.tag())
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "purpose": ["purpose cannot be null: send a value, or leave the field out to keep it."]
    }
    assert database_fingerprint() == before


def test_it_refuses_a_tag_that_is_not_ours_for_a_meeting_record_not_written_yet(
    client_for: object, owner: object, account: object
) -> None:
    activity = logged_activity(owner, account)
    before = database_fingerprint()
    response = client_for(owner).put(
        f"/api/v1/activities/{activity.uuid}/meeting",
        '{"listen": "甲"}',
        content_type="application/json",
        headers={"If-Match": '"x"'},
    )
    assert response.status_code == 412
    assert database_fingerprint() == before
