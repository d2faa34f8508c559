"""Pages of the metric catalogue: an account's metric values as of a date (with the team's
manual entries), and the read-only catalogue."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kam.accounts.access import account_get_for_user
from kam.accounts.views import _account_context
from kam.core.exceptions import ApplicationError
from kam.core.views import apply_service_errors
from kam.metrics import services
from kam.metrics.forms import ManualMetricForm, MetricDateForm
from kam.metrics.registry import catalogue
from kam.metrics.selectors import manual_entries, metric_values
from kam.users.http import AuthenticatedHttpRequest

ENTRIES_SHOWN = 20


def _on(form: MetricDateForm, today: date) -> date:
    return form.cleaned_data["on"] if form.is_valid() else today


@login_required
@require_http_methods(["GET", "POST"])
def account_metrics_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    """Every metric of the catalogue for the account as of a date; the team enters the values
    of the manual metrics."""
    account = account_get_for_user(request.user, account_uuid, for_change=request.method == "POST")
    today = timezone.localdate()
    date_form = MetricDateForm(request.GET or {"on": today})
    on = _on(date_form, today)
    form = ManualMetricForm(request.POST or None, initial={"measured_on": today})
    if request.method == "POST" and form.is_valid():
        try:
            services.manual_metric_record(actor=request.user, account=account, **form.cleaned_data)
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Value recorded."))
            return redirect(f"{request.path}?on={form.cleaned_data['measured_on'].isoformat()}")
    context = _account_context(request, account, "overview")
    context.update(
        {
            "date_form": date_form,
            "on": on,
            "rows": metric_values(account, on),
            "form": form,
            "entries": list(manual_entries(account=account)[:ENTRIES_SHOWN]),
        }
    )
    return render(request, "metrics/account.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def catalogue_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The catalogue: what each tool measures, how, in which unit and how often."""
    return render(request, "metrics/catalogue.html", {"definitions": catalogue()})
