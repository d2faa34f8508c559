"""API of the engagement platform plan (same services, selectors and access rules as the pages)."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from kam.accounts.access import account_get_for_user, account_workers
from kam.accounts.choices import Currency
from kam.accounts.models import Account
from kam.api.pagination import PagePagination
from kam.api.patching import PatchIn, refuse_nulls
from kam.api.schemas import ErrorOut
from kam.api.versioning import (
    IF_MATCH_OPENAPI,
    VERSION_DESCRIPTION,
    VERSION_ERRORS,
    expected_version,
    set_etag,
    stale_as_precondition_failed,
)
from kam.broad.choices import BroadKpi
from kam.core.exceptions import ApplicationError
from kam.people.choices import Function
from kam.platforms import services
from kam.platforms.choices import Frequency, PlatformType
from kam.platforms.models import PlatformItem
from kam.platforms.rules import MAX_TIMES_PER_YEAR
from kam.platforms.selectors import platform_events, platform_item_get, platform_items
from kam.users.choices import Seniority
from kam.users.http import AuthenticatedHttpRequest

router = Router(tags=["platforms"])


READ_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS: dict[int, type[Schema]] = {
    **READ_ERRORS,
    400: ErrorOut,
    403: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


class PlatformOwnerOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    username: str
    display_name: str


class PlatformItemOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    year: int
    platform_type: PlatformType
    title: str
    audience_function: str
    audience_level: str
    frequency: Frequency
    times_per_year: int | None
    events_per_year: int
    owner: PlatformOwnerOut | None
    budget: Decimal | None
    currency: Currency
    kpi: BroadKpi
    kpi_contribution: str
    notes: str
    created_at: datetime
    updated_at: datetime


class PlatformItemListOut(PlatformItemOut):
    entries_planned: int
    entries_held: int


class PlatformItemIn(Schema):
    year: int = Field(..., ge=2000, le=2100)
    platform_type: PlatformType
    title: str = Field(..., min_length=1, max_length=200)
    audience_function: Function | None = None
    audience_level: Seniority | None = None
    frequency: Frequency = Frequency.QUARTERLY
    times_per_year: int | None = Field(None, ge=1, le=MAX_TIMES_PER_YEAR)
    owner_id: uuid.UUID | None = None
    budget: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    currency: Currency = Currency.CNY
    kpi: BroadKpi = BroadKpi.PLATFORM_EVENTS
    kpi_contribution: str = Field("", max_length=5000)
    notes: str = Field("", max_length=5000)


class PlatformItemPatch(PatchIn):
    year: int | None = Field(None, ge=2000, le=2100)
    platform_type: PlatformType | None = None
    title: str | None = Field(None, min_length=1, max_length=200)
    audience_function: Function | None = None
    audience_level: Seniority | None = None
    frequency: Frequency | None = None
    times_per_year: int | None = Field(None, ge=1, le=MAX_TIMES_PER_YEAR)
    owner_id: uuid.UUID | None = None
    budget: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    currency: Currency | None = None
    kpi: BroadKpi | None = None
    kpi_contribution: str | None = Field(None, max_length=5000)
    notes: str | None = Field(None, max_length=5000)
    version: datetime | None = Field(None, description=VERSION_DESCRIPTION)


class PlatformCalendarOut(Schema):
    created: int
    total: int


class PlatformEventsOut(Schema):
    """platform_events: held (done) / planned (not cancelled) calendar entries of the year."""

    year: int
    held: int
    planned: int
    rate: Decimal | None


class PlatformListFilters(Schema):
    year: int | None = Field(None, ge=2000, le=2100)


BLANK_WHEN_NULL = ("audience_function", "audience_level")


def _resolve(account: Account, data: dict[str, Any]) -> dict[str, Any]:
    """Turn the owner's id into the account's team member and a null audience into none."""
    resolved = dict(data)
    if "owner_id" in resolved:
        owner_id = resolved.pop("owner_id")
        owner = None
        if owner_id is not None:
            owner = account_workers(account).filter(uuid=owner_id).first()
            if owner is None:
                raise ApplicationError(_("No one with this id on the account team."), status=422)
        resolved["owner"] = owner
    for name in BLANK_WHEN_NULL:
        if name in resolved and resolved[name] is None:
            resolved[name] = ""
    return resolved


def _item(account: Account, platform_id: uuid.UUID) -> PlatformItem:
    item = platform_item_get(account=account, platform_uuid=platform_id)
    if item is None:
        raise Http404(_("Not found."))
    return item


@router.get(
    "/accounts/{account_id}/platforms",
    response={200: list[PlatformItemListOut], **READ_ERRORS},
    url_name="api_platform_list",
)
@paginate(PagePagination)
def list_platforms(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, filters: Query[PlatformListFilters]
) -> object:
    """The account's platform items of a year (default: this year) with their calendar counts."""
    account = account_get_for_user(request.user, account_id)
    return platform_items(account=account, year=filters.year or timezone.localdate().year)


@router.post(
    "/accounts/{account_id}/platforms",
    response={201: PlatformItemOut, **WRITE_ERRORS},
    url_name="api_platform_create",
)
def create_platform(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: PlatformItemIn
) -> Status:
    """Plan a platform. The owner must be on the account team; frequency "times" needs
    times_per_year (422 otherwise)."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    data = _resolve(account, payload.dict())
    item = services.platform_item_create(
        actor=request.user, account=account, item=services.PlatformItemInput(**data)
    )
    return Status(201, item)


@router.get(
    "/accounts/{account_id}/platforms/figure",
    response={200: PlatformEventsOut, **READ_ERRORS},
    url_name="api_platform_events",
)
def get_platform_events(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, filters: Query[PlatformListFilters]
) -> object:
    """platform_events of the year (default: this year): held / planned calendar entries."""
    account = account_get_for_user(request.user, account_id)
    return platform_events(account, filters.year or timezone.localdate().year)


@router.patch(
    "/accounts/{account_id}/platforms/{platform_id}",
    response={200: PlatformItemOut, **WRITE_ERRORS, **VERSION_ERRORS},
    url_name="api_platform_update",
    openapi_extra=IF_MATCH_OPENAPI,
)
def update_platform(
    request: AuthenticatedHttpRequest,
    response: HttpResponse,
    account_id: uuid.UUID,
    platform_id: uuid.UUID,
    payload: PlatformItemPatch,
) -> PlatformItem:
    """Change the item; entries already on the calendar stay as they are. Needs the version you
    read (its `updated_at`): If-Match (412 when someone saved since) or `version` (409
    `stale_version`); 428 `version_required` without either."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    item = _item(account, platform_id)
    data = payload.dict(exclude_unset=True)
    expected = expected_version(request, data.pop("version", None), item.updated_at)
    data = _resolve(account, refuse_nulls(data, PlatformItem))
    with stale_as_precondition_failed(expected):
        updated = services.platform_item_update(
            actor=request.user, item=item, data=data, expected_version=expected.value
        )
    set_etag(response, updated.updated_at)
    return updated


@router.delete(
    "/accounts/{account_id}/platforms/{platform_id}",
    response={204: None, **WRITE_ERRORS},
    url_name="api_platform_delete",
)
def delete_platform(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, platform_id: uuid.UUID
) -> Status:
    """Delete the item; its calendar entries stay on the calendar."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    services.platform_item_delete(actor=request.user, item=_item(account, platform_id))
    return Status(204, None)


@router.post(
    "/accounts/{account_id}/platforms/{platform_id}/calendar",
    response={200: PlatformCalendarOut, **WRITE_ERRORS},
    url_name="api_platform_add_to_calendar",
)
def add_platform_to_calendar(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, platform_id: uuid.UUID
) -> object:
    """加入日历: the item's events of its year as month-only calendar entries, spread evenly.
    Idempotent: `created` is 0 when every event is already on the calendar. 409 when no
    communication mechanism is in use."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    return services.platform_item_add_to_calendar(
        actor=request.user, item=_item(account, platform_id)
    )
