"""API of the imports: upload a file (→ a batch that a job checks), read the batch (status,
progress, counts, every row error in the reader's language), confirm it (→ the import job).
The same services, selectors and access rules as the pages."""

import uuid
from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from kam.accounts.access import account_get_for_user
from kam.api.schemas import ErrorOut
from kam.imports import services
from kam.imports.choices import ImportKind, ImportStatus
from kam.imports.models import ImportBatch
from kam.imports.reader import read_upload
from kam.imports.selectors import batch_error_rows, batch_get_for_user
from kam.users.http import AuthenticatedHttpRequest

router = Router(tags=["imports"])


class ImportRowErrorOut(Schema):
    line: int
    column: str
    value: str
    message: str


class ImportBatchOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    kind: ImportKind
    status: ImportStatus
    file_name: str
    total_rows: int
    processed_rows: int
    percent: int
    valid_rows: int
    created_count: int
    updated_count: int
    unchanged_count: int
    skipped_count: int
    created_at: datetime
    finished_at: datetime | None = None


class ImportBatchDetailOut(ImportBatchOut):
    errors: list[ImportRowErrorOut]


class ImportUploadIn(Schema):
    kind: ImportKind = ImportKind.CONTACTS


ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def _detail(batch: ImportBatch) -> dict[str, object]:
    fields = [name for name in ImportBatchOut.model_fields if name != "id"]
    out: dict[str, object] = {name: getattr(batch, name) for name in fields}
    out["uuid"] = batch.uuid
    out["errors"] = batch_error_rows(batch, batch.errors)
    return out


@router.post(
    "/accounts/{account_id}/imports",
    response={201: ImportBatchOut, **ERRORS},
    url_name="api_import_upload",
)
def upload_import(
    request: AuthenticatedHttpRequest,
    account_id: uuid.UUID,
    file: File[UploadedFile],
    payload: Form[ImportUploadIn],
) -> Status:
    """Upload an .xlsx, .csv (or, for contacts, .vcf) file of contacts or org units. The rows
    are checked by a background job: read the batch until its status is "preview". A file that
    cannot be read answers 422 with the reason on the field "file"."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    if payload.kind not in services.ACCOUNT_KINDS:
        raise ValidationError({"kind": [str(ImportKind(payload.kind).label)]})
    try:
        parsed = read_upload(file, payload.kind)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    batch = services.import_batch_create(
        actor=request.user, kind=payload.kind, parsed=parsed, account=account
    )
    return Status(201, batch)


@router.get(
    "/accounts/{account_id}/imports/{batch_id}",
    response={200: ImportBatchDetailOut, **ERRORS},
    url_name="api_import_batch",
)
def get_import(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, batch_id: uuid.UUID
) -> object:
    """A batch's status and progress; in "preview" and "done", every row error (the line of the
    file, the column, the cell and the message in the request's language)."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    batch = batch_get_for_user(request.user, batch_id)
    if batch.account_id != account.pk:
        raise Http404
    return _detail(batch)


@router.post(
    "/accounts/{account_id}/imports/{batch_id}/confirm",
    response={202: ImportBatchOut, 409: ErrorOut, **ERRORS},
    url_name="api_import_confirm",
)
def confirm_import(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, batch_id: uuid.UUID
) -> Status:
    """Import the batch's valid rows (a background job; 409 when it has already started)."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    batch = batch_get_for_user(request.user, batch_id)
    if batch.account_id != account.pk:
        raise Http404
    return Status(202, services.import_batch_confirm(actor=request.user, batch=batch))
