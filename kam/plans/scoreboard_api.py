"""API of the objectives scoreboard (T13.4): a plan's objectives with their actuals as of a
date (today by default), achievements, the process, result and blended scores and the rating.
Same selector and access rules as the page: outsiders get 404, viewers read."""

import uuid
from datetime import date
from decimal import Decimal

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from kam.accounts.access import account_get_for_user
from kam.api.schemas import ErrorOut
from kam.metrics.choices import MetricKind
from kam.plans.choices import Rating
from kam.plans.scoreboard import ScoreRow, plan_scoreboard
from kam.plans.selectors import plan_for_year
from kam.users.http import AuthenticatedHttpRequest

router = Router(tags=["plans"])
SCORE_PLACES = Decimal("0.01")  # scores in points, two decimals
FRACTION_PLACES = Decimal("0.0001")  # achievements as fractions, four decimals


def _rounded(value: Decimal | None, places: Decimal) -> Decimal | None:
    return None if value is None else value.quantize(places)


class PlanScoreboardQuery(Schema):
    on: date | None = Field(None, description="The date of the actuals (default: today).")


class PlanScoreboardObjectiveOut(Schema):
    id: uuid.UUID
    kind: MetricKind
    metric_code: str
    metric_label: str
    baseline: Decimal | None
    target: Decimal
    weight: Decimal
    actual: Decimal | None = Field(..., description="From the metric catalogue as of `on`.")
    actual_as_of: date | None
    achievement: Decimal | None = Field(
        ..., description="Fraction of the target reached (1 = on target); null: not measurable."
    )
    counted: Decimal = Field(..., description="The achievement as it counts: 0 to the cap.")


class PlanScoreboardGroupOut(Schema):
    kind: MetricKind
    score: Decimal | None
    objectives: list[PlanScoreboardObjectiveOut]


class PlanScoreboardOut(Schema):
    on: date
    process_score: Decimal | None
    result_score: Decimal | None
    score: Decimal | None = Field(..., description="Process and result blended (T13.3).")
    rating: Rating | None
    process_share: Decimal
    cap: Decimal
    groups: list[PlanScoreboardGroupOut]


def _objective(row: ScoreRow) -> dict[str, object]:
    objective, value = row.objective, row.actual.value
    return {
        "id": objective.uuid, "kind": objective.kind, "metric_code": objective.metric_code,
        "metric_label": objective.metric_label, "baseline": objective.baseline,
        "target": objective.target, "weight": objective.weight,
        "actual": None if value is None else Decimal(str(value)),
        "actual_as_of": row.actual.as_of,
        "achievement": _rounded(row.achievement, FRACTION_PLACES),
        "counted": _rounded(row.counted, FRACTION_PLACES),
    }  # fmt: skip


@router.get(
    "/accounts/{account_id}/plans/{year}/scoreboard",
    response={200: PlanScoreboardOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    url_name="api_plans_scoreboard",
)
def get_plan_scoreboard(
    request: AuthenticatedHttpRequest,
    account_id: uuid.UUID,
    year: int,
    query: Query[PlanScoreboardQuery],
) -> object:
    """The objectives scoreboard (scores in points to two decimals, achievements as fractions to
    four); 404 when the account is not visible or has no plan that year,
    422 for a malformed date."""
    account = account_get_for_user(request.user, account_id)
    plan = plan_for_year(account=account, year=year)
    if plan is None:
        raise Http404(_("Not found."))
    plan.account = account
    board = plan_scoreboard(plan=plan, on=query.on or timezone.localdate())
    process, result = board.group(MetricKind.PROCESS), board.group(MetricKind.RESULT)
    return {
        "on": board.on,
        "process_score": _rounded(process.score, SCORE_PLACES) if process else None,
        "result_score": _rounded(result.score, SCORE_PLACES) if result else None,
        "score": _rounded(board.score, SCORE_PLACES),
        "rating": board.rating,
        "process_share": board.rules.process_share,
        "cap": board.rules.cap,
        "groups": [
            {
                "kind": group.kind,
                "score": _rounded(group.score, SCORE_PLACES),
                "objectives": [_objective(row) for row in group.rows],
            }
            for group in board.groups
        ],  # fmt: skip
    }
