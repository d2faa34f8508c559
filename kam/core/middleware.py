"""The pages' safety net for write conflicts the services did not turn into a message."""

from collections.abc import Callable

from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


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
