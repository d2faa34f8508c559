"""Recording the audit trail. Services call these explicitly (no signals)."""

import uuid
from datetime import date, datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models

from kam.audit.choices import AuditAction
from kam.audit.models import AuditEntry
from kam.users.models import User


def audit_value(value: object) -> object:
    """A JSON-safe form of a field value: codes for choices, text for related records."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [audit_value(item) for item in value]
    return str(value)


def audit_snapshot(instance: models.Model, fields: list[str]) -> dict[str, list[object]]:
    """Changes for a create: every listed field from nothing to its value."""
    return {
        field: [None, audit_value(getattr(instance, field))]
        for field in fields
        if getattr(instance, field) not in (None, "")
    }


def audit_record(
    *,
    actor: User | None,
    instance: models.Model,
    action: AuditAction,
    changes: dict[str, list[object]],
    account_uuid: uuid.UUID | None = None,
) -> AuditEntry | None:
    """Write one audit entry; an update without changes writes nothing."""
    if action == AuditAction.UPDATE and not changes:
        return None
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        content_type=ContentType.objects.get_for_model(instance),
        object_uuid=instance.uuid,  # type: ignore[attr-defined]  # audited models have a uuid
        object_repr=str(instance)[:200],
        account_uuid=account_uuid,
        changes={field: [audit_value(b), audit_value(a)] for field, (b, a) in changes.items()},
    )
