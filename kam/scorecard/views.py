"""Pages of the key-account scorecard: an account's scorecard, scoring it, one scorecard's
explanation, the portfolio matrix, and the category policies and settings."""

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import json_script
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kam.accounts.access import (
    account_get_for_user,
    can_administer_portfolio,
    object_get_for_user,
    require,
)
from kam.accounts.models import Account
from kam.accounts.selectors import competitor_list
from kam.accounts.views import _account_context
from kam.assessments.models import Assessment
from kam.assessments.selectors import template_current
from kam.core.db_router import reads_from_replica
from kam.core.exceptions import ApplicationError
from kam.core.htmx import is_htmx
from kam.core.views import apply_service_errors, paginate, querystring_without_page
from kam.idempotency.pages import one_time_submission
from kam.lib.chart_documents import option_table
from kam.scorecard import cache, charts, selectors, services
from kam.scorecard.choices import BubbleSize
from kam.scorecard.export import heat_table_xlsx
from kam.scorecard.forms import (
    CategoryPolicyForm,
    PortfolioFilterForm,
    PortfolioSettingsForm,
    ScorecardForm,
)
from kam.scorecard.models import CategoryPolicy, PortfolioSettings
from kam.users.http import AuthenticatedHttpRequest

TAB = "scorecard"


@login_required
@require_GET
def account_scorecard_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    settings = selectors.portfolio_settings_current()
    scorecard = selectors.account_scorecard(account=account, settings=settings)
    context = _account_context(request, account, TAB)
    context.update(
        {
            "scorecard": scorecard,
            "policies": selectors.category_policies(),
            "settings": settings,
        }
    )
    if scorecard.latest is not None:
        periods = [score.period for score in scorecard.periods[:2]]
        context["radar_option"] = charts.radar_option(scorecard.radar_rows, periods)
        context["strength_option"] = charts.strength_option(
            scorecard.strength_subjects, scorecard.strength_rows
        )
    return render(request, "scorecard/account.html", context)


def _scorecard_form(request: AuthenticatedHttpRequest, account: Account) -> ScorecardForm:
    initial = {}
    if request.method != "POST":
        latest = selectors.latest_answers(account=account)
        initial = ScorecardForm.initial_from(
            latest, today=timezone.localdate(), current_revenue=account.current_revenue
        )
    return ScorecardForm(
        request.POST or None,
        initial=initial,
        attractiveness=template_current(tool_code=selectors.ATTRACTIVENESS),
        strength=template_current(tool_code=selectors.STRENGTH),
        competitors=competitor_list(),
    )


@login_required
@require_http_methods(["GET", "POST"])
@one_time_submission
def scorecard_new_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    form = _scorecard_form(request, account)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.scorecard_submit(
                actor=request.user, account=account, data=form.to_input(request.user)
            )
        except ApplicationError as error:
            field = "override_reason" if error.code == "key_account_limit" else None
            form.add_error(field, error.message)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Scorecard saved."))
            for warning in outcome.warnings:
                messages.warning(request, warning)
            return redirect("scorecard:account", account_uuid=account.uuid)
    context = _account_context(request, account, TAB)
    context["form"] = form
    return render(request, "scorecard/form.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def snapshot_view(request: AuthenticatedHttpRequest, assessment_uuid: str) -> HttpResponse:
    snapshot = object_get_for_user(
        request.user, selectors.scorecard_snapshot_queryset(), assessment_uuid
    )
    settings = selectors.portfolio_settings_current()
    detail = selectors.scorecard_detail(snapshot=snapshot, settings=settings)
    context = _account_context(request, snapshot.account, TAB)
    context.update(
        {
            "detail": detail,
            "policies": selectors.category_policies(),
            "strength_option": charts.strength_option(
                detail.strength_subjects, detail.strength_rows
            ),
        }
    )
    return render(request, "scorecard/snapshot.html", context)


def _portfolio_filters(request: AuthenticatedHttpRequest, periods: list[str]) -> dict[str, Any]:
    form = PortfolioFilterForm(request.GET or None, periods=periods)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return {
        "form": form,
        "period": data.get("period") or "",
        "size": data.get("size") or BubbleSize.CURRENT_REVENUE,
        "strength_axis": data.get("strength_axis") or "right",
    }


@dataclass(frozen=True)
class PortfolioOverview:
    """The whole-matrix part of the portfolio page; `matrix` comes without its points, the chart
    as its finished <script> element, encoded (`chart_script`; empty when there is nothing to
    draw and `matrix_option` says why, else carries the table of its numbers)."""

    matrix: selectors.PortfolioMatrix
    point_count: int
    summary: list[selectors.CategorySummary]
    matrix_option: dict[str, object]
    chart_script: bytes
    heat_count: int
    key_account_count: int


@dataclass(frozen=True)
class _CountedRows:
    """The heat table's snapshots with their count already known (from the cached overview)."""

    rows: QuerySet[Assessment]
    total: int

    @property
    def ordered(self) -> bool:
        return self.rows.ordered

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __iter__(self) -> Iterator[Assessment]:
        return iter(self.rows)

    def __getitem__(self, key: Any) -> Any:
        return self.rows[key]


# Where the page's chart script goes: the rendered page is joined and encoded without it, and the
# cached bytes (thousands of points) are put in once, instead of being copied by every template
# level and encoded again on every request.
CHART_PLACEHOLDER = "<!--kam:matrix-option-->"


def _portfolio_overview(
    request: AuthenticatedHttpRequest,
    settings: PortfolioSettings,
    periods: list[str],
    filters: dict[str, Any],
    policies: dict[str, CategoryPolicy],
) -> "PortfolioOverview | None":
    """What the portfolio page shows of the whole matrix (cached per version: see cache.py): the
    matrix without its points, their count, the summary and the chart's JSON."""
    matrix = selectors.portfolio_matrix(
        user=request.user,
        settings=settings,
        period=filters["period"],
        periods=periods,
        detailed=False,
    )
    if matrix is None:
        return None
    option = charts.matrix_option(
        matrix,
        policies,
        size=filters["size"],
        is_strength_high_left=filters["strength_axis"] == "left",
    )
    is_empty = bool(option.get("empty"))
    return PortfolioOverview(
        matrix=replace(matrix, points=[]),
        point_count=len(matrix.points),
        summary=matrix.summary(policies),
        matrix_option=option
        if is_empty
        else {"script": mark_safe(CHART_PLACEHOLDER), "table": option_table(option)},  # noqa: S308
        chart_script=b"" if is_empty else json_script(option, "matrix-option").encode(),
        heat_count=selectors.heat_snapshots(user=request.user, period=matrix.period).count(),
        key_account_count=selectors.key_account_count(),
    )


@login_required
@require_GET
@reads_from_replica
def portfolio_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    settings = selectors.portfolio_settings_current()
    periods = cache.cached(
        request.user, ("periods",), lambda: selectors.scorecard_periods(user=request.user)
    )
    filters = _portfolio_filters(request, periods)
    context: dict[str, object] = {"filters": filters, "settings": settings, "matrix": None}
    if periods and request.GET.get("export") == "xlsx":
        matrix = selectors.portfolio_matrix(
            user=request.user, settings=settings, period=filters["period"], periods=periods
        )
        if matrix is not None:
            return heat_table_xlsx(user=request.user, matrix=matrix)
    policies = selectors.category_policies()
    overview = None
    if periods:
        overview = cache.cached(
            request.user,
            ("page", filters["period"], filters["size"], filters["strength_axis"]),
            lambda: _portfolio_overview(request, settings, periods, filters, policies),
        )
    if overview is not None:
        context.update(
            {
                "matrix": overview.matrix,
                "point_count": overview.point_count,
                "summary": overview.summary,
                "matrix_option": overview.matrix_option,
            }
        )
        matrix = overview.matrix
        columns = selectors.heat_columns()
        snapshots = selectors.heat_snapshots(user=request.user, period=matrix.period)
        page = paginate(request, _CountedRows(snapshots, overview.heat_count))
        context.update(
            {
                "columns": columns,
                "page": page,
                "heat_rows": selectors.heat_rows(
                    page.object_list,
                    columns=columns,
                    points=selectors.heat_points(
                        account_ids=[snapshot.account_id for snapshot in page.object_list],
                        period=matrix.period,
                        thresholds=matrix.thresholds,
                    ),
                ),
                "querystring": querystring_without_page(request),
                "heat_legend": selectors.heat_legend(),
                "policies": policies,
            }
        )
        if is_htmx(request):
            return render(request, "scorecard/partials/heat_table.html", context)
        count = overview.key_account_count
        context.update(
            {
                "key_account_count": count,
                "gauge_option": charts.key_account_gauge_option(count, settings),
                "trails_shown_up_to": charts.TRAILS_SHOWN_UP_TO,
            }
        )
    response = render(request, "scorecard/portfolio.html", context)
    if overview is not None and overview.chart_script:
        response.content = response.content.replace(
            CHART_PLACEHOLDER.encode(), overview.chart_script, 1
        )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def policy_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Everyone reads the policies and settings; directors and administrators change them."""
    can_administer = can_administer_portfolio(request.user)
    current = selectors.portfolio_settings_current()
    form = PortfolioSettingsForm(
        request.POST or None,
        initial={"version": current.uuid if current.pk else None},
        instance=_settings_copy(current),
    )
    if request.method == "POST":
        require(can_administer)
        if form.is_valid():
            try:
                outcome = services.portfolio_settings_update(
                    actor=request.user,
                    data=form.settings_data(),
                    expected_version=form.cleaned_data["version"],
                )
            except (ValidationError, ApplicationError) as error:
                apply_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Settings saved; {count} accounts changed category.").format(
                        count=outcome.reclassified
                    ),
                )
                for warning in outcome.warnings:
                    messages.warning(request, warning)
                return redirect("scorecard:policy")
    policies = selectors.category_policies()
    context = {
        "form": form,
        "can_administer": can_administer,
        "settings": current,
        "history": selectors.portfolio_settings_history(),
        "policies": policies,
        "kpi_targets": selectors.kpi_target_table(policies),
        "key_account_count": selectors.key_account_count(),
    }
    return render(request, "scorecard/policy.html", context, status=400 if form.errors else 200)


def _settings_copy(current: PortfolioSettings) -> PortfolioSettings:
    """An unsaved copy for the form to validate against (saving adds a row; see the service)."""
    return PortfolioSettings(**{name: getattr(current, name) for name in services.SETTINGS_FIELDS})


@login_required
@require_http_methods(["GET", "POST"])
def policy_edit_view(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    require(can_administer_portfolio(request.user))
    policy = selectors.category_policy_get(code=code)
    form = CategoryPolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        try:
            services.category_policy_update(
                actor=request.user,
                policy=selectors.category_policy_get(code=code),
                data=form.cleaned_data,
                expected_version=form.cleaned_data["version"],
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Policy saved."))
            return redirect("scorecard:policy")
    context = {"form": form, "policy": policy}
    return render(
        request, "scorecard/policy_form.html", context, status=400 if form.errors else 200
    )
