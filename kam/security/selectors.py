"""Reading sign-in security: the locked username + address pairs and the recent sign-in events."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, QuerySet, Sum
from django.http import HttpRequest
from django.utils import timezone

from kam.audit.models import AuditEntry
from kam.security.addresses import client_address
from kam.users.models import User

SIGN_IN_ACTIONS = ("sign_in", "sign_in_failed", "lockout", "unlock")


@dataclass(frozen=True)
class Lockout:
    """A username refused from one address until `ends_at` (django-axes counts the failures)."""

    username: str
    address: str | None
    failures: int
    last_failure_at: datetime
    ends_at: datetime
    user: User | None


def _lock_end(last_failure_at: datetime) -> datetime:
    """The end of the cool-off, rounded up to the minute that pages show (never too early)."""
    end = last_failure_at + settings.AXES_COOLOFF_TIME
    if end.second or end.microsecond:
        end = end.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return end


def _recent_attempts() -> QuerySet[AccessAttempt]:
    """Failures within the cool-off, as django-axes counts them (older ones no longer count)."""
    return AccessAttempt.objects.filter(
        attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME
    )


def lockouts_current() -> list[Lockout]:
    """Every username + address pair locked now, the most recent first (two queries)."""
    rows = list(
        _recent_attempts()
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last_failure_at=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last_failure_at", "username")
    )
    users = {
        user.username: user
        for user in User.objects.filter(username__in={row["username"] for row in rows})
    }
    return [
        Lockout(
            username=row["username"] or "",
            address=row["ip_address"],
            failures=row["failures"],
            last_failure_at=row["last_failure_at"],
            ends_at=_lock_end(row["last_failure_at"]),
            user=users.get(row["username"]),
        )
        for row in rows
    ]


def lockout_ends_at(*, request: HttpRequest, username: str) -> datetime | None:
    """When this username may sign in again from the request's address (None: not locked)."""
    totals = (
        _recent_attempts()
        .filter(username=username, ip_address=client_address(request))
        .aggregate(failures=Sum("failures_since_start"), last_failure_at=Max("attempt_time"))
    )
    if (totals["failures"] or 0) < settings.AXES_FAILURE_LIMIT:
        return None
    return _lock_end(totals["last_failure_at"])


def sign_in_events_recent(*, limit: int = 50) -> QuerySet[AuditEntry]:
    """The latest sign-ins, failures, lockouts and unlocks, newest first."""
    return (
        AuditEntry.objects.filter(action__in=SIGN_IN_ACTIONS)
        .select_related("actor")
        .order_by("-created_at", "-id")[:limit]
    )
