"""Enumerations of the engagement platform plan (T10). Codes never change; labels translate."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlatformType(models.TextChoices):
    USER_FORUM = "user_forum", _("User forum")
    TECHNICAL_SEMINAR = "technical_seminar", _("Technical seminar")
    TRAINING_ACADEMY = "training_academy", _("Training academy")
    CUSTOMER_CLUB = "customer_club", _("Customer club")
    SERVICE_PLATFORM = "service_platform", _("Service platform")
    JOINT_EVENT = "joint_event", _("Joint event")


class Frequency(models.TextChoices):
    """How often the platform meets in the year; `times` takes the count from the item."""

    YEARLY = "yearly", _("Once a year")
    SEMIANNUAL = "semiannual", _("Twice a year")
    QUARTERLY = "quarterly", _("Quarterly")
    MONTHLY = "monthly", _("Monthly")
    TIMES = "times", _("Times per year")
