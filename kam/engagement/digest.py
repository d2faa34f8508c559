"""The daily digest: per user, the calendar entries of the next days they take part in (or
planned) and their open action items that are overdue or due soon; sent through Django's mail
backend in the user's language. The two day windows are data (EngagementSettings, newest row; the
[D] constants below are only the defaults while no row exists)."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kam.accounts.access import scope_to_visible_accounts
from kam.engagement.choices import ActionStatus, EntryStatus
from kam.engagement.models import (
    DEFAULT_DIGEST_DUE_SOON_DAYS,
    DEFAULT_DIGEST_UPCOMING_DAYS,
    ActionItem,
    CalendarEntry,
    EngagementSettings,
)
from kam.engagement.settings_selectors import engagement_settings
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


def _language(user: User) -> str:
    codes = {code for code, _label in settings.LANGUAGES}
    return user.language if user.language in codes else settings.LANGUAGE_CODE


def digest_message(digest: Digest) -> EmailMultiAlternatives:
    """The digest as a text + HTML mail, in the user's language."""
    language = _language(digest.user)
    with translation.override(language):
        context = {
            "digest": digest,
            "user": digest.user,
            "language": language,
            "calendar_url": settings.KAM_BASE_URL + reverse("engagement:my_calendar"),
            "actions_url": settings.KAM_BASE_URL + reverse("engagement:my_actions"),
        }
        subject = _("KAM daily digest {day}: {entries} upcoming, {actions} actions").format(
            day=digest.day.isoformat(), entries=len(digest.entries), actions=len(digest.actions)
        )
        text = render_to_string("engagement/email/digest.txt", context)
        html = render_to_string("engagement/email/digest.html", context)
    message = EmailMultiAlternatives(subject, text, to=[digest.user.email])
    message.attach_alternative(html, "text/html")
    return message


def digest_recipients() -> list[User]:
    return list(User.objects.filter(is_active=True).exclude(email="").order_by("pk"))


def digests_send(*, day: date, is_dry_run: bool = False) -> int:
    """Send every user with an email and something to report their digest; returns the count."""
    messages = []
    windows = engagement_settings()
    for user in digest_recipients():
        digest = digest_for(user=user, day=day, windows=windows)
        if not digest.is_empty:
            messages.append(digest_message(digest))
    if is_dry_run or not messages:
        return len(messages)
    with get_connection() as connection:
        connection.send_messages(messages)
    return len(messages)


def is_digest_due(*, now: datetime, hour: int, last_sent: date | None) -> bool:
    """The worker sends once a day, at the first check at or after the configured hour."""
    return now.hour >= hour and last_sent != now.date()
