"""The lockout page, the administrators' list of locked sign-ins with an unlock button, and where
browsers report Content-Security-Policy violations."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from kam.accounts.access import can_administer_system
from kam.core.exceptions import ApplicationError
from kam.security import selectors, services, violations
from kam.security.forms import LockoutReleaseForm
from kam.users.http import AuthenticatedHttpRequest


def locked_out_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """What a locked username + address gets instead of a password check (AXES_LOCKOUT_CALLABLE):
    a page saying until when, status 429."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {"ends_at": selectors.lockout_ends_at(request=request, username=username)}
    return render(request, "security/locked_out.html", context, status=429)


def _require_administrator(request: AuthenticatedHttpRequest) -> None:
    # Others do not learn that the page exists.
    if not can_administer_system(request.user):
        raise Http404


@login_required
@require_GET
def lockout_list_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_administrator(request)
    context = {
        "lockouts": selectors.lockouts_current(),
        "events": selectors.sign_in_events_recent(),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "security/lockouts.html", context)


@login_required
@require_POST
def lockout_release_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_administrator(request)
    form = LockoutReleaseForm(request.POST)
    if not form.is_valid():
        raise Http404
    username = form.cleaned_data["username"]
    try:
        services.lockout_release(
            actor=request.user, username=username, address=form.cleaned_data["address"] or None
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("{username} may sign in again.").format(username=username))
    return redirect("security:lockouts")


_budgets: dict[int, violations.LogBudget] = {}


def _log_budget() -> violations.LogBudget:
    """This process's budget of violation lines (KAM_CSP_REPORT_LOG_PER_MINUTE), one per value of
    the setting so that a test that changes it gets a fresh one."""
    per_minute = settings.KAM_CSP_REPORT_LOG_PER_MINUTE
    return _budgets.setdefault(per_minute, violations.LogBudget(per_minute))


@csrf_exempt
@require_POST
def csp_report_view(request: HttpRequest) -> HttpResponse:
    """Where browsers send what the Content-Security-Policy blocked (its report-uri): each
    violation is logged on "kam.security.csp"; nothing is stored. 204, or 400 for a body that
    is no report, 413 for one over KAM_CSP_REPORT_MAX_BYTES."""
    limit = settings.KAM_CSP_REPORT_MAX_BYTES
    try:
        declared_length = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        declared_length = 0
    body = request.read(limit + 1)
    if declared_length > limit or len(body) > limit:
        return HttpResponse(status=413)
    try:
        found = violations.violations_from_body(body)
    except violations.MalformedReport:
        return HttpResponse(status=400)
    violations.log_violations(found, _log_budget())
    return HttpResponse(status=204)
