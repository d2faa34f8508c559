"""Pages of the engagement matching area (thin views over its services and selectors)."""

from decimal import ROUND_FLOOR, Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kam.accounts.access import (
    account_get_for_user,
    can_change_account,
    object_get_for_user,
    require,
)
from kam.accounts.views import _account_context
from kam.assessments.choices import ToolCode
from kam.assessments.models import AssessmentTemplate
from kam.core.exceptions import ApplicationError
from kam.core.views import apply_service_errors
from kam.engagement.matching.charts import matching_funnel_option, matching_value_option
from kam.engagement.matching.forms import MatchingAdvanceForm, MatchingItemForm
from kam.engagement.matching.selectors import (
    m_solution_detail,
    matching_by_domain,
    matching_queryset,
    matching_stage_counts,
    matching_value_by_quarter,
)
from kam.engagement.matching.services import (
    STAGES,
    matching_item_advance,
    matching_item_create,
    matching_item_update,
)
from kam.users.http import AuthenticatedHttpRequest

SOLUTION_CRITERION = "m_solution"
MAX_ASSESSORS = 5


@login_required
@require_http_methods(["GET", "POST"])
def matching_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    form = MatchingItemForm(request.POST or None, account=account, prefix="new")
    if request.method == "POST":
        require(can_change_account(request.user, account))
        if form.is_valid():
            try:
                matching_item_create(actor=request.user, account=account, item=form.item_input())
            except (ValidationError, ApplicationError) as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Matching item added."))
                return redirect("engagement:matching", account_uuid=account.uuid)
    counts = matching_stage_counts(account=account)
    values = matching_value_by_quarter(account=account)
    context = _account_context(request, account, "engagement")
    context.update(
        {
            "form": form,
            "groups": matching_by_domain(account=account),
            "counts": counts,
            "funnel_option": matching_funnel_option(counts),
            "value_option": matching_value_option(values),
            "values": values,
            "suggestion": m_solution_detail(account),
            "subtab": "matching",
        }
    )
    status = 400 if form.errors else 200
    return render(request, "engagement/matching/list.html", context, status=status)


def _next_stage(stage: str) -> str:
    index = STAGES.index(stage)
    return STAGES[min(index + 1, len(STAGES) - 1)]


@login_required
@require_http_methods(["GET", "POST"])
def matching_edit_view(request: AuthenticatedHttpRequest, matching_uuid: str) -> HttpResponse:
    item = object_get_for_user(request.user, matching_queryset(request.user), matching_uuid)
    account = item.account
    is_advance = request.method == "POST" and "advance" in request.POST
    is_edit = request.method == "POST" and not is_advance
    if request.method == "POST":
        require(can_change_account(request.user, account))
    form = MatchingItemForm(request.POST if is_edit else None, instance=item, account=account)
    advance_form = MatchingAdvanceForm(
        request.POST if is_advance else None,
        initial={"stage": _next_stage(item.stage), "evidence": item.evidence},
        auto_id="advance_%s",  # the edit form on the same page has evidence and value fields too
    )
    if is_edit and form.is_valid():
        try:
            matching_item_update(
                actor=request.user,
                item=item,
                data=form.item_data(),
                expected_version=form.cleaned_data["version"],
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Matching item saved."))
            return redirect("engagement:matching", account_uuid=account.uuid)
    if is_advance and advance_form.is_valid():
        try:
            matching_item_advance(
                actor=request.user,
                item=item,
                move=advance_form.advance_input(),
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(advance_form, error)
        else:
            messages.success(request, _("Stage updated."))
            return redirect("engagement:matching_edit", matching_uuid=item.uuid)
    context = _account_context(request, account, "engagement")
    context.update(
        {
            "item": item,
            "form": form,
            "advance_form": advance_form,
        }
    )
    status = 400 if form.errors or advance_form.errors else 200
    return render(request, "engagement/matching/edit.html", context, status=status)


def _unanswered_fields(request: AuthenticatedHttpRequest) -> list[str]:
    """The m_solution score fields of the org score sheet the user has left empty."""
    names = [f"value__{SOLUTION_CRITERION}__{index}" for index in range(MAX_ASSESSORS)]
    return [name for name in names if name in request.GET and not request.GET[name]]


def _solution_choices(template: AssessmentTemplate) -> list[tuple[str, str]]:
    """The m_solution levels exactly as the score sheet offers them (level · anchor)."""
    criterion = next(c for c in template.criteria.all() if c.code == SOLUTION_CRITERION)
    low, high = criterion.bounds(template)
    choices = [("", "—")]
    for level in range(int(low), int(high) + 1):
        anchor = criterion.anchor(level)
        choices.append((str(level), f"{level} · {anchor}" if anchor else str(level)))
    return choices


def prefilled_selects(names: list[str], value: Decimal) -> list[SafeString]:
    """The empty m_solution selects with the suggestion chosen (rounded down to a whole level),
    swapped out of band into the score sheet."""
    template = AssessmentTemplate.objects.filter(
        tool_code=ToolCode.ORG_SCORE_SHEET, is_current=True
    ).first()
    if template is None or not names:
        return []
    if not any(c.code == SOLUTION_CRITERION for c in template.criteria.all()):
        return []
    widget = forms.Select(choices=_solution_choices(template))
    level = str(int(value.to_integral_value(rounding=ROUND_FLOOR)))
    # Only the options are swapped in: the select keeps its name for screen readers (its
    # aria-label from the score sheet) and its error links.
    attrs = {"class": "select", "hx-swap-oob": "innerHTML"}
    return [widget.render(name, level, attrs={**attrs, "id": f"id_{name}"}) for name in names]


@login_required
@require_GET
def solution_hint_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    """htmx (org score sheet): the m_solution value derived from strategic matching; with
    ?prefill=1, the empty m_solution selects come back out of band with the suggestion chosen
    (only when a matching item is proven or delivered: an item starts unanswered)."""
    account = account_get_for_user(request.user, account_uuid)
    suggestion = m_solution_detail(account)
    selects = []
    if request.GET.get("prefill") == "1" and suggestion.has_evidence:
        selects = prefilled_selects(_unanswered_fields(request), suggestion.value)
    context = {"account": account, "suggestion": suggestion, "selects": selects}
    return render(request, "engagement/matching/partials/solution_hint.html", context)
