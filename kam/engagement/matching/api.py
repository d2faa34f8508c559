"""API of strategic matching items (same services, selectors and access rules as the pages)."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
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
from kam.engagement.choices import HelpType, IssueDomain, MatchingStage, ValueType
from kam.engagement.matching.selectors import matching_items, matching_queryset
from kam.engagement.matching.services import (
    MatchingAdvanceInput,
    MatchingItemInput,
    matching_item_create,
    matching_item_edit,
)
from kam.engagement.models import MatchingItem
from kam.users.http import AuthenticatedHttpRequest

router = Router(tags=["engagement"])


class RefOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    name: str


class MatchingOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    account: RefOut
    domain: IssueDomain
    problem: str
    customer_owner: RefOut | None
    key_help: str
    help_type: str
    value_type: str
    value_amount: Decimal | None
    currency: str
    evidence: str
    is_signed_off: bool
    stage: MatchingStage
    stage_changed_on: date | None
    created_at: datetime
    updated_at: datetime


class MatchingIn(Schema):
    domain: IssueDomain
    problem: str = Field(..., min_length=1, max_length=5000)
    customer_owner_id: uuid.UUID | None = None
    key_help: str = Field("", max_length=5000)
    help_type: HelpType | None = None
    value_type: ValueType | None = None
    value_amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    currency: Currency = Currency.CNY
    evidence: str = Field("", max_length=5000)


class MatchingPatch(PatchIn):
    domain: IssueDomain | None = None
    problem: str | None = Field(None, min_length=1, max_length=5000)
    customer_owner_id: uuid.UUID | None = None
    key_help: str | None = Field(None, max_length=5000)
    help_type: HelpType | None = None
    value_type: ValueType | None = None
    value_amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    currency: Currency | None = None
    evidence: str | None = Field(None, max_length=5000)
    stage: MatchingStage | None = None
    is_signed_off: bool | None = None
    version: datetime | None = Field(None, description=VERSION_DESCRIPTION)


def _resolve(account: Account, data: dict[str, Any]) -> dict[str, Any]:
    """Turn ids into the account's records and nulls into the model's blanks."""
    resolved = dict(data)
    if "customer_owner_id" in resolved:
        owner_id = resolved.pop("customer_owner_id")
        owner = None
        if owner_id is not None:
            owner = account.contacts.filter(uuid=owner_id).first()
            if owner is None:
                raise ApplicationError(_("No contact with this id at this account."), status=422)
        resolved["customer_owner"] = owner
    for name in ("help_type", "value_type"):
        if name in resolved and resolved[name] is None:
            resolved[name] = ""
    return resolved


@router.get(
    "/accounts/{account_id}/matching-items",
    response=list[MatchingOut],
    url_name="api_matching_list",
)
@paginate(PagePagination)
def list_matching_items(request: AuthenticatedHttpRequest, account_id: uuid.UUID) -> object:
    account = account_get_for_user(request.user, account_id)
    return matching_items(account=account)


@router.post("/accounts/{account_id}/matching-items", response={201: MatchingOut})
def create_matching_item(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: MatchingIn
) -> Status:
    account = account_get_for_user(request.user, account_id, for_change=True)
    item = matching_item_create(
        actor=request.user,
        account=account,
        item=MatchingItemInput(**_resolve(account, payload.dict())),
    )
    return Status(
        201, object_get_for_user(request.user, matching_queryset(request.user), item.uuid)
    )


@router.get("/matching-items/{matching_id}", response=MatchingOut)
def get_matching_item(
    request: AuthenticatedHttpRequest, response: HttpResponse, matching_id: uuid.UUID
) -> MatchingItem:
    """The item, with its version as the `ETag` header (send it back as If-Match)."""
    item = object_get_for_user(request.user, matching_queryset(request.user), matching_id)
    set_etag(response, item.updated_at)
    return item


@router.patch(
    "/matching-items/{matching_id}",
    response={200: MatchingOut, **VERSION_ERRORS},
    openapi_extra=IF_MATCH_OPENAPI,
)
def update_matching_item(
    request: AuthenticatedHttpRequest,
    response: HttpResponse,
    matching_id: uuid.UUID,
    payload: MatchingPatch,
) -> MatchingItem:
    """Edit the item; a `stage` moves it along the funnel (with `evidence` and `is_signed_off`).
    Needs the version you read: If-Match (412 when someone saved since) or `version` (409
    `stale_version`); 428 `version_required` without either."""
    queryset = matching_queryset(request.user)
    item = object_get_for_user(request.user, queryset, matching_id, for_change=True)
    data = payload.dict(exclude_unset=True)
    expected = expected_version(request, data.pop("version", None), item.updated_at)
    data = _resolve(item.account, refuse_nulls(data, MatchingItem))
    stage = data.pop("stage", None)
    is_signed_off = data.pop("is_signed_off", None)
    if stage is None and is_signed_off is not None:
        raise ApplicationError(_("Sign-off is recorded with a stage change."), status=422)
    move = None
    if stage is not None:
        move = MatchingAdvanceInput(
            stage=stage,
            evidence=data.pop("evidence", None),
            is_signed_off=is_signed_off,
            value_amount=data.pop("value_amount", None),
        )
    with stale_as_precondition_failed(expected):
        matching_item_edit(
            actor=request.user, item=item, data=data, move=move, expected_version=expected.value
        )
    updated = object_get_for_user(request.user, queryset, matching_id)
    set_etag(response, updated.updated_at)
    return updated


# --- engagement figures ------------------------------------------------------------------------
