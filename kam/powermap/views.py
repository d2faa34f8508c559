"""Pages of the power map (《组织权力地图》) and the current-state assessment table (T8.2)."""

from collections import Counter
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kam.accounts.access import (
    account_get_for_user,
    can_administer_portfolio,
    can_change_account,
    require,
)
from kam.accounts.models import Account
from kam.accounts.views import _account_context
from kam.core.views import apply_service_errors
from kam.lib.export import xlsx_response
from kam.metrics.targets import planned_targets
from kam.people.models import PowerMapSettings
from kam.people.rules import is_title_below_influence
from kam.people.selectors import power_map_settings, power_map_settings_history
from kam.people.services import SETTINGS_FIELDS, power_map_settings_update
from kam.powermap import charts
from kam.powermap.forms import MapFilterForm, PowerMapSettingsForm, TableSortForm
from kam.powermap.selectors import MapPerson, PowerMap, power_map, table_rows
from kam.powermap.selectors.wording import STATUS_LABELS, flag_text
from kam.users.http import AuthenticatedHttpRequest

PLACEHOLDER = "00000000-0000-0000-0000-000000000000"


def card_url_maker() -> Callable[[MapPerson], str]:
    """Clicking a person opens their key-person card. The URL is reversed once and filled in
    per person: a map has hundreds of people."""
    pattern = reverse("cards:card", args=[PLACEHOLDER])
    return lambda row: pattern.replace(PLACEHOLDER, str(row.contact.uuid))


def _badge(row: MapPerson) -> str:
    return f"L{row.state.current_level}" if row.state else ""


def _filtered(the_map: PowerMap, form: MapFilterForm) -> list[MapPerson]:
    if not form.is_valid():
        return the_map.people
    data = form.cleaned_data
    return [
        row
        for row in the_map.people
        if (not data["function"] or row.contact.function == data["function"])
        and (not data["level"] or row.contact.seniority == data["level"])
        and (not data["key_only"] or row.contact.is_key_person)
    ]


def _hidden_candidates(the_map: PowerMap) -> list[MapPerson]:
    """ "Title vs influence": junior by title, yet influential or at the centre of many lines."""
    lines: Counter[int] = Counter()
    for edge in the_map.edges:
        lines[edge["source_id"]] += 1
        lines[edge["target_id"]] += 1
    return [
        row
        for row in the_map.people
        if row.contact.visibility != "hidden"
        and is_title_below_influence(
            seniority=row.contact.seniority,
            influence=row.contact.influence,
            informal_edges=lines[row.contact.pk],
        )
    ]


def _top(rows: list[MapPerson], limit: int = 10) -> list[MapPerson]:
    """The most influential first; lists on the page stay short, the table has everyone."""
    return sorted(rows, key=lambda row: (-(row.contact.influence or 0), row.contact.name))[:limit]


def _planned(account: Account) -> dict[str, object]:
    """The key-person targets of this year's plan (T13 → T7/T8), for the figures."""
    planned = planned_targets(account=account, year=timezone.localdate().year)
    return {
        "planned_index": planned.get("key_person_index"),
        "planned_at_target": planned.get("key_persons_at_target"),
        "target_from": _("target from the {year} plan").format(year=planned.year),
    }


@login_required
@require_GET
def power_map_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    the_map = power_map(account=account)
    form = MapFilterForm(request.GET or None)
    shown = _filtered(the_map, form)
    url_for = card_url_maker()
    context = _account_context(request, account, "key_persons")
    context.update(
        {
            "form": form,
            "the_map": the_map,
            "shown_count": len(shown),
            "map_option": charts.power_map_option(
                the_map.people, the_map.edges, shown=shown, url_for=url_for, badge_for=_badge
            ),
        }
    )
    if request.headers.get("HX-Request") == "true":
        return render(request, "powermap/partials/map_chart.html", context)
    target_list = [
        row
        for row in the_map.people
        if (row.contact.influence or 0) >= 5
        and row.contact.support is not None
        and row.contact.support <= 0
    ]
    candidates = _hidden_candidates(the_map)
    context.update(
        {
            "flags": [flag_text(flag, the_map.limits) for flag in the_map.flags],
            "figures": the_map.figures,
            **_planned(account),
            "grid_option": charts.influence_support_option(the_map.people, url_for=url_for),
            "gauge_option": charts.coverage_gauge_option(the_map.figures.key_coverage),
            "target_list": _top(target_list),
            "target_count": len(target_list),
            "top_people": _top(the_map.people, 15),
            "hidden_candidates": _top(candidates),
            "candidate_count": len(candidates),
            "can_change": can_change_account(request.user, account),
        }
    )
    return render(request, "powermap/account.html", context)


def _xlsx(account_name: str, rows: list[MapPerson]) -> HttpResponse:
    header = [
        _("Contact"),
        _("Title"),
        _("Decision roles"),
        _("Explicit or hidden"),
        _("Influence (0–10)"),
        _("Support (−2…+2)"),
        _("Current level"),
        _("Target level"),
        _("Gap"),
        _("Our relationship owner"),
        _("Supporting colleagues"),
        _("Key actions"),
        _("Due date"),
        _("Last contact"),
        _("Status"),
    ]
    lines = []
    for row in rows:
        contact = row.contact
        action = row.next_actions[0] if row.next_actions else None
        lines.append(
            [
                contact.name,
                contact.title,
                "、".join(str(role) for role in row.role_labels),
                contact.get_visibility_display(),
                contact.influence,
                contact.support,
                row.state.level_label if row.state else "",
                row.state.target_label if row.state else "",
                row.gap,
                contact.owner_name,
                "、".join(row.supporting),
                "；".join(a.description for a in row.next_actions),
                action.due_on if action and action.due_on else None,
                row.last_contact,
                str(STATUS_LABELS[row.status]),
            ]
        )
    return xlsx_response("key-persons.xlsx", _("Key persons"), header, lines)


@login_required
@require_GET
def assessment_table_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    the_map = power_map(account=account, key_only=True, with_handover_marks=True)
    form = TableSortForm(request.GET or None)
    sort = form.cleaned_data["sort"] if form.is_valid() and form.cleaned_data["sort"] else ""
    rows = table_rows(the_map, sort or "-influence")
    if request.GET.get("export") == "xlsx":
        return _xlsx(account.name, rows)
    context = _account_context(request, account, "key_persons")
    context.update(
        {
            "form": form,
            "rows": rows,
            "sort": sort or "-influence",
            "figures": the_map.figures,
            **_planned(account),
            "status_labels": STATUS_LABELS,
            "today": timezone.localdate(),
        }
    )
    return render(request, "powermap/table.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def settings_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Directors and administrators set the key-person and red-flag thresholds."""
    require(can_administer_portfolio(request.user))
    current = power_map_settings()
    form = PowerMapSettingsForm(request.POST or None, instance=PowerMapSettings(
        **{field: getattr(current, field) for field in SETTINGS_FIELDS}
    ))  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            _settings, changed = power_map_settings_update(
                actor=request.user, data=form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Settings saved; {count} contacts changed their key-person flag.").format(
                    count=changed
                ),
            )
            return redirect("powermap:settings")
    context = {"form": form, "history": power_map_settings_history()}
    status = 400 if form.errors else 200
    return render(request, "powermap/settings.html", context, status=status)
