"""Pages of the value ladder (T12): the account's value page, a snapshot, the portfolio, and the
suggestion shown next to the T4 score sheet's items."""

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kam.accounts.access import account_get_for_user, can_change_account, object_get_for_user
from kam.accounts.models import Account
from kam.accounts.views import _account_context
from kam.assessments.choices import ToolCode
from kam.assessments.models import Assessment, AssessmentTemplate, Criterion
from kam.core.db_router import reads_from_replica
from kam.core.exceptions import ApplicationError
from kam.core.views import apply_service_errors, paginate
from kam.metrics.targets import PlannedTargets, planned_targets
from kam.users.http import AuthenticatedHttpRequest
from kam.value import services
from kam.value.charts import ladder_bar_option, radar_option, tactic_labels, tactic_mix_option
from kam.value.forms import ValueLadderForm
from kam.value.selectors import (
    TOOL,
    ValueOverview,
    overview_from,
    score_sheet_suggestion,
    state_of,
    tactic_mix,
    tier_order,
    value_history,
    value_overview,
    value_periods,
    value_portfolio,
    value_portfolio_rows,
    value_template,
)

PORTFOLIO_PAGE_SIZE = 50
MAX_ASSESSORS = 5  # the score sheet's assessor columns (as the T6 suggestion reads them)
SNAPSHOTS = Assessment.objects.select_related("template", "account", "account__owner")


def tier_targets(overview: ValueOverview, planned: PlannedTargets) -> dict[str, float | None]:
    """Each tier's target: the year's plan's target for the tier score when it sets one (T13 →
    T12), else the target scored with the snapshot."""
    latest = overview.latest
    if latest is None:
        return {}
    return {
        tier: float(planned.get(f"value_{tier}_tier") or 0)
        if planned.get(f"value_{tier}_tier") is not None
        else latest.target_tier_scores.get(tier)
        for tier in latest.tier_scores
    }


def _tier_rows(
    template: AssessmentTemplate, overview: ValueOverview, planned: PlannedTargets
) -> list[dict[str, object]]:
    latest = overview.latest
    if latest is None:
        return []
    previous = overview.previous
    targets = tier_targets(overview, planned)
    return [
        {
            "label": template.group_label(tier),
            "score": latest.tier_scores.get(tier),
            "target": targets.get(tier),
            "is_planned": planned.get(f"value_{tier}_tier") is not None,
            "previous": previous.tier_scores.get(tier) if previous else None,
            "gap": latest.gaps.get(tier),
        }
        for tier in latest.tier_scores
    ]


def _dimension_rows(template: AssessmentTemplate, overview: ValueOverview) -> list[dict]:
    latest, previous = overview.latest, overview.previous
    if latest is None:
        return []
    return [
        {
            "label": criterion.label,
            "tier": template.group_label(criterion.group),
            "current": latest.current.get(criterion.code),
            "target": latest.target.get(criterion.code),
            "previous": previous.current.get(criterion.code) if previous else None,
        }
        for criterion in template.criteria.all()
    ]


def _page_context(
    request: AuthenticatedHttpRequest,
    account: Account,
    overview: ValueOverview,
    template: AssessmentTemplate,
) -> dict[str, object]:
    counts = tactic_mix(account=account)
    planned = planned_targets(account=account, year=timezone.localdate().year)
    context = _account_context(request, account, "value")
    labels = tactic_labels()
    context.update(
        {
            "template": template,
            "overview": overview,
            "latest": overview.latest,
            "skipped_labels": [
                template.group_label(tier)
                for tier in (overview.latest.tiers_skipped if overview.latest else [])
            ],
            "tier_rows": _tier_rows(template, overview, planned),
            "target_from": _("target from the {year} plan").format(year=planned.year),
            "dimension_rows": _dimension_rows(template, overview),
            "radar_option": radar_option(template, overview),
            "ladder_option": ladder_bar_option(template, overview, tier_targets(overview, planned)),
            "tactic_option": tactic_mix_option(counts),
            "tactic_rows": [(labels[code], count) for code, count in counts.items()],
            "threshold": template.parameters.get("tier_threshold", 60),
            "subtab": "value",
        }
    )
    return context


@login_required
@require_http_methods(["GET", "POST"])
def value_account_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    """The account's value ladder: figures, charts, history and (for its team) the scoring form."""
    account = account_get_for_user(request.user, account_uuid, for_change=request.method == "POST")
    overview = value_overview(account=account)
    can_score = can_change_account(request.user, account)
    template = value_template()
    form = None
    if can_score:
        form = ValueLadderForm(request.POST or None, template=template, state=overview.latest)
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            services.value_ladder_submit(
                actor=request.user,
                account=account,
                data=services.ValueInput(
                    period=data["period"],
                    assessed_on=data["assessed_on"],
                    current=form.scores("current"),
                    target=form.scores("target"),
                    note=data["note"],
                ),
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Value ladder saved as a snapshot."))
            return redirect("value:account", account_uuid=account.uuid)
    context = _page_context(request, account, overview, template)
    context.update({"form": form, "can_score": can_score})
    status = 400 if form is not None and form.errors else 200
    return render(request, "value/account.html", context, status=status)


@login_required
@require_GET
def value_snapshot_view(
    request: AuthenticatedHttpRequest, assessment_uuid: str
) -> HttpResponseBase:
    """One value snapshot (superseded ones too) against the period before it."""
    snapshot = object_get_for_user(request.user, SNAPSHOTS, assessment_uuid)
    if snapshot.tool_code != TOOL or snapshot.subject:
        # Another instrument's snapshot: the engine's own page explains it.
        return redirect("assessments:detail", assessment_uuid=snapshot.uuid)
    account = snapshot.account
    states = [state_of(item) for item in value_history(account=account)]
    overview = overview_from(states, focus=snapshot.uuid)
    context = _page_context(request, account, overview, value_template())
    context.update({"snapshot": state_of(snapshot)})
    return render(request, "value/snapshot.html", context)


def _whole(value: float | None) -> str:
    """A figure as a whole number in text ("" for none): the template prints it as it is."""
    return "" if value is None else str(round(value))


def _portfolio_row(snapshot: Assessment) -> dict[str, object]:
    """A table row with its figures rounded here (50 rows of template filters cost more)."""
    state = state_of(snapshot)
    return {
        "snapshot": snapshot,
        "state": state,
        "tiers": [_whole(score) for score in state.tier_scores.values()],
        "gap": _whole(state.gaps.get("total")),
    }


@login_required
@require_GET
@reads_from_replica
def value_portfolio_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Value level and gaps across the visible accounts, one period, sortable."""
    periods = value_periods(user=request.user)
    period = request.GET.get("period") if request.GET.get("period") in periods else None
    period = period or (periods[0] if periods else "")
    sort = request.GET.get("sort", "level")
    page = paginate(
        request,
        value_portfolio(user=request.user, period=period, sort=sort),
        per_page=PORTFOLIO_PAGE_SIZE,
    )
    snapshots = value_portfolio_rows(list(page.object_list))
    # The tier names of the newest template version on the page (no extra query).
    template = max(
        (item.template for item in snapshots), key=lambda item: item.version, default=None
    )
    tiers = tier_order(template) if template else []
    context = {
        "periods": periods,
        "period": period,
        "sort": sort,
        "page": page,
        "rows": [_portfolio_row(snapshot) for snapshot in snapshots],
        "tier_labels": [template.group_label(tier) for tier in tiers] if template else [],
        "querystring": f"period={period}&sort={sort}",
    }
    return render(request, "value/portfolio.html", context)


def _score_sheet_choices(criterion: Criterion, template: AssessmentTemplate) -> list:
    """The item's levels exactly as the score sheet offers them (level · anchor)."""
    low, high = criterion.bounds(template)
    choices = [("", "—")]
    for level in range(int(low), int(high) + 1):
        anchor = criterion.anchor(level)
        choices.append((str(level), f"{level} · {anchor}" if anchor else str(level)))
    return choices


def suggested_selects(request: AuthenticatedHttpRequest, item: str, value: float) -> list:
    """The score sheet's selects of `item` that are still empty, with the suggestion (rounded to
    the nearest whole level) chosen, swapped out of band."""
    names = [f"value__{item}__{index}" for index in range(MAX_ASSESSORS)]
    empty = [name for name in names if name in request.GET and not request.GET[name]]
    template = AssessmentTemplate.objects.filter(
        tool_code=ToolCode.ORG_SCORE_SHEET, is_current=True
    ).first()
    criterion = (
        next((c for c in template.criteria.all() if c.code == item), None) if template else None
    )
    if template is None or criterion is None:
        return []
    widget = forms.Select(choices=_score_sheet_choices(criterion, template))
    level = str(int(Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)))
    attrs = {"class": "select", "hx-swap-oob": "true"}
    return [widget.render(name, level, attrs={**attrs, "id": f"id_{name}"}) for name in empty]


@login_required
@require_GET
def value_suggestion_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    """htmx (org score sheet): the suggestion for m_strategy or j_innovation from the latest value
    snapshot. It is never applied by itself: "use this value" (?apply=1) returns the item's
    empty selects out of band with the suggestion chosen."""
    account = account_get_for_user(request.user, account_uuid)
    item = request.GET.get("item", "m_strategy")
    suggestion = score_sheet_suggestion(account=account, item=item)
    if suggestion is None:
        raise Http404(_("No suggestion for this item."))
    selects = []
    if request.GET.get("apply") == "1" and suggestion.value is not None:
        selects = suggested_selects(request, item, suggestion.value)
    context = {"account": account, "suggestion": suggestion, "selects": selects}
    return render(request, "value/partials/suggestion.html", context)
