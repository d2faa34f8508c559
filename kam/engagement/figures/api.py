"""API of the engagement figures (same selectors and access rules as the pages)."""

import uuid
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kam.accounts.access import account_get_for_user
from kam.api.pagination import PagePagination
from kam.api.schemas import RefOut
from kam.engagement.figures import selectors
from kam.users.http import AuthenticatedHttpRequest

router = Router(tags=["engagement"])


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


def _ratio(ratio: selectors.Ratio) -> dict[str, object]:
    return {
        "numerator": ratio.numerator,
        "denominator": ratio.denominator,
        "percent": ratio.percent,
        "light": ratio.light,
    }


@router.get("/accounts/{account_id}/engagement-figures", response=AccountFiguresOut)
def get_account_figures(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, query: Query[FiguresQuery]
) -> dict[str, object]:
    account = account_get_for_user(request.user, account_id)
    today = timezone.localdate()
    result = selectors.account_figures(account=account, year=query.year or today.year, today=today)
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
        self,
        queryset: QuerySet,
        pagination: PagePagination.Input,
        request: HttpRequest,
        **params: Any,
    ) -> dict[str, Any]:
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
            for row in selectors.portfolio_rows(accounts=page["items"], year=year)
        ]
        return page


@router.get(
    "/engagement/portfolio", response=list[PortfolioRowOut], url_name="api_engagement_portfolio"
)
@paginate(FiguresPagination)
def list_portfolio_figures(
    request: AuthenticatedHttpRequest, query: Query[PortfolioQuery]
) -> object:
    today = timezone.localdate()
    year = query.year or today.year
    request._engagement_year = year  # type: ignore[attr-defined]  # read by FiguresPagination
    return selectors.portfolio_queryset(user=request.user, year=year, today=today, sort=query.sort)
