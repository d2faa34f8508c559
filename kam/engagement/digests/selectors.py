"""The daily digest's content: per user, the calendar entries of the next days they take part in
(or planned) and their open action items that are overdue or due soon. The two day windows are
data (EngagementSettings, newest row; the [D] constants below are only the defaults while no row
exists)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

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


@dataclass(frozen=True)
class DigestSection:
    """A section another app adds to the digest (the alert centre's open alerts): its lines are
    rendered when the mail is, in the recipient's language."""

    title: Callable[[], str]
    items: list[Any]
    line: Callable[[Any], str]
    url: str

    @property
    def heading(self) -> str:
        return self.title()

    @property
    def lines(self) -> list[str]:
        return [self.line(item) for item in self.items]


# Apps above engagement add their sections here (in their AppConfig.ready): engagement does not
# import them.
SectionProvider = Callable[["User", date], "DigestSection | None"]
DIGEST_SECTIONS: list[SectionProvider] = []


def register_digest_section(provider: SectionProvider) -> None:
    if provider not in DIGEST_SECTIONS:
        DIGEST_SECTIONS.append(provider)


@dataclass
class Digest:
    user: User
    day: date
    entries: list[CalendarEntry] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    upcoming_days: int = UPCOMING_DAYS
    due_soon_days: int = DUE_SOON_DAYS
    sections: list[DigestSection] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.entries and not self.actions and not self.sections

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
        sections=[
            section
            for provider in DIGEST_SECTIONS
            if (section := provider(user, day)) is not None and section.items
        ],
    )


def digest_recipients() -> list[User]:
    return list(User.objects.filter(is_active=True).exclude(email="").order_by("pk"))
