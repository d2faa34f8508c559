"""One JSON error shape for the whole API, with translated messages.

{"error": {"code": "validation_error", "message": "…", "fields": {"name": ["…"]}}}
"""

import logging

from django.conf import settings
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from kam.api.path_access import refusal_for_path
from kam.core.exceptions import ApplicationError
from kam.core.outage import is_database_outage, log_outage, server_error_body, unavailable_body
from kam.core.oversize import too_large_body

logger = logging.getLogger(__name__)


def error_body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def _field_message(error: dict) -> str:
    """Translate a pydantic error into a message a user can act on."""
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind == "string_too_long":
        return _("Ensure this value has at most {max} characters.").format(
            max=context.get("max_length")
        )
    if kind == "string_too_short":
        return _("This field cannot be blank.")
    if kind in {"enum", "literal_error"}:
        return _("Select one of: {choices}.").format(choices=context.get("expected", ""))
    if kind == "uuid_parsing" or kind == "uuid_type":
        return _("Enter a valid id.")
    if kind.startswith(("int_", "float_", "decimal_")) or kind in {"int_type", "decimal_type"}:
        return _("Enter a valid number.")
    if kind in {"greater_than_equal", "greater_than"}:
        return _("Ensure this value is at least {minimum}.").format(
            minimum=context.get("ge", context.get("gt"))
        )
    if kind in {"less_than_equal", "less_than"}:
        return _("Ensure this value is at most {maximum}.").format(
            maximum=context.get("le", context.get("lt"))
        )
    if kind == "json_invalid":
        return _("The request body is not valid JSON.")
    if kind == "object_expected":
        return _("Send the fields to change as a JSON object.")
    if kind.startswith("value_error"):
        return _("Enter a valid value.")
    return _("Enter a valid value.")


def _field_name(location: list) -> str:
    names = [str(part) for part in location if part not in {"body", "query", "path", "payload"}]
    return ".".join(names) or "__all__"


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        """Anything unexpected: 503 + Retry-After when the database is unreachable, else a
        logged traceback and a 500 in the API's shape (never Django's HTML page)."""
        if is_database_outage(exc):
            log_outage(request, exc)
            response = api.create_response(request, unavailable_body(), status=503)
            response["Retry-After"] = str(settings.KAM_RETRY_AFTER_SECONDS)
            return response
        logger.error("API error on %s %s", request.method, request.path, exc_info=exc)
        return api.create_response(request, server_error_body(), status=500)

    @api.exception_handler(NinjaValidationError)
    def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        refusal = refusal_for_path(request)
        if refusal is not None:
            return api.on_exception(request, refusal)
        fields: dict[str, list[str]] = {}
        for error in exc.errors:
            fields.setdefault(_field_name(list(error.get("loc", []))), []).append(
                _field_message(error)
            )
        message = _("The request is not valid; see the fields.")
        return api.create_response(
            request, error_body("validation_error", message, fields), status=422
        )

    @api.exception_handler(DjangoValidationError)
    def model_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        if hasattr(exc, "error_dict"):
            fields = {
                name: [str(m) for m in messages] for name, messages in exc.message_dict.items()
            }
        else:
            fields = {"__all__": [str(message) for message in exc.messages]}
        message = _("The request is not valid; see the fields.")
        return api.create_response(
            request, error_body("validation_error", message, fields), status=422
        )

    @api.exception_handler(ApplicationError)
    def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
        return api.create_response(request, error_body(exc.code, exc.message), status=exc.status)

    @api.exception_handler(IntegrityError)
    def integrity_error(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
        # Two clients writing the same thing at once and a service that did not foresee it: the
        # transaction rolled back; say so (never the constraint's name, never a 500).
        message = _(
            "Someone else saved the same thing at the same moment, so nothing was saved. "
            "Read the current data and try again."
        )
        return api.create_response(request, error_body("conflict", message), status=409)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, error_body("not_found", _("Not found.")), status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        message = str(exc) or _("You may not do this.")
        return api.create_response(request, error_body("forbidden", message), status=403)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = _("Sign in or send a valid API token.")
        return api.create_response(request, error_body("not_authenticated", message), status=401)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        refusal = refusal_for_path(request) if exc.status_code == 400 else None
        if refusal is not None:
            return api.on_exception(request, refusal)
        if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
            body = error_body("malformed_json", _("The request body is not valid JSON."))
        else:
            body = error_body("http_error", str(exc))
        return api.create_response(request, body, status=exc.status_code)

    @api.exception_handler(RequestDataTooBig)
    @api.exception_handler(TooManyFieldsSent)
    @api.exception_handler(TooManyFilesSent)
    def too_large(request: HttpRequest, exc: Exception) -> HttpResponse:
        """A body over DATA_UPLOAD_MAX_MEMORY_SIZE, or too many fields or files: 413 (read
        outside an operation, e.g. by the Idempotency-Key decorator: kam.core.views.
        bad_request_view answers the same)."""
        return api.create_response(request, too_large_body(), status=413)
