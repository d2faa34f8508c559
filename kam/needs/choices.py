"""Enumerations of the needs register (T11). Codes never change; labels translate."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NeedLevel(models.TextChoices):
    ORGANISATIONAL = "organisational", _("Organisational need")
    PERSONAL = "personal", _("Personal need")


class NeedVisibility(models.TextChoices):
    EXPLICIT = "explicit", _("Explicit need")
    IMPLICIT = "implicit", _("Implicit need")


class IcebergLayer(models.TextChoices):
    """From the tip of the iceberg (stated requirements) down to motives and values."""

    SURFACE = "surface", _("Surface: stated requirements")
    BUSINESS = "business", _("Business: problems, goals, KPIs")
    DEEP = "deep", _("Deep: motives, values, personal drivers")


class NeedSource(models.TextChoices):
    STATED = "stated", _("Stated by the customer")
    OBSERVED = "observed", _("Observed")
    INFERRED = "inferred", _("Inferred")
    VALIDATED = "validated", _("Validated")


class Kano(models.TextChoices):
    MUST_BE = "must_be", _("Must-be")
    PERFORMANCE = "performance", pgettext_lazy("Kano", "Performance")
    ATTRACTIVE = "attractive", _("Attractive")


class NeedStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("need status", "Open")
    ADDRESSED = "addressed", _("Addressed")
    DROPPED = "dropped", _("Dropped")
