"""Enumerations of the value ladder (T12)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ValueTier(models.TextChoices):
    """The three tiers of the value ladder, lowest first (T12.2)."""

    PRODUCT = "product", _("Product tier")
    PROCESS = "process", _("Process tier")
    STRATEGIC = "strategic", _("Strategic tier")
