"""The one scoring engine (spec §0.2, §7.2): pure functions over plain data, no database.

Every scored instrument is a template (criteria, weights, scale, aggregation, bands, gates,
completeness threshold). `score` turns answers into a result that explains itself: each
criterion's contribution, each group's score, the band and the gates that lowered it.
Unanswered criteria are never counted as zero; they lower completeness instead.
"""

import dataclasses
import math
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

WEIGHTED_MEAN = "weighted_mean"
LADDER = "ladder"
SPECIAL = "special"


@dataclass(frozen=True)
class CriterionSpec:
    code: str
    weight: float
    scale_min: float
    scale_max: float
    group: str = ""
    is_required: bool = False


@dataclass(frozen=True)
class Band:
    lower_bound: float
    code: str


@dataclass(frozen=True)
class Gate:
    """`band_code` is only reached when every group in `minimums` scores at least its value."""

    band_code: str
    minimums: dict[str, float]


@dataclass(frozen=True)
class TemplateSpec:
    criteria: tuple[CriterionSpec, ...]
    aggregation: str = WEIGHTED_MEAN
    special_formula: str = ""
    group_weights: dict[str, float] = field(default_factory=dict)
    bands: tuple[Band, ...] = ()
    gates: tuple[Gate, ...] = ()
    completeness_threshold: float = 0.8
    parameters: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Answer:
    """One assessor's raw value for one criterion; `subject` is "" for us or a competitor key."""

    criterion_code: str
    value: float | None
    assessor: str = ""
    subject: str = ""


@dataclass(frozen=True)
class CriterionResult:
    code: str
    group: str
    raw_mean: float | None
    normalised: float | None
    spread: float | None
    answers: int
    weight: float
    contribution: float


@dataclass(frozen=True)
class GateEffect:
    from_band: str
    to_band: str
    group: str
    required: float
    actual: float | None


@dataclass(frozen=True)
class Result:
    total: float | None
    band: str
    band_before_gates: str
    groups: dict[str, float]
    criteria: tuple[CriterionResult, ...]
    completeness: float
    is_complete: bool
    gates_applied: tuple[GateEffect, ...]
    flags: tuple[str, ...]
    figures: dict[str, object]


def normalise(raw: float, scale_min: float, scale_max: float) -> float:
    """norm = (raw − min) / (max − min) × 100 (spec §0.2)."""
    return (raw - scale_min) / (scale_max - scale_min) * 100


def band_for(score: float | None, bands: Iterable[Band]) -> str:
    """The band with the highest lower bound ≤ score ("" when there is no score)."""
    if score is None:
        return ""
    chosen = ""
    for band in sorted(bands, key=lambda item: item.lower_bound):
        if score >= band.lower_bound:
            chosen = band.code
    return chosen


def apply_gates(
    band: str, groups: dict[str, float], bands: tuple[Band, ...], gates: tuple[Gate, ...]
) -> tuple[str, tuple[GateEffect, ...]]:
    """Gates run after banding and can only lower the band, one step at a time.

    Gates are cumulative like the rungs of a ladder: a band must also meet the gates of every
    band below it (伙伴合作 cannot skip 战略合作's requirement on 匹配).
    """
    order = [item.code for item in sorted(bands, key=lambda item: item.lower_bound)]
    effects: list[GateEffect] = []
    while band in order and order.index(band) > 0:
        reached = set(order[: order.index(band) + 1])
        failed = _failed_requirement(reached, groups, gates)
        if failed is None:
            break
        lower = order[order.index(band) - 1]
        group, required = failed
        effects.append(GateEffect(band, lower, group, required, groups.get(group)))
        band = lower
    return band, tuple(effects)


def _failed_requirement(
    reached: set[str], groups: dict[str, float], gates: tuple[Gate, ...]
) -> tuple[str, float] | None:
    for gate in gates:
        if gate.band_code not in reached:
            continue
        for group, minimum in gate.minimums.items():
            actual = groups.get(group)
            if actual is None or actual < minimum:
                return group, minimum
    return None


def _criterion_means(
    spec: TemplateSpec, answers: Iterable[Answer], subject: str = ""
) -> dict[str, tuple[float, float | None, int]]:
    """Per criterion: mean raw value, spread (population std dev of normalised), answer count."""
    values: dict[str, list[float]] = {}
    for answer in answers:
        if answer.subject == subject and answer.value is not None:
            values.setdefault(answer.criterion_code, []).append(float(answer.value))
    means = {}
    for criterion in spec.criteria:
        raw = values.get(criterion.code)
        if not raw:
            continue
        norms = [normalise(value, criterion.scale_min, criterion.scale_max) for value in raw]
        spread = statistics.pstdev(norms) if len(norms) > 1 else None
        means[criterion.code] = (statistics.fmean(raw), spread, len(raw))
    return means


def _effective_weights(spec: TemplateSpec, answered: set[str]) -> dict[str, float]:
    """Weight of each answered criterion in the total, so that contributions sum to the total.

    Without group weights this is the criterion weight. With group weights, a group's weight
    is shared among its answered criteria in proportion to their own weights.
    """
    if not spec.group_weights:
        return {c.code: c.weight for c in spec.criteria if c.code in answered}
    weights: dict[str, float] = {}
    for group, group_weight in spec.group_weights.items():
        members = [c for c in spec.criteria if c.group == group and c.code in answered]
        member_total = sum(c.weight for c in members)
        for criterion in members:
            weights[criterion.code] = group_weight * criterion.weight / member_total
    return weights


def _completeness(spec: TemplateSpec, answered: set[str]) -> float:
    if spec.group_weights:
        possible = _effective_weights(spec, {c.code for c in spec.criteria})
    else:
        possible = {c.code: c.weight for c in spec.criteria}
    total = sum(possible.values())
    if total == 0:
        return 0.0
    return sum(weight for code, weight in possible.items() if code in answered) / total


def _group_scores(spec: TemplateSpec, norms: dict[str, float]) -> dict[str, float]:
    groups: dict[str, float] = {}
    for group in dict.fromkeys(c.group for c in spec.criteria if c.group):
        members = [c for c in spec.criteria if c.group == group and c.code in norms]
        weight = sum(c.weight for c in members)
        if members and weight > 0:
            groups[group] = sum(c.weight * norms[c.code] for c in members) / weight
    return groups


def _weighted_mean(spec: TemplateSpec, answers: list[Answer]) -> Result:
    means = _criterion_means(spec, answers)
    by_code = {c.code: c for c in spec.criteria}
    norms = {
        code: normalise(raw, by_code[code].scale_min, by_code[code].scale_max)
        for code, (raw, _spread, _count) in means.items()
    }
    weights = _effective_weights(spec, set(norms))
    weight_sum = sum(weights.values())
    total = sum(weights[code] * norms[code] for code in norms) / weight_sum if weight_sum else None
    criteria = tuple(
        CriterionResult(
            code=c.code,
            group=c.group,
            raw_mean=means[c.code][0] if c.code in means else None,
            normalised=norms.get(c.code),
            spread=means[c.code][1] if c.code in means else None,
            answers=means[c.code][2] if c.code in means else 0,
            weight=c.weight,
            contribution=(weights[c.code] * norms[c.code] / weight_sum) if c.code in norms else 0.0,
        )
        for c in spec.criteria
    )
    return _finish(spec, total, _group_scores(spec, norms), criteria, set(norms), {})


def position_weighted_index(normalised: list[float | None]) -> float | None:
    """level_index = Σ k·score_k / Σ k·max · 100, k = rung position from 1 (T7.3).

    `normalised` is each rung's score on 0–100 (score_k / max · 100), lowest rung first; an
    unanswered rung adds nothing to the numerator, so partial credit on higher rungs counts
    more and the index never exceeds 100.
    """
    if not normalised:
        return None
    weights = range(1, len(normalised) + 1)
    earned = sum(k * (value or 0.0) for k, value in zip(weights, normalised, strict=True))
    return earned / sum(weights)


def _ladder(spec: TemplateSpec, answers: list[Answer]) -> Result:
    """Level = number of consecutive rungs from the bottom that reach the rung threshold.

    The total is level / rungs · 100, or with the parameter level_index = "position_weighted"
    the position-weighted level index (the key-person ladder, T7.3).
    """
    threshold = float(spec.parameters.get("rung_threshold", 60))
    base = _weighted_mean(spec, answers)
    level = 0
    for criterion in base.criteria:
        if criterion.normalised is None or criterion.normalised < threshold:
            break
        level += 1
    answered = {c.code for c in base.criteria if c.normalised is not None}
    figures: dict[str, object] = {"level": level, "rungs": len(spec.criteria)}
    if spec.parameters.get("level_index") == "position_weighted":
        total = position_weighted_index([c.normalised for c in base.criteria]) if answered else None
        figures["level_index"] = total
    else:
        total = level / len(spec.criteria) * 100 if spec.criteria else None
    return _finish(spec, total, base.groups, base.criteria, answered, figures)


def _finish(
    spec: TemplateSpec,
    total: float | None,
    groups: dict[str, float],
    criteria: tuple[CriterionResult, ...],
    answered: set[str],
    figures: dict[str, object],
) -> Result:
    completeness = _completeness(spec, answered)
    missing_required = [c.code for c in spec.criteria if c.is_required and c.code not in answered]
    is_complete = completeness >= spec.completeness_threshold and not missing_required
    band_before = band_for(total, spec.bands)
    band, effects = apply_gates(band_before, groups, spec.bands, spec.gates)
    flags = [] if is_complete else ["incomplete"]
    flags += [f"missing_required:{code}" for code in missing_required]
    return Result(
        total=total,
        band=band,
        band_before_gates=band_before,
        groups=groups,
        criteria=criteria,
        completeness=completeness,
        is_complete=is_complete,
        gates_applied=effects,
        flags=tuple(flags),
        figures=figures,
    )


# --- named special formulas ---------------------------------------------------------------------


def strength_score_from_ratio(ratio: float) -> float:
    """strength = clamp(50 + 50·log₃(ratio), 0, 100): ⅓× → 0, 1× → 50, 3× → 100 (T1.3)."""
    if ratio <= 0:
        return 0.0
    return max(0.0, min(100.0, 50 + 50 * math.log(ratio, 3)))


def _relative_strength(spec: TemplateSpec, answers: list[Answer]) -> Result:
    """T1 relative strength: our weighted KBC score divided by the best competitor's."""
    ours = _criterion_means(spec, answers)
    subjects = sorted({a.subject for a in answers if a.subject and a.value is not None})
    weights = {c.code: c.weight for c in spec.criteria}
    us = _weighted_raw(ours, weights)
    competitors = {s: _weighted_raw(_criterion_means(spec, answers, s), weights) for s in subjects}
    scored = {s: value for s, value in competitors.items() if value is not None}
    best = max(scored, key=lambda s: scored[s]) if scored else ""
    ratio = us / scored[best] if us is not None and best and scored[best] > 0 else None
    total = strength_score_from_ratio(ratio) if ratio is not None else None
    base = _weighted_mean(spec, answers)
    figures: dict[str, object] = {
        "score_us": us,
        "score_by_competitor": scored,
        "best_competitor": best,
        "strength_ratio": ratio,
    }
    answered = set(ours) if scored else set()
    return _finish(spec, total, base.groups, base.criteria, answered, figures)


def _weighted_raw(
    means: dict[str, tuple[float, float | None, int]], weights: dict[str, float]
) -> float | None:
    """Σ kⱼ·scoreⱼ / Σ kⱼ over answered criteria, on the raw scale."""
    total_weight = sum(weights[code] for code in means)
    if not total_weight:
        return None
    return sum(weights[code] * raw for code, (raw, _s, _n) in means.items()) / total_weight


def ladder_tier_reached(
    tier_scores: dict[str, float], tier_order: list[str], threshold: float
) -> str:
    """T12 value ladder level: the highest tier (in `tier_order`, lowest first) whose score is at
    least `threshold`, else "" (below the lowest tier).

    As the spec words it ("highest tier whose score ≥ 60"), a tier counts on its own: a higher
    tier that reaches the threshold counts even when a lower tier does not (see
    `tiers_skipped`). A tier without a score never counts.
    """
    reached = ""
    for tier in tier_order:
        score = tier_scores.get(tier)
        if score is not None and score >= threshold:
            reached = tier
    return reached


def tiers_skipped(
    tier_scores: dict[str, float], tier_order: list[str], threshold: float, reached: str
) -> list[str]:
    """The tiers below the reached one that stay under the threshold (shown as a warning)."""
    if not reached:
        return []
    below = tier_order[: tier_order.index(reached)]
    return [tier for tier in below if (tier_scores.get(tier) or 0.0) < threshold]


def _value_ladder(spec: TemplateSpec, answers: list[Answer]) -> Result:
    """T12: the weighted mean scores each tier (a group: mean of its dimensions / 5 · 100); the
    band is the ladder level, from the template's "tier_order", "tier_threshold" and
    "below_level" parameters."""
    base = _weighted_mean(spec, answers)
    order = [str(tier) for tier in spec.parameters.get("tier_order", [])]
    threshold = float(spec.parameters.get("tier_threshold", 60))
    reached = ladder_tier_reached(base.groups, order, threshold)
    level = reached or str(spec.parameters.get("below_level", "below_product"))
    figures: dict[str, object] = {
        "level": level,
        "tier_threshold": threshold,
        "tiers_skipped": tiers_skipped(base.groups, order, threshold, reached),
    }
    return dataclasses.replace(
        base, band=level, band_before_gates=level, gates_applied=(), figures=figures
    )


def _kpi_score(spec: TemplateSpec, answers: list[Answer]) -> Result:
    """T10.3: KPI score = Σ w·min(a, cap) / Σ w · 100, where each answer is the KPI's
    achievement in percent (actual/target, inverted for lower-is-better, worked out by the
    caller); the cap is the template's "achievement_cap" parameter (1.2). Each criterion's
    normalised value is its capped achievement in percent; the band is the traffic light."""
    cap = float(spec.parameters.get("achievement_cap", 1.2)) * 100
    capped = [
        dataclasses.replace(answer, value=min(float(answer.value), cap))
        if answer.value is not None
        else answer
        for answer in answers
    ]
    percent_spec = dataclasses.replace(
        spec,
        criteria=tuple(
            dataclasses.replace(criterion, scale_min=0.0, scale_max=100.0)
            for criterion in spec.criteria
        ),
    )
    base = _weighted_mean(percent_spec, capped)
    return dataclasses.replace(base, figures={"achievement_cap": cap / 100})


SPECIAL_FORMULAS: dict[str, Callable[[TemplateSpec, list[Answer]], Result]] = {
    "relative_strength": _relative_strength,
    "value_ladder": _value_ladder,
    "kpi_score": _kpi_score,
}


def score(spec: TemplateSpec, answers: Iterable[Answer]) -> Result:
    """Score answers under a template; the one entry point for every instrument."""
    answer_list = list(answers)
    if spec.aggregation == LADDER:
        return _ladder(spec, answer_list)
    if spec.aggregation == SPECIAL:
        return SPECIAL_FORMULAS[spec.special_formula](spec, answer_list)
    return _weighted_mean(spec, answer_list)


def to_decimal(value: float | None, places: int = 2) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(round(value, places)))


def exact_total_of(result: object, total: object) -> float | None:
    """The unrounded total of a stored result (its "total" key), else the rounded `total` column
    (a result stored without one). Decisions on a score read this; display rounds it."""
    exact = result.get("total") if isinstance(result, dict) else None
    if isinstance(exact, int | float) and not isinstance(exact, bool):
        return float(exact)
    return None if total is None else float(str(total))
