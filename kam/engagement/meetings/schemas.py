"""Input and output schemas of the meetings API (activities, meeting records, action items)."""

import uuid
from datetime import date, datetime

from ninja import Field, Schema

from kam.api.patching import PatchIn
from kam.api.versioning import VERSION_DESCRIPTION
from kam.engagement.choices import ActionStatus, IssueDomain, NeedType, OwnerSide, Priority


class PersonOut(Schema):
    id: uuid.UUID
    name: str


class ActivityOut(Schema):
    id: uuid.UUID
    account: PersonOut
    calendar_entry_id: uuid.UUID | None
    mechanism: str
    mechanism_name: str
    title: str
    occurred_on: date
    lead: PersonOut | None
    our_participants: list[PersonOut]
    customer_participants: list[PersonOut]
    notes: str
    outcomes: str
    follow_ups: str
    is_level_matched: bool | None
    meeting_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime


class EvidenceOut(Schema):
    id: uuid.UUID
    contact: PersonOut
    rung_code: str
    kind: str


class ActivityDetailOut(ActivityOut):
    evidence: list[EvidenceOut]


class ActivityIn(Schema):
    mechanism: str = Field(..., min_length=1, max_length=50)
    title: str = Field(..., min_length=1, max_length=200)
    occurred_on: date
    calendar_entry_id: uuid.UUID | None = None
    lead_id: uuid.UUID | None = None
    our_participant_ids: list[uuid.UUID] = Field(default_factory=list, max_length=100)
    customer_participant_ids: list[uuid.UUID] = Field(default_factory=list, max_length=100)
    notes: str = Field("", max_length=10000)
    outcomes: str = Field("", max_length=10000)
    follow_ups: str = Field("", max_length=10000)
    rung_evidence: dict[uuid.UUID, list[str]] = Field(default_factory=dict)


class ActivityPatch(PatchIn):
    mechanism: str | None = Field(None, min_length=1, max_length=50)
    title: str | None = Field(None, min_length=1, max_length=200)
    occurred_on: date | None = None
    lead_id: uuid.UUID | None = None
    our_participant_ids: list[uuid.UUID] | None = Field(None, max_length=100)
    customer_participant_ids: list[uuid.UUID] | None = Field(None, max_length=100)
    notes: str | None = Field(None, max_length=10000)
    outcomes: str | None = Field(None, max_length=10000)
    follow_ups: str | None = Field(None, max_length=10000)
    version: datetime | None = Field(None, description=VERSION_DESCRIPTION)


class ActivityListQuery(Schema):
    mechanism: str = Field("", max_length=50)
    date_from: date | None = None
    date_to: date | None = None


class ActionItemOut(Schema):
    id: uuid.UUID
    account: PersonOut
    meeting_id: uuid.UUID | None
    description: str
    owner_side: OwnerSide
    owner_user: PersonOut | None
    owner_contact: PersonOut | None
    due_on: date
    status: ActionStatus
    closed_on: date | None
    is_overdue: bool
    updated_at: datetime = Field(..., description="The action's version: send it to change it.")


class ActionItemIn(Schema):
    description: str = Field(..., min_length=1, max_length=500)
    owner_side: OwnerSide
    owner_user_id: uuid.UUID | None = None
    owner_contact_id: uuid.UUID | None = None
    due_on: date
    status: ActionStatus = ActionStatus.OPEN


class ActionItemPatch(PatchIn):
    description: str | None = Field(None, min_length=1, max_length=500)
    owner_side: OwnerSide | None = None
    owner_user_id: uuid.UUID | None = None
    owner_contact_id: uuid.UUID | None = None
    due_on: date | None = None
    status: ActionStatus | None = None
    version: datetime | None = Field(None, description=VERSION_DESCRIPTION)


class ActionItemListQuery(Schema):
    status: ActionStatus | None = None
    overdue: bool | None = None


class IssueIn(Schema):
    text: str = Field(..., min_length=1, max_length=500)
    domain: IssueDomain
    need_type: NeedType
    priority: Priority = Priority.MEDIUM


class NextMeetingIn(Schema):
    mechanism: str | None = Field(None, max_length=50)
    planned_on: date
    title: str = Field("", max_length=200)


class MeetingIn(PatchIn):
    listen: str = Field("", max_length=20000)
    issues: list[IssueIn] = Field(default_factory=list, max_length=100)
    discuss: str = Field("", max_length=20000)
    share: str = Field("", max_length=20000)
    actions: list[ActionItemIn] = Field(default_factory=list, max_length=100)
    execution_plan: str = Field("", max_length=20000)
    next_meeting: NextMeetingIn | None = None
    version: datetime | None = Field(
        None,
        description="The record's `updated_at` you read, 1970-01-01T00:00:00Z before its first "
        'save (or send its ETag, `"0"` before the first save, as If-Match).',
    )


class IssueOut(Schema):
    text: str
    domain: IssueDomain
    need_type: NeedType
    priority: Priority


class EntryOut(Schema):
    id: uuid.UUID
    planned_on: date
    title: str
    mechanism: str


class MeetingOut(Schema):
    id: uuid.UUID
    activity_id: uuid.UUID
    account: PersonOut
    listen: str
    issues: list[IssueOut]
    discuss: str
    share: str
    action_items: list[ActionItemOut]
    execution_plan: str
    next_entry: EntryOut | None
    created_at: datetime
    updated_at: datetime
