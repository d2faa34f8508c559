"""Enumerations of the broad-relationship KPIs. Codes never change; labels translate."""

from django.db import models
from django.utils.translation import pgettext_lazy


class KpiLight(models.TextChoices):
    """The traffic light of a KPI or of the KPI score (T10.4): the KPI template's band codes."""

    GREEN = "green", pgettext_lazy("KPI light", "Green: on target")
    AMBER = "amber", pgettext_lazy("KPI light", "Amber: 80–99 %")
    RED = "red", pgettext_lazy("KPI light", "Red: below 80 %")


def light_label(code: str) -> str:
    """The light's words ("not measured" without one): lights never speak by colour alone."""
    if code in KpiLight.values:
        return str(KpiLight(code).label)
    return str(pgettext_lazy("KPI light", "Not measured"))
