"""Pages of the annual plan (thin views over the services and selectors): the account's plans,
a plan's ten sections with the small forms of its lists, an objective's form (pre-filled from a
gap), approval, and the approved versions with their side-by-side diff."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kam.accounts.access import account_get_for_user, can_administer_portfolio
from kam.accounts.models import Account
from kam.accounts.views import _account_context
from kam.core.exceptions import ApplicationError
from kam.core.htmx import is_htmx
from kam.core.views import apply_service_errors
from kam.idempotency.pages import one_time_submission
from kam.metrics.registry import catalogue
from kam.plans import services
from kam.plans.forms import (
    BudgetLineForm,
    ObjectiveForm,
    PlanCreateForm,
    PlanForm,
    ReviewDateForm,
    RiskForm,
    StrategyForm,
)
from kam.plans.gaps import Gap, plan_gaps
from kam.plans.models import AccountPlan, BudgetLine, Objective, ReviewDate, Risk, Strategy
from kam.plans.people_diff import people_diff
from kam.plans.reads import PlanReads
from kam.plans.selectors import (
    action_plan,
    current_state,
    localize_snapshot,
    plan_diff,
    plan_get,
    plan_versions,
    plan_with_lists,
    plans_of_account,
    previous_year,
    raci_people,
    team_users,
    top_needs,
)
from kam.users.http import AuthenticatedHttpRequest

TAB = "plan"
ITEM_MODELS: dict[str, type[models.Model]] = {
    "objective": Objective,
    "strategy": Strategy,
    "budget": BudgetLine,
    "risk": Risk,
    "review": ReviewDate,
}
LIST_FORMS: dict[str, type[PlanForm]] = {
    "strategy": StrategyForm,
    "budget": BudgetLineForm,
    "risk": RiskForm,
    "review": ReviewDateForm,
}


def _context(request: AuthenticatedHttpRequest, account: Account, **extra: object) -> dict:
    return {**_account_context(request, account, TAB), **extra}


def _plan(account: Account, plan_uuid: Any) -> AccountPlan:
    plan = plan_with_lists(account=account, plan_uuid=plan_uuid)
    if plan is None:
        raise Http404(_("Not found."))
    plan.account = account  # the one the access check loaded
    return plan


def _plan_url(plan: AccountPlan) -> str:
    return reverse("plans:plan", args=[plan.account.uuid, plan.uuid])


@login_required
@require_http_methods(["GET", "POST"])
def plan_account_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    """The account's plans by year; a POST opens the plan of a year."""
    is_post = request.method == "POST"
    account = account_get_for_user(request.user, account_uuid, for_change=is_post)
    initial = {"year": timezone.localdate().year}
    form = PlanCreateForm(request.POST if is_post else None, initial=initial)
    if is_post and form.is_valid():
        try:
            plan = services.plan_create(
                actor=request.user, account=account, year=form.cleaned_data["year"]
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Plan opened as a draft."))
            return redirect(_plan_url(plan))
    context = _context(request, account, plans=list(plans_of_account(account=account)), form=form)
    return render(request, "plans/account.html", context, status=400 if form.errors else 200)


def _list_forms(plan: AccountPlan, gaps: list[Gap]) -> dict[str, PlanForm]:
    initial = {"version": plan.version}
    return {
        "strategy": StrategyForm(initial=initial, gaps=gaps, prefix="strategy"),
        "budget": BudgetLineForm(initial={**initial, "currency": plan.account.currency},
                                 prefix="budget"),
        "risk": RiskForm(initial=initial, prefix="risk"),
        "review": ReviewDateForm(initial=initial, prefix="review"),
    }  # fmt: skip


PLACEHOLDER = "00000000-0000-0000-0000-000000000000"


def _set_links(plan: AccountPlan) -> None:
    """Each listed item's edit and remove links, from one reversed URL per kind."""
    args = [plan.account.uuid, plan.uuid, PLACEHOLDER]
    lists = {"objective": plan.objectives.all(), "strategy": plan.strategies.all(),
             "budget": plan.budget_lines.all(), "risk": plan.risks.all(),
             "review": plan.review_dates.all()}  # fmt: skip
    item_edit = reverse("plans:item_edit", args=args)
    for kind, items in lists.items():
        edit = reverse("plans:objective_edit", args=args) if kind == "objective" else item_edit
        delete = reverse(f"plans:{kind}_delete", args=args)
        for item in items:
            item.edit_url = edit.replace(PLACEHOLDER, str(item.uuid))  # type: ignore[attr-defined]
            item.delete_url = delete.replace(PLACEHOLDER, str(item.uuid))  # type: ignore[attr-defined]


def _plan_page(
    request: AuthenticatedHttpRequest,
    account: Account,
    plan: AccountPlan,
    bound: tuple[str, PlanForm] | None = None,
) -> HttpResponse:
    reads = PlanReads(account=account)  # read once: the gaps and sections 3 and 8 share it
    matrix = reads.matrix  # section 8 shows it: the gaps take their uncovered rows from it
    gaps = plan_gaps(account=account, reads=reads)
    forms = _list_forms(plan, gaps)
    if bound is not None:
        forms[bound[0]] = bound[1]
    _set_links(plan)  # reversed once per list, not once per row
    titles = {gap.key: gap.label for gap in gaps}
    objectives = list(plan.objectives.all())
    for objective in objectives:
        objective.gap_title = titles.get(objective.gap_key, objective.gap_key)  # type: ignore[attr-defined]
    strategies = list(plan.strategies.all())
    for strategy in strategies:
        strategy.gap_titles = [titles.get(key, key) for key in strategy.gap_keys]  # type: ignore[attr-defined]
    context = _context(
        request,
        account,
        plan=plan,
        gaps=gaps,
        last_year=previous_year(plan=plan),
        objectives=objectives,
        strategies=strategies,
        weight_total=sum((item.weight for item in objectives), start=0),
        actions=action_plan(plan=plan, today=timezone.localdate()),
        raci=raci_people(account=account, matrix=matrix),
        forms=forms,
        objective_new_url=reverse("plans:objective_new", args=[account.uuid, plan.uuid]),
        can_approve=can_administer_portfolio(request.user),
        latest_version=plan_versions(plan=plan).first(),
    )
    if getattr(request, "document", None) is not None:
        # On paper there is no page load to fetch section 3: it is part of the document.
        context.update(needs=top_needs(account=account), state=current_state(reads=reads))
    return render(request, "plans/plan.html", context, status=400 if bound else 200)


@login_required
@require_GET
def state_view(
    request: AuthenticatedHttpRequest, account_uuid: str, plan_uuid: str
) -> HttpResponse:
    """Section 3 (the catalogue's current figures and the top needs), loaded after the page
    (htmx) or as a page of its own without JavaScript."""
    account = account_get_for_user(request.user, account_uuid)
    plan = plan_get(account=account, plan_uuid=plan_uuid)
    if plan is None:
        raise Http404(_("Not found."))
    context = _context(request, account, plan=plan, needs=top_needs(account=account),
                       state=current_state(reads=PlanReads(account=account)))  # fmt: skip
    template = "plans/partials/state.html" if is_htmx(request) else "plans/state.html"
    return render(request, template, context)


@login_required
@require_GET
def plan_view(request: AuthenticatedHttpRequest, account_uuid: str, plan_uuid: str) -> HttpResponse:
    """The plan's ten sections."""
    account = account_get_for_user(request.user, account_uuid)
    return _plan_page(request, account, _plan(account, plan_uuid))


def _objective_form(
    request: AuthenticatedHttpRequest, plan: AccountPlan, gaps: list[Gap], **kwargs: Any
) -> ObjectiveForm:
    data = request.POST if request.method == "POST" else None
    return ObjectiveForm(data, team=team_users(account=plan.account), gaps=gaps, **kwargs)


def _gap_initial(plan: AccountPlan, gaps: list[Gap], key: str) -> dict[str, object]:
    """An objective pre-filled from a gap: its metric, kind, frequency and suggested target."""
    initial: dict[str, object] = {"version": plan.version, "owner": plan.account.owner_id,
                                  "comparison_basis": "self_past", "weight": 10}  # fmt: skip
    gap = next((item for item in gaps if item.key == key), None)
    definition = next((d for d in catalogue() if gap and d.code == gap.metric_code), None)
    if gap is not None and definition is not None:
        initial.update(gap_key=gap.key, metric_code=definition.code, kind=definition.kind,
                       frequency=definition.frequency, target=gap.target)  # fmt: skip
    return initial


def _objective_input(form: ObjectiveForm) -> services.ObjectiveInput:
    data = form.cleaned_data
    return services.ObjectiveInput(
        kind=data["kind"], metric_code=data["metric_code"], target=data["target"],
        weight=data["weight"], comparison_basis=data["comparison_basis"], owner=data["owner"],
        frequency=data["frequency"], baseline=data["baseline"], gap_key=data["gap_key"] or "",
        data_source=data["data_source"] or "",
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
@one_time_submission
def objective_view(
    request: AuthenticatedHttpRequest,
    account_uuid: str,
    plan_uuid: str,
    objective_uuid: str | None = None,
) -> HttpResponse:
    """A new objective (`?gap=` pre-fills it from a gap) or an objective of the draft."""
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    plan = _plan(account, plan_uuid)
    gaps = plan_gaps(account=account)
    objective = None
    if objective_uuid is not None:
        objective = plan.objectives.filter(uuid=objective_uuid).first()
        if objective is None:
            raise Http404(_("Not found."))
        initial = {name: getattr(objective, name) for name in services.OBJECTIVE_FIELDS}
        initial["owner"] = objective.owner_id
    else:
        initial = _gap_initial(plan, gaps, request.GET.get("gap", ""))
    form = _objective_form(request, plan, gaps, initial={**initial, "version": plan.version})
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"]
        try:
            if objective is None:
                services.objective_create(
                    actor=request.user,
                    plan=plan,
                    data=_objective_input(form),
                    expected_version=version,
                )
            else:
                services.objective_update(
                    actor=request.user,
                    objective=objective,
                    data=_objective_input(form),
                    expected_version=version,
                )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Objective saved in the draft."))
            return redirect(_plan_url(plan) + "#objectives")
    context = _context(request, account, plan=plan, form=form, objective=objective,
                       manual_codes=[d.code for d in catalogue() if d.is_manual])  # fmt: skip
    return render(request, "plans/objective.html", context, status=400 if form.errors else 200)


def _list_view(kind: str) -> Callable[..., HttpResponse]:
    @login_required
    @require_POST
    def view(request: AuthenticatedHttpRequest, account_uuid: str, plan_uuid: str) -> HttpResponse:
        account = account_get_for_user(request.user, account_uuid, for_change=True)
        plan = _plan(account, plan_uuid)
        form_class = LIST_FORMS[kind]
        extra = {"gaps": plan_gaps(account=account)} if kind == "strategy" else {}
        form = form_class(request.POST, prefix=kind, **extra)
        if form.is_valid():
            try:
                _add_item(request, plan, kind, form.cleaned_data)
            except (ValidationError, ApplicationError) as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Saved in the draft."))
                return redirect(_plan_url(plan) + f"#{kind}")
        return _plan_page(request, account, plan, (kind, form))

    view.__name__ = f"{kind}_add_view"
    return view


def _add_item(request: AuthenticatedHttpRequest, plan: AccountPlan, kind: str, data: dict) -> None:
    common = {"actor": request.user, "plan": plan, "expected_version": data.pop("version")}
    if kind == "strategy":
        services.strategy_create(**common, data=services.StrategyInput(**data))
    elif kind == "budget":
        services.budget_line_create(**common, **data)
    elif kind == "risk":
        services.risk_create(**common, **data)
    else:
        services.review_date_create(**common, **data)


ITEM_TITLES = {
    "strategy": _lazy("Edit the strategy"),
    "budget": _lazy("Edit the budget line"),
    "risk": _lazy("Edit the risk"),
    "review": _lazy("Edit the review date"),
}


def _listed_item(plan: AccountPlan, item_uuid: str) -> tuple[str, Any]:
    """A strategy, budget line, risk or review date of the plan, with its kind (one route
    edits all four: a uuid names one record)."""
    for kind in LIST_FORMS:
        item = ITEM_MODELS[kind]._default_manager.filter(plan=plan, uuid=item_uuid).first()
        if item is not None:
            return kind, item
    raise Http404(_("Not found."))


@login_required
@require_http_methods(["GET", "POST"])
def item_edit_view(
    request: AuthenticatedHttpRequest, account_uuid: str, plan_uuid: str, item_uuid: str
) -> HttpResponse:
    """Edit a strategy, budget line, risk or review date of the draft (form pre-filled)."""
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    plan = _plan(account, plan_uuid)
    kind, item = _listed_item(plan, item_uuid)
    fields = services.ITEM_FIELDS[type(item)]
    initial = {"version": plan.version, **{name: getattr(item, name) for name in fields}}
    extra = {"gaps": plan_gaps(account=account)} if kind == "strategy" else {}
    data = request.POST if request.method == "POST" else None
    form = LIST_FORMS[kind](data, initial=initial, prefix=kind, **extra)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        version = values.pop("version")
        try:
            services.plan_item_update(
                actor=request.user, item=item, data=values, expected_version=version
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Saved in the draft."))
            return redirect(_plan_url(plan) + f"#{kind}")
    context = _context(request, account, plan=plan, form=form, title=ITEM_TITLES[kind],
                       anchor=kind)  # fmt: skip
    return render(request, "plans/item.html", context, status=400 if form.errors else 200)


def _delete_view(kind: str) -> Callable[..., HttpResponse]:
    @login_required
    @require_POST
    def view(
        request: AuthenticatedHttpRequest, account_uuid: str, plan_uuid: str, item_uuid: str
    ) -> HttpResponse:
        account = account_get_for_user(request.user, account_uuid, for_change=True)
        plan = _plan(account, plan_uuid)
        item = ITEM_MODELS[kind]._default_manager.filter(plan=plan, uuid=item_uuid).first()
        if item is None:
            raise Http404(_("Not found."))
        form = PlanForm(request.POST)
        version = form.cleaned_data["version"] if form.is_valid() else 0
        try:
            services.plan_item_delete(actor=request.user, item=item, expected_version=version)  # type: ignore[arg-type]  # one of ITEM_MODELS
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Removed from the draft."))
        return redirect(_plan_url(plan))

    view.__name__ = f"{kind}_delete_view"
    return view


@login_required
@require_POST
def approve_view(
    request: AuthenticatedHttpRequest, account_uuid: str, plan_uuid: str
) -> HttpResponse:
    """A director approves the draft into the next version."""
    account = account_get_for_user(request.user, account_uuid)
    plan = _plan(account, plan_uuid)
    form = PlanForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else 0
    try:
        approved = services.plan_approve(actor=request.user, plan=plan, expected_version=version)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Plan approved as version {number}.").format(number=approved.number)
        )
    return redirect(_plan_url(plan))


def _number(request: AuthenticatedHttpRequest, name: str) -> int | None:
    try:
        return int(request.GET.get(name, ""))
    except ValueError:
        return None


@login_required
@require_GET
def versions_view(
    request: AuthenticatedHttpRequest, account_uuid: str, plan_uuid: str
) -> HttpResponse:
    """The approved versions; `?a=1&b=2` shows their diff side by side."""
    account = account_get_for_user(request.user, account_uuid)
    plan = _plan(account, plan_uuid)
    versions = list(plan_versions(plan=plan))
    by_number = {item.number: item for item in versions}
    first = by_number.get(_number(request, "a") or 0)
    second = by_number.get(_number(request, "b") or 0)
    diff = people = None
    if first and second:
        diff = plan_diff(first.snapshot, second.snapshot)
        people = people_diff(account=account, before=first, after=second)
    context = _context(request, account, plan=plan, versions=versions, first=first,
                       second=second, diff=diff, people=people)  # fmt: skip
    return render(request, "plans/versions.html", context)


@login_required
@require_GET
def version_view(
    request: AuthenticatedHttpRequest, account_uuid: str, plan_uuid: str, version_uuid: str
) -> HttpResponse:
    """One approved version as it was frozen."""
    account = account_get_for_user(request.user, account_uuid)
    plan = _plan(account, plan_uuid)
    version = plan_versions(plan=plan).filter(uuid=version_uuid).first()
    if version is None:
        raise Http404(_("Not found."))
    snapshot = localize_snapshot(version.snapshot)
    context = _context(request, account, plan=plan, version=version, snapshot=snapshot)
    return render(request, "plans/version.html", context)


strategy_add_view = _list_view("strategy")
budget_add_view = _list_view("budget")
risk_add_view = _list_view("risk")
review_add_view = _list_view("review")
DELETE_VIEWS = {kind: _delete_view(kind) for kind in ITEM_MODELS}
