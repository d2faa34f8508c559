"""T4 score sheet and T2 coordinate views of one account, and the portfolio heat table.

All figures come from stored snapshots (the engine's results); nothing is re-scored here.
"""

from dataclasses import dataclass, field

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from kam.accounts.models import Account
from kam.assessments import formulas
from kam.assessments.choices import ToolCode
from kam.assessments.models import Assessment, AssessmentTemplate
from kam.assessments.selectors import assessments_visible_to, template_current
from kam.broad.selectors import CoverageSummary, coverage_summary
from kam.health.models import WalletEstimate
from kam.health.selectors import HealthSummary, health_summary
from kam.lib.charts import PALETTE, SPREAD_OVERLAP, STEP_COLOURS, base_option, empty_chart
from kam.lib.sorting import name_ordering
from kam.powermap.selectors import key_person_index_by_period
from kam.users.models import User

DIMENSIONS = ("communication", "matching", "joint", "identification")
# The four dimensions of the relationship (T2.2) that the disintegrating flag watches (T2.3).
T2_DIMENSIONS = ("org", "key_person", "broad", "value")
# T4.3: without a trading relationship the level is 接触探索, outside the score sheet's bands.
NO_TRADING_LEVEL = "exploratory"


def trading_condition(account_path: str = "") -> Q:
    """The one definition of "the account trades with us" (T2.3, T4.3): it has a current annual
    revenue, or revenue of ours recorded for any period (share of wallet). Without either, the
    coordinate's step and the score sheet's level are 接触探索 (exploratory).

    `account_path` is the lookup from the filtered model to the account ("" on Account itself,
    "account" on a snapshot)."""
    prefix = f"{account_path}__" if account_path else ""
    revenue = WalletEstimate.objects.filter(
        account_id=OuterRef(f"{account_path}_id" if account_path else "pk"), our_revenue__gt=0
    )
    return Q(**{f"{prefix}current_revenue__gt": 0}) | Q(Exists(revenue))


def has_trading_relationship(account: Account) -> bool:
    """`trading_condition` for one account (its first clause read from the loaded account, so
    an account with revenue needs no query)."""
    if account.current_revenue > 0:
        return True
    return Account.objects.filter(pk=account.pk).filter(trading_condition()).exists()


def org_level(snapshot: Assessment | None, *, has_trading: bool) -> str:
    """The score sheet's level (T4.3): its band, or exploratory without a trading relationship."""
    if snapshot is None:
        return ""
    return snapshot.band if has_trading else NO_TRADING_LEVEL


@dataclass(frozen=True)
class Point:
    """The account's place on the coordinate for one period."""

    period: str
    x: float | None
    y: float | None
    position: float | None
    step: str
    missing: tuple[str, ...]
    org_level: str
    test_stage: str
    dimensions: dict[str, float] = field(default_factory=dict)
    # The four T2 dimensions (org = the score sheet's total, key_person, broad, value), 0–100.
    relationship_dimensions: dict[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True)
class RelationshipOverview:
    org_snapshots: list[Assessment]
    test_snapshots: list[Assessment]
    has_trading: bool
    points: list[Point]
    current: Point | None
    previous: Point | None
    is_disintegrating: bool
    discrepancies: list[tuple[str, str, int]]
    coordinate_template: AssessmentTemplate
    # The T10 coverage behind the broad dimension (rate None: no target cells, so missing).
    coverage: CoverageSummary | None = None


def _current_snapshots(account: Account, tool_code: str) -> list[Assessment]:
    return list(
        account.assessments.filter(tool_code=tool_code, is_current=True)
        .select_related("template")
        .order_by("period")
    )


def _parameters(template: AssessmentTemplate) -> dict[str, float]:
    return {key: float(value) for key, value in template.parameters.items()}


def _step_bands(template: AssessmentTemplate) -> list[tuple[float, str]]:
    return sorted((float(band["lower_bound"]), band["code"]) for band in template.bands)


def _coordinate_inputs(
    org: Assessment | None,
    value: float | None,
    key_person: float | None,
    broad: float | None = None,
) -> formulas.CoordinateInputs:
    """`value` is the period's T3 health index, `key_person` the T8 key-person index, `broad`
    the T10 coverage rate·100 (None when the tool has nothing for the period)."""
    groups = org.result.get("groups", {}) if org else {}
    return formulas.CoordinateInputs(
        communication=groups.get("communication"),
        joint=groups.get("joint"),
        identification=groups.get("identification"),
        broad=broad,
        key_person=key_person,
        value=value,
    )


def _point(
    period: str,
    org: Assessment | None,
    test: Assessment | None,
    has_trading: bool,
    template: AssessmentTemplate,
    inputs: formulas.CoordinateInputs,
) -> Point:
    """The period's place on the coordinate, with the stages of the other two instruments."""
    groups = org.result.get("groups", {}) if org else {}
    point = formulas.coordinate(
        inputs,
        has_trading=has_trading,
        step_bands=_step_bands(template),
        weights=_parameters(template),
    )
    return Point(
        period=period,
        x=point.x,
        y=point.y,
        position=point.position,
        step=point.step if point.position is not None else "",
        missing=point.missing,
        org_level=org_level(org, has_trading=has_trading),
        test_stage=test.band if test else "",
        dimensions={code: groups[code] for code in DIMENSIONS if code in groups},
        relationship_dimensions={
            "org": org.exact_total if org else None,
            "key_person": inputs.key_person,
            "broad": inputs.broad,
            "value": inputs.value,
        },
    )


def _discrepancies(point: Point, limit: int) -> list[tuple[str, str, int]]:
    """Pairs of instruments whose stage differs by more than `limit` steps."""
    stages = {"org_score_sheet": point.org_level, "relationship_test": point.test_stage,
              "relationship_coordinate": point.step}  # fmt: skip
    names = [name for name, stage in stages.items() if stage]
    found = []
    for index, first in enumerate(names):
        for second in names[index + 1 :]:
            apart = formulas.steps_apart(stages[first], stages[second])
            if apart is not None and apart > limit:
                found.append((first, second, apart))
    return found


def relationship_overview(
    *, account: Account, health: HealthSummary | None = None
) -> RelationshipOverview:
    """Every period's T4 level, T3 stage and T2 point, with the flags of the latest period.
    `health`: the account's T3 summary when the caller read it already (read once per page)."""
    template = template_current(tool_code=ToolCode.RELATIONSHIP_COORDINATE)
    org_snapshots = _current_snapshots(account, ToolCode.ORG_SCORE_SHEET)
    test_snapshots = _current_snapshots(account, ToolCode.RELATIONSHIP_TEST)
    org_by_period = {snapshot.period: snapshot for snapshot in org_snapshots}
    test_by_period = {snapshot.period: snapshot for snapshot in test_snapshots}
    summary = health or health_summary(account=account)
    health_by_period = {row.period: row.health_index for row in summary.history}
    scored = set(org_by_period) | set(test_by_period) | set(health_by_period)
    key_person = key_person_index_by_period(account=account, periods=scored)
    periods = sorted(scored | set(key_person))
    has_trading = has_trading_relationship(account)
    coverage = coverage_summary(account=account)
    # Coverage is today's state, not a history: it feeds the latest period only (T10.3).
    broad = float(coverage.rate * 100) if coverage.rate is not None else None
    points = [
        _point(
            p,
            org_by_period.get(p),
            test_by_period.get(p),
            has_trading,
            template,
            _coordinate_inputs(
                org_by_period.get(p),
                health_by_period.get(p),
                key_person.get(p),
                broad if p == periods[-1] else None,
            ),
        )
        for p in periods
    ]
    current = points[-1] if points else None
    previous = points[-2] if len(points) > 1 else None
    parameters = _parameters(template)
    disintegrating = bool(
        current
        and previous
        and formulas.is_disintegrating(
            current.position,
            previous.position,
            current.relationship_dimensions,
            previous.relationship_dimensions,
            position_drop=parameters.get("position_drop", 15),
            dimension_drop=parameters.get("dimension_drop", 25),
        )
    )
    limit = int(parameters.get("discrepancy_steps", 1))
    return RelationshipOverview(
        org_snapshots=org_snapshots,
        test_snapshots=test_snapshots,
        has_trading=has_trading,
        points=points,
        current=current,
        previous=previous,
        is_disintegrating=disintegrating,
        discrepancies=_discrepancies(current, limit) if current else [],
        coordinate_template=template,
        coverage=coverage,
    )


# --- charts -------------------------------------------------------------------------------------


def radar_option(
    org_template: AssessmentTemplate, current: Point | None, previous: Point | None, labels: dict
) -> dict[str, object]:
    """T4 four-axis radar: this period against the previous one."""
    series = []
    for point, label, colour in ((current, labels.get("current"), PALETTE[0]),
                                 (previous, labels.get("previous"), PALETTE[5])):  # fmt: skip
        if point and point.dimensions:
            series.append(
                {
                    "name": f"{label} {point.period}",
                    "value": [round(point.dimensions.get(code, 0), 1) for code in DIMENSIONS],
                    "lineStyle": {"color": colour},
                    "itemStyle": {"color": colour},
                    "areaStyle": {"opacity": 0.15},
                }
            )
    if not series:
        return empty_chart(
            _(
                "Not scored yet: score the organisation relationship score sheet and the four "
                "dimensions appear here."
            )
        )
    target = labels.get("target_value")
    if series and target is not None:
        # The annual plan's target for the T4 total, drawn on every dimension (T13 → T4).
        series.append(
            {
                "name": str(labels.get("target", "")),
                "value": [round(float(target), 1) for _code in DIMENSIONS],
                "lineStyle": {"color": PALETTE[2], "type": "dashed"},
                "itemStyle": {"color": PALETTE[2]},
            }
        )
    option = base_option()
    option["radar"] = {
        "indicator": [{"name": org_template.group_label(code), "max": 100} for code in DIMENSIONS],
        "radius": "65%",
    }
    option["legend"] = {"bottom": 0}
    option["series"] = [{"type": "radar", "data": series}]
    return option


def _band_boundary(total: float) -> list[list[float]]:
    """Points of the line X + Y = total, clipped to the 0–100 square, with the corners."""
    if total >= 200:
        return [[0, 100], [100, 100]]
    if total >= 100:
        return [[0, 100], [total - 100, 100], [100, total - 100]]
    return [[0, total], [total, 0], [100, 0]]


def coordinate_option(
    template: AssessmentTemplate, points: list[Point], labels: dict
) -> dict[str, object]:
    """T2 测评坐标: the five step bands shaded along the diagonal, and the trail of periods."""
    trail = [
        [round(point.x, 1), round(point.y, 1), point.period]
        for point in points
        if point.x is not None and point.y is not None
    ]
    if not trail:
        return empty_chart(
            _(
                "No coordinate yet: score the organisation score sheet and the key persons' "
                "ladders and the periods appear here."
            )
        )
    option = base_option()
    bands = sorted(template.bands, key=lambda band: float(band["lower_bound"]))
    series: list[dict[str, object]] = []
    upper_bounds = [float(b["lower_bound"]) * 2 for b in bands[1:]] + [200.0]
    for band, upper in reversed(list(zip(bands, upper_bounds, strict=True))):
        series.append(
            {
                "type": "line",
                "name": template.band_label(band["code"]),
                "data": _band_boundary(upper),
                "symbol": "none",
                "silent": True,
                "lineStyle": {"width": 0},
                "areaStyle": {"color": STEP_COLOURS.get(band["code"], "#eef"), "opacity": 1},
                "itemStyle": {"color": STEP_COLOURS.get(band["code"], "#eef")},
                "tooltip": {"show": False},
                "z": 1,
            }
        )
    series.append(
        {
            "type": "line",
            "name": labels["trail"],
            "data": trail,
            "symbolSize": 12,
            "label": {"show": True, "formatter": "{@[2]}", "position": "top"},
            "labelLayout": SPREAD_OVERLAP,
            "lineStyle": {"color": "#102a43", "type": "dashed"},
            "itemStyle": {"color": "#102a43"},
            "z": 5,
        }
    )
    option["xAxis"] = {"type": "value", "min": 0, "max": 100, "name": labels["x"],
                       "nameLocation": "middle", "nameGap": 28}  # fmt: skip
    option["yAxis"] = {"type": "value", "min": 0, "max": 100, "name": labels["y"],
                       "nameLocation": "middle", "nameGap": 36}  # fmt: skip
    option["legend"] = {"bottom": 0, "data": [template.band_label(b["code"]) for b in bands]}
    option["grid"] = {"left": 60, "right": 20, "top": 20, "bottom": 70}
    option["tooltip"] = {"trigger": "item"}
    option["series"] = series
    return option


# --- portfolio ----------------------------------------------------------------------------------


def org_sheet_periods(*, user: User) -> list[str]:
    return list(
        assessments_visible_to(user)
        .filter(tool_code=ToolCode.ORG_SCORE_SHEET, is_current=True)
        .order_by("-period")
        .values_list("period", flat=True)
        .distinct()[:20]
    )


def org_sheet_portfolio(*, user: User, period: str) -> QuerySet[Assessment]:
    """The current score sheet of every visible account for one period (heat table rows), each
    with `has_trading` (see `trading_condition`) to show its level."""
    return (
        assessments_visible_to(user)
        .filter(tool_code=ToolCode.ORG_SCORE_SHEET, period=period, is_current=True)
        .annotate(
            has_trading=ExpressionWrapper(trading_condition("account"), output_field=BooleanField())
        )
        .select_related("account", "account__owner", "template")
        .order_by(*name_ordering("account__"), "pk")
    )
