"""Writes on the communication mechanisms (reference data): key points and cadences."""

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kam.accounts.access import can_administer_portfolio, can_manage_reference_data, require
from kam.audit.choices import AuditAction
from kam.audit.services import audit_record
from kam.core.services import model_update
from kam.engagement.models import Mechanism, MechanismCadence
from kam.users.models import User

MECHANISM_TEXT_FIELDS = [
    "name_zh",
    "name_en",
    "our_level",
    "customer_level",
    "purpose_zh",
    "purpose_en",
    "preparation_zh",
    "preparation_en",
    "agenda_zh",
    "agenda_en",
    "follow_up_zh",
    "follow_up_en",
    "is_active",
]


def can_manage_mechanisms(user: User) -> bool:
    """Whoever manages the shared reference data (administrators, directors, account managers)."""
    return can_manage_reference_data(user) or can_administer_portfolio(user)


@transaction.atomic
def mechanism_update(
    *,
    actor: User,
    mechanism: Mechanism,
    data: dict[str, object],
    cadences: dict[str, tuple[Decimal, bool]] | None = None,
    expected_version: datetime | None = None,
) -> Mechanism:
    """Change a mechanism's key points and its cadences ({category: (per year, on demand)})."""
    require(can_manage_mechanisms(actor))
    mechanism, changes = model_update(
        instance=mechanism,
        data=data,
        fields=MECHANISM_TEXT_FIELDS,
        expected_version=expected_version,
    )
    current = {cadence.category: cadence for cadence in mechanism.cadences.all()}
    for category, (per_year, is_on_demand) in (cadences or {}).items():
        cadence = current.get(category) or MechanismCadence(mechanism=mechanism, category=category)
        before = (_amount(cadence.per_year), cadence.is_on_demand) if cadence.pk else (None, None)
        after = (_amount(per_year), is_on_demand)
        if before != after:
            cadence.per_year = per_year
            cadence.is_on_demand = is_on_demand
            cadence.full_clean()
            cadence.save()
            if before[0] != after[0]:
                changes[f"cadence_{category}"] = [before[0], after[0]]
            if before[1] != after[1]:
                changes[f"on_demand_{category}"] = [before[1], after[1]]
    if any(field.startswith("cadence_") for field in changes):
        # Touch the mechanism so that a cadence change moves its version too.
        Mechanism.objects.filter(pk=mechanism.pk).update(updated_at=timezone.now())
    audit_record(actor=actor, instance=mechanism, action=AuditAction.UPDATE, changes=changes)
    return mechanism


def _amount(per_year: Decimal) -> str:
    return str(Decimal(per_year).quantize(Decimal("0.01")))
