"""Enumerations of the key-person card (spec T9.2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.users.choices import SocialStyle

__all__ = ["AttitudeToChange", "CardActionStatus", "PersonalNeed", "SocialStyle"]


class PersonalNeed(models.TextChoices):
    """个人需求 by Maslow's levels (五维模型). "Physiological" never means improper benefit."""

    PHYSIOLOGICAL = "physiological", _("Physiological")
    SAFETY = "safety", _("Safety (job security, avoid risk)")
    BELONGING = "belonging", _("Belonging (align with leadership and the group)")
    ESTEEM = "esteem", _("Esteem (recognition, own judgement)")
    SELF_ACTUALISATION = "self_actualisation", _("Self-actualisation (breakthrough, achievement)")


class AttitudeToChange(models.TextChoices):
    """对待变革的态度."""

    INNOVATOR = "innovator", _("Innovator")
    VISIONARY = "visionary", _("Visionary")
    PRAGMATIST = "pragmatist", _("Pragmatist")
    CONSERVATIVE = "conservative", _("Conservative")
    LAGGARD = "laggard", _("Laggard")


class CardActionStatus(models.TextChoices):
    """State of one step of the development plan."""

    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")
