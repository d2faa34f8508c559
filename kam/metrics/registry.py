"""The metric catalogue: every tool declares the metrics it can measure for an account.

Each tool's app has a `metrics.py` that calls `register()` for its metrics; the metrics app
imports those modules when Django starts (`MetricsConfig.ready`). This module defines no models
and imports none, so the apps below can import it without importing the metrics app's models.

A metric is computed from the records "as of" a date (the latest snapshot assessed on or before
it, or the records up to it), never typed, unless it is declared manual (`compute` is None): its
values are entered by the team (`ManualMetricEntry`, audited).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from django.utils.functional import Promise

from kam.metrics.choices import (
    MetricDimension,
    MetricDirection,
    MetricFrequency,
    MetricKind,
    MetricUnit,
    SourceTool,
)

if TYPE_CHECKING:
    from kam.accounts.models import Account

ValueT = TypeVar("ValueT")


@dataclass(frozen=True)
class MetricLink:
    """A record a value was derived from: a snapshot, a survey, a page listing the records."""

    label: str
    url: str


@dataclass(frozen=True)
class MetricValue:
    """A metric's actual for an account as of a date.

    `value` is None when the records hold nothing to measure yet; `as_of` is the date of the
    snapshot or the last day of the records it was computed from; `source` explains how, in
    words; `text` is the value in words where a number alone does not say it (a step's name)."""

    value: Decimal | float | None
    as_of: date | None
    source: str
    links: tuple[MetricLink, ...] = ()
    text: str = ""


@dataclass
class MetricContext:
    """One account and date, with a memo so that metrics computed together share their reads
    (revenue and share of wallet read the same wallet estimates once)."""

    account: "Account"
    on: date
    memo: dict[str, object] = field(default_factory=dict)

    def shared(self, key: str, read: Callable[[], ValueT]) -> ValueT:
        if key not in self.memo:
            self.memo[key] = read()
        return self.memo[key]  # type: ignore[return-value]


Compute = Callable[[MetricContext], MetricValue]


@dataclass(frozen=True)
class MetricDefinition:
    """A metric of the catalogue: what it measures, in which unit, which way is better, where
    its actual comes from and how it is computed."""

    code: str
    label: str | Promise
    unit: MetricUnit
    direction: MetricDirection
    kind: MetricKind
    dimension: MetricDimension
    source_tool: SourceTool
    data_source: str | Promise
    formula: str | Promise
    frequency: MetricFrequency
    compute: Compute | None = field(default=None, compare=False, repr=False)
    # A stage or level (T2 step, T4 level): achievement is (actual − baseline)/(target − baseline).
    is_stage: bool = False
    # The range a manual entry must fall in (None: unbounded on that side).
    minimum: Decimal | None = None
    maximum: Decimal | None = None

    @property
    def is_manual(self) -> bool:
        return self.compute is None


_CATALOGUE: dict[str, MetricDefinition] = {}


def register(definition: MetricDefinition) -> MetricDefinition:
    """Add a metric to the catalogue; a code is declared once."""
    known = _CATALOGUE.get(definition.code)
    if known is not None and known != definition:
        raise ValueError(f"Metric {definition.code!r} is declared twice.")
    _CATALOGUE[definition.code] = definition
    return definition


def catalogue() -> list[MetricDefinition]:
    """Every registered metric, in the order of the tools (T1 … T12, then manual), then code."""
    order = {code: index for index, code in enumerate(SourceTool.values)}
    return sorted(_CATALOGUE.values(), key=lambda item: (order[item.source_tool], item.code))


def definition_for(code: str) -> MetricDefinition | None:
    return _CATALOGUE.get(code)


def manual_codes() -> list[str]:
    return [item.code for item in catalogue() if item.is_manual]
