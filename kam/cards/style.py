"""Social style (Merrill & Reid, spec T9.3) scored on the one engine.

The questionnaire is the `social_style` AssessmentTemplate: items on a 1–4 scale in two groups,
`assertiveness` (ask ↔ tell) and `responsiveness` (controlled ↔ emotive), aggregated by the
engine's weighted mean. Only the mapping of the two group scores to a quadrant is specific to
this instrument; it lives here as named, tested functions.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kam.assessments import engine
from kam.assessments.models import AssessmentTemplate
from kam.cards.choices import SocialStyle

ASSERTIVENESS = "assertiveness"
RESPONSIVENESS = "responsiveness"
DEFAULT_MIDPOINT = Decimal("2.5")
AXIS_MIN = Decimal("1")
AXIS_MAX = Decimal("4")
ONE_PLACE = Decimal("0.1")
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class StyleResult:
    assertiveness: Decimal | None
    responsiveness: Decimal | None
    style: str
    confidence: Decimal | None
    completeness: float


def axis_value(group_score: float) -> Decimal:
    """axis = 1 + 3·group/100, rounded half-up to one decimal: a 0–100 group score → 1.0–4.0.

    The float is first rounded to 6 places so that a mean of exactly 2.75 (group 58.33…)
    becomes 2.8 and not 2.7 through binary noise.
    """
    value = Decimal(str(round(1 + 3 * group_score / 100, 6)))
    return min(AXIS_MAX, max(AXIS_MIN, value.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)))


def style_for(
    assertiveness: Decimal, responsiveness: Decimal, midpoint: Decimal = DEFAULT_MIDPOINT
) -> str:
    """The quadrant: a value exactly at the midpoint counts as high.

    assertiveness high & responsiveness low → driver; high & high → expressive;
    low & high → amiable; low & low → analytical.
    """
    is_assertive = assertiveness >= midpoint
    is_responsive = responsiveness >= midpoint
    if is_assertive:
        return SocialStyle.EXPRESSIVE if is_responsive else SocialStyle.DRIVER
    return SocialStyle.AMIABLE if is_responsive else SocialStyle.ANALYTICAL


def style_confidence(
    completeness: float,
    assertiveness: Decimal,
    responsiveness: Decimal,
    midpoint: Decimal = DEFAULT_MIDPOINT,
) -> Decimal:
    """confidence = completeness × min(|a − m|, |r − m|) / span, rounded half-up to 2 places.

    m is the midpoint (2.5) and span the largest possible distance from it on the 1–4 axes
    (1.5 with the default midpoint), so a person answered in full at a corner (1 or 4 on both
    axes) scores 1.00 and anyone on a quadrant border scores 0.00.
    """
    span = max(midpoint - AXIS_MIN, AXIS_MAX - midpoint)
    distance = min(abs(assertiveness - midpoint), abs(responsiveness - midpoint))
    value = Decimal(str(round(completeness, 9))) * distance / span
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def template_midpoint(template: AssessmentTemplate) -> Decimal:
    return Decimal(str(template.parameters.get("midpoint", DEFAULT_MIDPOINT)))


def clean_answers(template: AssessmentTemplate, answers: Mapping[str, object]) -> dict[str, int]:
    """Whole numbers on the template's scale for its own items; anything else is refused."""
    criteria = {criterion.code: criterion for criterion in template.criteria.all()}
    low, high = int(template.scale_min), int(template.scale_max)
    cleaned: dict[str, int] = {}
    errors: list[str] = []
    for code, value in answers.items():
        if code not in criteria:
            errors.append(_("Unknown question: {code}.").format(code=code))
            continue
        if value in (None, ""):
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            errors.append(
                _("Answer “{question}” with a whole number from {low} to {high}.").format(
                    question=criteria[code].label, low=low, high=high
                )
            )
            continue
        cleaned[code] = value
    if errors:
        raise ValidationError({"style_answers": errors})
    return cleaned


def score_style(template: AssessmentTemplate, answers: Mapping[str, int]) -> StyleResult:
    """Score the answers on the engine and place the person in a quadrant.

    Both axes need at least one answer; otherwise no style is given (and no confidence).
    """
    result = engine.score(
        template.spec(list(template.criteria.all())),
        [engine.Answer(code, float(value)) for code, value in answers.items()],
    )
    groups = result.groups
    if ASSERTIVENESS not in groups or RESPONSIVENESS not in groups:
        return StyleResult(None, None, "", None, result.completeness)
    midpoint = template_midpoint(template)
    assertiveness = axis_value(groups[ASSERTIVENESS])
    responsiveness = axis_value(groups[RESPONSIVENESS])
    return StyleResult(
        assertiveness=assertiveness,
        responsiveness=responsiveness,
        style=style_for(assertiveness, responsiveness, midpoint),
        confidence=style_confidence(result.completeness, assertiveness, responsiveness, midpoint),
        completeness=result.completeness,
    )
