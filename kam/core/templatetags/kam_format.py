"""Number formatting shared by every template."""

from decimal import Decimal, InvalidOperation

from django import template

from kam.lib.scales import scale_step

register = template.Library()


@register.filter
def money(value: object) -> str:
    """An amount with thousands separators and no decimals: 86000000 → 86,000,000."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return ""
    return f"{amount:,.0f}"


@register.filter
def percent(value: object) -> str:
    """A share from 0 to 1 as a whole percentage: 0.75 → 75%."""
    try:
        share = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return ""
    return f"{share * 100:.0f}%"


@register.filter
def delta(value: object, previous: object) -> str:
    """The signed change from `previous` to `value`, one decimal: +4.2 / −3.0 / 0.0."""
    try:
        change = Decimal(str(value)) - Decimal(str(previous))
    except (InvalidOperation, ValueError):
        return ""
    if change > 0:
        return f"+{change:.1f}"
    if change < 0:
        return f"−{-change:.1f}"
    return "0.0"


@register.filter
def scale(value: object, top: int = 100) -> int:
    """The number of a scales.css class (kam/lib/scales.py): `w-{{ percent|scale }}`,
    `depth-{{ depth|scale:12 }}`; rounded, within 0 … top."""
    return scale_step(value, top)
