"""`{% submission_token %}`: the one-time token of a create form (kam/idempotency/pages.py)."""

import uuid

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from kam.idempotency.pages import FIELD_NAME

register = template.Library()


@register.simple_tag(takes_context=True)
def submission_token(context: template.Context) -> SafeString:
    """A hidden input with a new token (or, on a form shown again after an error, the token it
    was sent with). Views without `@one_time_submission` ignore it."""
    request = context.get("request")
    token = getattr(request, "submission_token", "") or uuid.uuid4().hex
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD_NAME, token)
