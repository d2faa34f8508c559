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


class DefaultRung(models.TextChoices):
    """The rungs of the default ladder template, for showing stored codes (the history)."""

    BRAND_RECOGNITION = "brand_recognition", _("Recognises/accepts our brand")
    ACCESS_PARTICIPATION = "access_participation", _("Access & participation")
    INFO_SHARING = "info_sharing", _("Shares information")
    BUSINESS_GUIDANCE = "business_guidance", _("Guides/coaches us")
    KEY_EVENT_SUPPORT = "key_event_support", _("Supports us in key events")
    COMPETITIVE_STANCE = "competitive_stance", _("Stance against competitors")
