"""Activities, meeting records and action items: done marking, ladder evidence, level match, the
next meeting, action closure dates, refusals that write nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from kam.audit.models import AuditEntry
from kam.engagement.calendar.services import CalendarEntryInput, calendar_entry_create
from kam.engagement.meetings.actions import ActionItemInput, action_item_create, action_item_update
from kam.engagement.meetings.services import (
    MeetingRecordInput,
    NextMeetingInput,
    activity_update,
    is_level_matched,
    meeting_record_save,
)
from kam.engagement.models import ActionItem, Activity, ActivityEvidence, CalendarEntry
from kam.engagement.tests.meeting_factories import EXECUTIVE, logged_activity, mechanism
from kam.ladder.models import LadderEvidence
from tests.access_helpers import database_fingerprint
from tests.factories import ContactFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 10)


@pytest.fixture
def entry(owner: object, account: object) -> CalendarEntry:
    return calendar_entry_create(
        actor=owner,
        account=account,
        entry=CalendarEntryInput(
            mechanism=mechanism(EXECUTIVE), title="高层战略会", planned_on=DAY
        ),
    )


def test_it_marks_the_planned_entry_done_when_its_activity_is_logged(
    owner: object, account: object, entry: CalendarEntry
) -> None:
    # when the activity of the planned entry is logged
    activity = logged_activity(owner, account, calendar_entry=entry, mechanism=entry.mechanism)
    # then the entry is done and linked, and both writes are audited
    entry.refresh_from_db()
    assert (entry.status, activity.calendar_entry) == ("done", entry)
    assert AuditEntry.objects.filter(object_uuid=entry.uuid, action="update").count() == 1
    assert AuditEntry.objects.filter(object_uuid=activity.uuid, action="create").count() == 1


def test_it_refuses_an_entry_that_already_has_its_activity_or_belongs_elsewhere(
    owner: object, account: object, entry: CalendarEntry, director: object
) -> None:
    logged_activity(owner, account, calendar_entry=entry)
    with pytest.raises(ValidationError) as error:
        logged_activity(owner, account, calendar_entry=entry)
    assert error.value.message_dict["calendar_entry"] == [
        "This planned entry already has its activity logged."
    ]
    other = ContactFactory().account
    with pytest.raises(ValidationError) as error:
        logged_activity(director, other, calendar_entry=entry)
    assert error.value.message_dict["calendar_entry"] == ["Choose a planned entry of this account."]
    assert Activity.objects.count() == 1


def test_it_creates_ladder_evidence_for_exactly_the_rungs_ticked(
    owner: object, account: object, contact: object
) -> None:
    # given two customer participants, one with two rungs, one with none
    other = ContactFactory(account=account, name="李工", seniority="middle")
    # when the activity is logged
    activity = logged_activity(
        owner,
        account,
        title="技术交流",
        outcomes="同意试点",
        customer_participants=[contact, other],
        rung_evidence={contact: ["info_sharing", "access_participation"], other: []},
    )
    # then the contact has exactly those two rungs, dated and described from the activity
    rows = list(
        LadderEvidence.objects.order_by("rung_code").values_list(
            "contact__name", "rung_code", "occurred_on", "description", "kind"
        )
    )
    assert rows == [
        ("张伟", "access_participation", DAY, "技术交流\n同意试点", "event"),
        ("张伟", "info_sharing", DAY, "技术交流\n同意试点", "event"),
    ]
    assert ActivityEvidence.objects.filter(activity=activity).count() == 2


def test_it_uses_the_meeting_kind_for_meeting_mechanisms(
    owner: object, account: object, contact: object
) -> None:
    logged_activity(
        owner,
        account,
        mechanism=mechanism(EXECUTIVE),
        customer_participants=[contact],
        rung_evidence={contact: ["business_guidance"]},
    )
    assert LadderEvidence.objects.get().kind == "meeting"


def test_it_refuses_rungs_for_someone_absent_or_unknown_and_writes_nothing(
    owner: object, account: object, contact: object
) -> None:
    before = database_fingerprint()
    with pytest.raises(ValidationError) as error:
        logged_activity(owner, account, rung_evidence={contact: ["info_sharing"]})
    assert "did not take part" in error.value.message_dict["rung_evidence"][0]
    with pytest.raises(ValidationError) as error:
        logged_activity(
            owner, account, customer_participants=[contact], rung_evidence={contact: ["nope"]}
        )
    assert error.value.message_dict["rung_evidence"] == ["Unknown rung: nope."]
    assert database_fingerprint() == before


@pytest.mark.parametrize(
    ("ours", "theirs", "expected"),
    [
        ("executive", "executive", True),
        ("middle", "executive", True),
        ("operational", "executive", False),
        ("operational", "middle", True),
    ],
)
def test_it_sets_the_level_match_from_the_most_senior_on_each_side(
    owner: object, account: object, ours: str, theirs: str, expected: bool
) -> None:
    # given our lead and a junior customer plus the customer's most senior participant
    owner.seniority = ours
    owner.save()
    people = [
        ContactFactory(account=account, seniority="operational"),
        ContactFactory(account=account, seniority=theirs),
    ]
    activity = logged_activity(owner, account, customer_participants=people)
    assert activity.is_level_matched is expected


def test_it_leaves_the_level_match_open_without_customer_participants(
    owner: object, account: object
) -> None:
    assert logged_activity(owner, account).is_level_matched is None


@given(
    ours=st.lists(st.sampled_from(["operational", "middle", "executive"]), min_size=1),
    theirs=st.lists(st.sampled_from(["operational", "middle", "executive"]), min_size=1),
)
def test_it_matches_levels_when_adding_a_senior_of_ours_never_hurts(
    ours: list[str], theirs: list[str]
) -> None:
    matched = is_level_matched(ours, theirs)
    assert is_level_matched([*ours, "executive"], theirs) is True
    assert matched is (max(map(RANK.get, ours)) >= max(map(RANK.get, theirs)) - 1)


RANK = {"operational": 0, "middle": 1, "executive": 2}


def test_it_refuses_participants_off_the_team_or_from_another_account(
    owner: object, account: object, outsider: object
) -> None:
    with pytest.raises(ValidationError) as error:
        logged_activity(owner, account, our_participants=[outsider])
    assert error.value.message_dict["our_participants"] == [f"Not on the account team: {outsider}."]
    stranger = ContactFactory(name="外人")
    with pytest.raises(ValidationError) as error:
        logged_activity(owner, account, customer_participants=[stranger])
    assert error.value.message_dict["customer_participants"] == [
        "Not a contact of this account: 外人."
    ]


def test_it_refuses_a_future_date_and_a_viewer(
    owner: object, viewer: object, account: object
) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        logged_activity(owner, account, occurred_on=tomorrow)
    assert "in the future" in error.value.message_dict["occurred_on"][0]
    with pytest.raises(PermissionDenied):
        logged_activity(viewer, account)
    assert not Activity.objects.exists()


def test_it_adds_the_lead_to_our_participants_and_recomputes_on_update(
    owner: object, teammate: object, account: object, contact: object
) -> None:
    teammate.seniority = "operational"
    teammate.save()
    activity = logged_activity(teammate, account, customer_participants=[contact])
    assert list(activity.our_participants.all()) == [teammate]
    assert activity.is_level_matched is False
    owner.seniority = "executive"
    owner.save()
    updated = activity_update(
        actor=owner, activity=activity, data={"our_participants": [owner], "title": "新标题"}
    )
    assert (updated.title, updated.is_level_matched) == ("新标题", True)
    assert set(updated.our_participants.all()) == {owner, teammate}


def test_it_saves_the_six_sections_with_issues_actions_and_the_next_meeting(
    owner: object, teammate: object, account: object, contact: object
) -> None:
    activity = logged_activity(owner, account, customer_participants=[contact])
    # when the meeting is recorded with two issues, two actions and a next meeting
    meeting = meeting_record_save(
        actor=owner,
        activity=activity,
        record=MeetingRecordInput(
            listen="可靠率压力",
            issues=[
                ("停电考核", "production", "explicit", "high"),
                ("数字化转型", "it_digital", "implicit", "medium"),
            ],
            discuss="两套方案",
            share="同行案例",
            actions=[
                ActionItemInput(
                    description="方案",
                    owner_side="ours",
                    owner_user=teammate,
                    due_on=date(2026, 4, 1),
                ),
                ActionItemInput(
                    description="提供数据",
                    owner_side="customer",
                    owner_contact=contact,
                    due_on=date(2026, 3, 20),
                ),
            ],
            execution_plan="四月底前试点",
            next_meeting=NextMeetingInput(
                mechanism=None, planned_on=date(2026, 4, 15), title="复盘"
            ),
        ),
    )
    # then everything is stored and the next entry is planned on the calendar
    assert [(i.position, i.text, i.domain) for i in meeting.issues.all()] == [
        (1, "停电考核", "production"),
        (2, "数字化转型", "it_digital"),
    ]
    actions = list(meeting.action_items.order_by("due_on"))
    assert [(a.description, a.owner_side, a.owner_user, a.owner_contact) for a in actions] == [
        ("提供数据", "customer", None, contact),
        ("方案", "ours", teammate, None),
    ]
    entry = meeting.next_entry
    assert (entry.planned_on, entry.title, entry.mechanism, entry.status) == (
        date(2026, 4, 15), "复盘", activity.mechanism, "planned",
    )  # fmt: skip
    assert list(entry.customer_participants.all()) == [contact]


def test_it_replaces_the_issues_on_a_second_save_and_refuses_a_second_next_meeting(
    owner: object, account: object
) -> None:
    activity = logged_activity(owner, account)
    meeting_record_save(
        actor=owner,
        activity=activity,
        record=MeetingRecordInput(
            issues=[("a", "strategy", "explicit", "low")],
            next_meeting=NextMeetingInput(planned_on=date(2026, 5, 1)),
        ),
    )
    again = meeting_record_save(
        actor=owner,
        activity=activity,
        record=MeetingRecordInput(issues=[("b", "finance", "implicit", "high")]),
    )
    assert [issue.text for issue in again.issues.all()] == ["b"]
    with pytest.raises(ValidationError) as error:
        meeting_record_save(
            actor=owner,
            activity=activity,
            record=MeetingRecordInput(next_meeting=NextMeetingInput(planned_on=DAY)),
        )
    assert error.value.message_dict["next_meeting"] == [
        "The next meeting is already scheduled from this record."
    ]
    assert CalendarEntry.objects.count() == 1


def test_it_refuses_a_half_filled_action_and_writes_nothing(owner: object, account: object) -> None:
    activity = logged_activity(owner, account)
    before = database_fingerprint()
    with pytest.raises(ValidationError) as error:
        meeting_record_save(
            actor=owner,
            activity=activity,
            record=MeetingRecordInput(
                listen="x",
                actions=[ActionItemInput(description="x", owner_side="ours", due_on=DAY)],
            ),
        )
    assert error.value.message_dict["actions"] == [
        "Action 1: Choose who on our side owns this action."
    ]
    assert database_fingerprint() == before
    assert not ActionItem.objects.exists()


def test_it_sets_and_clears_the_closing_date_with_the_status(
    owner: object, account: object, contact: object
) -> None:
    item = action_item_create(
        actor=owner,
        account=account,
        action=ActionItemInput(
            description="回访", owner_side="customer", owner_contact=contact, due_on=DAY
        ),
    )
    today = timezone.localdate()
    assert item.closed_on is None
    item = action_item_update(actor=owner, action_item=item, data={"status": "in_progress"})
    assert (item.status, item.closed_on) == ("in_progress", None)
    item = action_item_update(actor=owner, action_item=item, data={"status": "done"})
    assert (item.status, item.closed_on) == ("done", today)
    item = action_item_update(actor=owner, action_item=item, data={"status": "open"})
    assert (item.status, item.closed_on) == ("open", None)
    statuses = [
        entry.changes.get("status")
        for entry in AuditEntry.objects.filter(object_uuid=item.uuid).order_by("pk")
    ]
    assert statuses == [[None, "open"], ["open", "in_progress"], ["in_progress", "done"],
                        ["done", "open"]]  # fmt: skip


def test_it_refuses_an_owner_off_the_team_for_our_side(owner: object, account: object) -> None:
    stranger = UserFactory(role="team_member", display_name="路人")
    with pytest.raises(ValidationError) as error:
        action_item_create(
            actor=owner,
            account=account,
            action=ActionItemInput(
                description="x", owner_side="ours", owner_user=stranger, due_on=DAY
            ),
        )
    assert error.value.message_dict["owner_user"] == ["Not on the account team: 路人."]
