"""Reads of activities, meeting records and action items; every list is a constant number of
queries (related rows are joined or prefetched)."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from kam.accounts.access import scope_to_visible_accounts
from kam.accounts.models import Account
from kam.cards.models import CardAction
from kam.engagement.choices import ActionStatus, EntryStatus
from kam.engagement.models import (
    ActionItem,
    Activity,
    ActivityEvidence,
    CalendarEntry,
    Mechanism,
    MeetingRecord,
)
from kam.people.models import Contact
from kam.users.models import User

# Done actions stay on the board for this many days after they were closed.
RECENT_DONE_DAYS = 30
BOARD_COLUMN_LIMIT = 200
OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


def activity_queryset() -> QuerySet[Activity]:
    """Activities with what their list and detail show, in a constant number of queries."""
    return Activity.objects.select_related(
        "account", "mechanism", "lead", "calendar_entry", "meeting"
    ).prefetch_related(
        "our_participants",
        Prefetch("customer_participants", queryset=Contact.objects.order_by("name")),
    )


def activity_list(
    *,
    account: Account,
    mechanism: Mechanism | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[Activity]:
    """The account's activity log, newest first, optionally by mechanism and date range."""
    activities = activity_queryset().filter(account=account)
    if mechanism is not None:
        activities = activities.filter(mechanism=mechanism)
    if date_from is not None:
        activities = activities.filter(occurred_on__gte=date_from)
    if date_to is not None:
        activities = activities.filter(occurred_on__lte=date_to)
    return activities.order_by("-occurred_on", "-pk")


def activity_evidence(activity: Activity) -> list[ActivityEvidence]:
    """The ladder evidence the activity created, with the contacts it concerns."""
    return list(
        ActivityEvidence.objects.filter(activity=activity)
        .select_related("evidence", "evidence__contact")
        .order_by("evidence__contact__name", "pk")
    )


def open_calendar_entries(*, account: Account) -> QuerySet[CalendarEntry]:
    """Planned (or postponed) entries of the account that have no activity logged yet."""
    return (
        CalendarEntry.objects.filter(
            account=account,
            status__in=[EntryStatus.PLANNED, EntryStatus.POSTPONED],
            activity__isnull=True,
        )
        .select_related("mechanism")
        .order_by("planned_on", "pk")
    )


def meeting_queryset() -> QuerySet[MeetingRecord]:
    return MeetingRecord.objects.select_related(
        "account",
        "activity",
        "activity__mechanism",
        "activity__lead",
        "next_entry",
        "next_entry__mechanism",
    ).prefetch_related(
        "issues",
        "activity__our_participants",
        "activity__customer_participants",
        Prefetch(
            "action_items",
            queryset=ActionItem.objects.select_related("owner_user", "owner_contact").order_by(
                "due_on", "pk"
            ),
        ),
    )


def action_item_queryset() -> QuerySet[ActionItem]:
    return ActionItem.objects.select_related(
        "account", "owner_user", "owner_contact", "meeting", "meeting__activity"
    )


def development_action_queryset() -> QuerySet[CardAction]:
    """Development-plan steps of key-person cards, as the action boards change them."""
    return CardAction.objects.select_related("account", "owner", "card", "card__contact")


def action_item_list(
    *,
    account: Account | None = None,
    user: User | None = None,
    owner: User | None = None,
    status: str = "",
    is_overdue: bool | None = None,
) -> QuerySet[ActionItem]:
    """Action items of an account, or those `owner` owns across the accounts `user` sees."""
    items = action_item_queryset()
    if account is not None:
        items = items.filter(account=account)
    if user is not None:
        items = scope_to_visible_accounts(items, user)
    if owner is not None:
        items = items.filter(owner_user=owner)
    if status:
        items = items.filter(status=status)
    overdue = Q(status__in=OPEN_STATUSES, due_on__lt=timezone.localdate())
    if is_overdue is True:
        items = items.filter(overdue)
    elif is_overdue is False:
        items = items.exclude(overdue)
    return items.order_by("due_on", "pk")


@dataclass
class ActionBoard:
    """The kanban of action items by status; done shows the recently closed ones only."""

    today: date
    open: list[ActionItem] = field(default_factory=list)
    in_progress: list[ActionItem] = field(default_factory=list)
    done: list[ActionItem] = field(default_factory=list)
    overdue_count: int = 0

    @property
    def columns(self) -> list[tuple[str, list[ActionItem]]]:
        return [
            (ActionStatus.OPEN, self.open),
            (ActionStatus.IN_PROGRESS, self.in_progress),
            (ActionStatus.DONE, self.done),
        ]


def action_board(items: QuerySet[ActionItem]) -> ActionBoard:
    """Three queries: open, in progress (due first) and the recently done."""
    today = timezone.localdate()
    board = ActionBoard(today=today)
    board.open = list(items.filter(status=ActionStatus.OPEN)[:BOARD_COLUMN_LIMIT])
    board.in_progress = list(items.filter(status=ActionStatus.IN_PROGRESS)[:BOARD_COLUMN_LIMIT])
    since = today - timedelta(days=RECENT_DONE_DAYS)
    board.done = list(
        items.filter(status=ActionStatus.DONE, closed_on__gte=since).order_by("-closed_on", "-pk")[
            :BOARD_COLUMN_LIMIT
        ]
    )
    mark_overdue([*board.open, *board.in_progress, *board.done], today)
    board.overdue_count = sum(
        1 for item in [*board.open, *board.in_progress] if is_overdue(item, today)
    )
    return board


def mark_overdue(items: Iterable[ActionItem], today: date | None = None) -> None:
    """Sets `is_overdue` on each item, for the templates."""
    for item in items:
        item.is_overdue = is_overdue(item, today)  # type: ignore[attr-defined]  # template-only


def is_overdue(item: ActionItem, today: date | None = None) -> bool:
    return item.status in OPEN_STATUSES and item.due_on < (today or timezone.localdate())
