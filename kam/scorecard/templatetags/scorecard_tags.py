"""Small display helpers of the scorecard pages."""

from typing import SupportsFloat

from django import template

register = template.Library()


@register.filter
def category_label(code: str, policies: dict) -> str:
    """The editable label of a category code (the code itself if there is no policy)."""
    policy = policies.get(code) if code else None
    return policy.label if policy is not None else (code or "")


@register.filter
def category_policy(code: str, policies: dict) -> object:
    return policies.get(code) if code else None


@register.filter
def signed(value: SupportsFloat | str | None, places: int = 1) -> str:
    """A change with its sign: +3.2, −1.0, ±0."""
    if value is None or value == "":
        return ""
    number = round(float(value), int(places))
    if number == 0:
        return "±0"
    text = f"{abs(number):,.{int(places)}f}"
    return f"+{text}" if number > 0 else f"−{text}"


@register.filter
def percent(value: SupportsFloat | str | None, places: int = 1) -> str:
    """A share 0–1 as a percentage: 0.257 → 25.7 %."""
    if value is None or value == "":
        return "—"
    return f"{float(value) * 100:.{int(places)}f} %"


@register.filter
def number(value: SupportsFloat | str | None, places: int = 1) -> str:
    if value is None or value == "":
        return "—"
    return f"{float(value):.{int(places)}f}"
