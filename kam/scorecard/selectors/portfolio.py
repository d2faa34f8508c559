"""Reads of the portfolio: every visible account's position (the bubble matrix), the category
summary and the heat table of the attractiveness criteria."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Generic, NamedTuple, TypeVar

from django.db.models import (
    CharField,
    QuerySet,
)
from django.db.models.functions import Cast

from kam.accounts.access import scope_to_visible_accounts
from kam.assessments.formulas import CategoryThresholds, category_for
from kam.assessments.models import Assessment, Criterion
from kam.lib.sorting import name_ordering
from kam.scorecard import classification
from kam.scorecard.choices import CATEGORY_ORDER
from kam.scorecard.models import CategoryPolicy, PortfolioSettings, ScorecardPosition
from kam.scorecard.selectors.common import (
    ATTRACTIVENESS,
    period_thresholds,
    scorecard_periods,
)
from kam.users.models import User

# Heat-cell colours from a low to a high normalised score (0–20, 20–40, … 80–100), dark text.
HEAT_COLOURS = ["#fda29b", "#fec84b", "#fef0c7", "#a6f4c5", "#32d583"]

# --- the portfolio -----------------------------------------------------------------------------


class MatrixPoint(NamedTuple):
    """One account in the matrix (a named tuple: thousands are built per request)."""

    account_id: int
    account_uuid: str | None  # canonical UUID text; None unless loaded `detailed`
    name: str
    currency: str
    snapshot_uuid: str | None
    attractiveness: float
    strength: float
    strength_ratio: float | None
    revenue: Decimal | None
    potential: Decimal | None
    category: str
    previous: tuple[float, float] | None


@dataclass(frozen=True)
class CategorySummary:
    code: str
    label: str
    count: int
    revenue: Decimal
    potential: Decimal
    revenue_share: float | None


@dataclass(frozen=True)
class PortfolioMatrix:
    period: str
    previous_period: str | None
    periods: list[str]
    thresholds: CategoryThresholds
    settings: PortfolioSettings
    points: list[MatrixPoint] = field(default_factory=list)

    def summary(self, policies: dict[str, CategoryPolicy]) -> list[CategorySummary]:
        total_revenue = sum((p.revenue or Decimal(0) for p in self.points), Decimal(0))
        rows = []
        for code in CATEGORY_ORDER:
            members = [point for point in self.points if point.category == code]
            revenue = sum((p.revenue or Decimal(0) for p in members), Decimal(0))
            rows.append(
                CategorySummary(
                    code=code,
                    label=policies[code].label if code in policies else code,
                    count=len(members),
                    revenue=revenue,
                    potential=sum((p.potential or Decimal(0) for p in members), Decimal(0)),
                    revenue_share=float(revenue / total_revenue) if total_revenue else None,
                )
            )
        return rows


def _dashed(text: str | None) -> str | None:
    """A UUID's canonical text (SQLite stores it as 32 hex digits, PostgreSQL with dashes)."""
    if text is not None and len(text) == 32:
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
    return text


def _matrix_rows(user: User, period: str, previous: str | None, *, detailed: bool) -> list[tuple]:
    """One row per visible account scored in `period`: both scores, figures, and the position in
    `previous`, from the flat read model (one row per account and period). `detailed` adds the
    public ids and the strength ratio (the chart does not need them)."""
    positions = scope_to_visible_accounts(ScorecardPosition.objects.all(), user).order_by()
    # Money as text, turned into Decimal in _point: the ORM's per-value decimal converter costs
    # more than the query on thousands of rows.
    positions = positions.annotate(
        revenue_text=Cast("current_revenue", CharField()),
        potential_text=Cast("potential_revenue", CharField()),
    )
    columns = ["account_id", "account__name", "account__currency", "attractiveness", "strength",
               "revenue_text", "potential_text"]  # fmt: skip
    if detailed:
        positions = positions.annotate(
            # Ids as text: building thousands of uuid.UUID objects costs more than the query.
            account_id_text=Cast("account__uuid", CharField()),
            snapshot_id_text=Cast("snapshot_uuid", CharField()),
        )
        columns += ["account_id_text", "snapshot_id_text", "strength_ratio"]
    before = {}
    if previous:
        before = {
            account_id: (attractiveness, strength)
            for account_id, attractiveness, strength in positions.filter(
                period=previous
            ).values_list("account_id", "attractiveness", "strength")
        }
    rows = []
    for (
        account_id,
        name,
        currency,
        score,
        strength,
        revenue,
        potential,
        *detail,
    ) in positions.filter(period=period).values_list(*columns):
        previous_score, previous_strength = before.get(account_id, (None, None))
        rows.append(
            (account_id, name, currency, score, strength, previous_score, previous_strength,
             revenue, potential, *detail)
        )  # fmt: skip
    return rows


def portfolio_matrix(
    *,
    user: User,
    settings: PortfolioSettings,
    period: str | None = None,
    periods: list[str] | None = None,
    detailed: bool = True,
) -> PortfolioMatrix | None:
    """Every visible account's position in a period (default: the latest with data) and where it
    stood in the period before. None when the user sees no scorecard at all. Pass `periods`
    (from `scorecard_periods`) when already loaded; `detailed=False` leaves out the public ids
    and the strength ratio."""
    periods = scorecard_periods(user=user) if periods is None else periods
    if not periods:
        return None
    period = period if period in periods else periods[0]
    index = periods.index(period)
    previous = periods[index + 1] if index + 1 < len(periods) else None
    rows = [r for r in _matrix_rows(user, period, previous, detailed=detailed) if r[4] is not None]
    positions = [classification.Position(row[0], period, row[3], row[4]) for row in rows]
    # A director has loaded the whole portfolio: the medians need no further query.
    thresholds = period_thresholds(
        settings=settings,
        periods=[period],
        positions=positions if user.sees_all_accounts else None,
    )[period]
    points = [_point(row, thresholds) for row in rows]
    points.sort(key=lambda point: (-(point.revenue or 0), point.name))
    return PortfolioMatrix(period, previous, periods, thresholds, settings, points)


def _point(row: tuple, thresholds: CategoryThresholds) -> MatrixPoint:
    (account_id, name, currency, attractiveness, strength, previous_attractiveness,
     previous_strength, revenue, potential, *detail) = row  # fmt: skip
    account_uuid, snapshot_uuid, ratio = detail or (None, None, None)
    account_uuid, snapshot_uuid = _dashed(account_uuid), _dashed(snapshot_uuid)
    has_previous = previous_attractiveness is not None and previous_strength is not None
    return MatrixPoint(
        account_id,
        account_uuid,
        name,
        currency,
        snapshot_uuid,
        attractiveness,
        strength,
        ratio,
        Decimal(revenue) if revenue else None,
        Decimal(potential) if potential else None,
        category_for(attractiveness, strength, thresholds),
        (previous_strength, previous_attractiveness) if has_previous else None,
    )


def heat_legend() -> list[tuple[str, str]]:
    """(range, colour) of each heat colour, for the legend."""
    step = 100 // len(HEAT_COLOURS)
    return [
        (f"{index * step}–{(index + 1) * step}", colour)
        for index, colour in enumerate(HEAT_COLOURS)
    ]


@dataclass(frozen=True)
class HeatCell:
    raw: float | None
    normalised: float | None

    @property
    def band(self) -> int | None:
        """Index of the cell's heat colour (the page's class heat-band-N); None without a score."""
        if self.normalised is None:
            return None
        buckets = len(HEAT_COLOURS)
        return min(buckets - 1, int(self.normalised // (100 / buckets)))

    @property
    def colour(self) -> str:
        return "" if self.band is None else HEAT_COLOURS[self.band]


class HeatPoint(NamedTuple):
    """What a heat-table row shows of the account's matrix position."""

    category: str
    strength: float


def heat_points(
    *, account_ids: Iterable[int], period: str, thresholds: CategoryThresholds
) -> dict[int, HeatPoint]:
    """The matrix position of each of these accounts in `period` (one page of the heat table:
    the same rows and categories as the matrix's points, without loading the whole matrix)."""
    rows = ScorecardPosition.objects.filter(account_id__in=list(account_ids), period=period)
    found = {}
    for account_id, attractiveness, strength in rows.values_list(
        "account_id", "attractiveness", "strength"
    ):
        if strength is not None:
            category = category_for(attractiveness, strength, thresholds)
            found[account_id] = HeatPoint(category, strength)
    return found


PointT = TypeVar("PointT", HeatPoint, MatrixPoint)


@dataclass(frozen=True)
class HeatRow(Generic[PointT]):
    snapshot: Assessment
    point: PointT | None
    cells: list[HeatCell]


def heat_columns() -> list[tuple[str, str]]:
    """(code, label) of the current attractiveness criteria: the heat table's columns."""
    rows = Criterion.objects.filter(
        template__tool_code=ATTRACTIVENESS, template__is_current=True
    ).order_by("position")
    return [(row.code, row.label) for row in rows]


def heat_snapshots(*, user: User, period: str) -> QuerySet[Assessment]:
    """The visible current attractiveness snapshots of a period, most attractive first."""
    snapshots = Assessment.objects.filter(tool_code=ATTRACTIVENESS, period=period, is_current=True)
    return (
        scope_to_visible_accounts(snapshots, user)
        .select_related("account")
        .only("uuid", "total", "result", "period", "account", "account__uuid", "account__name")
        .order_by("-total", *name_ordering("account__"), "pk")
    )


def heat_rows(
    snapshots: Iterable[Assessment],
    *,
    columns: list[tuple[str, str]],
    points: Mapping[int, PointT],
) -> list[HeatRow[PointT]]:
    """The heat-table rows of `snapshots`, each with its account's position from `points`."""
    rows = []
    for snapshot in snapshots:
        criteria = {row["code"]: row for row in snapshot.result.get("criteria", [])}
        cells = [
            HeatCell(
                criteria.get(code, {}).get("raw_mean"), criteria.get(code, {}).get("normalised")
            )
            for code, _label in columns
        ]
        rows.append(HeatRow(snapshot, points.get(snapshot.account_id), cells))
    return rows
