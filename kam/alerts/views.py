"""Pages of the alert centre: the open alerts a user may see (filters, reasons, fix links, when
they were computed), an account's alerts, and the thresholds' settings page. Pages only read:
the alerts are computed by the background refresh."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kam.accounts.access import account_get_for_user, can_administer_portfolio, require
from kam.accounts.views import _account_context
from kam.alerts.forms import AlertFilterForm, AlertRulesForm
from kam.alerts.models import AlertRules
from kam.alerts.selectors import (
    AlertRow,
    alert_managers,
    alert_rows,
    alert_rules,
    alert_rules_history,
    open_alerts,
    refresh_status,
)
from kam.alerts.services import RULES_FIELDS, alert_rules_update, can_change_alert_rules
from kam.alerts.tasks import refresh_alerts
from kam.core.exceptions import ApplicationError
from kam.core.htmx import is_htmx
from kam.core.views import apply_service_errors, paginate_by_slice, querystring_without_page
from kam.users.http import AuthenticatedHttpRequest

PAGE_SIZE = 50
ROW = (
    '<tr data-testid="alert-row" data-kind="{kind}"><td data-label="{severity_label}">'
    '<span class="badge severity-{severity}">{severity_text}</span></td>'
    '<td data-label="{account_label}"><a href="{account_url}">{account}</a></td>{manager}'
    '<td data-label="{kind_label}">{label}</td><td data-label="{why_label}">{reason}</td>'
    '<td data-label="{since_label}">{since}</td>'
    '<td><a class="button" href="{fix_url}">{fix_label}</a></td></tr>'
)


def _rows_html(rows: list[AlertRow], *, show_manager: bool) -> SafeString:
    """The table's rows, built once here (fifty rows of seven cells: no template lookups)."""
    labels = {
        "severity_label": _("Severity"), "account_label": _("Account"), "kind_label": _("Kind"),
        "why_label": _("Why"), "since_label": _("Since"), "fix_label": _("Fix it"),
    }  # fmt: skip
    manager_label = _("Account manager")
    return format_html_join(
        "",
        ROW,
        (
            {
                "kind": row.alert.kind,
                "severity": row.alert.severity,
                "severity_text": row.severity_label,
                "account_url": row.account_url,
                "account": row.alert.account.name,
                "label": row.label,
                "reason": row.reason,
                "since": row.since,
                "fix_url": row.fix_url,
                "manager": format_html('<td data-label="{}">{}</td>', manager_label, row.manager)
                if show_manager
                else "",
                **labels,
            }
            for row in rows
        ),
    )


@login_required
@require_GET
def alert_list_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The alert centre: the open alerts of every account the user may see."""
    is_director = can_administer_portfolio(request.user)
    managers = alert_managers(user=request.user) if is_director else None
    form = AlertFilterForm(request.GET or None, managers=managers)
    alerts = open_alerts(user=request.user, filters=form.filters())
    page = paginate_by_slice(request, alerts, per_page=PAGE_SIZE)
    rows = alert_rows(page.object_list)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "rows_html": _rows_html(rows, show_manager=is_director),
        "querystring": querystring_without_page(request),
        "status": refresh_status(),
        "is_filtered": bool(request.GET.get("kind") or request.GET.get("severity")
                            or request.GET.get("manager") or request.GET.get("account")),
        "can_change_rules": can_change_alert_rules(request.user),
        "show_manager": is_director,
    }  # fmt: skip
    if is_htmx(request):
        return render(request, "alerts/partials/alert_table.html", context)
    return render(request, "alerts/list.html", context)


@login_required
@require_GET
def account_alerts_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    """One account's open alerts."""
    account = account_get_for_user(request.user, account_uuid)
    rows = alert_rows(list(open_alerts(user=request.user, account=account)[:PAGE_SIZE]))
    context = _account_context(request, account, "alerts")
    context.update(
        {
            "rows": rows,
            "rows_html": _rows_html(rows, show_manager=False),
            "status": refresh_status(),
        }
    )
    return render(request, "alerts/account.html", context)


@login_required
@require_POST
def account_refresh_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    """The team asks for the account's alerts to be computed again (a background job)."""
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    transaction.on_commit(lambda: refresh_alerts.enqueue(account_ids=[account.pk]))
    messages.success(request, _("The alerts of this account are being computed again."))
    return redirect("alerts:account", account_uuid=account.uuid)


def _rules_copy(current: AlertRules) -> AlertRules:
    """An unsaved copy for the form to validate against (saving adds a row; see the service)."""
    return AlertRules(**{name: getattr(current, name) for name in RULES_FIELDS})


@login_required
@require_http_methods(["GET", "POST"])
def alert_rules_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Directors and administrators change the thresholds the rules use; the page shows the
    values in force and the history of changes."""
    require(can_change_alert_rules(request.user))
    current = alert_rules()
    form = AlertRulesForm(
        request.POST or None,
        initial={"version": current.uuid if current.pk else None},
        instance=_rules_copy(current),
    )
    if request.method == "POST" and form.is_valid():
        try:
            alert_rules_update(
                actor=request.user,
                data=form.rules_data(),
                expected_version=form.cleaned_data["version"],
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Alert rules saved; the next refresh uses them."))
            return redirect("alerts:rules")
    context = {"form": form, "rules": current, "history": alert_rules_history()}
    return render(request, "alerts/rules.html", context, status=400 if form.errors else 200)
