"""iCalendar (RFC 5545) rendering of calendar entries and customer key dates.

Key dates, and entries without a start time, are all-day events (DTSTART as DATE); an entry
with a start time is a timed event in UTC (DTSTART/DTEND as DATE-TIME) with its LOCATION.
UIDs are stable (`<uuid>@kam`) so that a subscribed calendar updates events instead of
duplicating them.
"""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from kam.engagement.choices import EntryStatus
from kam.engagement.models import CalendarEntry, CustomerKeyDate

PRODID = "-//KAM//Key account management//ZH-EN"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def _entry_event(entry: CalendarEntry, stamp: object) -> Event:
    event = Event()
    event.add("uid", f"{entry.uuid}@kam")
    event.add("dtstamp", stamp)
    _add_entry_times(event, entry)
    if entry.location:
        event.add("location", entry.location)
    event.add("summary", f"{entry.account.name} · {entry.title}")
    lines = [entry.mechanism.name]
    if entry.is_month_only:
        lines.append(_("Planned for the month; the day is not fixed yet."))
    if entry.purpose:
        lines.append(entry.purpose)
    if entry.objective:
        lines.append(_("Objective: {objective}").format(objective=entry.objective))
    event.add("description", "\n".join(lines))
    event.add("categories", [entry.mechanism.name])
    cancelled = entry.status == EntryStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    return event


def _add_entry_times(event: Event, entry: CalendarEntry) -> None:
    """DTSTART/DTEND: the meeting's times (in UTC) when it has a start time, else the whole day."""
    if entry.start_time is None or entry.is_month_only:
        event.add("dtstart", entry.planned_on)
        event.add("dtend", entry.planned_on + timedelta(days=1))
        return
    zone = timezone.get_default_timezone()
    starts = datetime.combine(entry.planned_on, entry.start_time, tzinfo=zone)
    event.add("dtstart", starts.astimezone(UTC))
    if entry.end_time is not None:
        ends = datetime.combine(entry.planned_on, entry.end_time, tzinfo=zone)
        event.add("dtend", ends.astimezone(UTC))


def _key_date_event(key_date: CustomerKeyDate, stamp: object) -> Event:
    event = Event()
    event.add("uid", f"{key_date.uuid}@kam")
    event.add("dtstamp", stamp)
    event.add("dtstart", key_date.starts_on)
    event.add("dtend", (key_date.ends_on or key_date.starts_on) + timedelta(days=1))
    event.add(
        "summary",
        f"{key_date.account.name} · {key_date.get_kind_display()}: {key_date.title}",
    )
    if key_date.notes:
        event.add("description", key_date.notes)
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    return event


def calendar_ics(
    *,
    name: str,
    entries: Iterable[CalendarEntry],
    key_dates: Iterable[CustomerKeyDate] = (),
) -> bytes:
    """One VCALENDAR with a VEVENT per entry and per key date."""
    calendar = _calendar(name)
    stamp = timezone.now().replace(microsecond=0)
    for entry in entries:
        calendar.add_component(_entry_event(entry, stamp))
    for key_date in key_dates:
        calendar.add_component(_key_date_event(key_date, stamp))
    return calendar.to_ical()
