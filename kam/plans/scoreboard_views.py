"""The objectives scoreboard page of a plan (T13.4): bullet charts of actual against target,
process and result grouped, with the scores and the rating band, and the same figures as a
table."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kam.accounts.access import account_get_for_user
from kam.accounts.views import _account_context
from kam.plans.charts import scoreboard_option
from kam.plans.scoreboard import plan_scoreboard
from kam.plans.selectors import plan_get
from kam.users.http import AuthenticatedHttpRequest

TAB = "plan"


@login_required
@require_GET
def scoreboard_view(
    request: AuthenticatedHttpRequest, account_uuid: str, plan_uuid: str
) -> HttpResponse:
    """The plan's objectives as of today against their targets."""
    account = account_get_for_user(request.user, account_uuid)
    plan = plan_get(account=account, plan_uuid=plan_uuid)
    if plan is None:
        raise Http404(_("Not found."))
    plan.account = account  # the one the access check loaded
    board = plan_scoreboard(plan=plan, on=timezone.localdate())
    charts = [(group, scoreboard_option(group, board.rules)) for group in board.groups]
    context = {
        **_account_context(request, account, TAB),
        "plan": plan,
        "board": board,
        "charts": charts,
    }
    return render(request, "plans/scoreboard.html", context)
