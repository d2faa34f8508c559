"""Import pages: upload (with the template), the batch page (progress → preview → summary, one
view whose htmx rendering is the part that polls), confirm, and the error file."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kam.accounts.access import account_get_for_user, require
from kam.accounts.models import Account
from kam.accounts.views import _account_context
from kam.core.exceptions import ApplicationError
from kam.core.htmx import is_htmx
from kam.imports import services
from kam.imports.choices import ImportKind
from kam.imports.columns import COLUMNS
from kam.imports.forms import UploadForm
from kam.imports.models import ImportBatch
from kam.imports.selectors import (
    batch_error_file,
    batch_error_rows,
    batch_get_for_user,
    recent_batches,
)
from kam.imports.workbook import template_response
from kam.lib.export import csv_response, xlsx_response
from kam.users.http import AuthenticatedHttpRequest
from kam.users.models import User

ERRORS_PER_PAGE = 50


def _upload(
    request: AuthenticatedHttpRequest, account: Account | None, kinds: list[str]
) -> HttpResponse:
    initial_kind = request.GET.get("kind") if request.GET.get("kind") in kinds else kinds[0]
    form = UploadForm(
        request.POST or None, request.FILES or None, kinds=kinds, initial={"kind": initial_kind}
    )
    if request.method == "POST" and form.is_valid():
        batch = services.import_batch_create(
            actor=request.user,
            kind=form.cleaned_data["kind"],
            parsed=form.cleaned_data["parsed"],
            account=account,
        )
        return redirect("imports:batch", batch_uuid=batch.uuid)
    context: dict[str, object] = {
        "form": form,
        "account": account,
        "kinds": [(kind, ImportKind(kind).label) for kind in kinds],
        "batches": recent_batches(
            user=request.user, account_uuid=account.uuid if account else None
        ),
    }
    if account is not None:
        context.update(_account_context(request, account, "imports"))
    return render(request, "imports/upload.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def account_import_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    return _upload(request, account, _kinds(request.user, account))


@login_required
@require_http_methods(["GET", "POST"])
def accounts_import_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    kinds = _kinds(request.user, None)
    require(bool(kinds))
    return _upload(request, None, kinds)


def _kinds(user: User, account: Account | None) -> list[str]:
    """What this user may import here: into the account, or for the whole portfolio."""
    candidates = services.ACCOUNT_KINDS if account is not None else services.PORTFOLIO_KINDS
    return [kind for kind in candidates if services.can_import(user, kind=kind, account=account)]


def _template_kind(request: AuthenticatedHttpRequest, kinds: list[str]) -> str:
    kind = request.GET.get("kind", kinds[0])
    return kind if kind in kinds else kinds[0]


@login_required
@require_GET
def account_template_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid, for_change=True)
    return template_response(_template_kind(request, _kinds(request.user, account)))


@login_required
@require_GET
def accounts_template_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    kinds = _kinds(request.user, None)
    require(bool(kinds))
    return template_response(_template_kind(request, kinds))


def _batch_context(request: AuthenticatedHttpRequest, batch: ImportBatch) -> dict[str, object]:
    page = Paginator(batch.errors, ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    return {
        "batch": batch,
        "account": batch.account,
        "page": page,
        "error_rows": batch_error_rows(batch, list(page.object_list)),
        "columns": COLUMNS[batch.kind],
        "upload_url": _upload_url(batch),
    }


def _upload_url(batch: ImportBatch) -> str:
    if batch.account is None:
        return reverse("imports:accounts")
    return reverse("imports:account", args=[batch.account.uuid]) + f"?kind={batch.kind}"


@login_required
@require_GET
def batch_view(request: AuthenticatedHttpRequest, batch_uuid: str) -> HttpResponse:
    batch = batch_get_for_user(request.user, batch_uuid)
    context = _batch_context(request, batch)
    if is_htmx(request):
        return render(request, "imports/partials/batch_body.html", context)
    return render(request, "imports/batch.html", context)


@login_required
@require_POST
def batch_confirm_view(request: AuthenticatedHttpRequest, batch_uuid: str) -> HttpResponseBase:
    batch = batch_get_for_user(request.user, batch_uuid)
    try:
        services.import_batch_confirm(actor=request.user, batch=batch)
    except ApplicationError as error:
        context = _batch_context(request, batch)
        context["confirm_error"] = error.message
        return render(request, "imports/batch.html", context, status=error.status)
    return redirect("imports:batch", batch_uuid=batch.uuid)


@login_required
@require_GET
def batch_errors_view(request: AuthenticatedHttpRequest, batch_uuid: str) -> HttpResponseBase:
    batch = batch_get_for_user(request.user, batch_uuid)
    header, rows = batch_error_file(batch)
    name = f"import-errors-{batch.kind}"
    if request.GET.get("format") == "csv":
        return csv_response(f"{name}.csv", header, rows)
    return xlsx_response(f"{name}.xlsx", _("Errors"), header, rows)
