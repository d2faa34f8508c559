"""The account's business metrics that no tool records: entered by the team (audited)."""

from decimal import Decimal

from django.utils.translation import gettext_lazy

from kam.metrics.choices import (
    MetricDimension,
    MetricDirection,
    MetricFrequency,
    MetricKind,
    MetricUnit,
    SourceTool,
)
from kam.metrics.registry import MetricDefinition, register

register(
    MetricDefinition(
        code="gross_margin",
        label=gettext_lazy("Gross margin"),
        unit=MetricUnit.PERCENT,
        direction=MetricDirection.HIGHER_BETTER,
        kind=MetricKind.RESULT,
        dimension=MetricDimension.BUSINESS,
        source_tool=SourceTool.MANUAL,
        data_source=gettext_lazy("Finance figures entered by the account team"),
        formula=gettext_lazy(
            "(Revenue − cost of sales) ÷ revenue × 100, as finance reports it; the latest "
            "entry dated on or before the date."
        ),
        frequency=MetricFrequency.QUARTERLY,
        minimum=Decimal("-100"),
        maximum=Decimal("100"),
    )
)
