"""API of strategic matching items (same services, selectors and access rules as the pages)."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kam.accounts.access import account_get_for_user, object_get_for_user
from kam.accounts.choices import Currency
from kam.accounts.models import Account
from kam.api.pagination import PagePagination
from kam.core.exceptions import ApplicationError
from kam.engagement.choices import HelpType, IssueDomain, MatchingStage, ValueType
from kam.engagement.matching.selectors import matching_items, matching_queryset
from kam.engagement.matching.services import (
    MatchingAdvanceInput,
    MatchingItemInput,
    matching_item_advance,
    matching_item_create,
    matching_item_update,
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


class MatchingPatch(Schema):
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


NOT_NULL = ("domain", "problem", "key_help", "currency", "evidence")


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
    for name in NOT_NULL:
        if name in resolved and resolved[name] is None:
            raise ApplicationError(_("{field} cannot be empty.").format(field=name), status=422)
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
def get_matching_item(request: AuthenticatedHttpRequest, matching_id: uuid.UUID) -> MatchingItem:
    return object_get_for_user(request.user, matching_queryset(request.user), matching_id)


@router.patch("/matching-items/{matching_id}", response=MatchingOut)
def update_matching_item(
    request: AuthenticatedHttpRequest, matching_id: uuid.UUID, payload: MatchingPatch
) -> MatchingItem:
    """Edit the item; a `stage` moves it along the funnel (with `evidence` and `is_signed_off`)."""
    queryset = matching_queryset(request.user)
    item = object_get_for_user(request.user, queryset, matching_id, for_change=True)
    data = payload.dict(exclude_unset=True)
    stage = data.pop("stage", None)
    is_signed_off = data.pop("is_signed_off", None)
    data = _resolve(item.account, data)
    if stage is None and is_signed_off is not None:
        raise ApplicationError(_("Sign-off is recorded with a stage change."), status=422)
    if stage is not None:
        evidence = data.pop("evidence", None)
        amount = data.pop("value_amount", None)
        if data:
            item = matching_item_update(actor=request.user, item=item, data=data)
        move = MatchingAdvanceInput(
            stage=stage, evidence=evidence, is_signed_off=is_signed_off, value_amount=amount
        )
        matching_item_advance(actor=request.user, item=item, move=move)
    else:
        matching_item_update(actor=request.user, item=item, data=data)
    return object_get_for_user(request.user, queryset, matching_id)


# --- engagement figures ------------------------------------------------------------------------
