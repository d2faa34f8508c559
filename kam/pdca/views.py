"""Pages of the PDCA cycles (thin views over the services and selectors): the account's cycles
with the current one's wheel, a new cycle, and a cycle's page with its four sections."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kam.accounts.access import account_get_for_user
from kam.accounts.models import Account
from kam.accounts.views import _account_context
from kam.core.exceptions import ApplicationError
from kam.core.views import apply_service_errors, paginate
from kam.idempotency.pages import one_time_submission
from kam.kpis.choices import light_label
from kam.pdca import services
from kam.pdca.charts import pdca_wheel_option, state_label
from kam.pdca.choices import Cadence, Phase
from kam.pdca.forms import (
    CycleForm,
    PdcaActForm,
    PdcaCheckForm,
    PdcaCycleCreateForm,
    PdcaPlanForm,
)
from kam.pdca.models import PdcaCycle
from kam.pdca.rules import check_period, period_of
from kam.pdca.selectors import (
    pdca_check_rows,
    pdca_cycle_current,
    pdca_cycle_get,
    pdca_cycles,
    pdca_do,
    pdca_wheel,
)
from kam.users.http import AuthenticatedHttpRequest

TAB = "broad"
SUBTAB = "pdca"
CYCLES_PER_PAGE = 24
SECTION_FORMS: dict[str, type[CycleForm]] = {
    "plan": PdcaPlanForm,
    "check": PdcaCheckForm,
    "act": PdcaActForm,
}


def _context(request: AuthenticatedHttpRequest, account: Account, **extra: object) -> dict:
    context = _account_context(request, account, TAB)
    context.update({"subtab": SUBTAB, **extra})
    return context


def _cycle(account: Account, cycle_uuid: str) -> PdcaCycle:
    cycle = pdca_cycle_get(account=account, cycle_uuid=cycle_uuid)
    if cycle is None:
        raise Http404(_("Not found."))
    return cycle


def _cycle_url(cycle: PdcaCycle) -> str:
    return reverse("pdca:cycle", args=[cycle.account.uuid, cycle.uuid])


def _wheel(cycle: PdcaCycle | None) -> dict[str, object]:
    """The wheel's option and its text alternative (each phase and its state, in words)."""
    if cycle is None:
        return {}
    steps = pdca_wheel(phase=cycle.phase)
    centre = str(Phase(cycle.phase).label)
    return {
        "wheel_option": pdca_wheel_option(steps, centre),
        "wheel_steps": [(step, state_label(step.state)) for step in steps],
    }


@login_required
@require_GET
def pdca_account_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    """The account's PDCA cycles, newest first, and the wheel of the current one."""
    account = account_get_for_user(request.user, account_uuid)
    current = pdca_cycle_current(account=account)
    page = paginate(request, pdca_cycles(account=account), per_page=CYCLES_PER_PAGE)
    context = _context(request, account, page=page, current=current, **_wheel(current))
    return render(request, "pdca/account.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@one_time_submission
def pdca_new_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    is_post = request.method == "POST"
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    today = timezone.localdate()
    initial = {"cadence": Cadence.QUARTERLY, "period": period_of(Cadence.QUARTERLY, today)}
    form = PdcaCycleCreateForm(request.POST if is_post else None, initial=initial)
    if is_post and form.is_valid():
        try:
            cycle = services.pdca_cycle_create(
                actor=request.user,
                account=account,
                cycle=services.PdcaCycleInput(**form.cleaned_data),
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("PDCA cycle opened: it starts in Plan."))
            return redirect(_cycle_url(cycle))
    context = _context(request, account, form=form, month=period_of(Cadence.MONTHLY, today))
    return render(request, "pdca/new.html", context, status=400 if form.errors else 200)


def _section_forms(cycle: PdcaCycle, bound: CycleForm | None) -> dict[str, CycleForm]:
    found = {f"{name}_form": form_class(cycle=cycle) for name, form_class in SECTION_FORMS.items()}
    if bound is not None:
        name = next(key for key, value in SECTION_FORMS.items() if isinstance(bound, value))
        found[f"{name}_form"] = bound
    return found


def _cycle_page(
    request: AuthenticatedHttpRequest,
    account: Account,
    cycle: PdcaCycle,
    bound: CycleForm | None = None,
) -> HttpResponse:
    editable = services.EDITABLE_FIELDS[cycle.phase]
    context = _context(
        request,
        account,
        cycle=cycle,
        do=pdca_do(cycle=cycle),
        check_rows=pdca_check_rows(cycle=cycle),
        check_period=check_period(cycle.starts_on),
        check_light=light_label(cycle.check_snapshot.band) if cycle.check_snapshot else "",
        can_edit_plan="planned_actions" in editable,
        can_edit_check="check_notes" in editable,
        can_edit_act="corrective_actions" in editable,
        **_section_forms(cycle, bound),
        **_wheel(cycle),
    )
    status = 400 if bound is not None and bound.errors else 200
    return render(request, "pdca/cycle.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def pdca_cycle_view(
    request: AuthenticatedHttpRequest, account_uuid: str, cycle_uuid: str
) -> HttpResponse:
    """The cycle's four sections; a POST saves the section named by `section`."""
    is_post = request.method == "POST"
    account = account_get_for_user(request.user, account_uuid, for_change=is_post)
    cycle = _cycle(account, cycle_uuid)
    if not is_post:
        return _cycle_page(request, account, cycle)
    form_class = SECTION_FORMS.get(request.POST.get("section", ""), PdcaPlanForm)
    form = form_class(request.POST, cycle=cycle)
    if form.is_valid():
        try:
            services.pdca_cycle_update(
                actor=request.user,
                cycle=cycle,
                data=form.section_data(),
                expected_version=form.cleaned_data["version"],
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("PDCA cycle saved."))
            return redirect(_cycle_url(cycle))
    return _cycle_page(request, account, cycle, form)


def _version(request: AuthenticatedHttpRequest) -> int | None:
    field = forms.IntegerField(min_value=1, required=False)
    try:
        return field.clean(request.POST.get("version"))
    except ValidationError:
        return None


@login_required
@require_POST
def pdca_advance_view(
    request: AuthenticatedHttpRequest, account_uuid: str, cycle_uuid: str
) -> HttpResponse:
    """Plan → Do, Check → Act."""
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    cycle = _cycle(account, cycle_uuid)
    try:
        moved = services.pdca_cycle_advance(
            actor=request.user, cycle=cycle, expected_version=_version(request) or 0
        )
    except ValidationError as error:
        plan = PdcaPlanForm(
            {"focus_kpis": cycle.focus_kpis, "planned_actions": cycle.planned_actions,
             "version": cycle.version},
            cycle=cycle,
        )  # fmt: skip
        plan.is_valid()
        apply_service_errors(plan, error)
        return _cycle_page(request, account, cycle, plan)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The cycle is now in its {phase} phase.").format(phase=Phase(moved.phase).label),
        )
    return redirect(_cycle_url(cycle))


@login_required
@require_POST
def pdca_check_view(
    request: AuthenticatedHttpRequest, account_uuid: str, cycle_uuid: str
) -> HttpResponse:
    """运行检查: a KPI snapshot linked to the cycle (Do → Check)."""
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    cycle = _cycle(account, cycle_uuid)
    form = PdcaCheckForm(request.POST, cycle=cycle)
    if form.is_valid():
        try:
            services.pdca_cycle_check(
                actor=request.user,
                cycle=cycle,
                note=form.cleaned_data["check_notes"],
                expected_version=form.cleaned_data["version"],
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("KPIs measured and kept as this cycle's check."))
            return redirect(_cycle_url(cycle))
    return _cycle_page(request, account, cycle, form)


@login_required
@require_POST
def pdca_close_view(
    request: AuthenticatedHttpRequest, account_uuid: str, cycle_uuid: str
) -> HttpResponse:
    """Close with the act; refused (nothing written) without the check or the act."""
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    cycle = _cycle(account, cycle_uuid)
    form = PdcaActForm(request.POST, cycle=cycle)
    if form.is_valid():
        try:
            result = services.pdca_cycle_close(
                actor=request.user,
                cycle=cycle,
                data=form.section_data(),
                expected_version=form.cleaned_data["version"],
                open_next=form.cleaned_data["open_next"],
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("PDCA cycle closed."))
            if result.next_cycle is not None:
                messages.info(request, _("The next cycle is open with the carry-over."))
                return redirect(_cycle_url(result.next_cycle))
            if result.next_existed:
                messages.info(request, _("The next period already has a cycle: none opened."))
            return redirect(_cycle_url(cycle))
    return _cycle_page(request, account, cycle, form)
