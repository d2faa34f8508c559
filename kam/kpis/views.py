"""Pages of the broad-relationship KPIs (T10.2): the account's KPI board with traffic lights and
its checks, and the portfolio of coverage and KPI lights."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kam.accounts.access import account_get_for_user, can_change_account
from kam.accounts.views import _account_context
from kam.assessments.models import PERIOD_VALIDATOR
from kam.core.db_router import reads_from_replica
from kam.core.exceptions import ApplicationError
from kam.core.views import apply_service_errors, paginate
from kam.kpis import services
from kam.kpis.choices import light_label
from kam.kpis.forms import KpiCheckForm
from kam.kpis.selectors import (
    KpiPortfolioRow,
    kpi_board,
    kpi_periods,
    kpi_portfolio,
    kpi_portfolio_rows,
    kpi_snapshots,
    quarter_of,
)
from kam.users.http import AuthenticatedHttpRequest

PORTFOLIO_PAGE_SIZE = 50
HISTORY_SHOWN = 20


def _period(value: str | None) -> str:
    """The asked period when it is valid, else the current quarter."""
    try:
        PERIOD_VALIDATOR(value or "")
    except ValidationError:
        return quarter_of(timezone.localdate())
    return str(value)


@login_required
@require_http_methods(["GET", "POST"])
def kpi_account_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    """The seven KPIs of a period against the category's targets; the team records checks."""
    account = account_get_for_user(request.user, account_uuid, for_change=request.method == "POST")
    period = _period(request.GET.get("period"))
    can_change = can_change_account(request.user, account)
    form = KpiCheckForm(request.POST or None, initial={"period": period})
    if request.method == "POST" and form.is_valid():
        try:
            services.kpi_check_record(
                actor=request.user,
                account=account,
                period=form.cleaned_data["period"],
                note=form.cleaned_data["note"],
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("KPIs recorded as a check."))
            return redirect(f"{request.path}?period={form.cleaned_data['period']}")
    context = _account_context(request, account, "broad")
    context.update(
        {
            "board": kpi_board(account=account, period=period),
            "period": period,
            "form": form,
            "can_change": can_change,
            "checks": [
                (snapshot, light_label(snapshot.band))
                for snapshot in kpi_snapshots(account=account)[:HISTORY_SHOWN]
            ],
            "subtab": "kpis",
        }
    )
    return render(request, "kpis/account.html", context, status=400 if form.errors else 200)


def _dot_texts() -> Callable[[str, str], str]:
    """ "KPI: light" for a dot's tooltip and screen-reader text, each pair worded once per page
    (50 rows × 7 dots of template tags cost more than the page's queries)."""
    separator = _(": ")
    words: dict[str, str] = {}

    def text(label: str, light: str) -> str:
        if light not in words:
            words[light] = light_label(light)
        return f"{label}{separator}{words[light]}"

    return text


def _portfolio_row(row: KpiPortfolioRow, text: Callable[[str, str], str]) -> dict[str, object]:
    return {
        "account": row.account,
        "url": reverse("kpis:account", args=[row.account.uuid]),
        "category_label": row.account.get_category_display(),
        "snapshot": row.snapshot,
        "score": f"{row.snapshot.total:.1f}"
        if row.snapshot and row.snapshot.total is not None
        else "",
        "coverage_percent": row.coverage_percent,
        "light_label": row.light_label,
        # One string per row: seven dots of template variables each cost more than the queries.
        "dots": format_html_join(
            "",
            '<li class="kpi-light light-{}" title="{}"><span class="sr-only">{}</span></li>',
            (
                (cell.light or "none", words, words)
                for cell in row.lights
                for words in [text(cell.label, cell.light)]
            ),
        ),
    }


@login_required
@require_GET
@reads_from_replica
def kpi_portfolio_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Coverage and the KPI lights of one period across the visible accounts, weakest first."""
    periods = kpi_periods(user=request.user)
    current = quarter_of(timezone.localdate())
    options = sorted({*periods, current}, reverse=True)
    asked = request.GET.get("period", "")
    period = asked if asked in options else current
    sort = request.GET.get("sort", "score")
    page = paginate(
        request,
        kpi_portfolio(user=request.user, period=period, sort=sort),
        per_page=PORTFOLIO_PAGE_SIZE,
    )
    rows = kpi_portfolio_rows(list(page.object_list))
    context = {
        "periods": options,
        "period": period,
        "sort": sort,
        "page": page,
        "rows": [_portfolio_row(row, _dot_texts()) for row in rows],
        "kpi_labels": [cell.label for cell in next((r.lights for r in rows if r.lights), [])],
        "querystring": f"period={period}&sort={sort}",
    }
    return render(request, "kpis/portfolio.html", context)
