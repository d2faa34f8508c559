"""Pages of T4 (organisation score sheet) and T2 (relationship coordinate, five-step ladder)."""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from kam.accounts.access import account_get_for_user, can_change_account
from kam.accounts.views import _account_context
from kam.assessments.choices import ToolCode
from kam.assessments.models import AssessmentTemplate
from kam.assessments.selectors import template_current
from kam.core.db_router import reads_from_replica
from kam.core.views import paginate
from kam.metrics.targets import planned_targets
from kam.relationship.selectors import (
    DIMENSIONS,
    NO_TRADING_LEVEL,
    coordinate_option,
    org_level,
    org_sheet_periods,
    org_sheet_portfolio,
    radar_option,
    relationship_overview,
)
from kam.users.http import AuthenticatedHttpRequest

INPUT_LABELS = {
    "broad": gettext_lazy("Broad relationship (coverage, from the responsibility matrix)"),
    "communication": gettext_lazy("Communication (from the score sheet)"),
    "key_person": gettext_lazy("Key-person relationship (from the power map)"),
    "joint_identification": gettext_lazy("Joint action & identification (from the score sheet)"),
    "value": gettext_lazy("Business value (from the relationship test model)"),
}


def _ladder(
    template: AssessmentTemplate, current: str, previous: str, target: Decimal | None = None
) -> list[dict[str, object]]:
    """The five steps, lowest first; `target`: the plan's target step (1–5), if it sets one."""
    bands = sorted(template.bands, key=lambda band: float(band["lower_bound"]))
    return [
        {
            "code": band["code"],
            "label": template.band_label(band["code"]),
            "height": index + 1,
            "is_current": band["code"] == current,
            "is_previous": band["code"] == previous and previous != current,
            "is_target": target is not None and int(target) == index + 1,
        }
        for index, band in enumerate(bands)
    ]


def _level_label(code: str, org_template: AssessmentTemplate) -> str:
    """The score sheet's level; 接触探索 is not one of the sheet's bands (T4.3)."""
    if code == NO_TRADING_LEVEL:
        return template_current(tool_code=ToolCode.RELATIONSHIP_COORDINATE).band_label(code)
    return org_template.band_label(code) if code else ""


@login_required
@require_GET
def account_relationship_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    overview = relationship_overview(account=account)
    org_template = template_current(tool_code=ToolCode.ORG_SCORE_SHEET)
    coordinate_template = overview.coordinate_template
    labels: dict[str, object] = {
        "current": _("This period"),
        "previous": _("Previous period"),
        "trail": _("Position by period"),
        "x": _("Involvement: simple → complex"),
        "y": _("Nature: transactional → collaborative"),
    }
    targets = planned_targets(account=account, year=timezone.localdate().year)
    target_from = _("target from the {year} plan").format(year=targets.year)
    if targets.get("org_total") is not None:
        labels["target"] = _("Target") + f" ({target_from})"
        labels["target_value"] = targets.get("org_total")
    current, previous = overview.current, overview.previous
    latest_org = overview.org_snapshots[-1] if overview.org_snapshots else None
    latest_level = org_level(latest_org, has_trading=overview.has_trading)
    ladder = _ladder(
        coordinate_template,
        current.step if current else "",
        previous.step if previous else "",
        targets.get("coordinate_step"),
    )
    context = _account_context(request, account, "relationship")
    context.update(
        {
            "overview": overview,
            "org_template": org_template,
            "coordinate_template": coordinate_template,
            "latest_org": latest_org,
            "latest_org_level": latest_level,
            "latest_org_label": _level_label(latest_level, org_template),
            "latest_test": overview.test_snapshots[-1] if overview.test_snapshots else None,
            "radar_option": radar_option(org_template, current, previous, labels),
            "coordinate_option": coordinate_option(coordinate_template, overview.points, labels),
            "ladder": ladder,
            "ladder_target": any(step["is_target"] for step in ladder),
            "target_from": target_from,
            "current_step_label": coordinate_template.band_label(current.step)
            if current and current.step
            else "—",
            "missing_inputs": [INPUT_LABELS[name] for name in current.missing] if current else [],
            "can_score": can_change_account(request.user, account),
            "discrepancies": [
                (ToolCode(first).label, ToolCode(second).label, apart)
                for first, second, apart in overview.discrepancies
            ],
            "point_rows": [
                {
                    "point": point,
                    "step": coordinate_template.band_label(point.step) if point.step else "",
                    "org_level": _level_label(point.org_level, org_template),
                    "test_stage": coordinate_template.band_label(point.test_stage)
                    if point.test_stage
                    else "",
                }
                for point in reversed(overview.points)
            ],
        }
    )
    return render(request, "relationship/account.html", context)


@login_required
@require_GET
@reads_from_replica
def portfolio_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    periods = org_sheet_periods(user=request.user)
    period = request.GET.get("period") if request.GET.get("period") in periods else None
    period = period or (periods[0] if periods else "")
    template = template_current(tool_code=ToolCode.ORG_SCORE_SHEET)
    page = paginate(request, org_sheet_portfolio(user=request.user, period=period), per_page=50)
    rows = []
    for snapshot in page.object_list:
        level = org_level(snapshot, has_trading=snapshot.has_trading)
        rows.append(
            {
                "snapshot": snapshot,
                "cells": [snapshot.result.get("groups", {}).get(code) for code in DIMENSIONS],
                "level": level,
                "level_label": _level_label(level, template),
            }
        )
    context = {
        "periods": periods,
        "period": period,
        "page": page,
        "rows": rows,
        "dimension_labels": [template.group_label(code) for code in DIMENSIONS],
        "querystring": f"period={period}",
    }
    return render(request, "relationship/portfolio.html", context)


@login_required
@require_GET
def account_stage_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    """The account header's stage badge: the latest step on the five-step ladder (htmx)."""
    account = account_get_for_user(request.user, account_uuid)
    overview = relationship_overview(account=account)
    current = overview.current
    label = (
        overview.coordinate_template.band_label(current.step) if current and current.step else ""
    )
    context = {
        "account": account,
        "label": label,
        "period": current.period if current else "",
        "is_disintegrating": overview.is_disintegrating,
    }
    return render(request, "relationship/partials/stage.html", context)
