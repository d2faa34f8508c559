"""Template administration for administrators and KAM directors: list, edit as a new version."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kam.accounts.access import can_administer_portfolio, require
from kam.assessments import services
from kam.assessments.models import AssessmentTemplate
from kam.assessments.template_forms import BandFormSet, CriterionFormSet, TemplateHeaderForm, kept
from kam.core.exceptions import ApplicationError
from kam.core.views import apply_service_errors
from kam.users.http import AuthenticatedHttpRequest


@login_required
@require_GET
def template_list_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(can_administer_portfolio(request.user))
    templates = AssessmentTemplate.objects.annotate(
        criterion_count=Count("criteria", distinct=True),
        assessment_count=Count("assessments", distinct=True),
    ).order_by("tool_code", "-version")
    return render(request, "assessments/templates_list.html", {"templates": list(templates)})


def _preview(bands: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Band ranges on the 0–100 scale for the preview bar."""
    ordered = sorted(bands, key=lambda band: float(band["lower_bound"]))
    rows = []
    for index, band in enumerate(ordered):
        start = float(band["lower_bound"])
        end = float(ordered[index + 1]["lower_bound"]) if index + 1 < len(ordered) else 100.0
        rows.append({**band, "start": start, "end": end, "width": max(end - start, 0)})
    return rows


def _criteria_initial(template: AssessmentTemplate) -> list[dict[str, object]]:
    return [
        {
            "code": c.code,
            "group": c.group,
            "label_zh": c.label_zh,
            "label_en": c.label_en,
            "weight": c.weight,
            "is_required": c.is_required,
            "anchors": c.anchors,
        }
        for c in template.criteria.all()
    ]


@login_required
@require_http_methods(["GET", "POST"])
def template_edit_view(request: AuthenticatedHttpRequest, template_uuid: str) -> HttpResponse:
    require(can_administer_portfolio(request.user))
    template = get_object_or_404(AssessmentTemplate, uuid=template_uuid)  # reference data
    data = request.POST or None
    header = TemplateHeaderForm(data, instance=AssessmentTemplate.objects.get(pk=template.pk))
    criteria = CriterionFormSet(data, prefix="criteria", initial=_criteria_initial(template))
    bands = BandFormSet(data, prefix="bands", initial=template.bands)
    preview = _preview(template.bands)
    valid = request.method == "POST" and all(
        [header.is_valid(), criteria.is_valid(), bands.is_valid()]
    )
    if valid:
        preview = _preview(kept(bands))
    if valid and "save" in request.POST:
        try:
            new = services.template_new_version(
                actor=request.user,
                template=template,
                data={**header.cleaned_data, "bands": _json_bands(kept(bands))},
                criteria=_json_criteria(kept(criteria)),
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(header, error)
        else:
            messages.success(
                request,
                _("Saved as version {version}. Stored assessments keep their version.").format(
                    version=new.version
                ),
            )
            return redirect("assessments:template_edit", template_uuid=new.uuid)
    context = {
        "template": template,
        "header": header,
        "criteria": criteria,
        "bands": bands,
        "preview": preview,
        "is_read_only": not template.is_current,
    }
    has_errors = bool(header.errors or criteria.total_error_count() or bands.total_error_count())
    status = 400 if request.method == "POST" and has_errors else 200
    return render(request, "assessments/template_edit.html", context, status=status)


def _json_bands(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {**row, "lower_bound": float(row["lower_bound"])}
        for row in sorted(rows, key=lambda row: row["lower_bound"])
    ]


def _json_criteria(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{**row, "scale_min": None, "scale_max": None} for row in rows]
