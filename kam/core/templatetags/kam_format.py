"""Number formatting shared by every template."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def money(value: object) -> str:
    """An amount with thousands separators and no decimals: 86000000 → 86,000,000."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return ""
    return f"{amount:,.0f}"
