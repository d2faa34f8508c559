"""Pages of the engagement platform plan (thin views over its services and selectors)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kam.accounts.access import account_get_for_user
from kam.accounts.models import Account
from kam.accounts.views import _account_context
from kam.core.exceptions import ApplicationError
from kam.core.views import apply_service_errors
from kam.idempotency.pages import one_time_submission
from kam.platforms import services
from kam.platforms.forms import PlatformItemForm
from kam.platforms.models import PlatformItem
from kam.platforms.selectors import (
    platform_budget_totals,
    platform_events,
    platform_item_get,
    platform_items,
    platform_years,
)
from kam.users.http import AuthenticatedHttpRequest

TAB = "broad"
SUBTAB = "platforms"


def _year(request: HttpRequest) -> int:
    """The plan's year from ?year= (the current year when missing or not a sensible year)."""
    value = request.GET.get("year", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return timezone.localdate().year


def _item(account: Account, platform_uuid: str) -> PlatformItem:
    item = platform_item_get(account=account, platform_uuid=platform_uuid)
    if item is None:
        raise Http404(_("Not found."))
    return item


def _plan_url(account: Account, year: int) -> str:
    return reverse("platforms:account", kwargs={"account_uuid": account.uuid}) + f"?year={year}"


def _context(request: AuthenticatedHttpRequest, account: Account, **extra: object) -> dict:
    context = _account_context(request, account, TAB)
    context.update({"subtab": SUBTAB, **extra})
    return context


@login_required
@require_GET
def account_platforms_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    year = _year(request)
    context = _context(
        request,
        account,
        year=year,
        years=platform_years(account=account, current=timezone.localdate().year),
        items=list(platform_items(account=account, year=year)),
        budgets=platform_budget_totals(account=account, year=year),
        events=platform_events(account, year),
        today=timezone.localdate(),
    )
    return render(request, "platforms/account.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@one_time_submission
def platform_new_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    is_post = request.method == "POST"
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    initial = {"year": _year(request), "owner": request.user.uuid}
    form = PlatformItemForm(request.POST if is_post else None, account=account, initial=initial)
    if is_post and form.is_valid():
        try:
            item = services.platform_item_create(
                actor=request.user, account=account, item=form.item_input()
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Platform added to the plan."))
            return redirect(_plan_url(account, item.year))
    context = _context(request, account, form=form, year=_year(request))
    return render(request, "platforms/form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def platform_edit_view(
    request: AuthenticatedHttpRequest, account_uuid: str, platform_uuid: str
) -> HttpResponse:
    is_post = request.method == "POST"
    account = account_get_for_user(request.user, account_uuid, for_change=is_post)
    item = _item(account, platform_uuid)
    form = PlatformItemForm(request.POST if is_post else None, instance=item, account=account)
    if is_post and form.is_valid():
        try:
            services.platform_item_update(
                actor=request.user,
                item=item,
                data=form.item_data(),
                expected_version=form.cleaned_data["version"],
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Platform saved."))
            return redirect(_plan_url(account, item.year))
    context = _context(request, account, form=form, item=item, year=item.year)
    return render(request, "platforms/form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def platform_delete_view(
    request: AuthenticatedHttpRequest, account_uuid: str, platform_uuid: str
) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    item = _item(account, platform_uuid)
    services.platform_item_delete(actor=request.user, item=item)
    messages.success(request, _("Platform deleted; its calendar entries stay on the calendar."))
    return redirect(_plan_url(account, item.year))


@login_required
@require_POST
def platform_calendar_view(
    request: AuthenticatedHttpRequest, account_uuid: str, platform_uuid: str
) -> HttpResponse:
    """加入日历: the item's events of its year as calendar entries (never twice)."""
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    item = _item(account, platform_uuid)
    try:
        result = services.platform_item_add_to_calendar(actor=request.user, item=item)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        if result.created:
            messages.success(
                request,
                _("{created} calendar entries added ({total} in all).").format(
                    created=result.created, total=result.total
                ),
            )
        else:
            messages.info(request, _("Already on the calendar: nothing added."))
    return redirect(_plan_url(account, item.year))
