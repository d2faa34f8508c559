"""API of the needs register (same services, selectors and access rules as the pages)."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from kam.accounts.access import account_get_for_user, object_get_for_user
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
from kam.core.exceptions import ApplicationError
from kam.engagement.choices import IssueDomain, MatchingStage
from kam.needs import services
from kam.needs.choices import (
    IcebergLayer,
    Kano,
    NeedLevel,
    NeedSource,
    NeedStatus,
    NeedVisibility,
)
from kam.needs.models import Need
from kam.needs.selectors import NeedFilters, account_needs, need_figures, needs_queryset
from kam.users.http import AuthenticatedHttpRequest

router = Router(tags=["needs"])


READ_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS: dict[int, type[Schema]] = {
    **READ_ERRORS,
    400: ErrorOut,
    403: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


class NeedRefOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    name: str


class NeedMatchingRefOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    problem: str
    stage: MatchingStage


class NeedMeetingRefOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")


class NeedOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    account: NeedRefOut
    contact: NeedRefOut | None
    title: str
    description: str
    domain: IssueDomain
    level: NeedLevel
    visibility: NeedVisibility
    iceberg_layer: IcebergLayer
    source: NeedSource
    importance: int
    our_fit: int
    urgency: int
    priority: Decimal
    kano: str
    status: NeedStatus
    matching_item: NeedMatchingRefOut | None
    source_meeting: NeedMeetingRefOut | None
    created_at: datetime
    updated_at: datetime


class NeedIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    description: str = Field("", max_length=5000)
    domain: IssueDomain = IssueDomain.OTHER
    contact_id: uuid.UUID | None = None
    level: NeedLevel = NeedLevel.ORGANISATIONAL
    visibility: NeedVisibility = NeedVisibility.EXPLICIT
    iceberg_layer: IcebergLayer
    source: NeedSource = NeedSource.STATED
    importance: int = Field(3, ge=1, le=5)
    our_fit: int = Field(3, ge=1, le=5)
    urgency: int = Field(3, ge=1, le=5)
    kano: Kano | None = None
    source_meeting_id: uuid.UUID | None = None


class NeedPatch(PatchIn):
    title: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=5000)
    domain: IssueDomain | None = None
    contact_id: uuid.UUID | None = None
    level: NeedLevel | None = None
    visibility: NeedVisibility | None = None
    iceberg_layer: IcebergLayer | None = None
    source: NeedSource | None = None
    importance: int | None = Field(None, ge=1, le=5)
    our_fit: int | None = Field(None, ge=1, le=5)
    urgency: int | None = Field(None, ge=1, le=5)
    kano: Kano | None = None
    version: datetime | None = Field(None, description=VERSION_DESCRIPTION)


class NeedAddressIn(Schema):
    domain: IssueDomain | None = None


class NeedAddressOut(Schema):
    need: NeedOut
    matching_item: NeedMatchingRefOut


class NeedLayerOut(Schema):
    code: IcebergLayer
    total: int
    open: int


class NeedFiguresOut(Schema):
    total: int
    implicit: int
    validated_implicit: int
    addressed: int
    implicit_discovery_ratio: Decimal | None
    validation_rate: Decimal | None
    layers: list[NeedLayerOut]


class NeedListFilters(Schema):
    layer: IcebergLayer | None = None
    visibility: NeedVisibility | None = None
    status: NeedStatus | None = None
    contact_id: uuid.UUID | None = None


def _resolve(account: Account, data: dict[str, Any]) -> dict[str, Any]:
    """Turn ids into the account's records and nulls into the model's blanks."""
    resolved = dict(data)
    if "contact_id" in resolved:
        contact_id = resolved.pop("contact_id")
        contact = None
        if contact_id is not None:
            contact = account.contacts.filter(uuid=contact_id).first()
            if contact is None:
                raise ApplicationError(_("No contact with this id at this account."), status=422)
        resolved["contact"] = contact
    if "source_meeting_id" in resolved:
        meeting_id = resolved.pop("source_meeting_id")
        meeting = None
        if meeting_id is not None:
            meeting = account.meetings.filter(uuid=meeting_id).first()
            if meeting is None:
                raise ApplicationError(_("No meeting with this id at this account."), status=422)
        resolved["source_meeting"] = meeting
    if "kano" in resolved and resolved["kano"] is None:
        resolved["kano"] = ""
    return resolved


def _need(request: AuthenticatedHttpRequest, need_id: uuid.UUID) -> Need:
    return object_get_for_user(request.user, needs_queryset(request.user), need_id)


@router.get(
    "/accounts/{account_id}/needs",
    response={200: list[NeedOut], **READ_ERRORS},
    url_name="api_need_list",
)
@paginate(PagePagination)
def list_needs(
    request: AuthenticatedHttpRequest,
    account_id: uuid.UUID,
    filters: Query[NeedListFilters],
) -> object:
    """The account's needs, highest priority first; filter by layer, visibility, status, contact."""
    account = account_get_for_user(request.user, account_id)
    return account_needs(
        account=account,
        filters=NeedFilters(
            layer=filters.layer or "",
            visibility=filters.visibility or "",
            status=filters.status or "",
            contact_uuid=str(filters.contact_id) if filters.contact_id else "",
        ),
    ).select_related("account")


@router.post(
    "/accounts/{account_id}/needs",
    response={201: NeedOut, **WRITE_ERRORS},
    url_name="api_need_create",
)
def create_need(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: NeedIn
) -> Status:
    """Record a need (status open). A personal need needs a contact."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    data = _resolve(account, payload.dict())
    need = services.need_create(
        actor=request.user, account=account, need=services.NeedInput(**data)
    )
    return Status(201, _need(request, need.uuid))


@router.get(
    "/accounts/{account_id}/needs/figures",
    response={200: NeedFiguresOut, **READ_ERRORS},
    url_name="api_need_figures",
)
def get_need_figures(request: AuthenticatedHttpRequest, account_id: uuid.UUID) -> dict:
    """The iceberg counts (dropped needs left out) and the discovery and validation ratios."""
    account = account_get_for_user(request.user, account_id)
    figures = need_figures(account=account)
    return {
        "total": figures.total,
        "implicit": figures.implicit,
        "validated_implicit": figures.validated_implicit,
        "addressed": figures.addressed,
        "implicit_discovery_ratio": figures.discovery_ratio,
        "validation_rate": figures.validation_rate,
        "layers": [
            {"code": layer.code, "total": layer.total, "open": layer.open}
            for layer in figures.layers
        ],
    }


@router.get("/needs/{need_id}", response={200: NeedOut, **READ_ERRORS}, url_name="api_need_detail")
def get_need(request: AuthenticatedHttpRequest, response: HttpResponse, need_id: uuid.UUID) -> Need:
    """The need, with its version as the `ETag` header (send it back as If-Match)."""
    need = _need(request, need_id)
    set_etag(response, need.updated_at)
    return need


@router.patch(
    "/needs/{need_id}",
    response={200: NeedOut, **WRITE_ERRORS, **VERSION_ERRORS},
    url_name="api_need_update",
    openapi_extra=IF_MATCH_OPENAPI,
)
def update_need(
    request: AuthenticatedHttpRequest,
    response: HttpResponse,
    need_id: uuid.UUID,
    payload: NeedPatch,
) -> Need:
    """Edit the need; its status moves with /address, /drop and /reopen. Needs the version you
    read: If-Match (412 when someone saved since) or `version` (409 `stale_version`); 428
    `version_required` without either."""
    queryset = needs_queryset(request.user)
    need = object_get_for_user(request.user, queryset, need_id, for_change=True)
    data = payload.dict(exclude_unset=True)
    expected = expected_version(request, data.pop("version", None), need.updated_at)
    data = _resolve(need.account, refuse_nulls(data, Need))
    with stale_as_precondition_failed(expected):
        services.need_update(
            actor=request.user, need=need, data=data, expected_version=expected.value
        )
    updated = _need(request, need_id)
    set_etag(response, updated.updated_at)
    return updated


@router.post(
    "/needs/{need_id}/address",
    response={201: NeedAddressOut, **WRITE_ERRORS},
    url_name="api_need_address",
)
def address_need(
    request: AuthenticatedHttpRequest, need_id: uuid.UUID, payload: NeedAddressIn
) -> Status:
    """为此需求制定匹配方案: create a matching item from the open need, link it, and mark the need
    addressed (409 when the need is not open)."""
    queryset = needs_queryset(request.user)
    need = object_get_for_user(request.user, queryset, need_id, for_change=True)
    item = services.need_address(actor=request.user, need=need, domain=payload.domain)
    return Status(201, {"need": _need(request, need_id), "matching_item": item})


@router.post(
    "/needs/{need_id}/drop", response={200: NeedOut, **WRITE_ERRORS}, url_name="api_need_drop"
)
def drop_need(request: AuthenticatedHttpRequest, need_id: uuid.UUID) -> Need:
    queryset = needs_queryset(request.user)
    need = object_get_for_user(request.user, queryset, need_id, for_change=True)
    services.need_drop(actor=request.user, need=need)
    return _need(request, need_id)
