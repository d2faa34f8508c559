"""Template helpers of the engagement calendar."""

from django import template

from kam.engagement.models import Mechanism

register = template.Library()


@register.simple_tag
def mechanism_text(mechanism: Mechanism, field: str) -> str:
    """A mechanism's key-point text in the active language (the other one when it is empty)."""
    return mechanism.text(field)
