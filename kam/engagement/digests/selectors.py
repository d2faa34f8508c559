"""The daily digest's content: per user, the calendar entries of the next days they take part in
(or planned) and their open action items that are overdue or due soon. The two day windows are
data (EngagementSettings, newest row; the [D] constants below are only the defaults while no row
exists)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q

from kam.accounts.access import scope_to_visible_accounts
from kam.engagement.choices import ActionStatus, EntryStatus
from kam.engagement.models import (
    DEFAULT_DIGEST_DUE_SOON_DAYS,
    DEFAULT_DIGEST_UPCOMING_DAYS,
    ActionItem,
    CalendarEntry,
    EngagementSettings,
)
from kam.engagement.settings.selectors import engagement_settings
from kam.users.models import User

UPCOMING_DAYS = DEFAULT_DIGEST_UPCOMING_DAYS  # [D] entries from today to a week ahead


DUE_SOON_DAYS = DEFAULT_DIGEST_DUE_SOON_DAYS  # [D] open actions overdue or due within three days


OPEN_ENTRY_STATUSES = (EntryStatus.PLANNED, EntryStatus.POSTPONED)


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


@dataclass
class Digest:
    user: User
    day: date
    entries: list[CalendarEntry] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    upcoming_days: int = UPCOMING_DAYS
    due_soon_days: int = DUE_SOON_DAYS

    @property
    def is_empty(self) -> bool:
        return not self.entries and not self.actions

    @property
    def overdue(self) -> list[ActionItem]:
        return [item for item in self.actions if item.due_on < self.day]

    @property
    def due_soon(self) -> list[ActionItem]:
        return [item for item in self.actions if item.due_on >= self.day]


def digest_for(*, user: User, day: date, windows: EngagementSettings | None = None) -> Digest:
    """What the user should hear about on `day` (only from accounts they may still see), over
    the day windows given (else the settings in force)."""
    windows = windows if windows is not None else engagement_settings()
    entries = scope_to_visible_accounts(
        CalendarEntry.objects.filter(
            Q(our_participants=user) | Q(created_by=user),
            planned_on__gte=day,
            planned_on__lte=day + timedelta(days=windows.digest_upcoming_days),
            status__in=OPEN_ENTRY_STATUSES,
        ),
        user,
    )
    actions = scope_to_visible_accounts(
        ActionItem.objects.filter(
            owner_user=user,
            status__in=OPEN_ACTION_STATUSES,
            due_on__lte=day + timedelta(days=windows.digest_due_soon_days),
        ),
        user,
    )
    return Digest(
        user=user,
        day=day,
        entries=list(
            entries.distinct().select_related("account", "mechanism").order_by("planned_on", "pk")
        ),
        actions=list(actions.select_related("account").order_by("due_on", "pk")),
        upcoming_days=windows.digest_upcoming_days,
        due_soon_days=windows.digest_due_soon_days,
    )


def digest_recipients() -> list[User]:
    return list(User.objects.filter(is_active=True).exclude(email="").order_by("pk"))
