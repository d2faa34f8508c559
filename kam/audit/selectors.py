"""Reading the audit trail in a form templates can show without further queries."""

import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from kam.audit.models import AuditEntry


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    type_label: str
    field_changes: list[FieldChange]


def _display(
    field: models.Field | models.ForeignObjectRel | None,
    value: object,
    labels: dict[str, str] | None = None,
) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list) and labels is not None:
        return "、".join(str(labels.get(item, item)) for item in value) or "—"
    if labels is not None and isinstance(value, str):
        return str(labels.get(value, value))
    if isinstance(field, models.Field) and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return str(value)


def _label(
    field: models.Field | models.ForeignObjectRel | None, name: str, model: object = None
) -> str:
    """The field's name for people; a reverse relation (e.g. a record's issues) is named after
    the related records; a recorded key that is not a field is named by the model's
    AUDIT_KEY_LABELS (a function of the key), else shown as it is."""
    key_labels = getattr(model, "AUDIT_KEY_LABELS", None)
    if field is None and key_labels is not None:
        label = key_labels(name)
        if label:
            return str(label)
    if field is not None and getattr(field, "auto_created", False) and field.related_model:
        return str(field.related_model._meta.verbose_name_plural)
    return str(getattr(field, "verbose_name", name))


def _value_labels(model: object, name: str, cache: dict) -> dict[str, str] | None:
    """Labels for stored codes or names of a field, as the model declares them: a TextChoices
    class, or a function returning {stored value: label} (read once per page)."""
    source = getattr(model, "AUDIT_LIST_CHOICES", {}).get(name)
    if source is None:
        return None
    if source not in cache:
        cache[source] = dict(source.choices) if hasattr(source, "choices") else source()
    return cache[source]


def _rows(entries: list[AuditEntry]) -> list[AuditRow]:
    rows = []
    cache: dict = {}
    for entry in entries:
        model = ContentType.objects.get_for_id(entry.content_type_id).model_class()
        changes = []
        for name, (before, after) in entry.changes.items():
            try:
                field = model._meta.get_field(name) if model else None
            except FieldDoesNotExist:
                field = None
            label = _label(field, name, model)
            labels = _value_labels(model, name, cache)
            changes.append(
                FieldChange(label, _display(field, before, labels), _display(field, after, labels))
            )
        type_label = str(model._meta.verbose_name) if model else ""
        rows.append(AuditRow(entry=entry, type_label=type_label, field_changes=changes))
    return rows


def audit_for_record(*, instance: models.Model, limit: int = 100) -> list[AuditRow]:
    entries = list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(instance),
            object_uuid=instance.uuid,  # type: ignore[attr-defined]  # audited models have a uuid
        ).select_related("actor")[:limit]
    )
    return _rows(entries)


def audit_for_account(*, account_uuid: uuid.UUID, limit: int = 100) -> list[AuditRow]:
    entries = list(
        AuditEntry.objects.filter(account_uuid=account_uuid).select_related("actor")[:limit]
    )
    return _rows(entries)
