"""API of documents: the card and the assessment forms (score sheet, relationship test) as PDF
or Word, and the whole-account pack (request, status, download). Same catalog, services and
access rules as the pages."""

import uuid
from datetime import datetime

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from kam.accounts.access import account_get_for_user, object_get_for_user
from kam.api.errors import error_body
from kam.api.schemas import ErrorOut
from kam.documents import services
from kam.documents.catalog import ROUTES
from kam.documents.choices import FileFormat, PackStatus
from kam.documents.models import DocumentPack
from kam.documents.selectors import document_filename, form_docx, form_pdf, form_render
from kam.documents.views import PACK_QUERYSET, file_response
from kam.users.http import AuthenticatedHttpRequest

router = Router(tags=["documents"])


class DocumentPackIn(Schema):
    year: int = Field(..., ge=services.FIRST_YEAR, le=services.LAST_YEAR)


class DocumentPackOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    year: int
    language: str
    status: PackStatus
    progress: int
    total: int
    percent: int
    error: str
    created_at: datetime
    finished_at: datetime | None = None
    download_url: str | None = None

    @staticmethod
    def resolve_download_url(pack: DocumentPack) -> str | None:
        if pack.status != PackStatus.DONE:
            return None
        return reverse("api:api_document_pack_pdf", kwargs={"pack_id": pack.uuid})


FILE_RESPONSES = {404: ErrorOut, 401: ErrorOut}


def _file_openapi(content_type: str) -> dict:
    return {
        "responses": {
            200: {
                "description": "The document as a file download.",
                "content": {content_type: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }


def _export(
    request: AuthenticatedHttpRequest, route_name: str, file_format: str, **kwargs: object
) -> HttpResponse:
    located = ROUTES[route_name].locate(request.user, kwargs)
    rendered = form_render(request, located)
    content = form_pdf(rendered) if file_format == FileFormat.PDF else form_docx(rendered)
    filename = document_filename(rendered.heading, file_format)
    return file_response(content, filename=filename, file_format=file_format)


PDF_DOC = _file_openapi("application/pdf")
DOCX_DOC = _file_openapi("application/vnd.openxmlformats-officedocument.wordprocessingml.document")


@router.get(
    "/contacts/{contact_id}/card/pdf",
    response=FILE_RESPONSES,
    url_name="api_card_pdf",
    openapi_extra=PDF_DOC,
)
def card_pdf(request: AuthenticatedHttpRequest, contact_id: uuid.UUID) -> HttpResponse:
    """The key-person card (客户关键拓展卡片) as PDF."""
    return _export(request, "card", FileFormat.PDF, contact_uuid=contact_id)


@router.get(
    "/contacts/{contact_id}/card/docx",
    response=FILE_RESPONSES,
    url_name="api_card_docx",
    openapi_extra=DOCX_DOC,
)
def card_docx(request: AuthenticatedHttpRequest, contact_id: uuid.UUID) -> HttpResponse:
    """The key-person card (客户关键拓展卡片) as Word."""
    return _export(request, "card", FileFormat.DOCX, contact_uuid=contact_id)


@router.get(
    "/assessments/{assessment_id}/pdf",
    response=FILE_RESPONSES,
    url_name="api_assessment_pdf",
    openapi_extra=PDF_DOC,
)
def assessment_pdf(request: AuthenticatedHttpRequest, assessment_id: uuid.UUID) -> HttpResponse:
    """A score sheet (客户关系层级评估计分单) or relationship test as PDF; 404 for other tools."""
    return _export(request, "assessment", FileFormat.PDF, assessment_uuid=assessment_id)


@router.get(
    "/assessments/{assessment_id}/docx",
    response=FILE_RESPONSES,
    url_name="api_assessment_docx",
    openapi_extra=DOCX_DOC,
)
def assessment_docx(request: AuthenticatedHttpRequest, assessment_id: uuid.UUID) -> HttpResponse:
    """A score sheet or relationship test as Word; 404 for other tools."""
    return _export(request, "assessment", FileFormat.DOCX, assessment_uuid=assessment_id)


@router.post(
    "/accounts/{account_id}/document-packs",
    response={
        201: DocumentPackOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ErrorOut,
    },
    url_name="api_document_pack_create",
)
def create_document_pack(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: DocumentPackIn
) -> object:
    """Queue the account's pack for a year (in the request's language); poll its status."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    pack = services.pack_create(
        actor=request.user, account=account, year=payload.year, language=get_language()
    )
    return Status(201, pack)


@router.get(
    "/document-packs/{pack_id}",
    response={200: DocumentPackOut, 404: ErrorOut},
    url_name="api_document_pack",
)
def get_document_pack(request: AuthenticatedHttpRequest, pack_id: uuid.UUID) -> object:
    """A pack's status and progress; `download_url` once it is done."""
    return object_get_for_user(request.user, PACK_QUERYSET.defer("content"), pack_id)


@router.get(
    "/document-packs/{pack_id}/pdf",
    response={404: ErrorOut, 409: ErrorOut},
    url_name="api_document_pack_pdf",
    openapi_extra=PDF_DOC,
)
def document_pack_pdf(request: AuthenticatedHttpRequest, pack_id: uuid.UUID) -> object:
    """The pack's PDF; 409 while it is not built (yet)."""
    pack = object_get_for_user(request.user, PACK_QUERYSET, pack_id)
    if pack.status != PackStatus.DONE or pack.content is None:
        return Status(409, error_body("not_ready", _("The pack is not built yet.")))
    return file_response(bytes(pack.content), filename=pack.filename, file_format=FileFormat.PDF)
