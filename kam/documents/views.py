"""Pages of documents: each form as PDF or Word, and the account's packs (request, progress,
download)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods

from kam.accounts.access import account_get_for_user, can_change_account, object_get_for_user
from kam.core.htmx import is_htmx
from kam.documents import services
from kam.documents.catalog import ROUTES
from kam.documents.choices import FileFormat, PackStatus
from kam.documents.forms import PackForm
from kam.documents.models import DocumentPack
from kam.documents.selectors import (
    document_filename,
    form_docx,
    form_pdf,
    form_render,
    packs_for_account,
)
from kam.users.http import AuthenticatedHttpRequest

CONTENT_TYPES = {
    FileFormat.PDF: "application/pdf",
    FileFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
PACK_QUERYSET = DocumentPack.objects.select_related("account", "created_by")


def file_response(content: bytes, *, filename: str, file_format: str) -> HttpResponse:
    """An attachment whose name survives Chinese (RFC 5987 `filename*`)."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[FileFormat(file_format)])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
@require_GET
def export_view(
    request: AuthenticatedHttpRequest, *, route_name: str, file_format: str, **kwargs: Any
) -> HttpResponse:
    located = ROUTES[route_name].locate(request.user, kwargs)
    rendered = form_render(request, located)
    content = form_pdf(rendered) if file_format == FileFormat.PDF else form_docx(rendered)
    filename = document_filename(rendered.heading, file_format)
    return file_response(content, filename=filename, file_format=file_format)


@login_required
@require_http_methods(["GET", "POST"])
def packs_view(request: AuthenticatedHttpRequest, account_uuid: str) -> HttpResponse:
    account = account_get_for_user(request.user, account_uuid)
    form = PackForm(request.POST or None, initial={"year": services.pack_default_year()})
    if request.method == "POST":
        account = account_get_for_user(request.user, account_uuid, for_change=True)
        if form.is_valid():
            pack = services.pack_create(
                actor=request.user,
                account=account,
                year=form.cleaned_data["year"],
                language=get_language(),
            )
            return redirect("documents:pack", pack_uuid=pack.uuid)
    context = {
        "account": account,
        "form": form,
        "packs": packs_for_account(account=account),
        "can_change": can_change_account(request.user, account),
    }
    return render(request, "documents/packs.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def pack_view(request: AuthenticatedHttpRequest, pack_uuid: str) -> HttpResponse:
    """The pack's progress: the page, or (htmx polling) only its status partial."""
    pack = object_get_for_user(request.user, PACK_QUERYSET.defer("content"), pack_uuid)
    context = {"pack": pack, "account": pack.account}
    if is_htmx(request):
        return render(request, "documents/partials/pack_status.html", context)
    return render(request, "documents/pack_detail.html", context)


@login_required
@require_GET
def pack_download_view(request: AuthenticatedHttpRequest, pack_uuid: str) -> HttpResponse:
    pack = object_get_for_user(request.user, PACK_QUERYSET, pack_uuid)
    if pack.status != PackStatus.DONE or pack.content is None:
        return redirect("documents:pack", pack_uuid=pack.uuid)
    return file_response(bytes(pack.content), filename=pack.filename, file_format=FileFormat.PDF)
