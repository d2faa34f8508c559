"""A request over the server's size limits (DATA_UPLOAD_MAX_MEMORY_SIZE, the number of fields
or files) answers 413: the API's JSON error under /api/, a translated page elsewhere; never a
500, never Django's HTML 400 under /api/. Nothing was read into a form, so nothing was written.

Used by the API's error handlers (a body read inside an operation) and by the 400 handler
(a body read outside one: a middleware, the Idempotency-Key decorator, a page view)."""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.utils.translation import gettext as _

TOO_LARGE_ERRORS = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def too_large_body() -> dict:
    message = _("The request is larger than the server accepts. Send less at once.")
    return {"error": {"code": "request_too_large", "message": message, "fields": {}}}


def bad_request_body() -> dict:
    message = _("The request could not be understood. Nothing was changed.")
    return {"error": {"code": "bad_request", "message": message, "fields": {}}}
