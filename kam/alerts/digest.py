"""The open alerts of a user's own accounts in the daily digest (a section the engagement
digest renders; engagement does not import this app)."""

from datetime import date

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from kam.alerts.models import Alert
from kam.alerts.selectors import alert_label, alert_reason, open_alerts
from kam.engagement.digests.selectors import DigestSection, register_digest_section
from kam.users.models import User

DIGEST_LIMIT = 20


def _title() -> str:
    return _("Open alerts on your accounts:")


def _line(alert: Alert) -> str:
    return f"{alert.account.name} · {alert_label(alert)}: {alert_reason(alert)}"


def alerts_section(user: User, day: date) -> DigestSection | None:
    """The open alerts of the accounts the user owns or works on (one query), most urgent
    first; None when there are none."""
    alerts = list(
        open_alerts(user=user)
        .filter(Q(account__owner=user) | Q(account__team_memberships__user=user))
        .distinct()[:DIGEST_LIMIT]
    )
    if not alerts:
        return None
    return DigestSection(
        title=_title, items=alerts, line=_line, url=settings.KAM_BASE_URL + reverse("alerts:list")
    )


def register_alerts_in_digest() -> None:
    register_digest_section(alerts_section)
