"""The coverage rate of T10 (the responsibility matrix's target cells), for the catalogue."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kam.assessments.choices import ToolCode
from kam.broad.choices import BroadKpi
from kam.broad.selectors import coverage_summary
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
from kam.metrics.sources import snapshot_metric


def _from_check(context: MetricContext) -> MetricValue:
    """A past date: the coverage the latest KPI check on or before it recorded (coverage
    targets and contacts keep no history of their own)."""
    return snapshot_metric(
        context,
        tool_code=ToolCode.BROAD_KPI,
        read=lambda snapshot: (
            (snapshot.inputs.get("actuals") or {}).get(BroadKpi.COVERAGE_RATE),
            "",
        ),
        missing=_("No KPI check recorded the coverage on or before this date."),
    )


def coverage_rate(context: MetricContext) -> MetricValue:
    today = timezone.localdate()
    if context.on < today:
        return _from_check(context)
    summary = coverage_summary(account=context.account)
    if summary.rate is None:
        return MetricValue(None, None, _("No target cell in the responsibility matrix yet."))
    source = _("{covered} of {total} target cells covered").format(
        covered=summary.covered_target_cells, total=summary.target_cells
    )
    link = MetricLink(_("Coverage"), reverse("broad:coverage", args=[context.account.uuid]))
    return MetricValue(float(summary.rate * 100), today, source, (link,))


register(
    MetricDefinition(
        code="coverage_rate",
        label=gettext_lazy("Coverage rate"),
        unit=MetricUnit.PERCENT,
        direction=MetricDirection.HIGHER_BETTER,
        kind=MetricKind.PROCESS,
        dimension=MetricDimension.BROAD,
        source_tool=SourceTool.T10,
        data_source=gettext_lazy("Coverage targets and contacts (today); KPI checks (past dates)"),
        formula=gettext_lazy(
            "Target cells (function × level) with a contact in touch ÷ target cells × 100; for "
            "a past date, the coverage the latest KPI check on or before it recorded."
        ),
        frequency=MetricFrequency.QUARTERLY,
        compute=coverage_rate,
    )
)
