"""Helpers the tools' `metrics.py` modules share to read "as of a date" (no models of their own).

A snapshot metric reads the latest snapshot assessed on or before the date; a period metric
(wallet estimates, coordinate points) reads the latest period that had begun by the date."""

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from kam.assessments.models import Assessment
from kam.assessments.selectors import assessment_as_of
from kam.lib.periods import period_window
from kam.metrics.registry import MetricContext, MetricLink, MetricValue

SnapshotReader = Callable[[Assessment], tuple[Decimal | float | None, str]]


def snapshot_link(snapshot: Assessment) -> MetricLink:
    label = _("{instrument}, {period}, assessed {date}").format(
        instrument=snapshot.get_tool_code_display(),
        period=snapshot.period,
        date=snapshot.assessed_on.isoformat(),
    )
    return MetricLink(label, reverse("assessments:detail", args=[snapshot.uuid]))


def snapshot_as_of(context: MetricContext, tool_code: str) -> Assessment | None:
    """The account's snapshot of an instrument in force on the context's date (read once)."""
    return context.shared(
        f"snapshot:{tool_code}",
        lambda: assessment_as_of(account=context.account, tool_code=tool_code, on=context.on),
    )


def snapshot_metric(
    context: MetricContext, *, tool_code: str, read: SnapshotReader, missing: str
) -> MetricValue:
    """A value read from the latest snapshot on or before the date; `missing` explains None."""
    snapshot = snapshot_as_of(context, tool_code)
    if snapshot is None:
        return MetricValue(None, None, missing)
    value, text = read(snapshot)
    source = _("From the snapshot of {period} assessed on {date}.").format(
        period=snapshot.period, date=snapshot.assessed_on.isoformat()
    )
    return MetricValue(value, snapshot.assessed_on, source, (snapshot_link(snapshot),), text)


def period_as_of(periods: Iterable[str], on: date) -> str | None:
    """The latest period (in the tools' text order) that had begun by the date."""
    begun = [period for period in periods if period_window(period)[0] <= on]
    return max(begun) if begun else None


def period_end_as_of(period: str, on: date) -> date:
    """The last day of a period's records counted on a date: its end, or the date itself."""
    return min(period_window(period)[1], on)


def not_recorded_in_the_past(context: MetricContext, today: date) -> MetricValue | None:
    """Records that keep no history (coverage targets, cards) are only known as of today."""
    if context.on >= today:
        return None
    return MetricValue(
        None,
        None,
        _("These records keep no history: only today's value is known (date {date}).").format(
            date=today.isoformat()
        ),
    )
