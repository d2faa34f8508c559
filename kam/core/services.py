"""Helpers for writing services."""

from django.db import models


def model_update(
    *, instance: models.Model, data: dict[str, object], fields: list[str]
) -> tuple[models.Model, dict[str, list[object]]]:
    """Set `fields` from `data` and save if anything changed.

    Returns the instance and the changes as {field: [before, after]} for the audit trail.
    """
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
        instance.save(update_fields=[*changes.keys(), "updated_at"])
    return instance, changes
