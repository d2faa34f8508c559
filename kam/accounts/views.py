"""Pages for key accounts: list, account 360 and its tabs, create/edit/delete, team."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kam.accounts import services
from kam.accounts.access import (
    account_get_for_user,
    can_change_account,
    can_create_account,
    can_manage_reference_data,
    can_manage_team,
    object_get_for_user,
    require,
)
from kam.accounts.forms import (
    AccountFilterForm,
    AccountForm,
    AccountGroupForm,
    CompetitorForm,
    TeamMemberForm,
)
from kam.accounts.models import Account, AccountGroup, AccountTeamMembership, Competitor
from kam.accounts.selectors import (
    AccountFilters,
    account_group_list,
    account_list,
    account_team,
    competitor_list,
)
from kam.audit.forms import AuditFilterForm
from kam.audit.selectors import (
    account_audit_entries,
    account_audit_filter_choices,
    audit_for_record,
    audit_rows,
)
from kam.core.exceptions import ApplicationError
from kam.core.htmx import is_htmx
from kam.core.views import (
    apply_service_errors,
    paginate,
    paginate_by_slice,
    querystring_without_page,
)
from kam.idempotency.pages import one_time_submission
from kam.lib.export import csv_response
from kam.users.http import AuthenticatedHttpRequest
from kam.users.models import User

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Entries per page of the history tab (each entry lists its changed fields).
HISTORY_PAGE_SIZE = 50

# Tool tabs of the account 360: (code, label, URL name taking the account uuid). A tab whose
# tool has not been released yet has no URL name and shows as reserved.
TOOL_TABS = [
    ("scorecard", gettext_lazy("Scorecard & category"), "scorecard:account"),
    ("relationship", gettext_lazy("Relationship assessment"), "relationship:account"),
    ("key_persons", gettext_lazy("Key persons & power map"), "powermap:account"),
    ("engagement", gettext_lazy("Engagement calendar"), "engagement:calendar"),
    # A short English label: eleven tabs stay on one line at 1440 px.
    ("broad", pgettext_lazy("account tab", "Broad ties"), "broad:matrix"),
    ("value", gettext_lazy("Needs & value"), "needs:account"),
    ("plan", pgettext_lazy("account tab", "Plan"), "plans:account"),
]


def _filters(form: AccountFilterForm) -> AccountFilters:
    if not form.is_valid():
        return AccountFilters()
    data = form.cleaned_data
    owner = data.get("owner")
    return AccountFilters(
        query=data.get("q") or "",
        industry=data.get("industry") or "",
        region=data.get("region") or "",
        status=data.get("status") or "",
        category=data.get("category") or "",
        owner_uuid=str(owner.uuid) if owner else "",
        sort=data.get("sort") or "name",
    )


@login_required
@require_GET
def account_list_view(request: AuthenticatedHttpRequest) -> HttpResponseBase:
    form = AccountFilterForm(request.GET or None)
    accounts = account_list(user=request.user, filters=_filters(form))
    if request.GET.get("export") == "csv":
        return _accounts_csv(accounts)
    page = paginate(request, accounts)
    context = {
        "form": form,
        "page": page,
        "querystring": querystring_without_page(request),
        "can_create": can_create_account(request.user),
    }
    template = "accounts/partials/account_table.html" if is_htmx(request) else "accounts/list.html"
    return render(request, template, context)


def _accounts_csv(accounts: QuerySet[Account]) -> StreamingHttpResponse:
    header = [
        _("Name"),
        _("Name in the other language"),
        _("Industry"),
        _("Region"),
        _("Status"),
        _("Category"),
        _("Account manager"),
        _("Account group"),
        _("Parent account"),
        _("Currency"),
        _("Current annual revenue"),
    ]
    rows = (
        [
            account.name,
            account.alternate_name,
            account.get_industry_display(),
            account.get_region_display(),
            account.get_status_display(),
            account.get_category_display(),
            account.owner,
            account.group or "",
            account.parent.name if account.parent else "",
            account.currency,
            account.current_revenue,
        ]
        for account in accounts.iterator(chunk_size=2000)
    )
    return csv_response("accounts.csv", header, rows)


@login_required
@require_http_methods(["GET", "POST"])
@one_time_submission
def account_create_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(can_create_account(request.user))
    form = AccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            account = services.account_create(
                actor=request.user, data=services.AccountInput(**data)
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Account created."))
            return redirect("workspace:account", account_uuid=account.uuid)
    status = 400 if form.errors else 200
    return render(request, "accounts/form.html", {"form": form}, status=status)


def _account_context(
    request: AuthenticatedHttpRequest, account: Account, tab: str
) -> dict[str, object]:
    return {
        "account": account,
        "tab": tab,
        "tool_tabs": TOOL_TABS,
        "team": list(account_team(account=account)),
        "can_change": can_change_account(request.user, account),
        "can_manage_team": can_manage_team(request.user, account),
    }


@login_required
@require_GET
def account_history_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    choices = account_audit_filter_choices(account_uuid=account.uuid)
    form = AuditFilterForm(request.GET or None, choices=choices)
    record_type, actor = form.selected()
    entries = account_audit_entries(account_uuid=account.uuid, record_type=record_type, actor=actor)
    page = paginate_by_slice(request, entries, per_page=HISTORY_PAGE_SIZE)
    context = {
        "account": account,
        "form": form,
        "page": page,
        "audit_rows": audit_rows(page.object_list),
        "querystring": querystring_without_page(request),
    }
    if is_htmx(request):
        return render(request, "accounts/partials/history_table.html", context)
    context.update(_account_context(request, account, "history"))
    return render(request, "accounts/history.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def account_team_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    form = TeamMemberForm(request.POST or None)
    if request.method == "POST":
        require(can_manage_team(request.user, account))
        if form.is_valid():
            try:
                services.team_member_add(
                    actor=request.user,
                    account=account,
                    user=form.cleaned_data["user"],
                    team_role=form.cleaned_data["team_role"],
                )
            except (ValidationError, ApplicationError) as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Team member added."))
                return redirect("accounts:team", account_uuid=account.uuid)
    context = _account_context(request, account, "team")
    context["form"] = form
    return render(request, "accounts/team.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def account_team_remove_view(
    request: AuthenticatedHttpRequest, account_uuid: str, membership_uuid: str
) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    membership = object_get_for_user(
        request.user,
        AccountTeamMembership.objects.filter(account=account).select_related("account", "user"),
        membership_uuid,
    )
    try:
        services.team_member_remove(actor=request.user, membership=membership)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Team member removed."))
    return redirect("accounts:team", account_uuid=account.uuid)


@login_required
@require_http_methods(["GET", "POST"])
def account_edit_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    form = AccountForm(request.POST or None, instance=account, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            # The form already wrote the cleaned values onto a copy; the service re-applies them
            # to a fresh instance so that the audit sees the stored "before" values.
            fresh = account_get_for_user(request.user, account_uuid, for_change=True)
            services.account_update(
                actor=request.user,
                account=fresh,
                data=form.cleaned_data,
                expected_version=form.cleaned_data["version"],
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Account saved."))
            return redirect("workspace:account", account_uuid=account.uuid)
    status = 400 if form.errors else 200
    return render(request, "accounts/form.html", {"form": form, "account": account}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def account_delete_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    require(can_manage_team(request.user, account))
    if request.method == "POST":
        try:
            services.account_delete(actor=request.user, account=account)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("workspace:account", account_uuid=account.uuid)
        messages.success(request, _("Account deleted."))
        return redirect("accounts:list")
    return render(request, "accounts/confirm_delete.html", {"account": account})


@dataclass(frozen=True)
class ReferenceDataKind:
    """One kind of portfolio reference data (competitors, account groups) and its two pages."""

    model: type[Competitor] | type[AccountGroup]
    form_class: type[CompetitorForm] | type[AccountGroupForm]
    rows: Callable[[], QuerySet]
    create: Callable[..., object]
    update: Callable[[User, Any, dict[str, object]], object]
    rows_name: str  # the list's URL name, template and context name: "competitors"
    record_name: str  # the edit page's template and context name: "competitor"
    added_message: "StrOrPromise"
    saved_message: "StrOrPromise"

    @property
    def list_url(self) -> str:
        return f"accounts:{self.rows_name}"


COMPETITORS = ReferenceDataKind(
    model=Competitor,
    form_class=CompetitorForm,
    rows=competitor_list,
    create=services.competitor_create,
    update=lambda actor, record, data: services.competitor_update(
        actor=actor, competitor=record, data=data
    ),
    rows_name="competitors",
    record_name="competitor",
    added_message=gettext_lazy("Competitor added."),
    saved_message=gettext_lazy("Competitor saved."),
)
GROUPS = ReferenceDataKind(
    model=AccountGroup,
    form_class=AccountGroupForm,
    rows=account_group_list,
    create=services.account_group_create,
    update=lambda actor, record, data: services.account_group_update(
        actor=actor, group=record, data=data
    ),
    rows_name="groups",
    record_name="group",
    added_message=gettext_lazy("Account group added."),
    saved_message=gettext_lazy("Account group saved."),
)


def _reference_list(request: AuthenticatedHttpRequest, kind: ReferenceDataKind) -> HttpResponse:
    """The list of one kind of reference data, with its add form (for those who manage it)."""
    form = kind.form_class(request.POST or None)
    if request.method == "POST":
        require(can_manage_reference_data(request.user))
        if form.is_valid():
            try:
                kind.create(actor=request.user, **form.cleaned_data)
            except (ValidationError, ApplicationError) as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, kind.added_message)
                return redirect(kind.list_url)
    context = {
        "form": form,
        kind.rows_name: list(kind.rows()),
        "can_manage": can_manage_reference_data(request.user),
    }
    return render(
        request, f"accounts/{kind.rows_name}.html", context, status=400 if form.errors else 200
    )


def _reference_edit(
    request: AuthenticatedHttpRequest, kind: ReferenceDataKind, record_uuid: str
) -> HttpResponse:
    """The edit page of one reference-data record, with its history."""
    require(can_manage_reference_data(request.user))
    record = get_object_or_404(kind.model, uuid=record_uuid)  # portfolio reference data
    form = kind.form_class(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        fresh = kind.model.objects.get(pk=record.pk)
        try:
            kind.update(request.user, fresh, form.cleaned_data)
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, kind.saved_message)
            return redirect(kind.list_url)
    context = {
        "form": form,
        kind.record_name: record,
        "audit_rows": audit_for_record(instance=record),
    }
    return render(
        request,
        f"accounts/{kind.record_name}_form.html",
        context,
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def competitor_list_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _reference_list(request, COMPETITORS)


@login_required
@require_http_methods(["GET", "POST"])
def competitor_edit_view(request: AuthenticatedHttpRequest, competitor_uuid: str) -> HttpResponse:
    return _reference_edit(request, COMPETITORS, competitor_uuid)


@login_required
@require_http_methods(["GET", "POST"])
def group_list_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _reference_list(request, GROUPS)


@login_required
@require_http_methods(["GET", "POST"])
def group_edit_view(request: AuthenticatedHttpRequest, group_uuid: str) -> HttpResponse:
    return _reference_edit(request, GROUPS, group_uuid)
