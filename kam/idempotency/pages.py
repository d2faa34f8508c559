"""One-time form tokens: a create form submitted twice (double click, resubmit after a timeout,
the browser's back button) creates once; the second submit shows what the first created.

Decorate the create view with `@one_time_submission` (below `@login_required`) and put
`{% submission_token %}` (from `{% load idempotency %}`) in its form, also when another page
shows the form. A POST without a token (an API-like client, a page opened before a deploy)
creates as before. The view answers a
successful create with a redirect, as every create view here does (POST-redirect-GET)."""

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _

from kam.core.htmx import is_htmx
from kam.idempotency.choices import RecordKind
from kam.idempotency.services import idempotency_answer, idempotency_claim

FIELD_NAME = "submission_token"

View = Callable[..., HttpResponseBase]


def _posted_token(request: HttpRequest) -> str | None:
    try:
        return uuid.UUID(request.POST.get(FIELD_NAME, "")).hex
    except ValueError:
        return None


def _location_of(response: HttpResponseBase) -> str:
    """Where a successful create sent the browser ("" for a form shown again with errors)."""
    if response.status_code in {301, 302, 303} and response.has_header("Location"):
        return response["Location"]
    if 200 <= response.status_code < 300 and response.has_header("HX-Redirect"):
        return response["HX-Redirect"]
    return ""


def _go_to(request: HttpRequest, location: str) -> HttpResponseBase:
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = location
        return response
    return HttpResponseRedirect(location)


def one_time_submission(view: View) -> View:
    """Make the create view `view` idempotent per form token (see the module docstring)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        token = _posted_token(request) if request.method == "POST" else None
        if token is None or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        # A form shown again after an error keeps its token: nothing was created with it.
        request.submission_token = token  # type: ignore[attr-defined]
        with transaction.atomic():
            record, claimed = idempotency_claim(
                user=request.user,
                kind=RecordKind.PAGE,
                key=token,
                fingerprint=request.path[:64],
            )
            if not claimed:
                messages.info(request, _("This form had already been sent: here is what it saved."))
                return _go_to(request, record.location or request.path)
            response = view(request, *args, **kwargs)
            location = _location_of(response)
            if location:
                idempotency_answer(record=record, location=location)
            else:
                record.delete()
        return response

    return wrapper
