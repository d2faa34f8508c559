"""Enumerations of the key-person ladder."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EvidenceKind(models.TextChoices):
    """What kind of observation proves a rung of the ladder."""

    MEETING = "meeting", _("Meeting")
    CALL = "call", _("Call")
    EVENT = "event", _("Event or visit")
    EMAIL = "email", _("Email or message")
    OBSERVATION = "observation", _("Observation")
