"""Pages of the scoring engine: score an account, explain a snapshot, re-score it, history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kam.accounts.access import (
    account_get_for_user,
    can_change_account,
    can_record_answers_for,
    object_get_for_user,
)
from kam.accounts.models import Account
from kam.accounts.selectors import account_team
from kam.accounts.views import _account_context
from kam.assessments import services
from kam.assessments.choices import ToolCode
from kam.assessments.forms import AssessmentForm
from kam.assessments.models import Assessment, AssessmentTemplate
from kam.assessments.selectors import assessment_explanation, assessment_history, template_current
from kam.core.exceptions import ApplicationError
from kam.core.views import apply_service_errors
from kam.idempotency.pages import one_time_submission
from kam.users.http import AuthenticatedHttpRequest
from kam.users.models import User

# Instruments scored with the generic form; the scorecard and the survey have their own pages.
GENERIC_TOOLS: dict[str, str] = {
    ToolCode.RELATIONSHIP_TEST: "relationship",
    ToolCode.ORG_SCORE_SHEET: "relationship",
}
# The account tab that each other instrument's snapshot page belongs to.
TOOL_TABS: dict[str, str] = {
    **GENERIC_TOOLS,
    ToolCode.SATISFACTION: "relationship",
    ToolCode.BROAD_KPI: "broad",
    ToolCode.VALUE_LADDER: "value",
}
ASSESSMENT_QUERYSET = Assessment.objects.select_related(
    "template", "account", "account__owner", "created_by", "supersedes"
)


def _generic_tool(tool_code: str) -> str:
    if tool_code not in GENERIC_TOOLS:
        raise Http404(_("This instrument has its own page."))
    return tool_code


def _assessors(request: AuthenticatedHttpRequest, account: Account) -> list[User]:
    """The assessors chosen in the form header (team members whose answers the user may record:
    `can_record_answers_for`), default: the current user."""
    team = {str(member.user.uuid): member.user for member in account_team(account=account)}
    chosen = [
        team[uuid]
        for uuid in request.GET.getlist("assessors")
        if uuid in team and can_record_answers_for(request.user, account, team[uuid])
    ]
    if not chosen:
        chosen = [request.user]
    return list(dict.fromkeys(chosen))[:5]


@login_required
@require_http_methods(["GET", "POST"])
@one_time_submission
def assessment_new_view(
    request: AuthenticatedHttpRequest, account_uuid: str, tool_code: str
) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    template = template_current(tool_code=_generic_tool(tool_code))
    source = None
    if request.GET.get("from"):
        source = object_get_for_user(
            request.user, ASSESSMENT_QUERYSET.filter(account=account), request.GET["from"]
        )
    assessors = _assessors(request, account)
    form = AssessmentForm(
        request.POST or None, template=template, assessors=assessors, source=source
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_submit(
                actor=request.user,
                account=account,
                template=template,
                data=services.AssessmentInput(
                    period=form.cleaned_data["period"],
                    assessed_on=form.cleaned_data["assessed_on"],
                    answers=form.answers(),
                    assessors=assessors,
                    note=form.cleaned_data["note"],
                ),
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Assessment saved as a snapshot."))
            return redirect("assessments:detail", assessment_uuid=assessment.uuid)
    context = _account_context(request, account, GENERIC_TOOLS[tool_code])
    context.update(
        {
            "form": form,
            "template": template,
            "assessors": assessors,
            "team": list(account_team(account=account)),
            "source": source,
        }
    )
    return render(request, "assessments/form.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def assessment_detail_view(request: AuthenticatedHttpRequest, assessment_uuid: str) -> HttpResponse:
    assessment = object_get_for_user(request.user, ASSESSMENT_QUERYSET, assessment_uuid)
    account = assessment.account
    context = _account_context(request, account, TOOL_TABS.get(assessment.tool_code, "scorecard"))
    context.update(
        {
            "explanation": assessment_explanation(assessment=assessment),
            "assessment": assessment,
            "assessors": list(assessment.assessors.all()),
            "versions": AssessmentTemplate.objects.filter(tool_code=assessment.tool_code)
            .exclude(pk=assessment.template_id)
            .order_by("-version"),
            "can_correct": can_change_account(request.user, account)
            and assessment.tool_code in GENERIC_TOOLS,
        }
    )
    return render(request, "assessments/detail.html", context)


@login_required
@require_POST
def assessment_rescore_view(
    request: AuthenticatedHttpRequest, assessment_uuid: str
) -> HttpResponse:
    assessment = object_get_for_user(
        request.user, ASSESSMENT_QUERYSET, assessment_uuid, for_change=True
    )
    template_uuid = request.POST.get("template")
    template = (
        AssessmentTemplate.objects.filter(
            tool_code=assessment.tool_code, uuid=template_uuid
        ).first()
        if template_uuid
        else None
    )
    if template is None:
        messages.error(request, _("Choose a template version to re-score under."))
        return redirect("assessments:detail", assessment_uuid=assessment.uuid)
    try:
        rescored = services.assessment_rescore(
            actor=request.user, assessment=assessment, template=template
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("assessments:detail", assessment_uuid=assessment.uuid)
    messages.success(request, rescored.note)
    return redirect("assessments:detail", assessment_uuid=rescored.uuid)


@login_required
@require_GET
def assessment_history_view(
    request: AuthenticatedHttpRequest, account_uuid: str, tool_code: str
) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    if tool_code not in ToolCode.values:
        raise Http404(_("Unknown instrument."))
    context = _account_context(request, account, GENERIC_TOOLS.get(tool_code, "scorecard"))
    context.update(
        {
            "tool_code": tool_code,
            "tool_label": ToolCode(tool_code).label,
            "snapshots": list(assessment_history(account=account, tool_code=tool_code)[:200]),
            "can_score": can_change_account(request.user, account) and tool_code in GENERIC_TOOLS,
        }
    )
    return render(request, "assessments/history.html", context)
