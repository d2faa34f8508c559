"""Writes of the cycle settings: a change adds a new row (the history); the newest holds."""

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from kam.accounts.access import can_administer_portfolio, require
from kam.audit.choices import AuditAction
from kam.audit.services import audit_record
from kam.core.exceptions import ApplicationError
from kam.cycle.models import CycleSettings
from kam.users.models import User


def can_change_cycle_settings(user: User) -> bool:
    """The cycle settings belong to KAM directors and administrators."""
    return can_administer_portfolio(user)


@transaction.atomic
def cycle_settings_update(
    *,
    actor: User,
    assess_tools: list[str],
    assess_lead_months: int,
    expected_version: uuid.UUID | None = None,
) -> CycleSettings:
    """Add a settings row with the changed values (audited); unchanged values write nothing."""
    require(can_change_cycle_settings(actor))
    current = CycleSettings.objects.select_for_update().order_by("-created_at", "-id").first()
    current = current if current is not None else CycleSettings()
    if expected_version is not None and current.pk and current.uuid != expected_version:
        raise ApplicationError(
            _("Someone else changed the settings after you opened them: reload the page."),
            code="stale_version",
            status=409,
        )
    values = {"assess_tools": sorted(set(assess_tools)), "assess_lead_months": assess_lead_months}
    changes = {
        name: [getattr(current, name), value]
        for name, value in values.items()
        if getattr(current, name) != value
    }
    if not changes:
        return current
    new = CycleSettings(created_by=actor, **values)
    new.full_clean()
    new.save()
    audit_record(actor=actor, instance=new, action=AuditAction.CREATE, changes=changes)
    return new
