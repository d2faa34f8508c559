"""Middleware of the core app: the pages' safety nets for a database outage and for write
conflicts the services did not turn into a message."""

from collections.abc import Callable

from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

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
