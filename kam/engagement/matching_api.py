"""API of the engagement matching area (same services, selectors and access rules as the pages):
strategic matching items and the engagement figures."""

import uuid
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from kam.accounts.access import account_get_for_user, object_get_for_user
from kam.accounts.choices import Currency
from kam.accounts.models import Account
from kam.api.pagination import PagePagination
from kam.core.exceptions import ApplicationError
from kam.engagement import figures
from kam.engagement.choices import HelpType, IssueDomain, MatchingStage, ValueType
from kam.engagement.matching_selectors import matching_items, matching_queryset
from kam.engagement.matching_services import (
    matching_item_advance,
    matching_item_create,
    matching_item_update,
)
from kam.engagement.models import MatchingItem

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


def _resolve(account: Account, data: dict[str, object]) -> dict[str, object]:
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
def list_matching_items(request: HttpRequest, account_id: uuid.UUID) -> object:
    account = account_get_for_user(request.user, account_id)
    return matching_items(account=account)


@router.post("/accounts/{account_id}/matching-items", response={201: MatchingOut})
def create_matching_item(
    request: HttpRequest, account_id: uuid.UUID, payload: MatchingIn
) -> Status:
    account = account_get_for_user(request.user, account_id, for_change=True)
    item = matching_item_create(
        actor=request.user, account=account, **_resolve(account, payload.dict())
    )
    return Status(
        201, object_get_for_user(request.user, matching_queryset(request.user), item.uuid)
    )


@router.get("/matching-items/{matching_id}", response=MatchingOut)
def get_matching_item(request: HttpRequest, matching_id: uuid.UUID) -> MatchingItem:
    return object_get_for_user(request.user, matching_queryset(request.user), matching_id)


@router.patch("/matching-items/{matching_id}", response=MatchingOut)
def update_matching_item(
    request: HttpRequest, matching_id: uuid.UUID, payload: MatchingPatch
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
        matching_item_advance(
            actor=request.user,
            item=item,
            stage=stage,
            evidence=evidence,
            is_signed_off=is_signed_off,
            value_amount=amount,
        )
    else:
        matching_item_update(actor=request.user, item=item, data=data)
    return object_get_for_user(request.user, queryset, matching_id)


# --- engagement figures ------------------------------------------------------------------------


class RatioOut(Schema):
    numerator: int
    denominator: int
    percent: float | None
    light: str


class MechanismFiguresOut(Schema):
    code: str
    name: str
    planned: int | None
    scheduled: int
    gap: int | None
    compliance: RatioOut


class AccountFiguresOut(Schema):
    account: RefOut
    year: int
    calendar_compliance: RatioOut
    level_match_rate: RatioOut
    action_closure: RatioOut
    cadence_gap: int | None
    mechanisms: list[MechanismFiguresOut]


class PortfolioRowOut(Schema):
    account: RefOut
    owner: str
    calendar_compliance: RatioOut
    level_match_rate: RatioOut
    action_closure: RatioOut
    cadence_gap: int | None


class FiguresQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100)


class PortfolioQuery(FiguresQuery):
    sort: str = Field("name", pattern=r"^-?(name|owner|compliance|level_match|closure)$")


def _ratio(ratio: figures.Ratio) -> dict[str, object]:
    return {
        "numerator": ratio.numerator,
        "denominator": ratio.denominator,
        "percent": ratio.percent,
        "light": ratio.light,
    }


@router.get("/accounts/{account_id}/engagement-figures", response=AccountFiguresOut)
def get_account_figures(
    request: HttpRequest, account_id: uuid.UUID, query: Query[FiguresQuery]
) -> dict[str, object]:
    account = account_get_for_user(request.user, account_id)
    today = timezone.localdate()
    result = figures.account_figures(account=account, year=query.year or today.year, today=today)
    return {
        "account": account,
        "year": result.year,
        "calendar_compliance": _ratio(result.compliance),
        "level_match_rate": _ratio(result.level_match),
        "action_closure": _ratio(result.action_closure),
        "cadence_gap": result.cadence_gap,
        "mechanisms": [
            {
                "code": item.mechanism.code,
                "name": item.mechanism.name,
                "planned": item.planned,
                "scheduled": item.scheduled,
                "gap": item.gap,
                "compliance": _ratio(item.compliance),
            }
            for item in result.mechanisms
        ],
    }


class FiguresPagination(PagePagination):
    """Pages of annotated accounts, each turned into a portfolio row (cadence gap per page)."""

    def paginate_queryset(
        self, queryset: object, pagination: object, request: HttpRequest, **params: object
    ) -> dict[str, object]:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        year = getattr(request, "_engagement_year", timezone.localdate().year)
        page["items"] = [
            {
                "account": row.account,
                "owner": str(row.account.owner),
                "calendar_compliance": _ratio(row.compliance),
                "level_match_rate": _ratio(row.level_match),
                "action_closure": _ratio(row.action_closure),
                "cadence_gap": row.cadence_gap,
            }
            for row in figures.portfolio_rows(accounts=page["items"], year=year)
        ]
        return page


@router.get(
    "/engagement/portfolio", response=list[PortfolioRowOut], url_name="api_engagement_portfolio"
)
@paginate(FiguresPagination)
def list_portfolio_figures(request: HttpRequest, query: Query[PortfolioQuery]) -> object:
    today = timezone.localdate()
    year = query.year or today.year
    request._engagement_year = year  # type: ignore[attr-defined]
    return figures.portfolio_queryset(user=request.user, year=year, today=today, sort=query.sort)
