"""Pages of the engagement meeting area: the activity log, activity detail, the six-section meeting
record (form and printable page) and the action boards (per account, per user)."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
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
from kam.cards.forms import CardActionStatusForm
from kam.cards.services import card_action_update
from kam.core.exceptions import ApplicationError
from kam.core.htmx import is_htmx
from kam.core.views import apply_service_errors, paginate, querystring_without_page, safe_next_url
from kam.engagement.calendar.selectors import entry_queryset
from kam.engagement.choices import EntryStatus
from kam.engagement.meetings import services
from kam.engagement.meetings.actions import action_item_create, action_item_update
from kam.engagement.meetings.board import action_board_for
from kam.engagement.meetings.forms import (
    ActionItemEditForm,
    ActionItemForm,
    ActionStatusForm,
    ActivityEditForm,
    ActivityFilterForm,
    ActivityForm,
    MeetingForm,
    activity_initial_from_entry,
)
from kam.engagement.meetings.selectors import (
    action_item_queryset,
    activity_evidence,
    activity_list,
    activity_queryset,
    development_action_queryset,
    mark_overdue,
    meeting_queryset,
)
from kam.engagement.models import MeetingRecord
from kam.idempotency.pages import one_time_submission
from kam.ladder.selectors import ladder_rungs
from kam.users.http import AuthenticatedHttpRequest

SUBTABS = "engagement/_subtabs.html"


def _engagement_context(
    request: AuthenticatedHttpRequest, account: Account, subtab: str
) -> dict[str, object]:
    context = _account_context(request, account, "engagement")
    context.update({"subtabs": SUBTABS, "subtab": subtab})
    return context


def _activity_form(
    request: AuthenticatedHttpRequest, account: Account, initial: dict[str, object] | None = None
) -> ActivityForm:
    contacts = list(account.contacts.order_by("name"))
    return ActivityForm(
        request.POST or None,
        account=account,
        rungs=ladder_rungs(),
        contacts=contacts,
        initial=initial,
    )


@login_required
@require_http_methods(["GET", "POST"])
@one_time_submission
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
@require_http_methods(["GET", "POST"])
@one_time_submission
def entry_record_view(request: AuthenticatedHttpRequest, entry_uuid: str) -> HttpResponse:
    """记录本次会议/活动: the activity form filled from a planned entry; saving marks it done."""
    entry = object_get_for_user(request.user, entry_queryset(), entry_uuid, for_change=True)
    account = entry.account
    if entry.status not in (EntryStatus.PLANNED, EntryStatus.POSTPONED):
        messages.info(request, _("This entry is no longer planned: nothing to record."))
        return redirect("engagement:entry_edit", entry_uuid=entry.uuid)
    initial = activity_initial_from_entry(entry, timezone.localdate())
    form = _activity_form(request, account, initial)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_log(
                actor=request.user, account=account, activity=form.activity_input()
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Activity logged; the planned entry is done."))
            if request.POST.get("then") == "meeting":
                return redirect("engagement:meeting_edit", activity_uuid=activity.uuid)
            return redirect("engagement:activity_detail", activity_uuid=activity.uuid)
    context = _engagement_context(request, account, "calendar")
    context.update({"form": form, "entry": entry})
    status = 400 if form.errors else 200
    return render(request, "engagement/meetings/entry_record.html", context, status=status)


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
@one_time_submission
def action_board_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    """The account's actions by status (meeting actions and development-plan steps); POST adds
    an action agreed outside a recorded meeting."""
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
    context["board"] = action_board_for(account=account)
    context["board_scope"] = BOARD_ACCOUNT
    context["board_url"] = request.get_full_path()
    context["form"] = form
    status = 400 if form.errors else 200
    return render(request, "engagement/meetings/action_board.html", context, status=status)


@login_required
@require_GET
def my_actions_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """我的行动项: the meeting actions and development-plan steps the user owns."""
    context = {
        "board": action_board_for(user=request.user, owner=request.user),
        "board_scope": BOARD_MINE,
        "board_url": request.get_full_path(),
        "show_account": True,
        "can_change": not request.user.is_read_only,
    }
    return render(request, "engagement/meetings/my_actions.html", context)


BOARD_ACCOUNT = "account"
BOARD_MINE = "mine"


def _status_response(
    request: AuthenticatedHttpRequest, account: Account, item_uuid: str, error: str
) -> HttpResponse:
    """After a status change: the board's columns, counts and summary as out-of-band swaps (htmx),
    or back to the board the change came from."""
    is_mine = request.POST.get("board") == BOARD_MINE
    board_url = (
        reverse("engagement:my_actions")
        if is_mine
        else reverse("engagement:action_board", args=[account.uuid])
    )
    if not is_htmx(request):
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Action updated."))
        return redirect(board_url)
    if is_mine:
        board = action_board_for(user=request.user, owner=request.user)
    else:
        board = action_board_for(account=account)
    moved = next(
        (item for _status, items in board.columns for item in items if item.uuid == item_uuid), None
    )
    context = {
        "board": board,
        "oob": True,
        "board_scope": BOARD_MINE if is_mine else BOARD_ACCOUNT,
        "board_url": board_url,
        "show_account": is_mine,
        "can_change": True,
        "error": error,
        "error_uuid": item_uuid,
        "focus_id": f"status-{item_uuid}" if moved else "",
        "moved_to": _("Moved to {status}.").format(status=moved.status_label)
        if moved and not error
        else "",
    }
    return render(
        request,
        "engagement/meetings/partials/action_board.html",
        context,
        status=400 if error else 200,
    )


def _error_text(failure: ValidationError | ApplicationError) -> str:
    return "; ".join(getattr(failure, "messages", [str(failure)]))


def _status_error(form: forms.Form, update: Callable[[str], object]) -> str:
    """Apply a valid status form through `update`; the error text to show, or ""."""
    if not form.is_valid():
        return "; ".join(str(message) for message in form.errors.get("status", []))
    try:
        update(form.cleaned_data["status"])
    except (ValidationError, ApplicationError) as failure:
        return _error_text(failure)
    return ""


@login_required
@require_POST
def action_item_status_view(
    request: AuthenticatedHttpRequest, action_item_uuid: str
) -> HttpResponse:
    item = object_get_for_user(
        request.user, action_item_queryset(), action_item_uuid, for_change=True
    )
    error = _status_error(
        ActionStatusForm(request.POST),
        lambda status: action_item_update(
            actor=request.user, action_item=item, data={"status": status}
        ),
    )
    return _status_response(request, item.account, str(item.uuid), error)


@login_required
@require_POST
def card_action_status_view(request: AuthenticatedHttpRequest, action_uuid: str) -> HttpResponse:
    """Close, cancel or reopen a development-plan step from an action board."""
    action = object_get_for_user(
        request.user, development_action_queryset(), action_uuid, for_change=True
    )
    error = _status_error(
        CardActionStatusForm(request.POST),
        lambda status: card_action_update(
            actor=request.user, action=action, data={"status": status}
        ),
    )
    return _status_response(request, action.account, str(action.uuid), error)


@login_required
@require_http_methods(["GET", "POST"])
def action_item_edit_view(request: AuthenticatedHttpRequest, action_item_uuid: str) -> HttpResponse:
    """Edit, reassign or close a meeting action."""
    item = object_get_for_user(
        request.user, action_item_queryset(), action_item_uuid, for_change=True
    )
    form = ActionItemEditForm(request.POST or None, account=item.account, action_item=item)
    back = safe_next_url(request, reverse("engagement:action_board", args=[item.account.uuid]))
    if request.method == "POST" and form.is_valid():
        try:
            action_item_update(actor=request.user, action_item=item, data=form.cleaned_data)
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Action updated."))
            return redirect(back)
    context = _engagement_context(request, item.account, "actions")
    context.update({"form": form, "item": item, "back": back})
    status = 400 if form.errors else 200
    return render(request, "engagement/meetings/action_edit.html", context, status=status)
