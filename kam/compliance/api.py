"""API of the compliance app (same services, selectors and access rules as its pages)."""

import uuid
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kam.accounts.access import (
    account_get_for_user,
    can_administer_portfolio,
    object_get_for_user,
    require,
)
from kam.accounts.choices import Currency, Region
from kam.api.errors import error_body
from kam.api.pagination import PagePagination
from kam.api.schemas import ErrorOut, RefOut
from kam.compliance import services
from kam.compliance.choices import CounterpartType, GiftDirection, GiftStatus, GiftType
from kam.compliance.forms import giver_choices
from kam.compliance.models import GiftEntry
from kam.compliance.selectors import enforced_rules, gift_entries
from kam.core.exceptions import ApplicationError
from kam.people.models import Contact
from kam.users.http import AuthenticatedHttpRequest

router = Router(tags=["compliance"])

CONTACT_QUERYSET = Contact.objects.select_related("account", "account__owner")
GIFT_QUERYSET = GiftEntry.objects.select_related("account", "contact", "giver", "decided_by")


class GiftUserOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    display_name: str


class FindingOut(Schema):
    rule_code: str
    outcome: str
    message: str
    field: str = ""


class GiftOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    account: RefOut
    contact: RefOut
    occurred_on: date
    gift_type: GiftType
    direction: GiftDirection
    description: str
    value: Decimal
    currency: str
    purpose: str
    giver: GiftUserOut
    counterpart_type: CounterpartType
    region: Region
    status: GiftStatus
    decided_by: GiftUserOut | None = None
    decided_at: datetime | None = None
    decision_note: str
    rule_codes: list[str]
    findings: list[FindingOut]
    created_at: datetime


class GiftIn(Schema):
    occurred_on: date
    gift_type: GiftType
    direction: GiftDirection = GiftDirection.GIVEN
    description: str = Field(..., min_length=1, max_length=300)
    value: Decimal = Field(..., gt=0, max_digits=12, decimal_places=2)
    currency: Currency = Currency.CNY
    purpose: str = Field(..., min_length=1, max_length=5000)
    giver_id: uuid.UUID | None = None
    counterpart_type: CounterpartType | None = None


class DecisionIn(Schema):
    approve: bool
    note: str = Field("", max_length=2000)


class RuleOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    code: str
    version: int
    name: str
    name_zh: str
    name_en: str
    region: str
    counterpart_type: str
    gift_type: str
    is_forbidden: bool
    per_item_limit: Decimal | None
    annual_limit: Decimal | None
    approval_threshold: Decimal | None
    currency: str
    rule_text: str


@router.get("/contacts/{contact_id}/gifts", response=list[GiftOut], url_name="api_contact_gifts")
@paginate(PagePagination)
def list_contact_gifts(request: AuthenticatedHttpRequest, contact_id: uuid.UUID) -> object:
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_id)
    return gift_entries(user=request.user, contact=contact)


@router.post(
    "/contacts/{contact_id}/gifts",
    response={201: GiftOut, 422: ErrorOut},
    url_name="api_contact_gift_create",
)
def create_contact_gift(
    request: AuthenticatedHttpRequest, contact_id: uuid.UUID, payload: GiftIn
) -> Status:
    """Record a gift; a refusing rule answers 422 with code "gift_refused" naming the rule."""
    contact = object_get_for_user(request.user, CONTACT_QUERYSET, contact_id, for_change=True)
    data = payload.dict()
    giver_id = data.pop("giver_id")
    giver = None
    if giver_id is not None:
        giver = giver_choices(account=contact.account).filter(uuid=giver_id).first()
        if giver is None:
            raise ApplicationError(_("The giver must be on the account team."), status=422)
    data["counterpart_type"] = data["counterpart_type"] or ""
    try:
        entry = services.gift_entry_create(
            actor=request.user, contact=contact, data=services.GiftInput(giver=giver, **data)
        )
    except services.GiftRefused as refused:
        messages = [item for values in refused.message_dict.values() for item in values]
        body = error_body("gift_refused", " ".join(messages), refused.message_dict)
        return Status(422, body)
    return Status(201, GIFT_QUERYSET.get(pk=entry.pk))


@router.get("/accounts/{account_id}/gifts", response=list[GiftOut], url_name="api_account_gifts")
@paginate(PagePagination)
def list_account_gifts(request: AuthenticatedHttpRequest, account_id: uuid.UUID) -> object:
    account = account_get_for_user(request.user, account_id)
    return gift_entries(user=request.user, account=account)


@router.post("/gifts/{gift_id}/decision", response=GiftOut, url_name="api_gift_decision")
def decide_gift(
    request: AuthenticatedHttpRequest, gift_id: uuid.UUID, payload: DecisionIn
) -> GiftEntry:
    entry = object_get_for_user(request.user, GIFT_QUERYSET, gift_id)
    require(can_administer_portfolio(request.user))
    services.gift_entry_decide(
        actor=request.user, entry=entry, approve=payload.approve, note=payload.note
    )
    return GIFT_QUERYSET.get(pk=entry.pk)


@router.get("/compliance/rules", response=list[RuleOut], url_name="api_compliance_rules")
@paginate(PagePagination)
def list_rules(request: AuthenticatedHttpRequest) -> object:
    return enforced_rules()
