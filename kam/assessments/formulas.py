"""Named formulas of the instruments that are not a plain weighted mean (spec T1–T4).

Pure functions over numbers; the defaults given here are the spec's [D] values and every caller
passes the administrator's configured values in.
"""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

# --- T1: four categories -------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryThresholds:
    attractiveness: float = 60.0
    strength: float = 50.0


def category_for(attractiveness: float, strength: float, thresholds: CategoryThresholds) -> str:
    """四类关键大客户: A & RS high → strategic; A high → star; RS high → status; else streamline."""
    high_attractiveness = attractiveness >= thresholds.attractiveness
    high_strength = strength >= thresholds.strength
    if high_attractiveness and high_strength:
        return "strategic"
    if high_attractiveness:
        return "star"
    if high_strength:
        return "status"
    return "streamline"


def median_thresholds(
    attractiveness: Sequence[float], strength: Sequence[float]
) -> CategoryThresholds:
    """Portfolio-median mode: positions are relative within the portfolio (McDonald)."""
    return CategoryThresholds(
        attractiveness=statistics.median(attractiveness) if attractiveness else 60.0,
        strength=statistics.median(strength) if strength else 50.0,
    )


# --- T3: satisfaction, share of wallet, health -------------------------------------------------


@dataclass(frozen=True)
class SurveyAnswer:
    """One respondent: influence weight, {attribute: (importance 1–5, performance 1–5)},
    overall satisfaction 1–5 and likelihood to recommend 0–10 (either may be missing)."""

    influence: float
    ratings: dict[str, tuple[float, float]]
    overall: float | None = None
    recommend: int | None = None


def csat_percent(answers: Sequence[SurveyAnswer]) -> float | None:
    """CSAT% = share of respondents with overall ≥ 4 on 1–5."""
    rated = [answer.overall for answer in answers if answer.overall is not None]
    if not rated:
        return None
    return sum(1 for value in rated if value >= 4) / len(rated) * 100


def satisfaction_index(answers: Sequence[SurveyAnswer]) -> float | None:
    """Σ wᵣ·(Σ impᵢ·perfᵢ / Σ impᵢ) / Σ wᵣ, with performance 1–5 normalised to 0–100."""
    weighted, weights = 0.0, 0.0
    for answer in answers:
        importance = sum(imp for imp, _perf in answer.ratings.values())
        if not answer.ratings or importance <= 0 or answer.influence <= 0:
            continue
        mean_performance = sum(imp * perf for imp, perf in answer.ratings.values()) / importance
        weighted += answer.influence * (mean_performance - 1) / 4 * 100
        weights += answer.influence
    return weighted / weights if weights else None


@dataclass(frozen=True)
class NetPromoter:
    score: float | None
    promoters: int
    passives: int
    detractors: int

    @property
    def respondents(self) -> int:
        return self.promoters + self.passives + self.detractors


def net_promoter(answers: Sequence[SurveyAnswer]) -> NetPromoter:
    """NPS = %promoters (9–10) − %detractors (0–6), with the counts (few respondents)."""
    values = [answer.recommend for answer in answers if answer.recommend is not None]
    promoters = sum(1 for value in values if value >= 9)
    detractors = sum(1 for value in values if value <= 6)
    passives = len(values) - promoters - detractors
    score = (promoters - detractors) / len(values) * 100 if values else None
    return NetPromoter(score, promoters, passives, detractors)


@dataclass(frozen=True)
class AttributeGap:
    code: str
    importance: float
    performance: float
    gap: float
    quadrant: str


def importance_performance(
    answers: Sequence[SurveyAnswer],
    *,
    importance_split: float = 3.0,
    performance_split: float = 3.0,
) -> list[AttributeGap]:
    """IPA: mean importance and performance per attribute, gap = I − P, and the quadrant."""
    codes = list(dict.fromkeys(code for answer in answers for code in answer.ratings))
    gaps = []
    for code in codes:
        pairs = [answer.ratings[code] for answer in answers if code in answer.ratings]
        importance = statistics.fmean(pair[0] for pair in pairs)
        performance = statistics.fmean(pair[1] for pair in pairs)
        high_i, high_p = importance >= importance_split, performance >= performance_split
        quadrant = {
            (True, True): "keep_up",
            (True, False): "concentrate_here",
            (False, False): "low_priority",
            (False, True): "possible_overkill",
        }[(high_i, high_p)]
        gaps.append(AttributeGap(code, importance, performance, importance - performance, quadrant))
    return gaps


def share_of_wallet(our_revenue: float, customer_total_spend: float) -> float | None:
    """SOW (actual) = our revenue / customer's total spend, as a percentage."""
    if customer_total_spend <= 0:
        return None
    return our_revenue / customer_total_spend * 100


def wallet_allocation_rule(rank: int, number_of_suppliers: int) -> float | None:
    """Estimated SOW % = (1 − rank/(N+1)) · (2/N) · 100 (Keiningham et al., HBR 2011)."""
    if number_of_suppliers < 1 or not 1 <= rank <= number_of_suppliers:
        return None
    return (1 - rank / (number_of_suppliers + 1)) * (2 / number_of_suppliers) * 100


def health_index(
    satisfaction: float | None,
    share_of_wallet_percent: float | None,
    relationship_test: float | None,
    *,
    target_share_percent: float = 50.0,
    weights: tuple[float, float, float] = (0.30, 0.30, 0.40),
) -> float | None:
    """H = 0.30·Sat + 0.30·min(100, SOW/target·100) + 0.40·RT, over the parts that exist."""
    share = None
    if share_of_wallet_percent is not None and target_share_percent > 0:
        share = min(100.0, share_of_wallet_percent / target_share_percent * 100)
    parts = [
        (weight, value)
        for weight, value in zip(weights, (satisfaction, share, relationship_test), strict=True)
        if value is not None
    ]
    weight_sum = sum(weight for weight, _value in parts)
    return sum(weight * value for weight, value in parts) / weight_sum if weight_sum else None


def diagnosis(
    satisfaction: float,
    share_of_wallet_percent: float,
    *,
    satisfaction_split: float = 70.0,
    share_split: float = 50.0,
) -> str:
    """Satisfaction × share-of-wallet diagnosis matrix (T3)."""
    high_s = satisfaction >= satisfaction_split
    high_w = share_of_wallet_percent >= share_split
    return {
        (True, True): "loyal_core",
        (True, False): "growth_opportunity",
        (False, True): "at_risk_captive",
        (False, False): "marginal",
    }[(high_s, high_w)]


# --- T2: relationship coordinate and five-step ladder ----------------------------------------

STEP_BANDS = (
    (0.0, "exploratory"),
    (20.0, "basic"),
    (40.0, "cooperative"),
    (60.0, "interdependent"),
    (80.0, "integrated"),
)
STEP_ORDER = [code for _bound, code in STEP_BANDS]
DEFAULT_COORDINATE_WEIGHTS = {
    "x_broad": 0.5,
    "x_communication": 0.5,
    "y_key_person": 0.4,
    "y_joint_identification": 0.3,
    "y_value": 0.3,
}


@dataclass(frozen=True)
class Coordinate:
    x: float | None
    y: float | None
    position: float | None
    step: str
    used: tuple[str, ...]
    missing: tuple[str, ...]


def _mean_of_available(weighted: Sequence[tuple[float, float | None]]) -> float | None:
    parts = [(weight, value) for weight, value in weighted if value is not None]
    total = sum(weight for weight, _value in parts)
    return sum(weight * value for weight, value in parts) / total if total else None


@dataclass(frozen=True, kw_only=True)
class CoordinateInputs:
    """The scores (0–100, None when not measured) that place an account on the coordinate."""

    communication: float | None
    joint: float | None
    identification: float | None
    broad: float | None
    key_person: float | None
    value: float | None


def coordinate(
    inputs: CoordinateInputs,
    *,
    has_trading: bool = True,
    step_bands: Sequence[tuple[float, str]] = STEP_BANDS,
    weights: dict[str, float] | None = None,
) -> Coordinate:
    """X = 0.5·broad + 0.5·communication; Y = 0.4·key_person + 0.3·avg(joint, identification)
    + 0.3·value; P = (X + Y)/2; step = band(P). Missing inputs are left out and named, never 0.
    `weights` overrides the coefficients (keys x_broad, x_communication, y_key_person,
    y_joint_identification, y_value)."""
    w = {**DEFAULT_COORDINATE_WEIGHTS, **(weights or {})}
    joint_identification = _mean_of_available([(1, inputs.joint), (1, inputs.identification)])
    x = _mean_of_available(
        [(w["x_broad"], inputs.broad), (w["x_communication"], inputs.communication)]
    )
    y = _mean_of_available(
        [
            (w["y_key_person"], inputs.key_person),
            (w["y_joint_identification"], joint_identification),
            (w["y_value"], inputs.value),
        ]
    )
    position = _mean_of_available([(1, x), (1, y)])
    parts = {
        "broad": inputs.broad,
        "communication": inputs.communication,
        "key_person": inputs.key_person,
        "joint_identification": joint_identification,
        "value": inputs.value,
    }
    step = "exploratory"
    if has_trading and position is not None:
        step = next(code for bound, code in reversed(list(step_bands)) if position >= bound)
    return Coordinate(
        x=x,
        y=y,
        position=position,
        step=step,
        used=tuple(name for name, item in parts.items() if item is not None),
        missing=tuple(name for name, item in parts.items() if item is None),
    )


def is_disintegrating(
    position: float | None,
    previous_position: float | None,
    dimensions: dict[str, float | None],
    previous_dimensions: dict[str, float | None],
    *,
    position_drop: float = 15.0,
    dimension_drop: float = 25.0,
) -> bool:
    """关系衰退 (T2.3): P fell ≥ 15 points, or any dimension fell ≥ 25 points, vs the previous
    period. `dimensions` are the four T2 dimensions (org, key_person, broad, value), not the
    score sheet's sub-dimensions; a dimension missing in either period is not compared."""
    if (
        position is not None
        and previous_position is not None
        and previous_position - position >= position_drop
    ):
        return True
    for name, value in dimensions.items():
        before = previous_dimensions.get(name)
        if value is not None and before is not None and before - value >= dimension_drop:
            return True
    return False


def steps_apart(first: str, second: str) -> int | None:
    """How many steps of the five-step ladder separate two stage codes."""
    if first not in STEP_ORDER or second not in STEP_ORDER:
        return None
    return abs(STEP_ORDER.index(first) - STEP_ORDER.index(second))
