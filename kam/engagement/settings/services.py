"""Writes of the engagement settings: a change adds a new row (the history); the newest holds."""

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from kam.accounts.access import can_administer_portfolio, require
from kam.audit.choices import AuditAction
from kam.audit.services import audit_record
from kam.core.exceptions import ApplicationError
from kam.engagement.models import EngagementSettings
from kam.users.models import User

SETTINGS_FIELDS = [
    "compliance_target",
    "compliance_red_below",
    "digest_upcoming_days",
    "digest_due_soon_days",
]


def can_change_engagement_settings(user: User) -> bool:
    """The engagement thresholds belong to KAM directors and administrators."""
    return can_administer_portfolio(user)


def _current_locked() -> EngagementSettings:
    current = EngagementSettings.objects.select_for_update().order_by("-created_at", "-id").first()
    return current if current is not None else EngagementSettings()


@transaction.atomic
def engagement_settings_update(
    *, actor: User, data: dict[str, object], expected_version: uuid.UUID | None = None
) -> EngagementSettings:
    """Add a settings row with the changed values (audited); unchanged values write nothing."""
    require(can_change_engagement_settings(actor))
    current = _current_locked()
    if expected_version is not None and current.pk and current.uuid != expected_version:
        raise ApplicationError(
            _("Someone else changed the settings after you opened them: reload the page."),
            code="stale_version",
            status=409,
        )
    values = {name: data.get(name, getattr(current, name)) for name in SETTINGS_FIELDS}
    changes = {
        name: [getattr(current, name), value]
        for name, value in values.items()
        if getattr(current, name) != value
    }
    if not changes:
        return current
    new = EngagementSettings(created_by=actor, **values)
    new.full_clean()
    new.save()
    audit_record(actor=actor, instance=new, action=AuditAction.CREATE, changes=changes)
    return new
