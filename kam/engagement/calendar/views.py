"""Pages of the engagement calendar area (thin views over its services and selectors)."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kam.accounts.access import (
    account_get_for_user,
    can_change_account,
    object_get_for_user,
    require,
)
from kam.accounts.models import Account
from kam.accounts.views import _account_context
from kam.core.exceptions import ApplicationError
from kam.core.htmx import is_htmx
from kam.core.views import apply_service_errors
from kam.engagement.calendar import plan, selectors, services
from kam.engagement.calendar.forms import (
    CalendarEntryForm,
    KeyDateForm,
    PlanForm,
    PostponeForm,
)
from kam.engagement.calendar.ical import calendar_ics
from kam.engagement.calendar.layers import account_markers
from kam.engagement.mechanisms.selectors import mechanisms_active
from kam.engagement.models import CalendarEntry, CalendarSubscription, CustomerKeyDate
from kam.idempotency.pages import one_time_submission
from kam.users.http import AuthenticatedHttpRequest

SUBTABS = "engagement/_subtabs.html"
VIEWS = ("month", "agenda")


def _engagement_context(
    request: AuthenticatedHttpRequest, account: Account, subtab: str
) -> dict[str, object]:
    context = _account_context(request, account, "engagement")
    context.update({"subtabs": SUBTABS, "subtab": subtab})
    return context


def _query_month(request: AuthenticatedHttpRequest) -> tuple[int, int]:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
        month = int(request.GET.get("month", today.month))
    except ValueError as error:
        raise Http404(_("Not found.")) from error
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise Http404(_("Not found."))
    return year, month


def _query_year(request: AuthenticatedHttpRequest) -> int:
    try:
        year = int(request.GET.get("year", timezone.localdate().year))
    except ValueError as error:
        raise Http404(_("Not found.")) from error
    if not 2000 <= year <= 2100:
        raise Http404(_("Not found."))
    return year


def _query_view(request: AuthenticatedHttpRequest) -> str:
    view = request.GET.get("view", "month")
    return view if view in VIEWS else "month"


def _visible_range(frame: selectors.CalendarMonth, view: str) -> tuple[date, date]:
    if view == "agenda":
        return frame.first, frame.last
    return frame.grid_start, frame.grid_end


def _fill(
    request: AuthenticatedHttpRequest,
    frame: selectors.CalendarMonth,
    view: str,
    entries: QuerySet[CalendarEntry],
    key_dates: QuerySet[CustomerKeyDate],
) -> selectors.CalendarMonth:
    if view == "agenda":
        return selectors.calendar_agenda(
            frame=frame, entries=entries, key_dates=key_dates, page_number=request.GET.get("page")
        )
    return selectors.calendar_month(frame=frame, entries=entries, key_dates=key_dates)


def _render_calendar(
    request: AuthenticatedHttpRequest, template: str, context: dict[str, Any]
) -> HttpResponse:
    page = context["page"]
    context["agenda_querystring"] = f"year={page.year}&month={page.month}&view=agenda"
    if is_htmx(request):
        return render(request, "engagement/calendar/partials/calendar_body.html", context)
    return render(request, template, context)


# --- account calendar -----------------------------------------------------------------------------


@login_required
@require_GET
def calendar_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    year, month = _query_month(request)
    frame = selectors.month_frame(year, month)
    view = _query_view(request)
    start, end = _visible_range(frame, view)
    page = _fill(
        request,
        frame,
        view,
        selectors.account_entries(account=account),
        selectors.account_key_dates(account=account, start=start, end=end),
    )
    selectors.place_markers(page, account_markers(account=account, start=start, end=end))
    context = _engagement_context(request, account, "calendar")
    context.update(
        {
            "page": page,
            "view": view,
            "base_url": reverse("engagement:calendar", args=[account.uuid]),
            "plan_form": PlanForm(),
            "show_account": False,
        }
    )
    return _render_calendar(request, "engagement/calendar/account.html", context)


def _entry_form_view(
    request: AuthenticatedHttpRequest, account: Account, entry: CalendarEntry | None
) -> HttpResponse:
    initial = {}
    if entry is None:
        initial = {"planned_on": request.GET.get("date") or timezone.localdate()}
    form = CalendarEntryForm(request.POST or None, instance=entry, account=account, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if entry is None:
                entry = services.calendar_entry_create(
                    actor=request.user, account=account, entry=form.entry_input()
                )
                messages.success(request, _("Entry planned."))
            else:
                services.calendar_entry_update(
                    actor=request.user,
                    entry=entry,
                    data=form.entry_data(),
                    expected_version=form.cleaned_data.get("version"),
                )
                messages.success(request, _("Entry saved."))
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            return redirect(_month_url(account, entry.planned_on))
    context = _engagement_context(request, account, "calendar")
    context.update({"form": form, "entry": entry, "mechanisms": mechanisms_active()})
    return render(request, "engagement/calendar/entry_form.html", context)


def _month_url(account: Account, day: date) -> str:
    url = reverse("engagement:calendar", args=[account.uuid])
    return f"{url}?year={day.year}&month={day.month}"


@login_required
@require_http_methods(["GET", "POST"])
@one_time_submission
def entry_create_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    return _entry_form_view(request, account, None)


def _entry_for(
    request: AuthenticatedHttpRequest, entry_uuid: str, *, for_change: bool
) -> CalendarEntry:
    return object_get_for_user(
        request.user, selectors.entry_queryset(), entry_uuid, for_change=for_change
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit_view(request: AuthenticatedHttpRequest, entry_uuid: str) -> HttpResponse:
    entry = _entry_for(request, entry_uuid, for_change=request.method == "POST")
    if not can_change_account(request.user, entry.account):
        context = _engagement_context(request, entry.account, "calendar")
        context["entry"] = entry
        return render(request, "engagement/calendar/entry_detail.html", context)
    return _entry_form_view(request, entry.account, entry)


@login_required
@require_POST
def entry_cancel_view(request: AuthenticatedHttpRequest, entry_uuid: str) -> HttpResponse:
    entry = _entry_for(request, entry_uuid, for_change=True)
    try:
        services.calendar_entry_cancel(actor=request.user, entry=entry)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Entry cancelled."))
    return redirect(_month_url(entry.account, entry.planned_on))


@login_required
@require_http_methods(["GET", "POST"])
def entry_postpone_view(request: AuthenticatedHttpRequest, entry_uuid: str) -> HttpResponse:
    entry = _entry_for(request, entry_uuid, for_change=True)
    form = PostponeForm(request.POST or None, initial={"is_month_only": entry.is_month_only})
    if request.method == "POST" and form.is_valid():
        try:
            services.calendar_entry_postpone(
                actor=request.user,
                entry=entry,
                planned_on=form.cleaned_data["planned_on"],
                is_month_only=form.cleaned_data["is_month_only"],
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Entry postponed."))
            return redirect(_month_url(entry.account, entry.planned_on))
    context = _engagement_context(request, entry.account, "calendar")
    context.update({"form": form, "entry": entry})
    return render(request, "engagement/calendar/postpone.html", context)


@login_required
@require_POST
def plan_generate_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    form = PlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a year between 2000 and 2100."))
        return redirect("engagement:calendar", account_uuid=account.uuid)
    year = form.cleaned_data["year"]
    try:
        generated = plan.calendar_plan_generate(actor=request.user, account=account, year=year)
    except (ValidationError, ApplicationError) as error:
        message = error.message if isinstance(error, ApplicationError) else error.messages[0]
        messages.error(request, message)
        return redirect("engagement:calendar", account_uuid=account.uuid)
    messages.success(request, generated.message)
    return redirect(f"{reverse('engagement:year_map', args=[account.uuid])}?year={year}")


# --- customer key dates ---------------------------------------------------------------------------


def _key_date_form_view(
    request: AuthenticatedHttpRequest, account: Account, key_date: CustomerKeyDate | None
) -> HttpResponse:
    form = KeyDateForm(request.POST or None, instance=key_date)
    if request.method == "POST" and form.is_valid():
        try:
            if key_date is None:
                key_date = services.key_date_create(
                    actor=request.user, account=account, key_date=form.key_date_input()
                )
            else:
                services.key_date_update(
                    actor=request.user, key_date=key_date, data=form.key_date_data()
                )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Key date saved."))
            return redirect(_month_url(account, key_date.starts_on))
    context = _engagement_context(request, account, "calendar")
    context.update({"form": form, "key_date": key_date})
    return render(request, "engagement/calendar/key_date_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@one_time_submission
def key_date_create_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    return _key_date_form_view(request, account, None)


@login_required
@require_http_methods(["GET", "POST"])
def key_date_edit_view(request: AuthenticatedHttpRequest, key_date_uuid: str) -> HttpResponse:
    key_date = object_get_for_user(
        request.user,
        CustomerKeyDate.objects.select_related("account"),
        key_date_uuid,
        for_change=True,
    )
    return _key_date_form_view(request, key_date.account, key_date)


@login_required
@require_POST
def key_date_delete_view(request: AuthenticatedHttpRequest, key_date_uuid: str) -> HttpResponse:
    key_date = object_get_for_user(
        request.user,
        CustomerKeyDate.objects.select_related("account"),
        key_date_uuid,
        for_change=True,
    )
    services.key_date_delete(actor=request.user, key_date=key_date)
    messages.success(request, _("Key date deleted."))
    return redirect(_month_url(key_date.account, key_date.starts_on))


# --- year heat maps -------------------------------------------------------------------------------


@login_required
@require_GET
def year_map_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    year = _query_year(request)
    context = _engagement_context(request, account, "year_map")
    context.update(
        {
            "year_map": selectors.account_year_map(account=account, year=year),
            "base_url": reverse("engagement:year_map", args=[account.uuid]),
            "plan_form": PlanForm(initial={"year": year}),
        }
    )
    return render(request, "engagement/calendar/year_map.html", context)


@login_required
@require_GET
def my_year_map_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    year = _query_year(request)
    context = {
        "year_map": selectors.my_year_map(user=request.user, year=year),
        "base_url": reverse("engagement:my_year_map"),
    }
    return render(request, "engagement/calendar/my_year_map.html", context)


# --- my calendar ----------------------------------------------------------------------------------


@login_required
@require_GET
def my_calendar_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    year, month = _query_month(request)
    frame = selectors.month_frame(year, month)
    view = _query_view(request)
    start, end = _visible_range(frame, view)
    page = _fill(
        request,
        frame,
        view,
        selectors.my_entries(user=request.user),
        selectors.my_key_dates(user=request.user, start=start, end=end),
    )
    context = {
        "page": page,
        "view": view,
        "base_url": reverse("engagement:my_calendar"),
        "show_account": True,
    }
    return _render_calendar(request, "engagement/calendar/mine.html", context)


# --- iCalendar ------------------------------------------------------------------------------------


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_GET
def calendar_ics_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    content = calendar_ics(
        name=account.name,
        entries=selectors.account_entries(account=account),
        key_dates=selectors.account_key_dates(account=account),
    )
    return _ics_response(content, f"calendar-{account.uuid}.ics")


@require_GET
def subscription_feed_view(request: HttpRequest, token: str) -> HttpResponse:
    """The private feed: no login, the token is the credential (unknown or revoked → 404)."""
    user = services.calendar_subscription_authenticate(raw_token=token)
    if user is None:
        raise Http404(_("Not found."))
    start, end = selectors.feed_window()
    content = calendar_ics(
        name=_("KAM · {user}").format(user=user),
        entries=selectors.my_entries(user=user, start=start, end=end),
        key_dates=selectors.my_key_dates(user=user, start=start, end=end),
    )
    return _ics_response(content, "kam.ics")


@login_required
@require_http_methods(["GET", "POST"])
def subscriptions_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    feed_url = ""
    if request.method == "POST":
        require(request.user.is_active)
        _subscription, raw = services.calendar_subscription_create(user=request.user)
        feed_url = request.build_absolute_uri(reverse("engagement:subscription_feed", args=[raw]))
    context = {
        "feed_url": feed_url,
        "subscriptions": selectors.user_subscriptions(user=request.user),
    }
    return render(request, "engagement/calendar/subscriptions.html", context)


@login_required
@require_POST
def subscription_revoke_view(
    request: AuthenticatedHttpRequest, subscription_uuid: str
) -> HttpResponse:
    subscription = CalendarSubscription.objects.filter(
        uuid=subscription_uuid, user=request.user
    ).first()
    if subscription is None:
        raise Http404(_("Not found."))
    services.calendar_subscription_revoke(user=request.user, subscription=subscription)
    messages.success(request, _("Subscription revoked: its URL no longer works."))
    return redirect("engagement:subscriptions")


# --- mechanisms (reference data) ------------------------------------------------------------------
