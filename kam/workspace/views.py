"""The account 360 (one page that gathers what every tool knows about an account) and 我的工作台
(what needs the signed-in user today)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kam.accounts.access import account_get_for_user
from kam.accounts.selectors import account_subsidiaries
from kam.accounts.views import _account_context
from kam.people.selectors import account_people_summary
from kam.users.http import AuthenticatedHttpRequest
from kam.workspace.selectors import my_day


@login_required
@require_GET
def account_360_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    context = _account_context(request, account, "overview")
    context["subsidiaries"] = list(account_subsidiaries(user=request.user, account=account)[:50])
    context["people"] = account_people_summary(account=account)
    return render(request, "accounts/detail.html", context)


@login_required
@require_GET
def my_day_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """我的工作台: the landing page after sign-in."""
    return render(request, "workspace/my_day.html", {"day": my_day(user=request.user)})
