"""Unique-constraint violations shown on the field they concern, not as a generic error or a 500.

A model names the field and the message of each of its unique constraints a user can run into:

    UNIQUE_FIELD_ERRORS = {"unique_org_unit_name_under_parent": ("name", _("…"))}

`unique_violation_field_errors` turns the violation into `{field: message}`, whether Django's
`full_clean()` found it (a unique_together-style error on the whole form) or the database refused
the row (`IntegrityError`, e.g. two people saving at once).
"""

from collections.abc import Mapping

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models


def _declared(model_class: type[models.Model]) -> Mapping[str, tuple[str, object]]:
    return getattr(model_class, "UNIQUE_FIELD_ERRORS", {})


def _unique_constraints(model_class: type[models.Model]) -> list[models.UniqueConstraint]:
    return [
        constraint
        for constraint in model_class._meta.constraints
        if isinstance(constraint, models.UniqueConstraint) and constraint.name
    ]


def _field_error_of_check(error: ValidationError) -> tuple[str, str] | None:
    """The declared field and message of a violation Django's validation raised."""
    params = error.params or {}
    model_class = params.get("model_class")
    unique_check = tuple(params.get("unique_check") or ())
    if error.code != "unique_together" or model_class is None:
        return None
    declared = _declared(model_class)
    for constraint in _unique_constraints(model_class):
        if tuple(constraint.fields) == unique_check and constraint.name in declared:
            field, message = declared[constraint.name]
            return field, str(message)
    return None


def unique_violation_field_errors(error: ValidationError) -> ValidationError:
    """`error` with every declared unique-constraint violation moved onto its field."""
    if not hasattr(error, "error_dict"):
        return error
    moved: dict[str, list[ValidationError | str]] = {}
    for field, errors in error.error_dict.items():
        for item in errors:
            target = _field_error_of_check(item) if field == NON_FIELD_ERRORS else None
            if target is None:
                moved.setdefault(field, []).append(item)
            else:
                moved.setdefault(target[0], []).append(target[1])
    return ValidationError(moved)


def _column(model_class: type[models.Model], name: str) -> str:
    field = model_class._meta.get_field(name)
    return (field.column if isinstance(field, models.Field) else None) or name


def integrity_error_as_field_error(
    error: IntegrityError, model_class: type[models.Model]
) -> ValidationError | None:
    """The declared field error of a unique constraint the database refused, if it is one.

    PostgreSQL names the constraint; SQLite lists its columns (`table.column, …`).
    """
    text = str(error)
    declared = _declared(model_class)
    table = model_class._meta.db_table
    for constraint in _unique_constraints(model_class):
        if constraint.name not in declared:
            continue
        columns = [_column(model_class, name) for name in constraint.fields]
        listed = ", ".join(f"{table}.{column}" for column in columns)
        if constraint.name in text or (columns and listed in text):
            field, message = declared[constraint.name]
            return ValidationError({field: str(message)})
    return None
