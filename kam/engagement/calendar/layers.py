"""Read-only layers on the account calendar: dates other tools keep (a plan's review dates)
shown among the entries without being calendar entries themselves. An app above engagement
registers a source when Django starts (as the tools register their metrics); the calendar reads
every source for the dates it shows and never imports those apps."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kam.accounts.models import Account


@dataclass(frozen=True)
class CalendarMarker:
    """One dated item of a layer: its day, its text, the page it comes from and the layer's
    name (shown as its kind)."""

    day: date
    title: str
    url: str
    layer: str


MarkerSource = Callable[["Account", date, date], list[CalendarMarker]]
_SOURCES: list[MarkerSource] = []


def register_marker_source(source: MarkerSource) -> None:
    """Add a layer; registering the same source again does nothing."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def account_markers(*, account: "Account", start: date, end: date) -> list[CalendarMarker]:
    """Every layer's items of the account between the dates, by day (one read per layer)."""
    found = [marker for source in _SOURCES for marker in source(account, start, end)]
    return sorted(found, key=lambda marker: (marker.day, marker.title))
