"""The strength ratio against the best competitor (T1), for the catalogue."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kam.assessments.choices import ToolCode
from kam.metrics.choices import (
    MetricDimension,
    MetricDirection,
    MetricFrequency,
    MetricKind,
    MetricUnit,
    SourceTool,
)
from kam.metrics.registry import MetricContext, MetricDefinition, MetricValue, register
from kam.metrics.sources import snapshot_metric


def strength_ratio(context: MetricContext) -> MetricValue:
    return snapshot_metric(
        context,
        tool_code=ToolCode.SCORECARD_STRENGTH,
        read=lambda snapshot: ((snapshot.result.get("figures") or {}).get("strength_ratio"), ""),
        missing=_("No relative-strength scorecard assessed on or before this date."),
    )


register(
    MetricDefinition(
        code="strength_ratio",
        label=gettext_lazy("Strength ratio vs the main competitor"),
        unit=MetricUnit.RATIO,
        direction=MetricDirection.HIGHER_BETTER,
        kind=MetricKind.RESULT,
        dimension=MetricDimension.BUSINESS,
        source_tool=SourceTool.T1,
        data_source=gettext_lazy("Scorecards: relative strength"),
        formula=gettext_lazy(
            "Our strength score ÷ the best competitor's, from the latest relative-strength "
            "scorecard assessed on or before the date."
        ),
        frequency=MetricFrequency.YEARLY,
        compute=strength_ratio,
    )
)
