"""The API's `Idempotency-Key` header on every POST that creates (answers 201).

`api.add_decorator(idempotent_creates, mode="view")` wraps each operation: with the header, the
first request's status and body are kept for KAM_IDEMPOTENCY_TTL_HOURS and a request with the
same key (same user) gets them again without a second object; the same key with another request
body answers 422. Without the header nothing changes."""

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _

from kam.api.errors import error_body
from kam.idempotency.choices import RecordKind
from kam.idempotency.models import IdempotencyRecord
from kam.idempotency.services import idempotency_answer, idempotency_claim

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
KEY_MAX_LENGTH = 255

HEADER_PARAMETER = {
    "name": HEADER,
    "in": "header",
    "required": False,
    "description": "Send the request again with the same key (for instance after a timeout) "
    "and get the first answer again instead of a second object. Keys are per user and kept "
    "24 hours (KAM_IDEMPOTENCY_TTL_HOURS); the same key with another body answers 422.",
    "schema": {"type": "string", "maxLength": KEY_MAX_LENGTH},
}

Run = Callable[..., HttpResponseBase]


def _is_create(operation: Any) -> bool:
    response_models = getattr(operation, "response_models", {}) or {}
    return "POST" in getattr(operation, "methods", ()) and 201 in response_models


def _fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256()
    for part in (request.method or "", request.path, request.content_type or ""):
        digest.update(part.encode() + b"\0")
    if request.content_type == "multipart/form-data":
        _digest_form(digest, request)
    else:
        digest.update(request.body)
    return digest.hexdigest()


def _digest_form(digest: "hashlib._Hash", request: HttpRequest) -> None:
    """An upload's fields and files, not its raw body: a file may be larger than the body Django
    reads into memory (DATA_UPLOAD_MAX_MEMORY_SIZE), and a client sends the same form again with
    another multipart boundary."""
    for name, values in sorted(request.POST.lists()):
        for value in values:
            digest.update(f"{name}={value}".encode() + b"\0")
    for name, uploads in sorted(request.FILES.lists()):
        for upload in uploads:
            digest.update(f"{name}:{upload.name}".encode() + b"\0")
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)


def _refusal(code: str, message: str) -> JsonResponse:
    return JsonResponse(error_body(code, message), status=422)


def _replay(record: IdempotencyRecord) -> HttpResponse:
    response = HttpResponse(
        record.response_body, status=record.status_code, content_type=record.content_type
    )
    response[REPLAYED_HEADER] = "true"
    return response


def _run_once(operation: Any, run: Run, request: HttpRequest, key: str, **kw: Any) -> Any:
    refused = operation._run_checks(request)  # authenticate first: keys belong to a user
    if refused is not None:
        return refused
    fingerprint = _fingerprint(request)
    with transaction.atomic():
        record, claimed = idempotency_claim(
            user=request.auth,  # type: ignore[attr-defined]  # set by the authentication
            kind=RecordKind.API,
            key=key,
            fingerprint=fingerprint,
        )
        if not claimed:
            if record.request_fingerprint != fingerprint:
                return _refusal(
                    "idempotency_key_reused",
                    _("This Idempotency-Key was already used for a different request."),
                )
            return _replay(record)
        response = run(request, **kw)
        if 200 <= response.status_code < 300 and isinstance(response, HttpResponse):
            idempotency_answer(
                record=record,
                status_code=response.status_code,
                content_type=response.get("Content-Type", ""),
                response_body=response.content.decode(),
            )
        else:
            record.delete()  # a refused request did not create: the client may fix it and retry
    return response


def idempotent_creates(run: Run) -> Run:
    """View-mode API decorator: leaves every operation but a create as it is."""
    operation = getattr(run, "__self__", None)
    if operation is None or not _is_create(operation):
        return run
    extra = dict(operation.openapi_extra or {})
    extra["parameters"] = [*extra.get("parameters", []), HEADER_PARAMETER]
    operation.openapi_extra = extra

    @wraps(run)
    def wrapper(request: HttpRequest, **kw: Any) -> HttpResponseBase:
        key = request.headers.get(HEADER)
        if key is None:
            return run(request, **kw)
        if not 0 < len(key) <= KEY_MAX_LENGTH:
            return _refusal(
                "invalid_idempotency_key",
                _("The Idempotency-Key header must have 1 to {count} characters.").format(
                    count=KEY_MAX_LENGTH
                ),
            )
        return _run_once(operation, run, request, key, **kw)

    return wrapper
