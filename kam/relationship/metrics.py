"""The metrics of T4 (the organisation score sheet) and T2 (the coordinate), for the catalogue."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kam.assessments.choices import ToolCode
from kam.assessments.formulas import STEP_ORDER
from kam.assessments.models import Assessment
from kam.metrics.choices import (
    MetricDimension,
    MetricDirection,
    MetricFrequency,
    MetricKind,
    MetricUnit,
    SourceTool,
)
from kam.metrics.registry import (
    MetricContext,
    MetricDefinition,
    MetricLink,
    MetricValue,
    register,
)
from kam.metrics.sources import period_as_of, period_end_as_of, snapshot_metric
from kam.relationship.selectors import (
    RelationshipOverview,
    has_trading_relationship,
    org_level,
    relationship_overview,
)


def step_number(step: str) -> int | None:
    """A step of the five-step ladder as a number, 1 (exploratory) … 5 (integrated)."""
    return STEP_ORDER.index(step) + 1 if step in STEP_ORDER else None


def org_total(context: MetricContext) -> MetricValue:
    return snapshot_metric(
        context,
        tool_code=ToolCode.ORG_SCORE_SHEET,
        read=lambda snapshot: (snapshot.exact_total, ""),
        missing=_("No organisation score sheet assessed on or before this date."),
    )


def _overview(context: MetricContext) -> RelationshipOverview:
    return context.shared("relationship", lambda: relationship_overview(account=context.account))


def _level(snapshot: Assessment, context: MetricContext) -> tuple[int | None, str]:
    has_trading = context.shared("trading", lambda: has_trading_relationship(context.account))
    level = org_level(snapshot, has_trading=has_trading)
    label = snapshot.template.band_label(level)
    if label == level:
        label = _overview(context).coordinate_template.band_label(level)
    return step_number(level), label


def org_level_metric(context: MetricContext) -> MetricValue:
    return snapshot_metric(
        context,
        tool_code=ToolCode.ORG_SCORE_SHEET,
        read=lambda snapshot: _level(snapshot, context),
        missing=_("No organisation score sheet assessed on or before this date."),
    )


def _coordinate(context: MetricContext, read: str) -> MetricValue:
    """The T2 point of the latest period begun by the date (as the relationship page shows)."""
    overview = _overview(context)
    points = {point.period: point for point in overview.points if point.position is not None}
    period = period_as_of(points, context.on)
    if period is None:
        return MetricValue(None, None, _("No coordinate point on or before this date."))
    point = points[period]
    link = MetricLink(
        _("Relationship coordinate"), reverse("relationship:account", args=[context.account.uuid])
    )
    source = _("The coordinate point of {period}.").format(period=period)
    as_of = period_end_as_of(period, context.on)
    if read == "position":
        return MetricValue(point.position, as_of, source, (link,))
    label = overview.coordinate_template.band_label(point.step)
    return MetricValue(step_number(point.step), as_of, source, (link,), label)


def coordinate_step(context: MetricContext) -> MetricValue:
    return _coordinate(context, "step")


def coordinate_position(context: MetricContext) -> MetricValue:
    return _coordinate(context, "position")


register(
    MetricDefinition(
        code="org_total",
        label=gettext_lazy("Organisation relationship score (T4 total)"),
        unit=MetricUnit.POINTS,
        direction=MetricDirection.HIGHER_BETTER,
        kind=MetricKind.RESULT,
        dimension=MetricDimension.ORG_RELATIONSHIP,
        source_tool=SourceTool.T4,
        data_source=gettext_lazy("Organisation relationship score sheets"),
        formula=gettext_lazy(
            "The weighted total of the latest score sheet assessed on or before the date."
        ),
        frequency=MetricFrequency.QUARTERLY,
        compute=org_total,
    )
)
register(
    MetricDefinition(
        code="org_level",
        label=gettext_lazy("Organisation relationship level (T4)"),
        unit=MetricUnit.STEP,
        direction=MetricDirection.HIGHER_BETTER,
        kind=MetricKind.RESULT,
        dimension=MetricDimension.ORG_RELATIONSHIP,
        source_tool=SourceTool.T4,
        data_source=gettext_lazy("Organisation relationship score sheets"),
        formula=gettext_lazy(
            "The level of the latest score sheet assessed on or before the date, as a step: "
            "1 exploratory (no trading relationship) … 5 integrated."
        ),
        frequency=MetricFrequency.QUARTERLY,
        compute=org_level_metric,
        is_stage=True,
    )
)
register(
    MetricDefinition(
        code="coordinate_step",
        label=gettext_lazy("Relationship step (T2)"),
        unit=MetricUnit.STEP,
        direction=MetricDirection.HIGHER_BETTER,
        kind=MetricKind.RESULT,
        dimension=MetricDimension.ORG_RELATIONSHIP,
        source_tool=SourceTool.T2,
        data_source=gettext_lazy(
            "Relationship coordinate (score sheet, ladders, health, coverage)"
        ),
        formula=gettext_lazy(
            "The step of the coordinate point of the latest period begun by the date: "
            "1 exploratory … 5 integrated."
        ),
        frequency=MetricFrequency.QUARTERLY,
        compute=coordinate_step,
        is_stage=True,
    )
)
register(
    MetricDefinition(
        code="coordinate_position",
        label=gettext_lazy("Relationship position P (T2)"),
        unit=MetricUnit.POINTS,
        direction=MetricDirection.HIGHER_BETTER,
        kind=MetricKind.RESULT,
        dimension=MetricDimension.ORG_RELATIONSHIP,
        source_tool=SourceTool.T2,
        data_source=gettext_lazy(
            "Relationship coordinate (score sheet, ladders, health, coverage)"
        ),
        formula=gettext_lazy(
            "P = (X + Y) ÷ 2 of the coordinate point of the latest period begun by the date."
        ),
        frequency=MetricFrequency.QUARTERLY,
        compute=coordinate_position,
    )
)
