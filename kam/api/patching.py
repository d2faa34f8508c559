"""Input hygiene of PATCH/PUT bodies: a JSON object, and no null where the record cannot hold one.

A field left out of a PATCH keeps its value; a field sent as null would otherwise reach the
database (an IntegrityError) or be read as "change nothing". Both are refused with 422 instead.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.schema import DjangoGetter
from pydantic import model_validator
from pydantic_core import PydanticCustomError


class PatchIn(Schema):
    """The body of a PATCH/PUT: it must be a JSON object (`null` would read as an empty one)."""

    @model_validator(mode="before")
    @classmethod
    def _refuse_a_body_that_is_not_an_object(cls, values: object) -> object:
        # ninja's own validator has wrapped the body by now: look at what was sent.
        sent = values._obj if isinstance(values, DjangoGetter) else values
        if not isinstance(sent, Mapping):
            raise PydanticCustomError("object_expected", "The body must be a JSON object.")
        return values


def _model_field(name: str, record_models: tuple[type[models.Model], ...]) -> models.Field | None:
    """The model field an API name stands for: `owner_id` → owner, `lead_ids` → leads."""
    candidates = [name]
    if name.endswith("_ids"):
        candidates.append(name.removesuffix("_ids") + "s")
    for model in record_models:
        for candidate in candidates:
            try:
                field = model._meta.get_field(candidate)
            except FieldDoesNotExist:
                continue
            if isinstance(field, models.Field):
                return field
    return None


def refuse_nulls(data: Mapping[str, Any], *record_models: type[models.Model]) -> dict[str, Any]:
    """`data` of a PATCH, with null refused (422 naming the field) for every field the records
    cannot store as null. Null for an optional choice means "none": its blank value."""
    values = dict(data)
    for name, value in data.items():
        field = _model_field(name, record_models) if value is None else None
        if field is None or field.null:
            continue
        if isinstance(field, models.CharField) and field.choices and field.blank:
            values[name] = ""
            continue
        raise ValidationError(
            {
                name: _(
                    "{field} cannot be null: send a value, or leave the field out to keep it."
                ).format(field=name)
            }
        )
    return values
