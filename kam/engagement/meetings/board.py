"""One action list: meeting action items (行动计划) and the development-plan steps of key-person
cards (拓展策略) read as one kind of board item, for the account's action board, 我的行动项 and
我的工作台.

Two queries whatever the number of items (one per model); every item knows where it is edited
and where its status is changed.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from django.db.models import Case, Count, F, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kam.accounts.access import scope_to_visible_accounts
from kam.accounts.models import Account
from kam.cards.choices import CardActionStatus
from kam.cards.models import CardAction
from kam.core.links import UuidLinks
from kam.engagement.choices import ActionStatus
from kam.engagement.models import ActionItem
from kam.users.models import User

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

RECENT_DONE_DAYS = 30
BOARD_COLUMN_LIMIT = 200
OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
COLUMNS = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE)
MEETING: Literal["meeting"] = "meeting"
DEVELOPMENT: Literal["development"] = "development"
KIND_LABELS = {MEETING: _("Meeting action"), DEVELOPMENT: _("Development plan")}
# A development-plan step has no "in progress": it is open, done or cancelled.
STATUS_CHOICES = {
    MEETING: ActionStatus.choices,
    DEVELOPMENT: CardActionStatus.choices,
}


@dataclass(frozen=True)
class BoardItem:
    """One action of either kind, with what a board card shows and where it is changed."""

    kind: Literal["meeting", "development"]
    uuid: str
    title: str
    owner_name: str
    owner_id: int | None
    due_on: date | None
    status: str
    status_label: str
    closed_on: date | None
    account_uuid: str
    account_name: str
    source_label: str
    source_url: str
    edit_url: str
    status_url: str
    is_overdue: bool
    owner_side_label: str = ""

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def status_choices(self) -> Sequence[tuple[str, "StrOrPromise"]]:
        return STATUS_CHOICES[self.kind]


@dataclass
class Board:
    """The kanban by status: open, in progress and the recently done (both kinds)."""

    today: date
    open: list[BoardItem] = field(default_factory=list)
    in_progress: list[BoardItem] = field(default_factory=list)
    done: list[BoardItem] = field(default_factory=list)

    @property
    def columns(self) -> list[tuple[str, list[BoardItem]]]:
        return [
            (ActionStatus.OPEN, self.open),
            (ActionStatus.IN_PROGRESS, self.in_progress),
            (ActionStatus.DONE, self.done),
        ]

    @property
    def overdue_count(self) -> int:
        return sum(1 for item in [*self.open, *self.in_progress] if item.is_overdue)


# The columns a board card shows (the rest of each row is left unread: boards list hundreds).
ITEM_FIELDS = ("uuid", "description", "due_on", "status", "account__uuid", "account__name")
USER_FIELDS = ("username", "display_name", "first_name", "last_name")
LINK_NAMES = (
    "engagement:meeting_detail",
    "engagement:action_item_edit",
    "engagement:action_item_status",
    "cards:card",
    "cards:action_edit",
    "engagement:card_action_status",
)


def _is_overdue(status: str, due_on: date | None, today: date) -> bool:
    return status in OPEN_STATUSES and due_on is not None and due_on < today


def _meeting_item(item: ActionItem, today: date, links: UuidLinks) -> BoardItem:
    owner = item.owner_user or item.owner_contact
    meeting = item.meeting
    return BoardItem(
        kind=MEETING,
        uuid=str(item.uuid),
        title=item.description,
        owner_name=str(owner) if owner else "",
        owner_id=item.owner_user_id,
        due_on=item.due_on,
        status=item.status,
        status_label=str(item.get_status_display()),
        closed_on=item.closed_on,
        account_uuid=str(item.account.uuid),
        account_name=item.account.name,
        source_label=meeting.activity.title if meeting else "",
        source_url=links.url("engagement:meeting_detail", meeting.uuid) if meeting else "",
        edit_url=links.url("engagement:action_item_edit", item.uuid),
        status_url=links.url("engagement:action_item_status", item.uuid),
        is_overdue=_is_overdue(item.status, item.due_on, today),
        owner_side_label=str(item.get_owner_side_display()),
    )


def _development_item(action: CardAction, today: date, links: UuidLinks) -> BoardItem:
    contact = action.card.contact
    return BoardItem(
        kind=DEVELOPMENT,
        uuid=str(action.uuid),
        title=action.description,
        owner_name=str(action.owner) if action.owner else "",
        owner_id=action.owner_id,
        due_on=action.due_on,
        status=action.status,
        status_label=str(action.get_status_display()),
        closed_on=action.done_on,
        account_uuid=str(action.account.uuid),
        account_name=action.account.name,
        source_label=contact.name,
        source_url=links.url("cards:card", contact.uuid),
        edit_url=links.url("cards:action_edit", action.uuid),
        status_url=links.url("engagement:card_action_status", action.uuid),
        is_overdue=_is_overdue(action.status, action.due_on, today),
    )


def _meeting_actions(
    account: Account | None, user: User | None, owner: User | None
) -> QuerySet[ActionItem]:
    items = ActionItem.objects.select_related(
        "account", "owner_user", "owner_contact", "meeting", "meeting__activity"
    ).only(
        *ITEM_FIELDS,
        "owner_side",
        "owner_user_id",
        "owner_contact_id",
        "closed_on",
        *[f"owner_user__{name}" for name in USER_FIELDS],
        "owner_contact__name",
        "meeting__uuid",
        "meeting__activity__title",
    )
    if account is not None:
        items = items.filter(account=account)
    if user is not None:
        items = scope_to_visible_accounts(items, user)
    if owner is not None:
        items = items.filter(owner_user=owner)
    return items


def _development_actions(
    account: Account | None, user: User | None, owner: User | None
) -> QuerySet[CardAction]:
    actions = CardAction.objects.select_related("account", "owner", "card__contact").only(
        *ITEM_FIELDS,
        "owner_id",
        "done_on",
        "card__contact__uuid",
        "card__contact__name",
        *[f"owner__{name}" for name in USER_FIELDS],
    )
    if account is not None:
        actions = actions.filter(account=account)
    if user is not None:
        actions = scope_to_visible_accounts(actions, user)
    if owner is not None:
        actions = actions.filter(owner=owner)
    return actions


def _sort_key(item: BoardItem) -> tuple:
    return (item.due_on is None, item.due_on or date.max, item.title, item.uuid)


def board_items(
    *,
    account: Account | None = None,
    user: User | None = None,
    owner: User | None = None,
    due_by: date | None = None,
    today: date | None = None,
) -> list[BoardItem]:
    """Actions of both kinds: open and in progress, plus those done in the last 30 days; soonest
    due first. `due_by` keeps only the open ones due on or before that day (two queries)."""
    today = today or timezone.localdate()
    since = today - timedelta(days=RECENT_DONE_DAYS)
    meeting_filter = Q(status__in=OPEN_STATUSES) | Q(status=ActionStatus.DONE, closed_on__gte=since)
    development_filter = Q(status=CardActionStatus.OPEN) | Q(
        status=CardActionStatus.DONE, done_on__gte=since
    )
    if due_by is not None:
        meeting_filter = Q(status__in=OPEN_STATUSES, due_on__lte=due_by)
        development_filter = Q(status=CardActionStatus.OPEN, due_on__lte=due_by)
    meetings = _meeting_actions(account, user, owner).filter(meeting_filter)
    developments = _development_actions(account, user, owner).filter(development_filter)
    links = UuidLinks(LINK_NAMES)
    limit = BOARD_COLUMN_LIMIT * len(COLUMNS)
    items = [
        _meeting_item(item, today, links) for item in meetings.order_by("due_on", "pk")[:limit]
    ]
    items += [
        _development_item(action, today, links)
        for action in developments.order_by("due_on", "pk")[:limit]
    ]
    return sorted(items, key=_sort_key)


@dataclass(frozen=True)
class DueActions:
    """`owner`'s open actions due by a day, both kinds: the first of the overdue ones and of the
    ones still to come, and how many there are of each."""

    overdue: list[BoardItem]
    upcoming: list[BoardItem]
    overdue_total: int
    upcoming_total: int


def _first_of_each(
    queryset: QuerySet, today: date, first: int, item: Callable[[Any], BoardItem]
) -> tuple[list[BoardItem], list[BoardItem], int, int]:
    """One query: the first `first` rows of the overdue part and of the rest (in the board's
    order), each row carrying how many its part holds (window functions run before the cut)."""
    late = Case(When(due_on__lt=today, then=Value(1)), default=Value(0))
    order = [F("due_on").asc(), F("description").asc(), F("uuid").asc()]
    rows = (
        queryset.annotate(
            part=late,
            position=Window(RowNumber(), partition_by=[late], order_by=order),
            part_total=Window(Count("pk"), partition_by=[late]),
        )
        .filter(position__lte=first)
        .order_by("due_on", "description", "uuid")
    )
    parts: dict[int, list] = {0: [], 1: []}
    totals = {0: 0, 1: 0}
    for row in rows:
        parts[row.part].append(item(row))
        totals[row.part] = row.part_total
    return parts[1], parts[0], totals[1], totals[0]


def due_actions(*, user: User, owner: User, today: date, due_by: date, first: int) -> DueActions:
    """我的工作台's actions: two queries (one per kind) whatever the number of actions."""
    links = UuidLinks(LINK_NAMES)
    meetings = _first_of_each(
        _meeting_actions(None, user, owner).filter(status__in=OPEN_STATUSES, due_on__lte=due_by),
        today,
        first,
        lambda row: _meeting_item(row, today, links),
    )
    developments = _first_of_each(
        _development_actions(None, user, owner).filter(
            status=CardActionStatus.OPEN, due_on__lte=due_by
        ),
        today,
        first,
        lambda row: _development_item(row, today, links),
    )
    return DueActions(
        overdue=sorted(meetings[0] + developments[0], key=_sort_key)[:first],
        upcoming=sorted(meetings[1] + developments[1], key=_sort_key)[:first],
        overdue_total=meetings[2] + developments[2],
        upcoming_total=meetings[3] + developments[3],
    )


def board_from_items(items: Iterable[BoardItem], today: date | None = None) -> Board:
    """Sort the items into their columns; done shows the most recently closed first."""
    board = Board(today=today or timezone.localdate())
    for item in items:
        column = getattr(board, item.status, None)
        if isinstance(column, list) and len(column) < BOARD_COLUMN_LIMIT:
            column.append(item)
    board.done.sort(key=lambda item: (item.closed_on or date.min, item.uuid), reverse=True)
    return board


def action_board_for(
    *, account: Account | None = None, user: User | None = None, owner: User | None = None
) -> Board:
    """The account's board, or the board of what `owner` owns across the accounts `user` sees."""
    return board_from_items(board_items(account=account, user=user, owner=owner))
