"""Pages of the engagement meeting area: the activity log, activity detail, the six-section meeting
record (form and printable page) and the action boards (per account, per user)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kam.accounts.access import (
    account_get_for_user,
    account_workers,
    can_change_account,
    object_get_for_user,
)
from kam.accounts.models import Account
from kam.accounts.views import _account_context
from kam.core.exceptions import ApplicationError
from kam.core.htmx import is_htmx
from kam.core.views import apply_service_errors, paginate, querystring_without_page
from kam.engagement.choices import ActionStatus
from kam.engagement.meetings import services
from kam.engagement.meetings.actions import action_item_create, action_item_update
from kam.engagement.meetings.forms import (
    ActionItemForm,
    ActionStatusForm,
    ActivityEditForm,
    ActivityFilterForm,
    ActivityForm,
    MeetingForm,
)
from kam.engagement.meetings.selectors import (
    action_board,
    action_item_list,
    action_item_queryset,
    activity_evidence,
    activity_list,
    activity_queryset,
    mark_overdue,
    meeting_queryset,
)
from kam.engagement.models import MeetingRecord
from kam.ladder.selectors import ladder_rungs
from kam.users.http import AuthenticatedHttpRequest

SUBTABS = "engagement/_subtabs.html"


def _engagement_context(
    request: AuthenticatedHttpRequest, account: Account, subtab: str
) -> dict[str, object]:
    context = _account_context(request, account, "engagement")
    context.update({"subtabs": SUBTABS, "subtab": subtab})
    return context


def _activity_form(request: AuthenticatedHttpRequest, account: Account) -> ActivityForm:
    contacts = list(account.contacts.order_by("name"))
    return ActivityForm(
        request.POST or None, account=account, rungs=ladder_rungs(), contacts=contacts
    )


@login_required
@require_http_methods(["GET", "POST"])
def activities_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid, for_change=request.method == "POST")
    form = _activity_form(request, account) if can_change_account(request.user, account) else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            activity = services.activity_log(
                actor=request.user, account=account, activity=form.activity_input()
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Activity logged."))
            return redirect("engagement:activity_detail", activity_uuid=activity.uuid)
    filters = ActivityFilterForm(request.GET or None)
    values = filters.cleaned_data if filters.is_valid() else {}
    activities = activity_list(
        account=account,
        mechanism=values.get("mechanism"),
        date_from=values.get("date_from"),
        date_to=values.get("date_to"),
    )
    context = _engagement_context(request, account, "activities")
    context.update(
        {
            "form": form,
            "filters": filters,
            "page": paginate(request, activities),
            "querystring": querystring_without_page(request),
        }
    )
    if is_htmx(request) and request.method == "GET":
        return render(request, "engagement/meetings/partials/activity_table.html", context)
    status = 400 if form is not None and form.errors else 200
    return render(request, "engagement/meetings/activities.html", context, status=status)


@login_required
@require_GET
def activity_detail_view(request: AuthenticatedHttpRequest, activity_uuid: str) -> HttpResponse:
    activity = object_get_for_user(request.user, activity_queryset(), activity_uuid)
    context = _engagement_context(request, activity.account, "activities")
    evidence = activity_evidence(activity)
    labels = {code: f"L{level} {label}" for level, code, label in ladder_rungs()}
    for link in evidence:
        rung_label = labels.get(link.evidence.rung_code, link.evidence.rung_code)
        link.rung_label = rung_label  # type: ignore[attr-defined]  # read by the template
    context.update({"activity": activity, "evidence": evidence})
    return render(request, "engagement/meetings/activity_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit_view(request: AuthenticatedHttpRequest, activity_uuid: str) -> HttpResponse:
    """Correct what was logged; the ladder evidence it created stays as recorded."""
    activity = object_get_for_user(
        request.user, activity_queryset(), activity_uuid, for_change=True
    )
    form = ActivityEditForm(request.POST or None, activity=activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(actor=request.user, activity=activity, data=form.cleaned_data)
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Activity saved."))
            return redirect("engagement:activity_detail", activity_uuid=activity.uuid)
    context = _engagement_context(request, activity.account, "activities")
    context.update({"activity": activity, "form": form})
    status = 400 if form.errors else 200
    return render(request, "engagement/meetings/activity_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit_view(request: AuthenticatedHttpRequest, activity_uuid: str) -> HttpResponse:
    activity = object_get_for_user(
        request.user, activity_queryset(), activity_uuid, for_change=True
    )
    meeting = MeetingRecord.objects.filter(activity=activity).first()
    initial = {}
    issues = list(meeting.issues.all()) if meeting is not None else []
    if meeting is not None:
        initial = {name: getattr(meeting, name) for name in services.MEETING_FIELDS}
        for row, issue in enumerate(issues, start=1):
            initial.update(
                {
                    f"issue_{row}_text": issue.text,
                    f"issue_{row}_domain": issue.domain,
                    f"issue_{row}_need_type": issue.need_type,
                    f"issue_{row}_priority": issue.priority,
                }
            )
    form = MeetingForm(
        request.POST or None,
        initial=initial,
        activity=activity,
        users=list(account_workers(activity.account).order_by("username")),
        contacts=list(activity.account.contacts.order_by("name")),
        can_schedule=meeting is None or meeting.next_entry_id is None,
        issue_count=len(issues) + 1,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.meeting_record_save(
                actor=request.user, activity=activity, record=form.record_input()
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Meeting record saved."))
            return redirect("engagement:meeting_detail", meeting_uuid=saved.uuid)
    context = _engagement_context(request, activity.account, "activities")
    context.update(
        {
            "form": form,
            "activity": activity,
            "meeting": meeting,
            "existing_actions": list(meeting.action_items.all()) if meeting else [],
        }
    )
    status = 400 if form.errors else 200
    return render(request, "engagement/meetings/meeting_form.html", context, status=status)


@login_required
@require_GET
def meeting_detail_view(request: AuthenticatedHttpRequest, meeting_uuid: str) -> HttpResponse:
    meeting = object_get_for_user(request.user, meeting_queryset(), meeting_uuid)
    context = _engagement_context(request, meeting.account, "activities")
    actions = list(meeting.action_items.all())
    mark_overdue(actions)
    context.update({"meeting": meeting, "activity": meeting.activity, "actions": actions})
    return render(request, "engagement/meetings/meeting_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def action_board_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    """The account's actions by status; POST adds an action agreed outside a recorded meeting."""
    account = account_get_for_user(request.user, account_uuid)
    form = ActionItemForm(request.POST or None, account=account)
    if request.method == "POST":
        account = account_get_for_user(request.user, account_uuid, for_change=True)
        if form.is_valid():
            try:
                action_item_create(actor=request.user, account=account, action=form.action_input())
            except (ValidationError, ApplicationError) as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Action added."))
                return redirect("engagement:action_board", account_uuid=account.uuid)
    context = _engagement_context(request, account, "actions")
    context["board"] = action_board(action_item_list(account=account))
    context["status_choices"] = ActionStatus.choices
    context["form"] = form
    status = 400 if form.errors else 200
    return render(request, "engagement/meetings/action_board.html", context, status=status)


@login_required
@require_GET
def my_actions_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    items = action_item_list(user=request.user, owner=request.user)
    context = {
        "board": action_board(items),
        "show_account": True,
        "status_choices": ActionStatus.choices,
        "can_change": not request.user.is_read_only,
    }
    return render(request, "engagement/meetings/my_actions.html", context)


@login_required
@require_POST
def action_item_status_view(
    request: AuthenticatedHttpRequest, action_item_uuid: str
) -> HttpResponse:
    item = object_get_for_user(
        request.user, action_item_queryset(), action_item_uuid, for_change=True
    )
    form = ActionStatusForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            item = action_item_update(
                actor=request.user, action_item=item, data={"status": form.cleaned_data["status"]}
            )
        except (ValidationError, ApplicationError) as failure:
            error = "; ".join(getattr(failure, "messages", [str(failure)]))
    else:
        error = "; ".join(str(message) for message in form.errors.get("status", []))
    if is_htmx(request):
        item = action_item_queryset().get(pk=item.pk)
        mark_overdue([item])
        context = {
            "item": item,
            "error": error,
            "show_account": request.POST.get("show_account") == "1",
            "can_change": True,
            "status_choices": ActionStatus.choices,
        }
        return render(
            request,
            "engagement/meetings/partials/action_card.html",
            context,
            status=400 if error else 200,
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Action updated."))
    return redirect("engagement:action_board", account_uuid=item.account.uuid)
