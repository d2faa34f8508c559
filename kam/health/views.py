"""Pages of the relationship test model: the health page, the survey and its three forms."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kam.accounts.access import account_get_for_user, object_get_for_user
from kam.accounts.models import Account
from kam.accounts.views import _account_context
from kam.assessments.choices import ToolCode
from kam.assessments.models import PERIOD_VALIDATOR, Criterion
from kam.assessments.selectors import template_current
from kam.core.exceptions import ApplicationError
from kam.core.htmx import is_htmx
from kam.core.views import apply_service_errors
from kam.health import services
from kam.health.forms import (
    DEFAULT_ROWS,
    MAX_ROWS,
    RespondentForm,
    SurveyForm,
    WalletEstimateForm,
    respondent_formset,
    respondent_initial,
    share_formset,
)
from kam.health.models import SatisfactionSurvey, WalletEstimate
from kam.health.selectors import survey_detail_queryset, survey_sheet, wallet_estimates
from kam.health.selectors.page import health_page
from kam.idempotency.pages import one_time_submission
from kam.people.models import Contact
from kam.people.selectors import contact_choices
from kam.users.http import AuthenticatedHttpRequest


def _query_period(request: HttpRequest) -> str | None:
    """The ?period= of the request when it is a valid period (else: the latest with data)."""
    period = request.GET.get("period", "").strip()
    try:
        PERIOD_VALIDATOR(period)
    except ValidationError:
        return None
    return period


def _query_rows(request: HttpRequest, default: int = DEFAULT_ROWS) -> int:
    try:
        rows = int(request.GET.get("rows", default))
    except ValueError:
        rows = default
    return max(1, min(MAX_ROWS, rows))


def _query_uuid(request: HttpRequest, name: str) -> uuid.UUID | None:
    value = request.GET.get(name)
    if not value:
        return None
    try:
        return uuid.UUID(value)
    except ValueError as error:
        raise Http404(_("Not found.")) from error


def _health_url(account: Account, period: str) -> str:
    return f"{reverse('health:account', args=[account.uuid])}?period={period}"


@login_required
@require_GET
def account_health_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    page = health_page(account=account, user=request.user, period=_query_period(request))
    context = _account_context(request, account, "relationship")
    context.update({"page": page, "summary": page.summary})
    return render(request, "health/account.html", context)


@login_required
@require_GET
def survey_detail_view(request: AuthenticatedHttpRequest, survey_uuid: str) -> HttpResponse:
    survey = object_get_for_user(request.user, survey_detail_queryset(request.user), survey_uuid)
    context = _account_context(request, survey.account, "relationship")
    context.update({"survey": survey, "sheet": survey_sheet(survey=survey)})
    return render(request, "health/survey_detail.html", context)


def _respondent_row(
    request: HttpRequest, criteria: list[Criterion], contacts: QuerySet[Contact]
) -> HttpResponse:
    """htmx: one more respondent row, and the formset's new row count (out of band)."""
    try:
        index = int(request.GET["row"])
    except ValueError as error:
        raise Http404(_("Not found.")) from error
    if not 0 <= index < MAX_ROWS:
        raise Http404(_("Not found."))
    form = RespondentForm(
        prefix=f"respondents-{index}",
        criteria=criteria,
        contacts=contacts,
        empty_permitted=True,
        use_required_attribute=False,
    )
    context = {"form": form, "number": index + 1, "total": index + 1, "max_rows": MAX_ROWS}
    return render(request, "health/partials/respondent_added.html", context)


def _survey_to_correct(
    request: AuthenticatedHttpRequest, account: Account
) -> SatisfactionSurvey | None:
    survey_uuid = _query_uuid(request, "from")
    if survey_uuid is None:
        return None
    surveys = survey_detail_queryset(request.user).filter(account=account)
    return object_get_for_user(request.user, surveys, survey_uuid)


@login_required
@require_http_methods(["GET", "POST"])
@one_time_submission
def survey_create_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    template = template_current(tool_code=ToolCode.SATISFACTION)
    criteria = list(template.criteria.all())
    contacts = contact_choices(account=account)
    if is_htmx(request) and "row" in request.GET:
        return _respondent_row(request, criteria, contacts)
    source = _survey_to_correct(request, account)
    initial = {"period": source.period, "note": source.note} if source else None
    form = SurveyForm(request.POST or None, initial=initial)
    formset = respondent_formset(
        request.POST or None,
        rows=1 if source else _query_rows(request),
        criteria=criteria,
        contacts=contacts,
        initial=respondent_initial(source) if source else None,
    )
    if request.method == "POST" and all([form.is_valid(), formset.is_valid()]):
        try:
            survey = services.survey_submit(
                actor=request.user,
                account=account,
                respondents=formset.respondents(),
                **form.cleaned_data,
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Survey saved."))
            return redirect(_health_url(account, survey.period))
    context = {
        "account": account,
        "form": form,
        "formset": formset,
        "criteria": criteria,
        "source": source,
        "max_rows": MAX_ROWS,
        "has_contacts": contacts.exists(),
    }
    has_errors = bool(form.errors) or formset.total_error_count() > 0
    return render(request, "health/survey_form.html", context, status=400 if has_errors else 200)


def _wallet_initial(
    account: Account, estimate: WalletEstimate | None
) -> tuple[dict[str, object], list[dict[str, object]]]:
    if estimate is None:
        return {"currency": account.currency, "period": str(timezone.localdate().year)}, []
    fields = {name: getattr(estimate, name) for name in WalletEstimateForm.Meta.fields}
    shares = [
        {"competitor": share.competitor, "share_percent": share.share_percent}
        for share in estimate.competitor_shares.all()
    ]
    return fields, shares


@login_required
@require_http_methods(["GET", "POST"])
def wallet_estimate_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    estimate_uuid = _query_uuid(request, "estimate")
    estimate = None
    if estimate_uuid is not None:
        estimate = object_get_for_user(
            request.user, wallet_estimates(account=account), estimate_uuid
        )
    initial, share_initial = _wallet_initial(account, estimate)
    form = WalletEstimateForm(request.POST or None, initial=initial)
    shares = share_formset(
        request.POST or None,
        rows=1 if share_initial else _query_rows(request),
        initial=share_initial or None,
    )
    if request.method == "POST" and all([form.is_valid(), shares.is_valid()]):
        try:
            saved, created = services.wallet_estimate_save(
                actor=request.user, account=account, data=form.wallet_input(shares.shares())
            )
        except (ValidationError, ApplicationError) as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Wallet estimate saved."))
            return redirect(_health_url(account, saved.period))
    context = {"account": account, "form": form, "shares": shares, "estimate": estimate}
    has_errors = bool(form.errors) or shares.total_error_count() > 0
    return render(request, "health/wallet_form.html", context, status=400 if has_errors else 200)
