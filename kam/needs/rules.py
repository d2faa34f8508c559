"""The formulas of the needs register (T11.3), pure functions without models."""

from decimal import Decimal

SCALE_MIN = 1
SCALE_MAX = 5


def need_priority(*, importance: int, urgency: int, our_fit: int) -> Decimal:
    """priority = importance × urgency × (6 − our_fit) / 5, from 0.2 to 25.

    High where the need is important, urgent and poorly served by us (low fit). The result is
    exact: dividing a whole number by 5 leaves at most one decimal place.
    """
    for value in (importance, urgency, our_fit):
        if not SCALE_MIN <= value <= SCALE_MAX:
            raise ValueError(f"scores run from {SCALE_MIN} to {SCALE_MAX}, got {value}")
    return Decimal(importance * urgency * (6 - our_fit)) / 5


def _ratio(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"))


def implicit_discovery_ratio(*, implicit: int, total: int) -> Decimal | None:
    """implicit needs / all needs (0–1; None when there is no need yet). A rising ratio means the
    team sees below the surface of the iceberg."""
    return _ratio(implicit, total)


def validation_rate(*, validated_implicit: int, implicit: int) -> Decimal | None:
    """validated implicit needs / implicit needs (0–1; None when no implicit need is recorded).

    The spec writes "needs with source = validated / implicit needs". We count only the implicit
    needs whose source is validated in the numerator: an implicit need starts as something we
    observed or inferred, and the rate says how many of those guesses the customer has since
    confirmed. An explicit need is stated, so it has nothing to validate; counting validated
    explicit needs could push the rate above 1.
    """
    return _ratio(validated_implicit, implicit)
