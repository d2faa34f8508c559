"""Middleware of the core app: the pages' safety nets for a database outage and for write
conflicts the services did not turn into a message, and the primary pin of a client that just
wrote (with a replica)."""

from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kam.core.db_router import primary_pinned
from kam.core.outage import is_database_outage, log_outage, unavailable_response


class DatabaseOutageMiddleware:
    """A view that fails because the database is unreachable answers 503 with Retry-After (a
    page, or the API's JSON error) instead of the 500 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_outage(exception):
            return None
        log_outage(request, exception)
        return unavailable_response(request)


class ConflictMiddleware:
    """An `IntegrityError` escaping a view (two people saving the same thing at the same moment)
    answers a translated 409 page, not a 500; nothing was saved (the request's transaction
    rolled back). The API has its own handler (kam/api/errors.py)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, IntegrityError):
            return render(request, "409.html", status=409)
        return None


PIN_COOKIE = "kam_primary"
_PIN_SALT = "kam.core.middleware.PrimaryPinMiddleware"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class PrimaryPinMiddleware:
    """With a replica (installed by the settings with DATABASE_REPLICA_URL): a client that sent
    a write (POST, PUT, PATCH, DELETE) reads the primary for DATABASE_REPLICA_PIN_SECONDS, so the
    page after a save shows it even when the replica lags. The mark is a signed cookie whose
    signature carries its time (a forged or older one pins nothing)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.DATABASE_REPLICA_PIN_SECONDS
        mark = request.get_signed_cookie(PIN_COOKIE, default=None, salt=_PIN_SALT, max_age=seconds)
        with primary_pinned(mark is not None):
            response = self.get_response(request)
        if request.method not in _SAFE_METHODS and seconds > 0:
            response.set_signed_cookie(
                PIN_COOKIE,
                "1",
                salt=_PIN_SALT,
                max_age=seconds,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
