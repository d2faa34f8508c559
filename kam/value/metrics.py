"""The value ladder's tier scores (T12), for the catalogue: one metric per tier."""

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
from kam.metrics.registry import Compute, MetricContext, MetricDefinition, MetricValue, register
from kam.metrics.sources import snapshot_metric
from kam.value.choices import ValueTier
from kam.value.selectors import state_of


def tier_score(tier: str) -> Compute:
    def compute(context: MetricContext) -> MetricValue:
        return snapshot_metric(
            context,
            tool_code=ToolCode.VALUE_LADDER,
            read=lambda snapshot: (state_of(snapshot).tier_scores.get(tier), ""),
            missing=_("No value ladder assessed on or before this date."),
        )

    return compute


TIER_LABELS = {
    ValueTier.PRODUCT: gettext_lazy("Value ladder: product tier score"),
    ValueTier.PROCESS: gettext_lazy("Value ladder: process tier score"),
    ValueTier.STRATEGIC: gettext_lazy("Value ladder: strategic tier score"),
}

for tier, label in TIER_LABELS.items():
    register(
        MetricDefinition(
            code=f"value_{tier}_tier",
            label=label,
            unit=MetricUnit.POINTS,
            direction=MetricDirection.HIGHER_BETTER,
            kind=MetricKind.RESULT,
            dimension=MetricDimension.VALUE,
            source_tool=SourceTool.T12,
            data_source=gettext_lazy("Value ladder snapshots"),
            formula=gettext_lazy(
                "The mean of the tier's dimension scores ÷ 5 × 100 in the latest value ladder "
                "assessed on or before the date."
            ),
            frequency=MetricFrequency.QUARTERLY,
            compute=tier_score(tier),
        )
    )
