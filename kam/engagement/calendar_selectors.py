"""Reads of the mechanisms and the key-business-activity calendar (month, agenda, year heat map).

Every aggregate is computed in the database (values() + annotate(Count) grouped by month), so
the number of queries does not grow with the number of entries or activities.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _

from kam.accounts.access import scope_to_visible_accounts
from kam.accounts.models import Account, AccountTeamMembership
from kam.engagement.choices import EntryStatus
from kam.engagement.models import (
    Activity,
    CalendarEntry,
    CalendarSubscription,
    CustomerKeyDate,
    Mechanism,
)
from kam.engagement.settings_selectors import engagement_settings
from kam.lib.charts import base_option
from kam.people.models import Contact
from kam.users.models import User

MAX_PER_DAY = 4  # entries shown in a day of the month grid; the rest as "+n more"
AGENDA_PAGE_SIZE = 50
NOT_DUE = -1  # heat-map value of a month that has not started yet


class MonthOf(ExtractMonth):
    """ExtractMonth; on SQLite with the built-in strftime instead of Django's Python function,
    which is called once per row and dominates the heat map's time on a million activities."""

    def as_sqlite(self, compiler: object, connection: object, **extra: object) -> tuple:
        sql, params = compiler.compile(self.lhs)  # type: ignore[attr-defined]
        return f"CAST(strftime('%%m', {sql}) AS INTEGER)", params


def mechanisms_active() -> list[Mechanism]:
    """The active communication mechanisms in their reference order, with their cadences."""
    return list(Mechanism.objects.filter(is_active=True).prefetch_related("cadences"))


def mechanisms_all() -> list[Mechanism]:
    return list(Mechanism.objects.prefetch_related("cadences"))


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


def calendar_agenda(
    *,
    frame: CalendarMonth,
    entries: QuerySet[CalendarEntry],
    key_dates: QuerySet[CustomerKeyDate],
    page_number: object = 1,
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
    planned: int
    done: int
    compliance: int | None  # percent; None when nothing was planned or the month is not due


@dataclass
class YearMap:
    year: int
    mechanisms: list[Mechanism]
    rows: list[tuple[Mechanism, list[HeatCell]]]
    planned_total: int
    done_total: int
    option: dict[str, object]

    @property
    def month_labels(self) -> list[str]:
        return [_month_label(month) for month in range(1, 13)]


def _planned_counts(entries: QuerySet[CalendarEntry], year: int) -> dict[tuple[int, int], int]:
    rows = (
        entries.filter(planned_on__range=(date(year, 1, 1), date(year, 12, 31)))
        .exclude(status=EntryStatus.CANCELLED)
        .annotate(month=MonthOf("planned_on"))
        .values("mechanism_id", "month")
        .annotate(count=Count("id"))
        .order_by()
    )
    return {(row["mechanism_id"], row["month"]): row["count"] for row in rows}


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


def compliance_percent(planned: int, done: int) -> int | None:
    """done / planned as a whole percent, capped at 100; None when nothing was planned."""
    if planned <= 0:
        return None
    return min(100, round(100 * done / planned))


def account_year_map(*, account: Account, year: int) -> YearMap:
    """Months × mechanisms of one account: planned entries vs activities done (3 queries)."""
    planned = _planned_counts(CalendarEntry.objects.filter(account=account), year)
    done = _done_counts(Activity.objects.filter(account=account), year)
    return _year_map(year, planned, done)


def my_year_map(*, user: User, year: int) -> YearMap:
    """The user's own year: entries they take part in, activities they led or joined.

    Done is two grouped queries (as leader, and as participant only) so that each can use its
    own index instead of an OR over every activity.
    """
    participating_entries = CalendarEntry.our_participants.through.objects.filter(user=user)
    planned = _planned_counts(
        scope_to_visible_accounts(CalendarEntry.objects.all(), user).filter(
            pk__in=participating_entries.values("calendarentry_id")
        ),
        year,
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
    return _year_map(year, planned, done)


def _year_map(
    year: int, planned: dict[tuple[int, int], int], done: dict[tuple[int, int], int]
) -> YearMap:
    mechanisms = list(Mechanism.objects.filter(is_active=True))
    today = timezone.localdate()
    rows = []
    for mechanism in mechanisms:
        row = []
        for month in range(1, 13):
            planned_count = planned.get((mechanism.pk, month), 0)
            done_count = done.get((mechanism.pk, month), 0)
            is_due = date(year, month, 1) <= today
            compliance = compliance_percent(planned_count, done_count) if is_due else None
            row.append(HeatCell(month, planned_count, done_count, compliance))
        rows.append((mechanism, row))
    planned_total = sum(cell.planned for _mechanism, row in rows for cell in row)
    done_total = sum(cell.done for _mechanism, row in rows for cell in row)
    year_map = YearMap(year, mechanisms, rows, planned_total, done_total, {})
    year_map.option = year_map_option(year_map)
    return year_map


def year_map_option(year_map: YearMap) -> dict[str, object]:
    """The heat map, coloured by the compliance thresholds in force (engagement settings)."""
    thresholds = engagement_settings()
    green, red = thresholds.compliance_target, thresholds.compliance_red_below
    """ECharts heat map: x = months, y = mechanisms, colour = compliance, label = done/planned."""
    months = [_month_label(month) for month in range(1, 13)]
    names = [mechanism.name for mechanism in year_map.mechanisms]
    data = []
    for y, (_mechanism, row) in enumerate(year_map.rows):
        for cell in row:
            if not cell.planned and not cell.done:
                continue
            value = NOT_DUE if cell.compliance is None else cell.compliance
            if cell.compliance is None and not cell.planned:
                value = 100  # done without a plan counts as kept
            data.append(
                {
                    "value": [cell.month - 1, y, value],
                    "label": {"show": True, "formatter": f"{cell.done}/{cell.planned}"},
                }
            )
    option = base_option()
    option.update(
        {
            "tooltip": {"show": False},
            "grid": {"left": 200, "right": 20, "top": 10, "bottom": 70},
            "xAxis": {"type": "category", "data": months, "splitArea": {"show": True}},
            "yAxis": {"type": "category", "data": names, "inverse": True},
            "visualMap": {
                "type": "piecewise",
                "orient": "horizontal",
                "left": "center",
                "bottom": 0,
                "dimension": 2,
                "pieces": [
                    {"value": NOT_DUE, "label": _("not due yet"), "color": "#eaecf0"},
                    {
                        "min": 0,
                        "max": red - 0.01,
                        "label": _("< {red} %").format(red=red),
                        "color": "#f97066",
                    },
                    {
                        "min": red,
                        "max": green - 0.01,
                        "label": _("{red}–{green} %").format(red=red, green=green),
                        "color": "#fdb022",
                    },
                    {
                        "min": green,
                        "label": _("≥ {green} %").format(green=green),
                        "color": "#32d583",
                    },
                ],
            },
            "series": [{"type": "heatmap", "data": data, "label": {"show": True}}],
        }
    )
    return option


def _month_label(month: int) -> str:
    return str(MONTHS_3[month]).capitalize()


# --- iCalendar feed and subscriptions -------------------------------------------------------------


def feed_window(today: date | None = None) -> tuple[date, date]:
    """The subscription feed covers 90 days back and a year ahead."""
    today = today or timezone.localdate()
    return today - timedelta(days=90), today + timedelta(days=365)


def user_subscriptions(*, user: User) -> list[CalendarSubscription]:
    return list(CalendarSubscription.objects.filter(user=user))
