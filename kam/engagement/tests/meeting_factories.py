"""Builders for activities, meeting records and action items in tests (through the services)."""

from datetime import date

from kam.engagement.meetings.actions import ActionItemInput
from kam.engagement.meetings.services import (
    ActivityInput,
    MeetingRecordInput,
    activity_log,
    meeting_record_save,
)
from kam.engagement.models import Activity, Mechanism

ROUTINE = "routine_visit_advisory"
EXECUTIVE = "exec_strategy_meeting"


def mechanism(code: str = ROUTINE) -> Mechanism:
    """One of the six mechanisms the data migration seeds."""
    return Mechanism.objects.get(code=code)


def logged_activity(actor: object, account: object, **values: object) -> Activity:
    fields = {
        "mechanism": mechanism(),
        "title": "季度拜访",
        "occurred_on": date(2026, 3, 10),
    }
    fields.update(values)
    return activity_log(actor=actor, account=account, activity=ActivityInput(**fields))


def meeting_objects(actor: object, account: object, contact: object) -> dict[str, object]:
    """An activity with a meeting record and one action item (the access walkers' objects)."""
    activity = logged_activity(actor, account, customer_participants=[contact])
    meeting = meeting_record_save(
        actor=actor,
        activity=activity,
        record=MeetingRecordInput(
            listen="客户关注供电可靠率",
            actions=[
                ActionItemInput(
                    description="提交方案",
                    owner_side="ours",
                    owner_user=actor,
                    due_on=date(2026, 4, 1),
                )
            ],
        ),
    )
    return {
        "activity_uuid": activity.uuid,
        "meeting_uuid": meeting.uuid,
        "action_item_uuid": meeting.action_items.get().uuid,
    }
