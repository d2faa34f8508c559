"""Pages of the needs register (thin views over its services and selectors)."""

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kam.accounts.access import account_get_for_user, object_get_for_user
from kam.accounts.models import Account
from kam.accounts.views import _account_context
from kam.core.exceptions import ApplicationError
from kam.core.views import apply_service_errors, paginate, querystring_without_page, safe_next_url
from kam.engagement.choices import NeedType, Priority
from kam.engagement.meetings.selectors import meeting_queryset
from kam.engagement.models import MeetingRecord
from kam.idempotency.pages import one_time_submission
from kam.needs import services
from kam.needs.charts import need_matrix_option
from kam.needs.choices import IcebergLayer, NeedSource, NeedVisibility
from kam.needs.forms import NeedAddressForm, NeedFilterForm, NeedForm
from kam.needs.models import Need
from kam.needs.selectors import (
    NeedRow,
    account_needs,
    contacts_with_needs,
    need_figures,
    need_matrix_points,
    need_rows,
    needs_by_contact,
    needs_queryset,
)
from kam.users.http import AuthenticatedHttpRequest

# A stand-in id: the list reverses each row's links once per page and puts the need's id in.
LINK_MARKER = "00000000-0000-0000-0000-000000000000"
PRIORITY_IMPORTANCE: dict[str, int] = {Priority.HIGH: 5, Priority.MEDIUM: 3, Priority.LOW: 2}


def _load(request: AuthenticatedHttpRequest, need_uuid: str, *, for_change: bool) -> Need:
    return object_get_for_user(
        request.user, needs_queryset(request.user), need_uuid, for_change=for_change
    )


def _create(
    request: AuthenticatedHttpRequest, account: Account, form: NeedForm, **extra: object
) -> Need | None:
    if not form.is_valid():
        return None
    try:
        need = services.need_create(
            actor=request.user, account=account, need=form.need_input(**extra)
        )
    except (ValidationError, ApplicationError) as error:
        apply_service_errors(form, error)
        return None
    messages.success(request, _("Need recorded."))
    return need


def _with_links(rows: list[NeedRow]) -> list[NeedRow]:
    """Each row's edit and address links; reverse() once per page rather than per row (it was
    a third of the list's rendering time)."""
    edit = reverse("needs:edit", args=[LINK_MARKER])
    address = reverse("needs:address", args=[LINK_MARKER])
    return [
        replace(
            row,
            edit_url=edit.replace(LINK_MARKER, str(row.need.uuid)),
            address_url=address.replace(LINK_MARKER, str(row.need.uuid)),
        )
        for row in rows
    ]


def _error_text(error: ValidationError | ApplicationError) -> str:
    return error.message if isinstance(error, ApplicationError) else " ".join(error.messages)


def _status(*forms: BaseForm) -> int:
    return 400 if any(form.errors for form in forms) else 200


@login_required
@require_GET
def account_needs_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    filter_form = NeedFilterForm(request.GET or None, contacts=contacts_with_needs(account=account))
    filters = filter_form.filters()
    page = paginate(request, account_needs(account=account, filters=filters))
    context = _account_context(request, account, "value")
    context.update(
        {
            "filter_form": filter_form,
            "filters": filters,
            "figures": need_figures(account=account),
            "matrix_option": need_matrix_option(need_matrix_points(account=account)),
            "page": page,
            "groups": needs_by_contact(_with_links(need_rows(page.object_list))),
            "querystring": querystring_without_page(request),
            "next_url": request.get_full_path(),
            "subtab": "needs",
        }
    )
    return render(request, "needs/account.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@one_time_submission
def need_new_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    is_post = request.method == "POST"
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    form = NeedForm(request.POST if is_post else None, account=account)
    if is_post and _create(request, account, form):
        return redirect("needs:account", account_uuid=account.uuid)
    context = _account_context(request, account, "value")
    context.update({"form": form, "subtab": "needs"})
    return render(request, "needs/new.html", context, status=_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def need_edit_view(request: AuthenticatedHttpRequest, need_uuid: str) -> HttpResponse:
    is_post = request.method == "POST"
    need = _load(request, need_uuid, for_change=is_post)
    account = need.account
    form = NeedForm(request.POST if is_post else None, instance=need, account=account)
    if is_post and form.is_valid():
        try:
            services.need_update(
                actor=request.user,
                need=need,
                data=form.need_data(),
                expected_version=form.cleaned_data["version"],
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Need saved."))
            return redirect("needs:account", account_uuid=account.uuid)
    context = _account_context(request, account, "value")
    context.update(
        {
            "need": need,
            "form": form,
            "address_form": NeedAddressForm(initial={"domain": need.domain}),
            "subtab": "needs",
        }
    )
    return render(request, "needs/edit.html", context, status=_status(form))


def _back(request: AuthenticatedHttpRequest, need: Need) -> HttpResponseRedirect:
    """Back to the page the button was on (the list or the need), never to another site."""
    default = reverse("needs:account", kwargs={"account_uuid": need.account.uuid})
    return redirect(safe_next_url(request, default))


@login_required
@require_POST
def need_status_view(request: AuthenticatedHttpRequest, need_uuid: str) -> HttpResponse:
    """Drop a need, or reopen a dropped one."""
    need = _load(request, need_uuid, for_change=True)
    action = services.need_drop if request.POST.get("action") == "drop" else services.need_reopen
    try:
        action(actor=request.user, need=need)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        if action is services.need_drop:
            messages.success(request, _("Need dropped."))
        else:
            messages.success(request, _("Need reopened."))
    return _back(request, need)


@login_required
@require_POST
def need_address_view(request: AuthenticatedHttpRequest, need_uuid: str) -> HttpResponse:
    """为此需求制定匹配方案: a matching item from the need, linked; the need is addressed."""
    need = _load(request, need_uuid, for_change=True)
    form = NeedAddressForm(request.POST or {"domain": need.domain})
    domain = form.cleaned_data["domain"] if form.is_valid() else need.domain
    try:
        item = services.need_address(actor=request.user, need=need, domain=domain)
    except (ValidationError, ApplicationError) as error:
        messages.error(request, _error_text(error))
        return _back(request, need)
    messages.success(
        request,
        _("Matching item created from the need: complete the key help and the value outcome."),
    )
    if request.POST.get("then") == "matching":
        return redirect("engagement:matching_edit", matching_uuid=item.uuid)
    return _back(request, need)


def _meeting_initial(meeting: MeetingRecord, position: str | None) -> dict[str, object]:
    """The need's fields taken from one issue of the meeting's 区分 section (?issue=position)."""
    issue = next((i for i in meeting.issues.all() if str(i.position) == position), None)
    if issue is None:
        return {}
    is_implicit = issue.need_type == NeedType.IMPLICIT
    return {
        "title": issue.text[:200],
        "domain": issue.domain,
        "visibility": NeedVisibility.IMPLICIT if is_implicit else NeedVisibility.EXPLICIT,
        "source": NeedSource.OBSERVED if is_implicit else NeedSource.STATED,
        "iceberg_layer": IcebergLayer.BUSINESS if is_implicit else IcebergLayer.SURFACE,
        "importance": PRIORITY_IMPORTANCE.get(issue.priority, 3),
    }


@login_required
@require_http_methods(["GET", "POST"])
@one_time_submission
def meeting_need_new_view(request: AuthenticatedHttpRequest, meeting_uuid: str) -> HttpResponse:
    """Add a need heard in a meeting (its 区分 section): the need keeps the meeting as source."""
    is_post = request.method == "POST"
    meeting = object_get_for_user(request.user, meeting_queryset(), meeting_uuid, for_change=True)
    account = meeting.account
    form = NeedForm(
        request.POST if is_post else None,
        account=account,
        initial=_meeting_initial(meeting, request.GET.get("issue")),
    )
    if is_post and _create(request, account, form, source_meeting=meeting):
        return redirect("engagement:meeting_detail", meeting_uuid=meeting.uuid)
    context = _account_context(request, account, "value")
    context.update({"meeting": meeting, "form": form, "subtab": "needs"})
    return render(request, "needs/from_meeting.html", context, status=_status(form))
