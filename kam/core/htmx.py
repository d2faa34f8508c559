"""htmx helpers: one view, two renderings (full page or partial)."""

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """True for an htmx request that is not a history restore (which needs the full page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )
