"""Reads of the metric catalogue: a metric's value for an account as of a date, all of them at
once, and the manual entries."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from kam.accounts.models import Account
from kam.metrics.models import ManualMetricEntry
from kam.metrics.registry import (
    MetricContext,
    MetricDefinition,
    MetricLink,
    MetricValue,
    catalogue,
    definition_for,
)


def manual_value(context: MetricContext, definition: MetricDefinition) -> MetricValue:
    """A manual metric: the latest entry dated on or before the date."""
    entries: dict[str, ManualMetricEntry] = context.shared(
        "manual", lambda: latest_manual_entries(account=context.account, on=context.on)
    )
    entry = entries.get(definition.code)
    if entry is None:
        return MetricValue(None, None, _("Not entered yet: the team enters this value."))
    source = _("Entered by {person} for {date}.").format(
        person=entry.entered_by or "—", date=entry.measured_on.isoformat()
    )
    if entry.note:
        source = f"{source} {entry.note}"
    link = MetricLink(
        _("Manual entries"), reverse("metrics:account", args=[context.account.uuid]) + "#manual"
    )
    return MetricValue(entry.value, entry.measured_on, source, (link,))


def latest_manual_entries(*, account: Account, on: date) -> dict[str, ManualMetricEntry]:
    """Each manual metric's latest entry on or before the date, in one query."""
    entries = (
        ManualMetricEntry.objects.filter(account=account, measured_on__lte=on)
        .select_related("entered_by")
        .order_by("metric_code", "-measured_on")
    )
    latest: dict[str, ManualMetricEntry] = {}
    for entry in entries:
        latest.setdefault(entry.metric_code, entry)
    return latest


def _value(definition: MetricDefinition, context: MetricContext) -> MetricValue:
    if definition.compute is None:
        return manual_value(context, definition)
    return definition.compute(context)


def metric_value(code: str, account: Account, on: date) -> MetricValue:
    """The metric's actual for the account as of the date (KeyError for an unknown code)."""
    definition = definition_for(code)
    if definition is None:
        raise KeyError(code)
    return _value(definition, MetricContext(account=account, on=on))


@dataclass(frozen=True)
class MetricRow:
    definition: MetricDefinition
    value: MetricValue


def metric_values(account: Account, on: date) -> list[MetricRow]:
    """Every metric of the catalogue for the account as of the date (shared reads are made
    once: a constant number of queries however many records the account has)."""
    context = MetricContext(account=account, on=on)
    return [MetricRow(definition, _value(definition, context)) for definition in catalogue()]


def manual_entries(*, account: Account) -> QuerySet[ManualMetricEntry]:
    """The account's manual entries, newest first."""
    return (
        ManualMetricEntry.objects.filter(account=account)
        .select_related("entered_by")
        .order_by("-measured_on", "-pk")
    )
