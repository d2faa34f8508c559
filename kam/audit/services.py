"""Recording the audit trail. Services call these explicitly (no signals)."""

import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models

from kam.audit.choices import AuditAction
from kam.audit.models import AuditEntry
from kam.core.services import model_update, save_refusing_duplicates
from kam.users.models import User

ModelT = TypeVar("ModelT", bound=models.Model)


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
        # audited models have a uuid; a background job's row has a uuid primary key
        object_uuid=getattr(instance, "uuid", instance.pk),
        object_repr=str(instance)[:200],
        account_uuid=account_uuid,
        changes={field: [audit_value(b), audit_value(a)] for field, (b, a) in changes.items()},
    )


def audit_sign_in_event(
    *,
    actor: User | None,
    action: AuditAction,
    user: User | None,
    username: str,
    address: str | None,
    changes: dict[str, list[object]] | None = None,
) -> AuditEntry:
    """Write one sign-in event (a sign-in, a failure, a lockout, an unlock) with the client's
    address; the record is the user of that name, none when no user has it."""
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        content_type=ContentType.objects.get_for_model(User),
        object_uuid=user.uuid if user is not None else None,
        object_repr=(user.username if user is not None else username)[:200],
        changes=changes or {},
        address=address,
    )


def audited_create(
    *,
    actor: User | None,
    instance: ModelT,
    fields: list[str],
    account_uuid: uuid.UUID | None = None,
) -> ModelT:
    """Validate and save a new record, and record its `fields` in the audit trail.

    The caller checks the actor's permission first and runs inside a transaction.
    """
    instance.full_clean()
    save_refusing_duplicates(instance)
    audit_record(
        actor=actor,
        instance=instance,
        action=AuditAction.CREATE,
        changes=audit_snapshot(instance, fields),
        account_uuid=account_uuid,
    )
    return instance


def audited_update(
    *,
    actor: User | None,
    instance: ModelT,
    data: Mapping[str, object],
    fields: list[str],
    account_uuid: uuid.UUID | None = None,
    expected_version: datetime | None = None,
) -> ModelT:
    """Set `fields` from `data`, validate and save what changed, and record the changes in the
    audit trail (nothing when nothing changed).

    The caller checks the actor's permission first and runs inside a transaction.
    """
    instance, changes = model_update(
        instance=instance, data=data, fields=fields, expected_version=expected_version
    )
    audit_record(
        actor=actor,
        instance=instance,
        action=AuditAction.UPDATE,
        changes=changes,
        account_uuid=account_uuid,
    )
    return instance


def audited_delete(
    *,
    actor: User | None,
    instance: models.Model,
    changes: dict[str, list[object]],
    account_uuid: uuid.UUID | None = None,
) -> None:
    """Record the deletion in the audit trail, then delete the record.

    The caller checks the actor's permission first and runs inside a transaction (so a refused
    delete, e.g. ProtectedError, leaves no audit entry either).
    """
    audit_record(
        actor=actor,
        instance=instance,
        action=AuditAction.DELETE,
        changes=changes,
        account_uuid=account_uuid,
    )
    instance.delete()


def audit_record_many(
    *,
    actor: User | None,
    records: Sequence[tuple[str, models.Model, dict[str, list[object]]]],
    fields: list[str],
    account_uuid: uuid.UUID | None = None,
) -> int:
    """The audit entries of a bulk write in one insert: (action, record, changes) each; a create
    records its `fields` as `audit_snapshot` does, an update its changes. Returns how many."""
    entries = []
    content_types: dict[type, ContentType] = {}
    for action, instance, changes in records:
        if action == AuditAction.CREATE:
            changes = audit_snapshot(instance, fields)
        elif not changes:
            continue
        model = type(instance)
        if model not in content_types:
            content_types[model] = ContentType.objects.get_for_model(instance)
        entries.append(
            AuditEntry(
                actor=actor,
                action=action,
                content_type=content_types[model],
                object_uuid=getattr(instance, "uuid", instance.pk),
                object_repr=str(instance)[:200],
                account_uuid=account_uuid,
                changes={
                    field: [audit_value(before), audit_value(after)]
                    for field, (before, after) in changes.items()
                },
            )
        )
    AuditEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)
