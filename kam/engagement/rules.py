"""The engagement rules more than one page applies, each defined once.

* Calendar compliance = entries done / entries due, over one calendar year up to a reference day
  (due: planned from the year's first day up to the day, not cancelled; done: those with status
  done). The figures, the year heat maps and their legends all count it this way.
* The traffic light of a percentage under the saved thresholds (`EngagementSettings`, newest
  row): green at or above the target, red below the red line, amber between; decided on the
  exact value.
"""

from datetime import date

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kam.engagement.choices import EntryStatus
from kam.engagement.models import EngagementSettings
from kam.engagement.settings.selectors import engagement_settings

GREEN, AMBER, RED, NO_DATA = "green", "amber", "red", "none"
LIGHT_LABELS = {
    GREEN: _("On target"),
    AMBER: _("Below target"),
    RED: _("Critical"),
    NO_DATA: _("No data yet"),
}


def exact_rate(numerator: int, denominator: int) -> float | None:
    """numerator / denominator in percent, unrounded (what a light is decided on); None when
    nothing is due."""
    if not denominator:
        return None
    return 100 * numerator / denominator


def rate(numerator: int, denominator: int) -> float | None:
    """numerator / denominator in percent, one decimal, for display only (96 of 113 shows
    85.0 but is 84.96: decide with `exact_rate` / `light_of`); None when nothing is due."""
    exact = exact_rate(numerator, denominator)
    return None if exact is None else round(exact, 1)


def compliance_window(year: int, today: date) -> tuple[date, date]:
    """The year's first day and the last day counted as due (today, or the year's end)."""
    return date(year, 1, 1), min(today, date(year, 12, 31))


def calendar_compliance_filters(year: int, today: date, prefix: str = "") -> tuple[Q, Q]:
    """(due, done): the calendar entries due in the year up to `today`, and those done."""
    start, end = compliance_window(year, today)
    due = Q(**{f"{prefix}planned_on__gte": start, f"{prefix}planned_on__lte": end}) & ~Q(
        **{f"{prefix}status": EntryStatus.CANCELLED}
    )
    return due, due & Q(**{f"{prefix}status": EntryStatus.DONE})


def calendar_compliance_percent(done: int, due: int) -> float | None:
    """Calendar compliance in percent (one decimal, for display): done / due; None when nothing
    is due. Its light is `light_of(done, due)`, decided on the exact value."""
    return rate(done, due)


def light_of(numerator: int, denominator: int, settings: EngagementSettings | None = None) -> str:
    """The light of numerator / denominator, decided on the exact percentage."""
    return traffic_light(exact_rate(numerator, denominator), settings)


def traffic_light(percent: float | None, settings: EngagementSettings | None = None) -> str:
    """The light of a percentage under the settings given (else the settings in force). Pass
    the exact percentage, never one rounded for display (84.96 is amber under a target of 85)."""
    if percent is None:
        return NO_DATA
    thresholds = settings if settings is not None else engagement_settings()
    if percent >= thresholds.compliance_target:
        return GREEN
    if percent >= thresholds.compliance_red_below:
        return AMBER
    return RED
