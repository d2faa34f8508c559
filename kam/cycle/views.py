"""Pages of the management cycle wheel: an account's wheel for a year and the portfolio
roll-up (accounts × phase), and the administrators' cycle settings."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kam.accounts.access import account_get_for_user, require
from kam.accounts.views import _account_context
from kam.core.db_router import reads_from_replica
from kam.core.exceptions import ApplicationError
from kam.core.views import apply_service_errors, paginate
from kam.cycle import services
from kam.cycle.charts import cycle_wheel_option
from kam.cycle.choices import CyclePhase, PhaseStatus
from kam.cycle.forms import CycleSettingsForm
from kam.cycle.selectors import (
    AccountCycle,
    account_cycle,
    account_cycles,
    cycle_managers,
    cycle_portfolio,
    cycle_settings,
    cycle_settings_history,
    plan_of_year,
    status_totals,
)
from kam.users.http import AuthenticatedHttpRequest

PORTFOLIO_PAGE_SIZE = 50
YEARS_BACK = 3


def _year(request: AuthenticatedHttpRequest, today: date) -> int:
    value = request.GET.get("year", "")
    if value.isdigit() and today.year - YEARS_BACK <= int(value) <= today.year + 1:
        return int(value)
    return today.year


def _years(today: date) -> list[int]:
    return list(range(today.year + 1, today.year - YEARS_BACK - 1, -1))


def _fix_links(account_uuid: str, plan_uuid: str | None) -> dict[str, tuple[str, str]]:
    """Where each phase is worked on: (URL, words)."""
    plans = (reverse("plans:account", args=[account_uuid]), _("Annual plans"))
    letters, reviews = plans, plans
    if plan_uuid is not None:
        letters = (
            reverse("letters:plan", args=[account_uuid, plan_uuid]),
            _("Responsibility letters"),
        )
        reviews = (reverse("reviews:list", args=[account_uuid, plan_uuid]), _("Reviews"))
    return {
        CyclePhase.ASSESS: (reverse("scorecard:account", args=[account_uuid]), _("Assessments")),
        CyclePhase.PLAN: plans,
        CyclePhase.TARGETS: letters,
        CyclePhase.EXECUTE: (
            reverse("engagement:calendar", args=[account_uuid]),
            _("Engagement calendar"),
        ),
        CyclePhase.REVIEW: reviews,
        CyclePhase.IMPROVE: (
            reverse("engagement:action_board", args=[account_uuid]),
            _("Action board"),
        ),
    }


def _facts_text(cycle: AccountCycle, required: int) -> dict[str, str]:
    """What the records say for each phase, in words."""
    facts = cycle.facts
    return {
        CyclePhase.ASSESS: _("{done} of {total} instruments assessed").format(
            done=len(facts.assessed_tools & set(cycle.required)), total=required
        ),
        CyclePhase.PLAN: _("Approved")
        if facts.is_plan_approved
        else (_("Draft, not yet approved") if facts.has_plan else _("No plan for the year")),
        CyclePhase.TARGETS: _("{signed} of {owners} objective owners signed").format(
            signed=facts.signed_letter_owners, owners=facts.objective_owners
        ),
        CyclePhase.EXECUTE: _(
            "Calendar entries done: {done} of {due}; activities: {activities}"
        ).format(done=facts.entries_done, due=facts.entries_due, activities=facts.activities),
        CyclePhase.REVIEW: _("Quarterly reviews: {count}; year-end review: {year_end}").format(
            count=facts.quarterly_reviews,
            year_end=_("held") if facts.has_year_end_review else _("not yet"),
        ),
        CyclePhase.IMPROVE: _("Corrective actions: {open} open, {closed} closed").format(
            open=facts.corrective_open, closed=facts.corrective_closed
        ),
    }


def wheel_context(
    cycle: AccountCycle, account_uuid: str, category: str, plan_uuid: str | None = None
) -> dict[str, object]:
    """The wheel's option, its centre and its text alternative (each phase, status, facts)."""
    centre = f"{cycle.year}\n{category}" if category else str(cycle.year)
    links = _fix_links(account_uuid, plan_uuid)
    facts = _facts_text(cycle, len(cycle.required))
    return {
        "cycle": cycle,
        "wheel_option": cycle_wheel_option(cycle.phases, cycle.current, centre),
        "wheel_rows": [
            {
                "state": state,
                "facts": facts[state.phase],
                "url": links[state.phase][0],
                "link_text": links[state.phase][1],
                "is_current": state.phase == cycle.current,
            }
            for state in cycle.phases
        ],
    }


@login_required
@require_GET
def cycle_account_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    today = timezone.localdate()
    year = _year(request, today)
    cycle = account_cycle(account, year, today)
    plan = plan_of_year(account, year)
    context = _account_context(request, account, "plan")
    context.update(
        years=_years(today),
        year=year,
        **wheel_context(
            cycle,
            str(account.uuid),
            account.get_category_display(),
            str(plan.uuid) if plan is not None else None,
        ),
    )
    return render(request, "cycle/account.html", context)


def _cells(cycle: AccountCycle, colon: str) -> str:
    """The six status cells of a roll-up row, built once (template tags per cell cost more
    than the page's queries)."""
    return format_html_join(
        "",
        '<td class="phase-cell status-{}" data-label="{}"><span class="sr-only">{}{}</span>{}</td>',
        (
            (state.status, state.label, state.label, colon, state.status_label)
            for state in cycle.phases
        ),
    )


@login_required
@require_GET
@reads_from_replica
def cycle_portfolio_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The cycle phase of every visible account for a year, one manager's or all."""
    today = timezone.localdate()
    year = _year(request, today)
    managers = cycle_managers(user=request.user)
    manager_value = request.GET.get("manager", "")
    manager_id = next((m.pk for m in managers if str(m.pk) == manager_value), None)
    page = paginate(
        request,
        cycle_portfolio(user=request.user, manager_id=manager_id),
        per_page=PORTFOLIO_PAGE_SIZE,
    )
    accounts = list(page.object_list)
    cycles = account_cycles([account.pk for account in accounts], year, today)
    colon = _(": ")
    rows = [
        {
            "account": account,
            "url": reverse("cycle:account", args=[account.uuid]) + f"?year={year}",
            "category_label": account.get_category_display(),
            "current": cycles[account.pk].current_label,
            "cells": _cells(cycles[account.pk], colon),
        }
        for account in accounts
    ]
    totals = status_totals(list(cycles.values()))
    context = {
        "year": year,
        "years": _years(today),
        "managers": managers,
        "manager_id": manager_id,
        "page": page,
        "rows": rows,
        "phases": [(phase, label, totals[phase]) for phase, label in CyclePhase.choices],
        "statuses": PhaseStatus.choices,
        "querystring": f"year={year}&manager={manager_id or ''}",
    }
    return render(request, "cycle/portfolio.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def cycle_settings_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(services.can_change_cycle_settings(request.user))
    current = cycle_settings()
    is_post = request.method == "POST"
    form = CycleSettingsForm(request.POST if is_post else None, current=current)
    if is_post and form.is_valid():
        try:
            services.cycle_settings_update(
                actor=request.user,
                assess_tools=form.cleaned_data["assess_tools"],
                assess_lead_months=form.cleaned_data["assess_lead_months"],
                expected_version=form.cleaned_data["version"],
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Cycle settings saved."))
            return redirect("cycle:settings")
    context = {"form": form, "history": cycle_settings_history()}
    return render(request, "cycle/settings.html", context, status=400 if form.errors else 200)
