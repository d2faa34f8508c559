"""我的工作台 (My day): what needs the signed-in user today, gathered from every tool.

A constant number of queries however many accounts, actions, entries and people: each section is
one or two queries over all of the user's accounts, never one per account.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q, Window
from django.urls import reverse
from django.utils import timezone

from kam.accounts.access import can_administer_portfolio
from kam.accounts.models import Account, AccountTeamMembership
from kam.assessments.choices import ToolCode
from kam.assessments.models import Assessment
from kam.compliance.models import GiftEntry
from kam.compliance.selectors import pending_gift_entries
from kam.core.links import PLACEHOLDER, UuidLinks
from kam.engagement.choices import EntryStatus
from kam.engagement.meetings.board import BoardItem, due_actions
from kam.engagement.models import CalendarEntry, CustomerKeyDate
from kam.people.models import Contact
from kam.powermap.selectors import red_flags_for_accounts
from kam.powermap.selectors.wording import flag_text
from kam.users.models import User

# Each section shows its first lines and says how many more there are, with a link to where all
# of them are (a day view, not a report: at 30 accounts a full list would be hundreds of lines).
SHOWN = 10
SCORECARD_TOOLS = (ToolCode.SCORECARD_ATTRACTIVENESS, ToolCode.SCORECARD_STRENGTH)
CURRENT_TOOLS = (*SCORECARD_TOOLS, ToolCode.ORG_SCORE_SHEET, ToolCode.KEY_PERSON_LADDER)
LINK_NAMES = (
    "powermap:account",
    "scorecard:new",
    "ladder:assess",
    "engagement:entry_edit",
    "engagement:entry_record",
    "engagement:calendar",
)


@dataclass(frozen=True)
class MyAccount:
    pk: int
    uuid: str
    name: str


@dataclass(frozen=True)
class RedFlagLine:
    account: MyAccount
    title: str
    detail: str
    url: str


@dataclass(frozen=True)
class MissingLine:
    """An account without a current scorecard, score sheet or ladder assessment this year."""

    account: MyAccount
    kind: str  # "scorecard" | "score_sheet" | "ladder"
    url: str
    people: tuple[str, ...] = ()


@dataclass
class MyDay:
    today: date
    week_start: date
    week_end: date
    period: str
    account_count: int
    overdue: list[BoardItem] = field(default_factory=list)
    due_this_week: list[BoardItem] = field(default_factory=list)
    entries: list[CalendarEntry] = field(default_factory=list)
    key_dates: list[CustomerKeyDate] = field(default_factory=list)
    red_flags: list[RedFlagLine] = field(default_factory=list)
    missing: list[MissingLine] = field(default_factory=list)
    shows_gifts: bool = False
    gifts: list[GiftEntry] = field(default_factory=list)
    # per section, how many lines there are in all (the lists above hold the first SHOWN)
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def more(self) -> dict[str, int]:
        """Per section, how many lines are not shown."""
        return {
            section: total - len(getattr(self, section)) for section, total in self.totals.items()
        }


def _first(day: MyDay, section: str, lines: list) -> None:
    day.totals[section] = len(lines)
    setattr(day, section, lines[:SHOWN])


def my_accounts(user: User) -> list[MyAccount]:
    """The accounts the user owns or whose team they are on (directors too: their own)."""
    team = AccountTeamMembership.objects.filter(user=user).values("account_id")
    rows = (
        Account.objects.filter(Q(owner=user) | Q(pk__in=team))
        .order_by("name", "pk")
        .values_list("pk", "uuid", "name")
    )
    return [MyAccount(pk=pk, uuid=str(uuid), name=name) for pk, uuid, name in rows]


def _week(today: date) -> tuple[date, date]:
    start = today - timedelta(days=today.weekday())
    return start, start + timedelta(days=6)


def _entries(
    account_ids: list[int], start: date, end: date, links: UuidLinks
) -> tuple[list[CalendarEntry], int]:
    """This week's planned entries (month-only ones are not on a day and stay on the calendar),
    with where each is opened and recorded; the first SHOWN and how many in all."""
    week = CalendarEntry.objects.filter(
        account_id__in=account_ids,
        planned_on__range=(start, end),
        is_month_only=False,
        status__in=[EntryStatus.PLANNED, EntryStatus.POSTPONED],
    )
    entries = list(
        week.select_related("account", "mechanism")
        .annotate(week_total=Window(Count("pk")))  # counted before the cut: no second query
        .order_by("planned_on", "pk")[:SHOWN]
    )
    for entry in entries:
        entry.edit_url = links.url("engagement:entry_edit", entry.uuid)  # type: ignore[attr-defined]
        entry.record_url = links.url("engagement:entry_record", entry.uuid)  # type: ignore[attr-defined]
    total = entries[0].week_total if entries else 0
    return list[CalendarEntry](entries), total


def _key_dates(
    account_ids: list[int], start: date, end: date, links: UuidLinks
) -> tuple[list[CustomerKeyDate], int]:
    """Key dates that fall in, or span, this week, with the calendar month they are shown in;
    the first SHOWN and how many in all."""
    overlaps = Q(starts_on__range=(start, end)) | Q(starts_on__lt=start, ends_on__gte=start)
    week = CustomerKeyDate.objects.filter(overlaps, account_id__in=account_ids)
    key_dates = list(
        week.select_related("account")
        .annotate(week_total=Window(Count("pk")))  # counted before the cut: no second query
        .order_by("starts_on", "pk")[:SHOWN]
    )
    for key_date in key_dates:
        calendar = links.url("engagement:calendar", key_date.account.uuid)
        month = f"?year={key_date.starts_on.year}&month={key_date.starts_on.month}"
        key_date.calendar_url = calendar + month  # type: ignore[attr-defined]
    total = key_dates[0].week_total if key_dates else 0
    return list[CustomerKeyDate](key_dates), total


def _red_flags(
    accounts: list[MyAccount], today: date, links: UuidLinks
) -> tuple[list[RedFlagLine], int]:
    """The first SHOWN red flags (worded) and how many are raised in all."""
    flags, limits = red_flags_for_accounts(
        account_ids=[account.pk for account in accounts], today=today
    )
    raised = [(account, flag) for account in accounts for flag in flags.get(account.pk, [])]
    lines = []
    for account, flag in raised[:SHOWN]:
        text = flag_text(flag, limits)
        url = links.url("powermap:account", account.uuid)
        lines.append(RedFlagLine(account, text.title, text.detail, url))
    return lines, len(raised)


def _missing(accounts: list[MyAccount], year: str, links: UuidLinks) -> list[MissingLine]:
    """Per account: no current scorecard / score sheet this year; key persons not assessed on
    the ladder this year (two queries)."""
    ids = [account.pk for account in accounts]
    done = set(
        Assessment.objects.filter(account_id__in=ids, is_current=True, tool_code__in=CURRENT_TOOLS)
        .filter(Q(period=year) | Q(period__startswith=f"{year}-"))
        .values_list("account_id", "tool_code", "subject")
        .distinct()
    )
    scored = {(account_id, tool) for account_id, tool, _subject in done}
    assessed = {
        subject for _account_id, tool, subject in done if tool == ToolCode.KEY_PERSON_LADDER
    }
    key_persons: dict[int, list[tuple[str, str]]] = {}
    rows = Contact.objects.filter(account_id__in=ids, is_active=True, is_key_person=True)
    for account_id, uuid, name in rows.order_by("name", "pk").values_list(
        "account_id", "uuid", "name"
    ):
        if str(uuid) not in assessed:
            key_persons.setdefault(account_id, []).append((str(uuid), name))
    score_sheet = reverse("assessments:new", args=[PLACEHOLDER, ToolCode.ORG_SCORE_SHEET])
    lines = []
    for account in accounts:
        if not all((account.pk, tool) in scored for tool in SCORECARD_TOOLS):
            url = links.url("scorecard:new", account.uuid)
            lines.append(MissingLine(account, "scorecard", url))
        if (account.pk, ToolCode.ORG_SCORE_SHEET) not in scored:
            url = score_sheet.replace(PLACEHOLDER, account.uuid)
            lines.append(MissingLine(account, "score_sheet", url))
        people = key_persons.get(account.pk, [])
        if people:
            url = links.url("ladder:assess", people[0][0])
            names = tuple(name for _uuid, name in people)
            lines.append(MissingLine(account, "ladder", url, names))
    return lines


def my_day(*, user: User, today: date | None = None) -> MyDay:
    """Everything of 我的工作台 for one user."""
    today = today or timezone.localdate()
    start, end = _week(today)
    accounts = my_accounts(user)
    ids = [account.pk for account in accounts]
    day = MyDay(
        today=today,
        week_start=start,
        week_end=end,
        period=str(today.year),
        account_count=len(accounts),
    )
    actions = due_actions(user=user, owner=user, today=today, due_by=end, first=SHOWN)
    day.overdue, day.due_this_week = actions.overdue, actions.upcoming
    day.totals["overdue"], day.totals["due_this_week"] = (
        actions.overdue_total,
        actions.upcoming_total,
    )
    links = UuidLinks(LINK_NAMES)
    day.entries, day.totals["entries"] = _entries(ids, start, end, links)
    day.key_dates, day.totals["key_dates"] = _key_dates(ids, start, end, links)
    day.red_flags, day.totals["red_flags"] = _red_flags(accounts, today, links)
    _first(day, "missing", _missing(accounts, day.period, links))
    day.shows_gifts = can_administer_portfolio(user)
    if day.shows_gifts:
        gifts = pending_gift_entries(user=user)
        day.gifts = list(gifts[:SHOWN])
        day.totals["gifts"] = gifts.count()
    return day
