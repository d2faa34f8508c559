"""Middleware of the core app."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

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
