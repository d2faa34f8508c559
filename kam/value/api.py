"""API of the value ladder (same services, selectors and access rules as its pages)."""

import uuid
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kam.accounts.access import account_get_for_user
from kam.api.pagination import PagePagination
from kam.api.schemas import ErrorOut
from kam.assessments.models import Assessment
from kam.users.http import AuthenticatedHttpRequest
from kam.value import services
from kam.value.selectors import (
    ValueState,
    score_sheet_suggestion,
    state_of,
    value_history,
    value_overview,
)

router = Router(tags=["value"])


class ValueSnapshotOut(Schema):
    id: uuid.UUID
    period: str
    assessed_on: date
    is_current: bool
    level: str
    level_label: str
    total: float | None
    current: dict[str, int]
    target: dict[str, int]
    tier_scores: dict[str, float | None]
    target_tier_scores: dict[str, float | None]
    gaps: dict[str, float]
    tiers_skipped: list[str]


class ValueSuggestionOut(Schema):
    item: str
    value: float | None
    period: str
    explanation: str


class ValueFiguresOut(Schema):
    account_id: uuid.UUID
    latest: ValueSnapshotOut | None
    previous: ValueSnapshotOut | None
    score_sheet_suggestions: list[ValueSuggestionOut]


class ValueSnapshotIn(Schema):
    period: str = Field(..., pattern=r"^\d{4}(-(Q[1-4]|H[12]))?$")
    assessed_on: date
    current: dict[str, int]
    target: dict[str, int]
    note: str = Field("", max_length=5000)


def _out(state: ValueState) -> dict[str, object]:
    return {
        "id": state.uuid,
        "period": state.period,
        "assessed_on": state.assessed_on,
        "is_current": state.is_current,
        "level": state.level,
        "level_label": state.level_label,
        "total": state.total,
        "current": state.current,
        "target": state.target,
        "tier_scores": state.tier_scores,
        "target_tier_scores": state.target_tier_scores,
        "gaps": state.gaps,
        "tiers_skipped": state.tiers_skipped,
    }


class ValueSnapshotPagination(PagePagination):
    """Page-number pagination whose items are the snapshots as figures."""

    def paginate_queryset(
        self,
        queryset: QuerySet,
        pagination: PagePagination.Input,
        request: HttpRequest,
        **params: Any,
    ) -> dict[str, Any]:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        page["items"] = [_out(state_of(item)) for item in page["items"]]
        return page


@router.get(
    "/accounts/{account_id}/value-snapshots",
    response={200: list[ValueSnapshotOut], 404: ErrorOut},
)
@paginate(ValueSnapshotPagination)
def list_value_snapshots(request: AuthenticatedHttpRequest, account_id: uuid.UUID) -> object:
    """Every value ladder snapshot of the account (superseded ones too), newest period first."""
    account = account_get_for_user(request.user, account_id)
    return value_history(account=account)


@router.post(
    "/accounts/{account_id}/value-snapshots",
    response={201: ValueSnapshotOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
)
def create_value_snapshot(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: ValueSnapshotIn
) -> Status:
    """Score the value ladder for a period (supersedes that period's current snapshot)."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    assessment: Assessment = services.value_ladder_submit(
        actor=request.user,
        account=account,
        data=services.ValueInput(**payload.dict()),
    )
    return Status(201, _out(state_of(assessment)))


@router.get("/accounts/{account_id}/value", response={200: ValueFiguresOut, 404: ErrorOut})
def get_value_figures(request: AuthenticatedHttpRequest, account_id: uuid.UUID) -> object:
    """The latest figures: level, tier scores, gaps, the period before, the T4 suggestions."""
    account = account_get_for_user(request.user, account_id)
    overview = value_overview(account=account, history_limit=20)
    suggestions = [
        score_sheet_suggestion(account=account, item=item)
        for item in ("m_strategy", "j_innovation")
    ]
    return {
        "account_id": account.uuid,
        "latest": _out(overview.latest) if overview.latest else None,
        "previous": _out(overview.previous) if overview.previous else None,
        "score_sheet_suggestions": [item.__dict__ for item in suggestions if item is not None],
    }
