"""View helpers shared by the domain apps."""

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme

from kam.core.constraints import unique_violation_field_errors
from kam.core.exceptions import ApplicationError
from kam.core.outage import (
    is_api_request,
    is_database_outage,
    log_outage,
    server_error_body,
    unavailable_response,
)
from kam.core.oversize import TOO_LARGE_ERRORS, bad_request_body, too_large_body


class Pageable(Protocol):
    """What a paginator needs besides a queryset: a count and slices (see
    kam.people.selectors.ContactPages, which counts one query and pages another)."""

    @property
    def ordered(self) -> bool: ...

    def count(self) -> int: ...

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[Any]: ...

    def __getitem__(self, key: Any) -> Any: ...


def paginate(
    request: HttpRequest, queryset: QuerySet | Pageable, *, per_page: int | None = None
) -> Page:
    """The requested page; a missing, malformed or out-of-range number gives a valid page."""
    paginator = Paginator(queryset, per_page or settings.KAM_PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


# The API's limit too (kam.api.pagination): no list has this many pages.
MAX_PAGE_NUMBER = 1_000_000


@dataclass(frozen=True)
class SlicePage:
    """A page of a long, growing list read in one query (no COUNT): newer / older navigation."""

    number: int
    object_list: list
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


def paginate_by_slice(request: HttpRequest, queryset: QuerySet, *, per_page: int) -> SlicePage:
    """The requested page, fetched with one extra row to know whether another page follows;
    a missing, malformed or too-large number gives page 1 (or the last rows read)."""
    try:
        number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        number = 1
    if number > MAX_PAGE_NUMBER:
        number = 1  # an offset past any table: "datatype mismatch" on SQLite, bigint on PostgreSQL
    offset = (number - 1) * per_page
    rows = list(queryset[offset : offset + per_page + 1])
    return SlicePage(number=number, object_list=rows[:per_page], has_next=len(rows) > per_page)


def querystring_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def safe_next_url(request: HttpRequest, default: str) -> str:
    """Where to go back to after a form: the `next` the request carries (posted, else in the
    query string) when it is a path on this site, else `default` (the object's own page).
    Every `next` goes through here: never another site, never a name Django would reverse."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    is_ours = candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if is_ours else default


def apply_service_errors(form: BaseForm, error: ValidationError | ApplicationError) -> None:
    """Show an error a service raised next to the field it concerns (or on top of the form);
    a unique-constraint violation goes on the field its model names for it. A form whose fields
    are named otherwise than the service's input maps them in `service_error_fields`, so the
    error is linked to the field a person corrects."""
    if isinstance(error, ApplicationError):
        form.add_error(None, error.message)
        return
    if hasattr(error, "error_dict"):
        error = unique_violation_field_errors(error)
        renamed: dict[str, str] = getattr(form, "service_error_fields", {})
        for name, messages in error.message_dict.items():
            field = renamed.get(name, name)
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def csrf_failure_view(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A translated page instead of Django's English CSRF failure page."""
    return render(request, "403_csrf.html", status=403)


def favicon_view(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico whatever the page says: send them to the SVG icon (a hashed,
    compressed static file in production) instead of a 404."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def bad_request_view(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 400 handler (a SuspiciousOperation that escaped a view or middleware): 413 for a
    request over the size limits, the API's JSON error under /api/, else the translated page
    (rendered without context, like Django's own)."""
    is_too_large = isinstance(exception, TOO_LARGE_ERRORS)
    status = 413 if is_too_large else 400
    if is_api_request(request):
        body = too_large_body() if is_too_large else bad_request_body()
        return JsonResponse(body, status=status)
    template = "413.html" if is_too_large else "400.html"
    return HttpResponse(render_to_string(template), status=status)


def server_error_view(request: HttpRequest) -> HttpResponse:
    """Django's 500 handler: 503 when the database is unreachable, the API's JSON error under
    /api/, else the static 500 page (rendered without context: nothing here may fail again)."""
    exception = sys.exc_info()[1]
    if is_database_outage(exception):
        log_outage(request, exception)  # type: ignore[arg-type]
        return unavailable_response(request)
    if is_api_request(request):
        return JsonResponse(server_error_body(), status=500)
    return HttpResponseServerError(render_to_string("500.html"))
