"""Targets planned for an account's catalogue metrics (T13 → the tools, spec §7.3): the charts of
T2, T4, T7 and T12 show the plan's target for their metric when the year's plan sets one.

The annual plan sits above the tools, so it registers its reader here when Django starts (as the
tools register their metrics) and the tools ask this module, never the plan app."""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kam.accounts.models import Account

TargetSource = Callable[["Account", int], dict[str, Decimal]]
_SOURCES: list[TargetSource] = []


def register_target_source(source: TargetSource) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


@dataclass(frozen=True)
class PlannedTargets:
    """The targets by metric code the year's plan sets (empty: no plan, or none approved)."""

    year: int
    values: dict[str, Decimal] = field(default_factory=dict)

    def get(self, code: str) -> Decimal | None:
        return self.values.get(code)


def planned_targets(*, account: "Account", year: int) -> PlannedTargets:
    """The first registered source's targets for the account and year (one read per source)."""
    for source in _SOURCES:
        values = source(account, year)
        if values:
            return PlannedTargets(year, values)
    return PlannedTargets(year)
