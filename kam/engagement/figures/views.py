"""Pages of the engagement figures (T5.3): one account's figures and the portfolio table."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kam.accounts.access import account_get_for_user
from kam.accounts.views import _account_context
from kam.core.db_router import reads_from_replica
from kam.core.views import paginate, querystring_without_page
from kam.engagement.figures import charts, selectors
from kam.engagement.settings.selectors import engagement_settings
from kam.engagement.settings.services import can_change_engagement_settings
from kam.lib.export import csv_response
from kam.users.http import AuthenticatedHttpRequest

YEAR_RANGE = (2000, 2100)


def query_year(request: AuthenticatedHttpRequest, today: date) -> int:
    """?year= when it is a sensible year, else the current one."""
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        return today.year
    return year if YEAR_RANGE[0] <= year <= YEAR_RANGE[1] else today.year


@login_required
@require_GET
def figures_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    today = timezone.localdate()
    year = query_year(request, today)
    settings = engagement_settings()
    result = selectors.account_figures(account=account, year=year, today=today, settings=settings)
    context = _account_context(request, account, "engagement")
    context.update(
        {
            "figures": result,
            "year": year,
            "mechanism_option": charts.mechanism_compliance_option(result.mechanisms, settings),
            "target": settings.compliance_target,
            "red_below": settings.compliance_red_below,
        }
    )
    return render(request, "engagement/figures/account.html", context)


def _csv_rows(rows: list[selectors.PortfolioRow]) -> list[list[object]]:
    return [
        [
            row.account.name,
            row.account.owner,
            row.account.get_category_display(),
            row.compliance.percent,
            row.level_match.percent,
            row.action_closure.percent,
            row.cadence_gap,
        ]
        for row in rows
    ]


@login_required
@require_GET
@reads_from_replica
def portfolio_figures_view(request: AuthenticatedHttpRequest) -> HttpResponseBase:
    today = timezone.localdate()
    year = query_year(request, today)
    sort = request.GET.get("sort", "name")
    if sort not in selectors.PORTFOLIO_SORTS:
        sort = "name"
    queryset = selectors.portfolio_queryset(user=request.user, year=year, today=today, sort=sort)
    settings = engagement_settings()
    if request.GET.get("export") == "csv":
        rows = selectors.portfolio_rows(accounts=list(queryset), year=year, settings=settings)
        header = [
            _("Account"),
            _("Account manager"),
            _("Category"),
            _("Calendar compliance (%)"),
            _("Level-match rate (%)"),
            _("Action closure (%)"),
            _("Cadence gap"),
        ]
        return csv_response(f"engagement-{year}.csv", header, _csv_rows(rows))
    page = paginate(request, queryset)
    context = {
        "page": page,
        "rows": selectors.portfolio_rows(
            accounts=list(page.object_list), year=year, settings=settings
        ),
        "owners": selectors.owner_figures(
            user=request.user, year=year, today=today, settings=settings
        ),
        "year": year,
        "sort": sort,
        "querystring": querystring_without_page(request),
        "target": settings.compliance_target,
        "red_below": settings.compliance_red_below,
        "can_change_settings": can_change_engagement_settings(request.user),
    }
    return render(request, "engagement/figures/portfolio.html", context)
