"""Abstract base model shared by every domain model."""

import uuid
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.lib.sorting import NAME_SORT_KEY_LENGTH, name_sort_key


class BaseModel(models.Model):
    """Timestamps and a public UUID for URLs and the API (internal ids never leave the server)."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class NameSortKeyModel(models.Model):
    """A model with a `name` that lists order by pinyin in 中文 (see `kam.lib.sorting`).

    The key is derived from the name on every save, whatever writes it (services, admin, demo
    data), so it cannot drift; bulk loads fill it with `name_sort_key` themselves.
    """

    name: str
    PICKED_BY_NAME = True  # its pickers list it by name (`kam.core.forms.NameOrderIterator`)
    name_sort_key = models.CharField(
        _("name sort key"), max_length=NAME_SORT_KEY_LENGTH, blank=True, editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_sort_key = name_sort_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_sort_key"}
        super().save(*args, **kwargs)
