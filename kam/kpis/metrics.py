"""The KPI score of the broad relationship (T10.4), for the catalogue."""

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


def kpi_score(context: MetricContext) -> MetricValue:
    return snapshot_metric(
        context,
        tool_code=ToolCode.BROAD_KPI,
        read=lambda snapshot: (snapshot.exact_total, ""),
        missing=_("No KPI check recorded on or before this date."),
    )


register(
    MetricDefinition(
        code="kpi_score",
        label=gettext_lazy("Broad-relationship KPI score"),
        unit=MetricUnit.POINTS,
        direction=MetricDirection.HIGHER_BETTER,
        kind=MetricKind.RESULT,
        dimension=MetricDimension.BROAD,
        source_tool=SourceTool.T10,
        data_source=gettext_lazy("KPI checks"),
        formula=gettext_lazy(
            "The weighted mean of the capped KPI achievements of the latest KPI check recorded "
            "on or before the date."
        ),
        frequency=MetricFrequency.QUARTERLY,
        compute=kpi_score,
    )
)
