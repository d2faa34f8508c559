"""Enumerations of the alert centre."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AlertSeverity(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


# The order lists show severities in (most urgent first).
SEVERITY_ORDER = {AlertSeverity.HIGH: 0, AlertSeverity.MEDIUM: 1, AlertSeverity.LOW: 2}
