"""Reading the audit trail in a form templates can show without further queries."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import pgettext

from kam.audit.models import AuditEntry
from kam.users.models import User


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


def list_separator() -> str:
    """Between listed values: `李明、王芳` in 中文, `Li Ming, Wang Fang` in English."""
    return pgettext("list separator", ", ")


def _display(
    field: models.Field | models.ForeignObjectRel | None,
    value: object,
    labels: dict | None = None,
) -> str:
    """A recorded value as text for people: choices by their labels, lists and mappings as
    comma-separated text (never `['李明']`), booleans as ✓ / ✗."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if labels is None and isinstance(field, models.Field) and field.choices:
        labels = dict(field.flatchoices)
    if isinstance(value, list | tuple):
        return list_separator().join(_display(None, item, labels) for item in value)
    if isinstance(value, dict):
        return list_separator().join(
            f"{key}: {_display(None, item, labels)}" for key, item in value.items()
        )
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if labels is not None:
        return str(labels.get(value, value))
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


def audit_rows(entries: Iterable[AuditEntry]) -> list[AuditRow]:
    """Entries with their record type and each change as text (content types are cached)."""
    rows = []
    cache: dict = {}
    for entry in entries:
        model = entry.content_type.model_class()
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
        ).select_related("actor", "content_type")[:limit]
    )
    return audit_rows(entries)


def account_audit_entries(
    *, account_uuid: uuid.UUID, record_type: ContentType | None = None, actor: User | None = None
) -> QuerySet[AuditEntry]:
    """An account's history, newest first, optionally of one record type and one user."""
    entries = AuditEntry.objects.filter(account_uuid=account_uuid)
    if record_type is not None:
        entries = entries.filter(content_type=record_type)
    if actor is not None:
        entries = entries.filter(actor=actor)
    return entries.select_related("actor", "content_type").order_by("-created_at", "-id")


@dataclass(frozen=True)
class AuditFilterChoices:
    """What an account's history can be narrowed to: the record types and people in it."""

    record_types: list[ContentType]
    actors: list[User]


def account_audit_filter_choices(*, account_uuid: uuid.UUID) -> AuditFilterChoices:
    entries = AuditEntry.objects.filter(account_uuid=account_uuid).order_by()
    record_types = sorted(
        ContentType.objects.filter(pk__in=entries.values("content_type_id")),
        key=record_type_label,
    )
    actors = list(
        User.objects.filter(pk__in=entries.filter(actor__isnull=False).values("actor_id")).order_by(
            "display_name", "username"
        )
    )
    return AuditFilterChoices(record_types=record_types, actors=actors)


def record_type_for_key(key: str) -> ContentType | None:
    """The record type named `app_label.model` (as the history filters name it), or None."""
    app_label, _dot, model = key.partition(".")
    return ContentType.objects.filter(app_label=app_label, model=model).first()


def record_type_label(record_type: ContentType) -> str:
    model = record_type.model_class()
    return str(model._meta.verbose_name) if model else record_type.model
