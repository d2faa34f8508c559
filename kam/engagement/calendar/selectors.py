"""Reads of the key-business-activity calendar (month, agenda, year heat map, subscriptions).

Every aggregate is computed in the database (values() + annotate(Count) grouped by month), so
the number of queries does not grow with the number of entries or activities.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from kam.accounts.access import scope_to_visible_accounts
from kam.accounts.models import Account, AccountTeamMembership
from kam.engagement.calendar.charts import month_label, year_map_option
from kam.engagement.calendar.layers import CalendarMarker
from kam.engagement.choices import EntryStatus
from kam.engagement.models import (
    Activity,
    CalendarEntry,
    CalendarSubscription,
    CustomerKeyDate,
    EngagementSettings,
    Mechanism,
)
from kam.engagement.rules import (
    calendar_compliance_filters,
    calendar_compliance_percent,
    light_of,
)
from kam.engagement.settings.selectors import engagement_settings
from kam.people.models import Contact
from kam.users.models import User

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler, _AsSqlType

MAX_PER_DAY = 4  # entries shown in a day of the month grid; the rest as "+n more"
AGENDA_PAGE_SIZE = 50


class MonthOf(ExtractMonth):
    """ExtractMonth; on SQLite with the built-in strftime instead of Django's Python function,
    which is called once per row and dominates the heat map's time on a million activities."""

    def as_sqlite(
        self, compiler: "SQLCompiler", connection: "BaseDatabaseWrapper", **extra: Any
    ) -> "_AsSqlType":
        sql, params = compiler.compile(self.lhs)
        return f"CAST(strftime('%%m', {sql}) AS INTEGER)", params


# --- entries --------------------------------------------------------------------------------------


def entry_queryset(*, with_participants: bool = True) -> QuerySet[CalendarEntry]:
    queryset = CalendarEntry.objects.select_related("account", "mechanism", "key_person")
    if with_participants:
        queryset = queryset.prefetch_related(
            "our_participants",
            Prefetch("customer_participants", queryset=Contact.objects.order_by("name")),
        )
    return queryset


def entries_visible_to(user: User) -> QuerySet[CalendarEntry]:
    return scope_to_visible_accounts(entry_queryset(), user)


def account_entries(
    *,
    account: Account,
    start: date | None = None,
    end: date | None = None,
    mechanism_code: str = "",
    status: str = "",
) -> QuerySet[CalendarEntry]:
    """The account's entries, optionally from `start` to `end` (inclusive)."""
    queryset = entry_queryset().filter(account=account)
    return _filter_entries(queryset, start, end, mechanism_code, status)


def _filter_entries(
    queryset: QuerySet[CalendarEntry],
    start: date | None,
    end: date | None,
    mechanism_code: str = "",
    status: str = "",
) -> QuerySet[CalendarEntry]:
    if start:
        queryset = queryset.filter(planned_on__gte=start)
    if end:
        queryset = queryset.filter(planned_on__lte=end)
    if mechanism_code:
        queryset = queryset.filter(mechanism__code=mechanism_code)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("planned_on", "pk")


def my_entries(
    *, user: User, start: date | None = None, end: date | None = None
) -> QuerySet[CalendarEntry]:
    """Entries the user takes part in or created, on accounts they can see.

    Participation is checked per entry (EXISTS on the through table's unique index) after the
    date window narrowed the entries, instead of listing every entry the user ever joined."""
    participating = CalendarEntry.our_participants.through.objects.filter(
        calendarentry_id=OuterRef("pk"), user=user
    )
    queryset = entries_visible_to(user).filter(Exists(participating) | Q(created_by=user))
    return _filter_entries(queryset, start, end)


def account_key_dates(
    *, account: Account, start: date | None = None, end: date | None = None
) -> QuerySet[CustomerKeyDate]:
    return _overlapping(CustomerKeyDate.objects.filter(account=account), start, end)


def _overlapping(
    queryset: QuerySet[CustomerKeyDate], start: date | None, end: date | None
) -> QuerySet[CustomerKeyDate]:
    if end:
        queryset = queryset.filter(starts_on__lte=end)
    if start:
        queryset = queryset.filter(
            Q(ends_on__gte=start) | Q(ends_on__isnull=True, starts_on__gte=start)
        )
    return queryset.select_related("account").order_by("starts_on", "pk")


def my_key_dates(*, user: User, start: date, end: date) -> QuerySet[CustomerKeyDate]:
    """Key dates of the user's own accounts (owner or team) and of the accounts of their entries."""
    team = AccountTeamMembership.objects.filter(user=user).values("account_id")
    entry_accounts = my_entries(user=user, start=start, end=end).values("account_id")
    queryset = scope_to_visible_accounts(CustomerKeyDate.objects.all(), user).filter(
        Q(account__owner=user) | Q(account__in=team) | Q(account__in=entry_accounts)
    )
    return _overlapping(queryset, start, end)


# --- month grid -----------------------------------------------------------------------------------


@dataclass
class CalendarDay:
    day: date
    in_month: bool
    is_today: bool
    entries: list[CalendarEntry] = field(default_factory=list)
    key_dates: list[CustomerKeyDate] = field(default_factory=list)
    markers: list[CalendarMarker] = field(default_factory=list)
    more: int = 0


@dataclass
class CalendarMonth:
    year: int
    month: int
    first: date
    last: date
    grid_start: date
    grid_end: date
    previous: date
    next: date
    weeks: list[list[CalendarDay]] = field(default_factory=list)
    entries: list[CalendarEntry] = field(default_factory=list)
    key_dates: list[CustomerKeyDate] = field(default_factory=list)
    markers: list[CalendarMarker] = field(default_factory=list)
    agenda: Page | None = None


def month_frame(year: int, month: int) -> CalendarMonth:
    """The month and the Monday-to-Sunday weeks that show it."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    grid_start = first - timedelta(days=first.weekday())
    grid_end = last + timedelta(days=6 - last.weekday())
    previous = (first - timedelta(days=1)).replace(day=1)
    following = last + timedelta(days=1)
    return CalendarMonth(year, month, first, last, grid_start, grid_end, previous, following)


def calendar_month(
    *,
    frame: CalendarMonth,
    entries: QuerySet[CalendarEntry],
    key_dates: QuerySet[CustomerKeyDate],
) -> CalendarMonth:
    """Fill the grid with the entries and key dates of the frame (2 queries)."""
    grid_entries = entries.prefetch_related(None).filter(
        planned_on__range=(frame.grid_start, frame.grid_end)
    )
    frame.entries = list(grid_entries)
    frame.key_dates = list(key_dates)
    today = timezone.localdate()
    by_day: dict[date, CalendarDay] = {}
    day = frame.grid_start
    while day <= frame.grid_end:
        if day.weekday() == 0:
            frame.weeks.append([])
        cell = CalendarDay(day, day.month == frame.month, day == today)
        frame.weeks[-1].append(cell)
        by_day[day] = cell
        day += timedelta(days=1)
    for entry in frame.entries:
        cell = by_day[entry.planned_on]
        if len(cell.entries) < MAX_PER_DAY:
            cell.entries.append(entry)
        else:
            cell.more += 1
    for key_date in frame.key_dates:
        first = max(key_date.starts_on, frame.grid_start)
        last = min(key_date.ends_on or key_date.starts_on, frame.grid_end)
        while first <= last:
            by_day[first].key_dates.append(key_date)
            first += timedelta(days=1)
    return frame


def place_markers(frame: CalendarMonth, markers: list[CalendarMarker]) -> CalendarMonth:
    """Put the read-only layers' items (`layers.account_markers`) on the month's days (the
    agenda lists those of the month)."""
    frame.markers = [marker for marker in markers if frame.first <= marker.day <= frame.last]
    by_day = {cell.day: cell for week in frame.weeks for cell in week}
    for marker in markers:
        if marker.day in by_day:
            by_day[marker.day].markers.append(marker)
    return frame


def calendar_agenda(
    *,
    frame: CalendarMonth,
    entries: QuerySet[CalendarEntry],
    key_dates: QuerySet[CustomerKeyDate],
    page_number: int | str | None = 1,
) -> CalendarMonth:
    """The month as a list: its key dates and a page of its entries with the participants."""
    month_entries = entries.filter(planned_on__range=(frame.first, frame.last))
    frame.agenda = Paginator(month_entries, AGENDA_PAGE_SIZE).get_page(page_number)
    frame.entries = list(frame.agenda.object_list)
    frame.key_dates = list(key_dates)
    return frame


# --- year heat map --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeatCell:
    month: int
    planned: int  # entries planned in the month (not cancelled)
    done: int  # activities that happened in the month (planned or not)
    compliance: float | None  # calendar compliance (rules): None when nothing is due yet
    light: str | None = None  # its traffic light under the saved thresholds; None: not due


@dataclass
class YearMap:
    year: int
    mechanisms: list[Mechanism]
    rows: list[tuple[Mechanism, list[HeatCell]]]
    planned_total: int
    done_total: int
    option: dict[str, object]
    settings: EngagementSettings  # the thresholds its lights follow

    @property
    def month_labels(self) -> list[str]:
        return [month_label(month) for month in range(1, 13)]


@dataclass(frozen=True)
class EntryCounts:
    planned: int = 0
    due: int = 0
    done: int = 0


def _entry_counts(
    entries: QuerySet[CalendarEntry], year: int, today: date
) -> dict[tuple[int, int], EntryCounts]:
    """Per mechanism and month: entries planned, and the due and done of calendar compliance."""
    due, done = calendar_compliance_filters(year, today)
    rows = (
        entries.filter(planned_on__range=(date(year, 1, 1), date(year, 12, 31)))
        .exclude(status=EntryStatus.CANCELLED)
        .annotate(month=MonthOf("planned_on"))
        .values("mechanism_id", "month")
        .annotate(planned=Count("id"), due=Count("id", filter=due), done=Count("id", filter=done))
        .order_by()
    )
    return {
        (row["mechanism_id"], row["month"]): EntryCounts(row["planned"], row["due"], row["done"])
        for row in rows
    }


def _done_counts(activities: QuerySet[Activity], year: int) -> dict[tuple[int, int], int]:
    rows = (
        activities.filter(occurred_on__range=(date(year, 1, 1), date(year, 12, 31)))
        .annotate(month=MonthOf("occurred_on"))
        .values("mechanism_id", "month")
        .annotate(count=Count("id"))
        .order_by()
    )
    return {(row["mechanism_id"], row["month"]): row["count"] for row in rows}


def _merge(*counts: dict[tuple[int, int], int]) -> dict[tuple[int, int], int]:
    merged: dict[tuple[int, int], int] = {}
    for part in counts:
        for key, value in part.items():
            merged[key] = merged.get(key, 0) + value
    return merged


def account_year_map(*, account: Account, year: int) -> YearMap:
    """Months × mechanisms of one account: planned entries vs activities done (4 queries)."""
    today = timezone.localdate()
    entries = _entry_counts(CalendarEntry.objects.filter(account=account), year, today)
    done = _done_counts(Activity.objects.filter(account=account), year)
    return _year_map(year, entries, done)


def my_year_map(*, user: User, year: int) -> YearMap:
    """The user's own year: entries they take part in, activities they led or joined.

    Done is two grouped queries (as leader, and as participant only) so that each can use its
    own index instead of an OR over every activity.
    """
    participating_entries = CalendarEntry.our_participants.through.objects.filter(user=user)
    entries = _entry_counts(
        scope_to_visible_accounts(CalendarEntry.objects.all(), user).filter(
            pk__in=participating_entries.values("calendarentry_id")
        ),
        year,
        timezone.localdate(),
    )
    activities = scope_to_visible_accounts(Activity.objects.all(), user)
    participating_activities = Activity.our_participants.through.objects.filter(user=user)
    done = _merge(
        _done_counts(activities.filter(lead=user), year),
        _done_counts(
            activities.filter(pk__in=participating_activities.values("activity_id")).exclude(
                lead=user
            ),
            year,
        ),
    )
    return _year_map(year, entries, done)


def _heat_cell(
    month: int, counts: EntryCounts, done: int, settings: EngagementSettings
) -> HeatCell:
    compliance = calendar_compliance_percent(counts.done, counts.due)  # rounded, for display
    light = light_of(counts.done, counts.due, settings) if compliance is not None else None
    return HeatCell(month, counts.planned, done, compliance, light)


def _year_map(
    year: int, entries: dict[tuple[int, int], EntryCounts], done: dict[tuple[int, int], int]
) -> YearMap:
    settings = engagement_settings()
    mechanisms = list(Mechanism.objects.filter(is_active=True))
    empty = EntryCounts()
    rows = [
        (
            mechanism,
            [
                _heat_cell(
                    month,
                    entries.get((mechanism.pk, month), empty),
                    done.get((mechanism.pk, month), 0),
                    settings,
                )
                for month in range(1, 13)
            ],
        )
        for mechanism in mechanisms
    ]
    planned_total = sum(cell.planned for _mechanism, row in rows for cell in row)
    done_total = sum(cell.done for _mechanism, row in rows for cell in row)
    year_map = YearMap(year, mechanisms, rows, planned_total, done_total, {}, settings)
    year_map.option = year_map_option(year_map)
    return year_map


# --- iCalendar feed and subscriptions -------------------------------------------------------------


def feed_window(today: date | None = None) -> tuple[date, date]:
    """The subscription feed covers 90 days back and a year ahead."""
    today = today or timezone.localdate()
    return today - timedelta(days=90), today + timedelta(days=365)


def user_subscriptions(*, user: User) -> list[CalendarSubscription]:
    return list(CalendarSubscription.objects.filter(user=user))
