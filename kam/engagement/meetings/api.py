"""API of the engagement meeting area (same services, selectors and access rules as the pages):
activities, meeting records (the six sections in one document) and action items."""

import uuid
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from kam.accounts.access import account_get_for_user, account_workers, object_get_for_user
from kam.accounts.models import Account
from kam.api.pagination import PagePagination
from kam.api.patching import refuse_nulls
from kam.api.versioning import (
    IF_MATCH_OPENAPI,
    VERSION_ERRORS,
    expected_version,
    set_etag,
    stale_as_precondition_failed,
)
from kam.core.exceptions import ApplicationError
from kam.core.services import NEVER_SAVED
from kam.engagement.meetings import services
from kam.engagement.meetings.actions import (
    ActionItemInput,
    action_item_create,
    action_item_update,
)
from kam.engagement.meetings.schemas import (
    ActionItemIn,
    ActionItemListQuery,
    ActionItemOut,
    ActionItemPatch,
    ActivityDetailOut,
    ActivityIn,
    ActivityListQuery,
    ActivityOut,
    ActivityPatch,
    MeetingIn,
    MeetingOut,
    NextMeetingIn,
)
from kam.engagement.meetings.selectors import (
    action_item_list,
    action_item_queryset,
    activity_evidence,
    activity_list,
    activity_queryset,
    is_overdue,
    meeting_queryset,
)
from kam.engagement.models import ActionItem, Activity, CalendarEntry, Mechanism, MeetingRecord
from kam.people.models import Contact
from kam.users.http import AuthenticatedHttpRequest
from kam.users.models import User

router = Router(tags=["activities & meetings"])

RowT = TypeVar("RowT", bound=Model)


# --- output ------------------------------------------------------------------------------------


def _person(instance: User | Contact | Account | None) -> dict[str, object] | None:
    if instance is None:
        return None
    name = instance.name if isinstance(instance, Contact | Account) else str(instance)
    return {"id": instance.uuid, "name": name}


def _activity_out(activity: Activity) -> dict[str, object]:
    meeting = getattr(activity, "meeting", None)
    return {
        "id": activity.uuid,
        "account": _person(activity.account),
        "calendar_entry_id": activity.calendar_entry.uuid if activity.calendar_entry else None,
        "mechanism": activity.mechanism.code,
        "mechanism_name": activity.mechanism.name,
        "title": activity.title,
        "occurred_on": activity.occurred_on,
        "lead": _person(activity.lead),
        "our_participants": [_person(user) for user in activity.our_participants.all()],
        "customer_participants": [
            _person(contact) for contact in activity.customer_participants.all()
        ],
        "notes": activity.notes,
        "outcomes": activity.outcomes,
        "follow_ups": activity.follow_ups,
        "is_level_matched": activity.is_level_matched,
        "meeting_id": meeting.uuid if meeting else None,
        "created_at": activity.created_at,
        "updated_at": activity.updated_at,
    }


def _activity_detail(activity: Activity) -> dict[str, object]:
    evidence = [
        {
            "id": link.evidence.uuid,
            "contact": _person(link.evidence.contact),
            "rung_code": link.evidence.rung_code,
            "kind": link.evidence.kind,
        }
        for link in activity_evidence(activity)
    ]
    return {**_activity_out(activity), "evidence": evidence}


def _action_out(item: ActionItem) -> dict[str, object]:
    return {
        "id": item.uuid,
        "account": _person(item.account),
        "meeting_id": item.meeting.uuid if item.meeting else None,
        "description": item.description,
        "owner_side": item.owner_side,
        "owner_user": _person(item.owner_user),
        "owner_contact": _person(item.owner_contact),
        "due_on": item.due_on,
        "status": item.status,
        "closed_on": item.closed_on,
        "is_overdue": is_overdue(item),
        "updated_at": item.updated_at,
    }


def _meeting_out(meeting: MeetingRecord) -> dict[str, object]:
    entry = meeting.next_entry
    return {
        "id": meeting.uuid,
        "activity_id": meeting.activity.uuid,
        "account": _person(meeting.account),
        "listen": meeting.listen,
        "issues": [
            {
                "text": issue.text,
                "domain": issue.domain,
                "need_type": issue.need_type,
                "priority": issue.priority,
            }
            for issue in meeting.issues.all()
        ],
        "discuss": meeting.discuss,
        "share": meeting.share,
        "action_items": [_action_out(item) for item in meeting.action_items.all()],
        "execution_plan": meeting.execution_plan,
        "next_entry": (
            {
                "id": entry.uuid,
                "planned_on": entry.planned_on,
                "title": entry.title,
                "mechanism": entry.mechanism.code,
            }
            if entry
            else None
        ),
        "created_at": meeting.created_at,
        "updated_at": meeting.updated_at,
    }


# --- resolving ids inside the account ------------------------------------------------------------


def _invalid(message: str) -> ApplicationError:
    return ApplicationError(message, code="invalid_reference", status=422)


def _mechanism(code: str) -> Mechanism:
    mechanism = Mechanism.objects.filter(code=code).first()
    if mechanism is None:
        raise _invalid(_("No mechanism with the code {code}.").format(code=code))
    return mechanism


def _users(account: Account, ids: Iterable[uuid.UUID]) -> list[User]:
    wanted = list(dict.fromkeys(ids))
    found = {user.uuid: user for user in account_workers(account).filter(uuid__in=wanted)}
    if len(found) != len(wanted):
        raise _invalid(_("Choose people on the account team."))
    return [found[item] for item in wanted]


def _contacts(account: Account, ids: Iterable[uuid.UUID]) -> list[Contact]:
    wanted = list(dict.fromkeys(ids))
    found = {contact.uuid: contact for contact in account.contacts.filter(uuid__in=wanted)}
    if len(found) != len(wanted):
        raise _invalid(_("No contact with this id at this account."))
    return [found[item] for item in wanted]


def _entry(account: Account, entry_id: uuid.UUID | None) -> CalendarEntry | None:
    if entry_id is None:
        return None
    entry = account.calendar_entries.filter(uuid=entry_id).first()
    if entry is None:
        raise _invalid(_("No planned entry with this id at this account."))
    return entry


def _activity_values(account: Account, data: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in ("title", "occurred_on", "notes", "outcomes", "follow_ups"):
        if name in data:
            if data[name] is None:
                raise _invalid(_("{field} cannot be empty.").format(field=name))
            values[name] = data[name]
    if "mechanism" in data:
        if data["mechanism"] is None:
            raise _invalid(_("{field} cannot be empty.").format(field="mechanism"))
        values["mechanism"] = _mechanism(data["mechanism"])
    if data.get("lead_id") is not None:
        values["lead"] = _users(account, [data["lead_id"]])[0]
    if data.get("our_participant_ids") is not None:
        values["our_participants"] = _users(account, data["our_participant_ids"])
    if data.get("customer_participant_ids") is not None:
        values["customer_participants"] = _contacts(account, data["customer_participant_ids"])
    return values


def _action_values(account: Account, data: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {
        key: data[key] for key in ("description", "owner_side", "due_on", "status") if key in data
    }
    for key in ("description", "owner_side", "due_on", "status"):
        if key in values and values[key] is None:
            raise _invalid(_("{field} cannot be empty.").format(field=key))
    if "owner_user_id" in data:
        user_id = data["owner_user_id"]
        values["owner_user"] = _users(account, [user_id])[0] if user_id else None
    if "owner_contact_id" in data:
        contact_id = data["owner_contact_id"]
        values["owner_contact"] = _contacts(account, [contact_id])[0] if contact_id else None
    return values


def _next_meeting(payload: NextMeetingIn | None) -> services.NextMeetingInput | None:
    if payload is None:
        return None
    return services.NextMeetingInput(
        planned_on=payload.planned_on,
        mechanism=_mechanism(payload.mechanism) if payload.mechanism else None,
        title=payload.title,
    )


def _meeting_record(account: Account, payload: MeetingIn) -> services.MeetingRecordInput:
    return services.MeetingRecordInput(
        listen=payload.listen,
        issues=[
            (issue.text, issue.domain, issue.need_type, issue.priority) for issue in payload.issues
        ],
        discuss=payload.discuss,
        share=payload.share,
        actions=[
            ActionItemInput(**_action_values(account, action.dict())) for action in payload.actions
        ],
        execution_plan=payload.execution_plan,
        next_meeting=_next_meeting(payload.next_meeting),
    )


class _LazyList(Generic[RowT]):
    """A queryset the paginator slices and counts, turned into output rows only for the page."""

    def __init__(
        self, queryset: QuerySet[RowT], convert: Callable[[RowT], dict[str, object]]
    ) -> None:
        self.queryset = queryset
        self.convert = convert

    def __getitem__(self, key: slice) -> list[dict[str, object]]:
        return [self.convert(row) for row in self.queryset[key]]

    def count(self) -> int:
        return self.queryset.count()


# --- activities --------------------------------------------------------------------------------


@router.get("/accounts/{account_id}/activities", response=list[ActivityOut])
@paginate(PagePagination)
def list_activities(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, filters: Query[ActivityListQuery]
) -> _LazyList[Activity]:
    account = account_get_for_user(request.user, account_id)
    mechanism = _mechanism(filters.mechanism) if filters.mechanism else None
    activities = activity_list(
        account=account, mechanism=mechanism, date_from=filters.date_from, date_to=filters.date_to
    )
    return _LazyList(activities, _activity_out)


@router.post("/accounts/{account_id}/activities", response={201: ActivityDetailOut})
def log_activity(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: ActivityIn
) -> Status:
    account = account_get_for_user(request.user, account_id, for_change=True)
    data = payload.dict()
    values = _activity_values(account, data)
    customers = values.get("customer_participants", [])
    by_id = {contact.uuid: contact for contact in customers}
    rung_evidence = {}
    for contact_id, codes in data["rung_evidence"].items():
        if contact_id not in by_id:
            raise _invalid(_("Rung evidence only for the customer participants."))
        rung_evidence[by_id[contact_id]] = codes
    activity = services.activity_log(
        actor=request.user,
        account=account,
        activity=services.ActivityInput(
            calendar_entry=_entry(account, data["calendar_entry_id"]),
            rung_evidence=rung_evidence,
            **values,
        ),
    )
    fresh = object_get_for_user(request.user, activity_queryset(), activity.uuid)
    return Status(201, _activity_detail(fresh))


@router.get("/activities/{activity_id}", response=ActivityDetailOut)
def get_activity(
    request: AuthenticatedHttpRequest, response: HttpResponse, activity_id: uuid.UUID
) -> dict[str, object]:
    """The activity, with its version as the `ETag` header (send it back as If-Match)."""
    activity = object_get_for_user(request.user, activity_queryset(), activity_id)
    set_etag(response, activity.updated_at)
    return _activity_detail(activity)


@router.patch(
    "/activities/{activity_id}",
    response={200: ActivityDetailOut, **VERSION_ERRORS},
    openapi_extra=IF_MATCH_OPENAPI,
)
def update_activity(
    request: AuthenticatedHttpRequest,
    response: HttpResponse,
    activity_id: uuid.UUID,
    payload: ActivityPatch,
) -> dict[str, object]:
    """Change what was logged. Needs the version you read: If-Match (412 when someone saved
    since) or `version` (409 `stale_version`); 428 `version_required` without either."""
    activity = object_get_for_user(request.user, activity_queryset(), activity_id, for_change=True)
    data = payload.dict(exclude_unset=True)
    expected = expected_version(request, data.pop("version", None), activity.updated_at)
    values = _activity_values(activity.account, refuse_nulls(data, Activity))
    with stale_as_precondition_failed(expected):
        services.activity_update(
            actor=request.user, activity=activity, data=values, expected_version=expected.value
        )
    updated = object_get_for_user(request.user, activity_queryset(), activity_id)
    set_etag(response, updated.updated_at)
    return _activity_detail(updated)


# --- meeting records ---------------------------------------------------------------------------


@router.put(
    "/activities/{activity_id}/meeting",
    response={200: MeetingOut, **VERSION_ERRORS},
    openapi_extra=IF_MATCH_OPENAPI,
)
def save_meeting(
    request: AuthenticatedHttpRequest,
    response: HttpResponse,
    activity_id: uuid.UUID,
    payload: MeetingIn,
) -> dict[str, object]:
    """Write the activity's meeting record. Needs the record's version you read — `"0"` (or
    1970-01-01T00:00:00Z as `version`) before its first save: If-Match (412 when someone saved
    since) or `version` (409 `stale_version`); 428 `version_required` without either."""
    activity = object_get_for_user(request.user, activity_queryset(), activity_id, for_change=True)
    saved = MeetingRecord.objects.filter(activity=activity).values_list("updated_at", flat=True)
    expected = expected_version(request, payload.version, saved.first() or NEVER_SAVED)
    record = _meeting_record(activity.account, payload)
    with stale_as_precondition_failed(expected):
        meeting = services.meeting_record_save(
            actor=request.user, activity=activity, record=record, expected_version=expected.value
        )
    set_etag(response, meeting.updated_at)
    return _meeting_out(object_get_for_user(request.user, meeting_queryset(), meeting.uuid))


@router.get("/meetings/{meeting_id}", response=MeetingOut)
def get_meeting(
    request: AuthenticatedHttpRequest, response: HttpResponse, meeting_id: uuid.UUID
) -> dict[str, object]:
    """The meeting record, with its version as the `ETag` header (send it back as If-Match)."""
    meeting = object_get_for_user(request.user, meeting_queryset(), meeting_id)
    set_etag(response, meeting.updated_at)
    return _meeting_out(meeting)


# --- action items ------------------------------------------------------------------------------


@router.get("/accounts/{account_id}/action-items", response=list[ActionItemOut])
@paginate(PagePagination)
def list_action_items(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, filters: Query[ActionItemListQuery]
) -> _LazyList[ActionItem]:
    account = account_get_for_user(request.user, account_id)
    items = action_item_list(
        account=account, status=filters.status or "", is_overdue=filters.overdue
    )
    return _LazyList(items, _action_out)


@router.post("/accounts/{account_id}/action-items", response={201: ActionItemOut})
def create_action_item(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: ActionItemIn
) -> Status:
    account = account_get_for_user(request.user, account_id, for_change=True)
    values = _action_values(account, payload.dict())
    item = action_item_create(
        actor=request.user,
        account=account,
        action=ActionItemInput(**values),
    )
    return Status(201, _action_out(action_item_queryset().get(pk=item.pk)))


@router.patch(
    "/action-items/{action_item_id}",
    response={200: ActionItemOut, **VERSION_ERRORS},
    openapi_extra=IF_MATCH_OPENAPI,
)
def update_action_item(
    request: AuthenticatedHttpRequest,
    response: HttpResponse,
    action_item_id: uuid.UUID,
    payload: ActionItemPatch,
) -> dict[str, object]:
    """Edit an action or change its status. Needs the version you read (its `updated_at`):
    If-Match (412) or `version` (409 `stale_version`); 428 `version_required` without either."""
    item = object_get_for_user(
        request.user, action_item_queryset(), action_item_id, for_change=True
    )
    data = payload.dict(exclude_unset=True)
    expected = expected_version(request, data.pop("version", None), item.updated_at)
    values = _action_values(item.account, refuse_nulls(data, ActionItem))
    with stale_as_precondition_failed(expected):
        action_item_update(
            actor=request.user, action_item=item, data=values, expected_version=expected.value
        )
    updated = action_item_queryset().get(pk=item.pk)
    set_etag(response, updated.updated_at)
    return _action_out(updated)


@router.get("/me/action-items", response=list[ActionItemOut])
@paginate(PagePagination)
def my_action_items(
    request: AuthenticatedHttpRequest, filters: Query[ActionItemListQuery]
) -> _LazyList[ActionItem]:
    items = action_item_list(
        user=request.user,
        owner=request.user,
        status=filters.status or "",
        is_overdue=filters.overdue,
    )
    return _LazyList(items, _action_out)
