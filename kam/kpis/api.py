"""API of the broad-relationship KPIs (same services, selectors and access rules as the pages)."""

import uuid
from datetime import date

from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from kam.accounts.access import account_get_for_user
from kam.api.pagination import ConvertedPage, PagePagination
from kam.api.schemas import ErrorOut
from kam.assessments.models import Assessment
from kam.kpis import services
from kam.kpis.selectors import (
    KpiBoard,
    KpiPortfolioRow,
    kpi_board,
    kpi_portfolio,
    kpi_portfolio_rows,
    kpi_snapshots,
    quarter_of,
)
from kam.lib.periods import PERIOD_PATTERN
from kam.users.http import AuthenticatedHttpRequest

router = Router(tags=["kpis"])


class KpiRowOut(Schema):
    code: str
    label: str
    group: str
    unit: str
    is_lower_better: bool
    target: float | None
    actual: float | None
    achievement: float | None = Field(None, description="Percent, before the cap.")
    light: str = Field(..., description="green, amber, red, or empty when not measured.")
    light_label: str
    derived_from: str


class KpiBoardOut(Schema):
    account_id: uuid.UUID
    period: str
    starts_on: date
    ends_on: date
    category: str
    score: float | None
    light: str
    light_label: str
    kpis: list[KpiRowOut]


class KpiBoardQuery(Schema):
    period: str | None = Field(None, pattern=PERIOD_PATTERN, description="Default: this quarter.")


class KpiCheckOut(Schema):
    id: uuid.UUID
    period: str
    assessed_on: date
    is_current: bool
    score: float | None
    light: str
    targets: dict[str, float | None]
    actuals: dict[str, float | None]
    achievements: dict[str, float | None]
    note: str


class KpiCheckIn(Schema):
    period: str = Field(..., pattern=PERIOD_PATTERN)
    note: str = Field("", max_length=5000)


class KpiLightOut(Schema):
    code: str
    light: str


class KpiPortfolioRowOut(Schema):
    account_id: uuid.UUID
    account_name: str
    category: str
    coverage_percent: int | None
    score: float | None
    light: str
    kpis: list[KpiLightOut]


class KpiPortfolioQuery(Schema):
    period: str | None = Field(None, pattern=PERIOD_PATTERN, description="Default: this quarter.")
    sort: str = Field("score", pattern=r"^(score|coverage|name)$")


def _board_out(board: KpiBoard, account_id: uuid.UUID) -> dict[str, object]:
    return {
        "account_id": account_id,
        "period": board.period,
        "starts_on": board.start,
        "ends_on": board.end,
        "category": board.category,
        "score": board.score,
        "light": board.light,
        "light_label": board.light_label,
        "kpis": [
            {**row.__dict__, "light_label": row.light_label, "derived_from": row.basis}
            for row in board.rows
        ],  # fmt: skip
    }


def _check_out(snapshot: Assessment) -> dict[str, object]:
    inputs = snapshot.inputs or {}
    return {
        "id": snapshot.uuid,
        "period": snapshot.period,
        "assessed_on": snapshot.assessed_on,
        "is_current": snapshot.is_current,
        "score": float(snapshot.total) if snapshot.total is not None else None,
        "light": snapshot.band,
        "targets": inputs.get("targets", {}),
        "actuals": inputs.get("actuals", {}),
        "achievements": inputs.get("achievements", {}),
        "note": snapshot.note,
    }


def _checks_out(snapshots: list[Assessment]) -> list[dict[str, object]]:
    return [_check_out(snapshot) for snapshot in snapshots]


def _portfolio_out(rows: list[KpiPortfolioRow]) -> list[dict[str, object]]:
    return [
        {
            "account_id": row.account.uuid,
            "account_name": row.account.name,
            "category": row.account.category,
            "coverage_percent": row.coverage_percent,
            "score": float(row.snapshot.total)
            if row.snapshot and row.snapshot.total is not None
            else None,
            "light": row.snapshot.band if row.snapshot else "",
            "kpis": [{"code": cell.code, "light": cell.light} for cell in row.lights],
        }
        for row in rows
    ]


@router.get(
    "/accounts/{account_id}/kpis",
    response={200: KpiBoardOut, 404: ErrorOut, 422: ErrorOut},
    url_name="api_kpi_board",
)
def get_kpi_board(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, filters: Query[KpiBoardQuery]
) -> object:
    """The seven broad-relationship KPIs of a period, live, against the category's targets."""
    account = account_get_for_user(request.user, account_id)
    period = filters.period or quarter_of(timezone.localdate())
    return _board_out(kpi_board(account=account, period=period), account.uuid)


@router.get("/accounts/{account_id}/kpi-checks", response={200: list[KpiCheckOut], 404: ErrorOut})
@paginate(PagePagination)
def list_kpi_checks(request: AuthenticatedHttpRequest, account_id: uuid.UUID) -> object:
    """The account's recorded checks (superseded ones too), newest first."""
    account = account_get_for_user(request.user, account_id)
    return ConvertedPage(kpi_snapshots(account=account), _checks_out)


@router.post(
    "/accounts/{account_id}/kpi-checks",
    response={201: KpiCheckOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut,
              422: ErrorOut},
)  # fmt: skip
def create_kpi_check(
    request: AuthenticatedHttpRequest, account_id: uuid.UUID, payload: KpiCheckIn
) -> Status:
    """Measure the KPIs of the period now and keep them as an immutable snapshot."""
    account = account_get_for_user(request.user, account_id, for_change=True)
    snapshot = services.kpi_check_record(
        actor=request.user, account=account, period=payload.period, note=payload.note
    )
    return Status(201, _check_out(snapshot))


@router.get(
    "/portfolio/kpis",
    response={200: list[KpiPortfolioRowOut], 422: ErrorOut},
    url_name="api_kpi_portfolio",
)
@paginate(PagePagination)
def list_kpi_portfolio(
    request: AuthenticatedHttpRequest, filters: Query[KpiPortfolioQuery]
) -> object:
    """Live coverage and the latest check's lights of every visible account, weakest first."""
    period = filters.period or quarter_of(timezone.localdate())
    return ConvertedPage(
        kpi_portfolio(user=request.user, period=period, sort=filters.sort),
        lambda accounts: _portfolio_out(kpi_portfolio_rows(accounts)),
    )
