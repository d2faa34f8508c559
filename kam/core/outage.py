"""A database outage answers 503 "temporarily unavailable" with Retry-After, never a 500.

An `OperationalError`/`InterfaceError` counts as an outage only when a fresh connection to the
database also fails: a lock timeout or a bad query on a reachable database stays a 500 (a bug to
fix, not a moment to wait). Used by the middleware (page and API views), the 500 handler
(errors raised by other middleware, e.g. reading the session) and the API's error handlers."""

import logging

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

CONNECTION_ERRORS = (OperationalError, InterfaceError)


def database_is_reachable(alias: str = DEFAULT_DB_ALIAS, *, is_fresh: bool = True) -> bool:
    """Whether the database answers `SELECT 1`; `is_fresh` drops the current connection first
    (a connection that failed is not trusted), unless a transaction is still open on it."""
    connection = connections[alias]
    try:
        if is_fresh and not connection.in_atomic_block:
            connection.close()
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except CONNECTION_ERRORS:
        return False
    return True


def is_database_outage(exception: BaseException | None) -> bool:
    return isinstance(exception, CONNECTION_ERRORS) and not database_is_reachable()


def is_api_request(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def unavailable_body() -> dict:
    message = _("The service is temporarily unavailable. Please try again in a moment.")
    return {"error": {"code": "unavailable", "message": message, "fields": {}}}


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After: the API's JSON error, or a page that needs no database (no user,
    no session, no context processors)."""
    if is_api_request(request):
        response: HttpResponse = JsonResponse(unavailable_body(), status=503)
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(settings.KAM_RETRY_AFTER_SECONDS)
    return response


def server_error_body() -> dict:
    message = _("Something went wrong and the request was not completed. Please try again later.")
    return {"error": {"code": "server_error", "message": message, "fields": {}}}


def log_outage(request: HttpRequest, exception: BaseException) -> None:
    logger.warning("Database unavailable on %s %s: %s", request.method, request.path, exception)
