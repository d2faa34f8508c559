"""API of the engagement calendar area (same services, selectors and access rules as the pages)."""

import uuid
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from kam.accounts.access import account_get_for_user, object_get_for_user
from kam.accounts.choices import Currency
from kam.accounts.models import Account
from kam.api.pagination import PagePagination
from kam.api.patching import PatchIn, refuse_nulls
from kam.api.versioning import (
    IF_MATCH_OPENAPI,
    VERSION_DESCRIPTION,
    VERSION_ERRORS,
    expected_version,
    set_etag,
    stale_as_precondition_failed,
)
from kam.core.exceptions import ApplicationError
from kam.engagement.calendar import selectors, services
from kam.engagement.calendar.plan import calendar_plan_generate
from kam.engagement.choices import EntryStatus, KeyDateKind
from kam.engagement.models import CalendarEntry, CustomerKeyDate, Mechanism
from kam.people.models import Contact
from kam.users.http import AuthenticatedHttpRequest
from kam.users.models import User

router = Router(tags=["engagement"])

KEY_DATE_QUERYSET = CustomerKeyDate.objects.select_related("account")
MAX_WINDOW_DAYS = 400


class RefOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    name: str


class UserRefOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    name: str

    @staticmethod
    def resolve_name(user: User) -> str:
        return str(user)


class EntryOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    account: RefOut
    mechanism: str
    title: str
    planned_on: date
    is_month_only: bool
    start_time: time | None
    end_time: time | None
    location: str
    purpose: str
    our_participants: list[UserRefOut]
    customer_participants: list[RefOut]
    key_person: RefOut | None
    objective: str
    budget: Decimal | None
    currency: str
    status: EntryStatus
    is_generated: bool
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_mechanism(entry: CalendarEntry) -> str:
        return entry.mechanism.code

    @staticmethod
    def resolve_our_participants(entry: CalendarEntry) -> list:
        return list(entry.our_participants.all())

    @staticmethod
    def resolve_customer_participants(entry: CalendarEntry) -> list:
        return list(entry.customer_participants.all())


class EntryIn(Schema):
    mechanism: str = Field(..., min_length=1, max_length=50)
    title: str = Field(..., min_length=1, max_length=200)
    planned_on: date
    is_month_only: bool = False
    start_time: time | None = None
    end_time: time | None = None
    location: str = Field("", max_length=200)
    purpose: str = Field("", max_length=5000)
    our_participant_ids: list[uuid.UUID] = Field(default_factory=list, max_length=50)
    customer_participant_ids: list[uuid.UUID] = Field(default_factory=list, max_length=50)
    key_person_id: uuid.UUID | None = None
    objective: str = Field("", max_length=300)
    budget: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    currency: Currency = Currency.CNY
    status: EntryStatus = EntryStatus.PLANNED


class EntryPatch(PatchIn):
    mechanism: str | None = Field(None, min_length=1, max_length=50)
    title: str | None = Field(None, min_length=1, max_length=200)
    planned_on: date | None = None
    is_month_only: bool | None = None
    start_time: time | None = None
    end_time: time | None = None
    location: str | None = Field(None, max_length=200)
    purpose: str | None = Field(None, max_length=5000)
    our_participant_ids: list[uuid.UUID] | None = Field(None, max_length=50)
    customer_participant_ids: list[uuid.UUID] | None = Field(None, max_length=50)
    key_person_id: uuid.UUID | None = None
    objective: str | None = Field(None, max_length=300)
    budget: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    currency: Currency | None = None
    status: EntryStatus | None = None
    version: datetime | None = Field(None, description=VERSION_DESCRIPTION)


class EntryListQuery(Schema):
    start: date | None = Field(None, alias="from")
    end: date | None = Field(None, alias="to")
    mechanism: str = Field("", max_length=50)
    status: EntryStatus | None = None


class WindowQuery(Schema):
    start: date = Field(..., alias="from")
    end: date = Field(..., alias="to")


class PlanIn(Schema):
    year: int = Field(..., ge=2000, le=2100)


class PlanOut(Schema):
    created: int
    already_planned: int
    message: str
    entries: list[EntryOut]


class KeyDateOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    account: RefOut
    kind: KeyDateKind
    title: str
    starts_on: date
    ends_on: date | None
    notes: str


class KeyDateIn(Schema):
    kind: KeyDateKind
    title: str = Field(..., min_length=1, max_length=200)
    starts_on: date
    ends_on: date | None = None
    notes: str = Field("", max_length=5000)


class KeyDateListQuery(Schema):
    start: date | None = Field(None, alias="from")
    end: date | None = Field(None, alias="to")


def _mechanism(code: str) -> Mechanism:
    mechanism = Mechanism.objects.filter(code=code).first()
    if mechanism is None:
        raise ApplicationError(_("No mechanism with this code."), status=422)
    return mechanism


def _resolve(account: Account, data: dict[str, Any]) -> dict[str, Any]:
    """Turn codes and ids into records of the same account (unknown ones answer 422)."""
    resolved = dict(data)
    if "mechanism" in resolved:
        resolved["mechanism"] = _mechanism(resolved["mechanism"])
    if "our_participant_ids" in resolved:
        ids = set(resolved.pop("our_participant_ids") or [])
        users = list(User.objects.filter(uuid__in=ids))
        if len(users) != len(ids):
            raise ApplicationError(_("No colleague with one of these ids."), status=422)
        resolved["our_participants"] = users
    if "customer_participant_ids" in resolved:
        ids = set(resolved.pop("customer_participant_ids") or [])
        contacts = list(Contact.objects.filter(account=account, uuid__in=ids))
        if len(contacts) != len(ids):
            raise ApplicationError(
                _("No contact with one of these ids at this account."), status=422
            )
        resolved["customer_participants"] = contacts
    if "key_person_id" in resolved:
        key_person_id = resolved.pop("key_person_id")
        resolved["key_person"] = None
        if key_person_id is not None:
            resolved["key_person"] = account.contacts.filter(uuid=key_person_id).first()
            if resolved["key_person"] is None:
                raise ApplicationError(_("No contact with this id at this account."), status=422)
    return resolved


def _entry(
    request: AuthenticatedHttpRequest, entry_id: uuid.UUID, *, for_change: bool = False
) -> CalendarEntry:
    return object_get_for_user(
        request.user, selectors.entry_queryset(), entry_id, for_change=for_change
    )


@router.get(
    "/accounts/{account_id}/calendar-entries",
    response=list[EntryOut],
    url_name="api_calendar_entry_list",
)
@paginate(PagePagination)
def list_entries(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, filters: Query[EntryListQuery]
) -> object:
    account = account_get_for_user(request.user, account_id)
    return selectors.account_entries(
        account=account,
        start=filters.start,
        end=filters.end,
        mechanism_code=filters.mechanism,
        status=filters.status or "",
    )


@router.post("/accounts/{account_id}/calendar-entries", response={201: EntryOut})
def create_entry(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: EntryIn
) -> Status:
    account = account_get_for_user(request.user, account_id, for_change=True)
    data = _resolve(account, payload.dict())
    entry = services.calendar_entry_create(
        actor=request.user,
        account=account,
        entry=services.CalendarEntryInput(**data),
    )
    return Status(201, _entry(request, entry.uuid))


@router.get("/calendar-entries/{entry_id}", response=EntryOut)
def get_entry(
    request: AuthenticatedHttpRequest, response: HttpResponse, entry_id: uuid.UUID
) -> CalendarEntry:
    """The entry, with its version as the `ETag` header (send it back as If-Match)."""
    entry = _entry(request, entry_id)
    set_etag(response, entry.updated_at)
    return entry


@router.patch(
    "/calendar-entries/{entry_id}",
    response={200: EntryOut, **VERSION_ERRORS},
    openapi_extra=IF_MATCH_OPENAPI,
)
def update_entry(
    request: AuthenticatedHttpRequest,
    response: HttpResponse,
    entry_id: uuid.UUID,
    payload: EntryPatch,
) -> CalendarEntry:
    """Change the entry. Needs the version you read: If-Match (412 when someone saved since) or
    `version` (409 `stale_version`); 428 `version_required` without either."""
    entry = _entry(request, entry_id, for_change=True)
    data = payload.dict(exclude_unset=True)
    expected = expected_version(request, data.pop("version", None), entry.updated_at)
    data = _resolve(entry.account, refuse_nulls(data, CalendarEntry))
    with stale_as_precondition_failed(expected):
        services.calendar_entry_update(
            actor=request.user, entry=entry, data=data, expected_version=expected.value
        )
    updated = _entry(request, entry_id)
    set_etag(response, updated.updated_at)
    return updated


@router.delete("/calendar-entries/{entry_id}", response=EntryOut)
def cancel_entry(request: AuthenticatedHttpRequest, entry_id: uuid.UUID) -> CalendarEntry:
    """Cancel the entry (it stays in the calendar with status cancelled)."""
    entry = _entry(request, entry_id, for_change=True)
    services.calendar_entry_cancel(actor=request.user, entry=entry)
    return _entry(request, entry_id)


@router.post("/accounts/{account_id}/calendar-plan", response={201: PlanOut})
def generate_plan(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: PlanIn
) -> Status:
    account = account_get_for_user(request.user, account_id, for_change=True)
    plan = calendar_plan_generate(actor=request.user, account=account, year=payload.year)
    entries = selectors.entry_queryset().filter(pk__in=[entry.pk for entry in plan])
    return Status(
        201,
        {
            "created": len(plan),
            "already_planned": plan.already_planned,
            "message": plan.message,
            "entries": list(entries.order_by("planned_on", "pk")),
        },
    )


@router.get(
    "/accounts/{account_id}/key-dates", response=list[KeyDateOut], url_name="api_key_date_list"
)
@paginate(PagePagination)
def list_key_dates(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, filters: Query[KeyDateListQuery]
) -> object:
    account = account_get_for_user(request.user, account_id)
    return selectors.account_key_dates(account=account, start=filters.start, end=filters.end)


@router.post("/accounts/{account_id}/key-dates", response={201: KeyDateOut})
def create_key_date(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: KeyDateIn
) -> Status:
    account = account_get_for_user(request.user, account_id, for_change=True)
    key_date = services.key_date_create(
        actor=request.user, account=account, key_date=services.KeyDateInput(**payload.dict())
    )
    return Status(201, key_date)


@router.delete("/key-dates/{key_date_id}", response={204: None})
def delete_key_date(request: AuthenticatedHttpRequest, key_date_id: uuid.UUID) -> Status:
    key_date = object_get_for_user(request.user, KEY_DATE_QUERYSET, key_date_id, for_change=True)
    services.key_date_delete(actor=request.user, key_date=key_date)
    return Status(204, None)


@router.get("/me/calendar", response=list[EntryOut], url_name="api_my_calendar")
@paginate(PagePagination)
def my_calendar(request: AuthenticatedHttpRequest, window: Query[WindowQuery]) -> object:
    if window.end < window.start:
        raise ApplicationError(_("The end cannot be before the start."), status=422)
    if (window.end - window.start).days > MAX_WINDOW_DAYS:
        raise ApplicationError(
            _("Ask for at most {days} days at a time.").format(days=MAX_WINDOW_DAYS), status=422
        )
    return selectors.my_entries(user=request.user, start=window.start, end=window.end)
