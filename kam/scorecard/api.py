"""API of the scorecard app (same services, selectors and access rules as its pages)."""

import json
import uuid
from datetime import date
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from kam.accounts.access import account_get_for_user
from kam.accounts.choices import AccountCategory
from kam.accounts.models import Account, Competitor
from kam.api.pagination import PagePagination
from kam.assessments.services import AnswerInput
from kam.core.exceptions import ApplicationError
from kam.scorecard import cache, classification, selectors, services
from kam.scorecard.choices import ThresholdMode
from kam.users.http import AuthenticatedHttpRequest
from kam.users.models import User

router = Router(tags=["scorecard"])

Money = Field(..., ge=0, max_digits=16, decimal_places=2)
Score = Field(..., max_digits=6, decimal_places=2)


class CompetitorRefOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    name: str


class ScorecardFiguresOut(Schema):
    currency: str
    current_revenue: Decimal | None
    potential_revenue_3y: Decimal | None
    total_category_spend_est: Decimal | None


class ScorecardPeriodOut(Schema):
    period: str
    assessed_on: date
    category: AccountCategory | None
    attractiveness_id: uuid.UUID
    attractiveness: Decimal | None
    attractiveness_band: str
    is_complete: bool
    strength_id: uuid.UUID | None
    strength: Decimal | None
    strength_ratio: float | None
    score_us: float | None
    best_competitor: CompetitorRefOut | None
    figures: ScorecardFiguresOut
    override_reason: str


def _score(value: Decimal | None) -> Decimal | None:
    """A stored total as the database holds it (two places), also when fresh from the engine."""
    return None if value is None else value.quantize(Decimal("0.01"))


def _period_out(score: selectors.PeriodScore) -> dict[str, object]:
    return {
        "period": score.period,
        "assessed_on": score.attractiveness.assessed_on,
        "category": score.category or None,
        "attractiveness_id": score.attractiveness.uuid,
        "attractiveness": _score(score.attractiveness.total),
        "attractiveness_band": score.attractiveness.band,
        "is_complete": score.attractiveness.is_complete,
        "strength_id": score.strength.uuid if score.strength is not None else None,
        "strength": _score(score.strength_score),
        "strength_ratio": score.strength_ratio,
        "score_us": score.score_us,
        "best_competitor": score.best_competitor,
        "figures": {
            "currency": score.currency,
            "current_revenue": score.current_revenue,
            "potential_revenue_3y": score.potential_revenue,
            "total_category_spend_est": score.category_spend,
        },
        "override_reason": score.override_reason,
    }


# --- the portfolio matrix ----------------------------------------------------------------------


class PositionOut(Schema):
    attractiveness: float
    strength: float


class MatrixPointOut(Schema):
    id: uuid.UUID
    name: str
    snapshot_id: uuid.UUID
    attractiveness: float
    strength: float
    strength_ratio: float | None
    currency: str
    revenue: Decimal | None
    potential: Decimal | None
    category: AccountCategory
    previous: PositionOut | None


class ThresholdsOut(Schema):
    mode: ThresholdMode
    attractiveness: float
    strength: float


class MatrixOut(Schema):
    period: str | None
    previous_period: str | None
    periods: list[str]
    thresholds: ThresholdsOut
    count: int
    items: list[MatrixPointOut]


class MatrixQuery(Schema):
    period: str = Field("", max_length=7)


def _point_out(point: selectors.MatrixPoint) -> dict[str, object]:
    """Plain JSON types only, so that the standard encoder's C path serialises the points."""
    return {
        "id": str(point.account_uuid),
        "name": point.name,
        "snapshot_id": str(point.snapshot_uuid),
        "attractiveness": round(point.attractiveness, 2),
        "strength": round(point.strength, 2),
        "strength_ratio": point.strength_ratio,
        "currency": point.currency,
        "revenue": None if point.revenue is None else f"{point.revenue:.2f}",
        "potential": None if point.potential is None else f"{point.potential:.2f}",
        "category": point.category,
        "previous": (
            {"attractiveness": round(point.previous[1], 2), "strength": round(point.previous[0], 2)}
            if point.previous
            else None
        ),
    }


@router.get("/portfolio/matrix", response=MatrixOut, url_name="api_scorecard_matrix")
def portfolio_matrix(request: AuthenticatedHttpRequest, query: Query[MatrixQuery]) -> HttpResponse:
    """Chart data: every visible account's position in one period (the whole set, unpaged).

    Written straight to JSON in the MatrixOut shape: validating thousands of points through
    the schema would cost more than building them; built once per version of the data (see
    kam/scorecard/cache.py)."""
    content = cache.cached(
        request.user, ("api", query.period or ""), lambda: _matrix_json(request, query.period)
    )
    return HttpResponse(content, content_type="application/json")


def _matrix_json(request: AuthenticatedHttpRequest, period: str | None) -> bytes:
    """The matrix endpoint's JSON body, encoded (cached per version: see cache.py)."""
    settings = selectors.portfolio_settings_current()
    matrix = selectors.portfolio_matrix(user=request.user, settings=settings, period=period or None)
    if matrix is None:
        thresholds = settings.fixed_thresholds
        period, previous, periods, points = None, None, [], []
    else:
        thresholds, points = matrix.thresholds, matrix.points
        period, previous, periods = matrix.period, matrix.previous_period, matrix.periods
    body = {
        "period": period,
        "previous_period": previous,
        "periods": periods,
        "thresholds": {
            "mode": settings.threshold_mode,
            "attractiveness": thresholds.attractiveness,
            "strength": thresholds.strength,
        },
        "count": len(points),
        "items": [_point_out(point) for point in points],
    }
    return json.dumps(body, cls=DjangoJSONEncoder).encode()


# --- one account -----------------------------------------------------------------------------


class ScorecardHistoryOut(Schema):
    items: list[ScorecardPeriodOut]
    count: int
    page: int
    page_size: int


@router.get(
    "/accounts/{account_id}/scorecard",
    response=ScorecardHistoryOut,
    url_name="api_scorecard_history",
)
def scorecard_history(
    request: AuthenticatedHttpRequest,
    account_id: uuid.UUID,
    pagination: Query[PagePagination.Input],
) -> dict[str, object]:
    """The account's scorecard per period, newest first (the current snapshot of each)."""
    account = account_get_for_user(request.user, account_id)
    snapshots = list(
        account.assessments.filter(tool_code__in=classification.SCORECARD_TOOLS, is_current=True)
        .select_related("template")
        .order_by("-period")
    )
    scores = selectors.period_scores(
        account=account, settings=selectors.portfolio_settings_current(), snapshots=snapshots
    )
    offset = (pagination.page - 1) * pagination.page_size
    return {
        "items": [_period_out(score) for score in scores[offset : offset + pagination.page_size]],
        "count": len(scores),
        "page": pagination.page,
        "page_size": pagination.page_size,
    }


class FiguresIn(Schema):
    current_revenue: Decimal = Money
    potential_revenue_3y: Decimal = Money
    total_category_spend_est: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=2)


class AttractivenessAnswerIn(Schema):
    criterion: str = Field(..., min_length=1, max_length=50)
    score: Decimal | None = Field(..., max_digits=6, decimal_places=2)
    evidence: str = Field("", max_length=2000)


class CompetitorScoresIn(Schema):
    competitor_id: uuid.UUID
    scores: dict[str, Decimal] = Field(..., min_length=1, max_length=50)


class StrengthIn(Schema):
    us: dict[str, Decimal] = Field(..., min_length=1, max_length=50)
    competitors: list[CompetitorScoresIn] = Field(
        ..., min_length=1, max_length=services.MAX_COMPETITORS
    )


class ScorecardIn(Schema):
    period: str = Field(..., pattern=r"^\d{4}(-(Q[1-4]|H[12]))?$")
    assessed_on: date
    figures: FiguresIn
    attractiveness: list[AttractivenessAnswerIn] = Field(..., min_length=1, max_length=50)
    strength: StrengthIn
    note: str = Field("", max_length=5000)
    override_reason: str = Field("", max_length=2000)


class ScorecardSubmitOut(Schema):
    scorecard: ScorecardPeriodOut
    category: AccountCategory | None
    previous_category: AccountCategory | None
    reclassified_others: int
    key_account_count: int
    warnings: list[str]


def _competitors(payload: ScorecardIn) -> dict[uuid.UUID, Competitor]:
    ids = [item.competitor_id for item in payload.strength.competitors]
    if len(set(ids)) != len(ids):
        raise ApplicationError(
            _("Each competitor may appear once."), code="invalid_competitor_id", status=422
        )
    found = {competitor.uuid: competitor for competitor in Competitor.objects.filter(uuid__in=ids)}
    if len(found) != len(ids):
        raise ApplicationError(
            _("No competitor with this id."), code="invalid_competitor_id", status=422
        )
    return found


def _strength_answers(payload: ScorecardIn, actor: User) -> list[AnswerInput]:
    competitors = _competitors(payload)
    answers = [
        AnswerInput(code, value, assessor=actor) for code, value in payload.strength.us.items()
    ]
    for item in payload.strength.competitors:
        competitor = competitors[item.competitor_id]
        answers += [
            AnswerInput(code, value, assessor=actor, competitor=competitor)
            for code, value in item.scores.items()
        ]
    return answers


def _submit(
    request: AuthenticatedHttpRequest, account: Account, payload: ScorecardIn
) -> services.ScorecardOutcome:
    data = services.ScorecardInput(
        period=payload.period,
        assessed_on=payload.assessed_on,
        attractiveness_answers=[
            AnswerInput(item.criterion, item.score, assessor=request.user, evidence=item.evidence)
            for item in payload.attractiveness
        ],
        strength_answers=_strength_answers(payload, request.user),
        figures=services.ScorecardFigures(**payload.figures.dict()),
        note=payload.note,
        override_reason=payload.override_reason,
    )
    return services.scorecard_submit(actor=request.user, account=account, data=data)


@router.post(
    "/accounts/{account_id}/scorecard",
    response={201: ScorecardSubmitOut},
    url_name="api_scorecard_submit",
)
def submit_scorecard(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: ScorecardIn
) -> Status:
    """Score an account: both snapshots and the reclassification, as on the scoring page."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    outcome = _submit(request, account, payload)
    score = selectors.period_scores(
        account=account,
        settings=selectors.portfolio_settings_current(),
        snapshots=[outcome.attractiveness, outcome.strength],
    )[0]
    return Status(
        201,
        {
            "scorecard": _period_out(score),
            "category": outcome.category or None,
            "previous_category": outcome.previous_category or None,
            "reclassified_others": outcome.reclassified_others,
            "key_account_count": outcome.key_account_count,
            "warnings": outcome.warnings,
        },
    )
