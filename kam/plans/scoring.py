"""The evaluation formulas of the annual plan (T13.3), in one place for the letters, the
reviews, the scoreboard and the alerts. Pure functions on Decimals; no models.

achievement aᵢ = actual/target (higher is better) or target/actual (lower is better); for a
stage or level metric (T2 step, T4 level) aᵢ = (actual − baseline)/(target − baseline).
score = 100 · Σ wᵢ·min(max(aᵢ, 0), cap) / Σ wᵢ (cap 120 %).
letter score = process share · process score + (1 − process share) · result score.
rating: ≥ 100 优秀 · ≥ 85 良好 · ≥ 70 合格 · below 待改进.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from kam.plans.choices import Rating

ZERO = Decimal("0")
ONE = Decimal("1")
HUNDRED = Decimal("100")


@dataclass(frozen=True)
class EvaluationRules:
    """The evaluation rules a letter or review is scored with ([D] defaults; an administrator
    changes them as versioned data, and a letter keeps the rules it was generated with).

    `bands` are (lowest score, rating) from the best rating down; a score below every band
    gets `Rating.IMPROVE`."""

    process_share: Decimal = Decimal("0.4")
    cap: Decimal = Decimal("1.2")
    bands: tuple[tuple[Decimal, str], ...] = field(
        default=(
            (Decimal("100"), Rating.EXCELLENT),
            (Decimal("85"), Rating.GOOD),
            (Decimal("70"), Rating.PASS),
        )
    )


DEFAULT_RULES = EvaluationRules()


def as_decimal(value: Decimal | float | int | None) -> Decimal | None:
    if value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def achievement(
    *,
    actual: Decimal | float | None,
    target: Decimal | float,
    baseline: Decimal | float | None = None,
    is_lower_better: bool = False,
    is_stage: bool = False,
    cap: Decimal = DEFAULT_RULES.cap,
) -> Decimal | None:
    """How much of the target the actual reached, as a fraction (1 = on target), not capped.

    None when it cannot be measured: no actual, a stage metric without a baseline, or a
    ratio target of zero. A lower-is-better actual of zero (or less) meets any target that
    is not negative: its achievement is the cap."""
    actual_value, target_value = as_decimal(actual), as_decimal(target)
    baseline_value = as_decimal(baseline)
    if actual_value is None or target_value is None:
        return None
    if is_stage:
        if baseline_value is None:
            return None
        if target_value == baseline_value:
            if is_lower_better:
                return ONE if actual_value <= target_value else ZERO
            return ONE if actual_value >= target_value else ZERO
        return (actual_value - baseline_value) / (target_value - baseline_value)
    if is_lower_better:
        if actual_value <= ZERO:
            return cap if target_value >= ZERO else None
        return target_value / actual_value
    if target_value == ZERO:
        return None
    return actual_value / target_value


def capped(value: Decimal | None, cap: Decimal = DEFAULT_RULES.cap) -> Decimal:
    """An achievement as it counts in a score: between 0 and the cap; unmeasured counts 0."""
    if value is None:
        return ZERO
    return min(max(value, ZERO), cap)


def weighted_score(
    items: Iterable[tuple[Decimal | None, Decimal]], cap: Decimal = DEFAULT_RULES.cap
) -> Decimal | None:
    """100 · Σ wᵢ·min(aᵢ, cap) / Σ wᵢ over (achievement, weight) pairs; None without weight."""
    pairs = [(capped(value, cap), Decimal(weight)) for value, weight in items]
    total_weight = sum((weight for _value, weight in pairs), ZERO)
    if total_weight <= ZERO:
        return None
    return HUNDRED * sum((value * weight for value, weight in pairs), ZERO) / total_weight


def letter_score(
    process: Decimal | None, result: Decimal | None, rules: EvaluationRules = DEFAULT_RULES
) -> Decimal | None:
    """过程与结果兼顾: the process and result scores blended by the rules' split. When a letter
    holds objectives of one type only, that type's score is the letter's score."""
    if process is None:
        return result
    if result is None:
        return process
    return rules.process_share * process + (ONE - rules.process_share) * result


def rating_for(score: Decimal | None, rules: EvaluationRules = DEFAULT_RULES) -> str | None:
    """The rating band a score falls in (None: no score)."""
    if score is None:
        return None
    for lowest, rating in rules.bands:
        if score >= lowest:
            return rating
    return Rating.IMPROVE
