"""Helpers for writing services."""

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TypeVar

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from kam.core.constraints import integrity_error_as_field_error
from kam.core.exceptions import ApplicationError

ModelType = TypeVar("ModelType", bound=models.Model)

# The version of a record not written yet (a meeting record before its first save): a write
# expecting it is refused once someone has written the record.
NEVER_SAVED = datetime(1970, 1, 1, tzinfo=UTC)


def refuse_stale_write(*, instance: models.Model, expected_version: datetime | None) -> None:
    """Refuse to overwrite a record someone else saved after the user opened it."""
    if expected_version is None:
        return
    current = (
        type(instance)
        ._default_manager.select_for_update()
        .filter(pk=instance.pk)
        .values_list("updated_at", flat=True)
        .first()
    )
    if current is not None and current != expected_version:
        raise stale_write_error()


def stale_write_error() -> ApplicationError:
    """The 409 of a write made from a version someone else has replaced since."""
    return ApplicationError(
        _(
            "Someone else saved this record after you opened it. Your changes were not "
            "saved: reload the page to see the current version, then make them again."
        ),
        code="stale_version",
        status=409,
    )


def model_update(
    *,
    instance: ModelType,
    data: Mapping[str, object],
    fields: list[str],
    expected_version: datetime | None = None,
) -> tuple[ModelType, dict[str, list[object]]]:
    """Set `fields` from `data` and save if anything changed (call inside a transaction).

    `expected_version` is the `updated_at` the user saw; a different stored value is refused.
    Returns the instance and the changes as {field: [before, after]} for the audit trail.
    """
    refuse_stale_write(instance=instance, expected_version=expected_version)
    changes: dict[str, list[object]] = {}
    for field in fields:
        if field not in data:
            continue
        before = getattr(instance, field)
        after = data[field]
        if before != after:
            changes[field] = [before, after]
            setattr(instance, field, after)
    if changes:
        instance.full_clean()
        save_refusing_duplicates(instance, update_fields=[*changes.keys(), "updated_at"])
    return instance, changes


def save_refusing_duplicates(
    instance: models.Model, update_fields: list[str] | None = None
) -> None:
    """Save; a unique constraint the database refuses (two people saving the same row at once)
    becomes a ValidationError on the field the model names for it."""
    try:
        with transaction.atomic():
            instance.save(update_fields=update_fields)
    except IntegrityError as error:
        refused = integrity_error_as_field_error(error, type(instance))
        if refused is None:
            raise
        raise refused from error
