"""Enumerations of the compliance app (T9 法规与乡土习俗). Codes never change; labels translate."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CounterpartType(models.TextChoices):
    """Who the customer's person is, for the gift and hospitality rules."""

    PRIVATE_COMPANY = "private_company", _("Private or foreign company employee")
    STATE_OWNED_ENTERPRISE = "state_owned_enterprise", _("State-owned enterprise staff")
    GOVERNMENT_OFFICIAL = "government_official", _("Government official or public servant")
    HEALTHCARE_PROFESSIONAL = "healthcare_professional", _("Healthcare professional")


class GiftType(models.TextChoices):
    GIFT = "gift", _("Gift")
    MEAL = "meal", _("Meal")
    ENTERTAINMENT = "entertainment", _("Entertainment")
    TRAVEL = "travel", _("Travel")
    EVENT_TICKET = "event_ticket", _("Event ticket")
    SPONSORSHIP = "sponsorship", _("Sponsorship")
    CASH_EQUIVALENT = "cash_equivalent", _("Cash or cash equivalent (shopping card)")


class GiftDirection(models.TextChoices):
    GIVEN = "given", _("Given by us")
    RECEIVED = "received", _("Received by us")


class GiftStatus(models.TextChoices):
    NOT_REQUIRED = "not_required", _("No approval needed")
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class FindingOutcome(models.TextChoices):
    REFUSE = "refuse", _("Refused")
    NEEDS_APPROVAL = "needs_approval", _("Needs approval")


class ConstraintLevel(models.TextChoices):
    MUST = "must", _("Must")
    SHOULD = "should", _("Should")
    INFO = "info", _("Good to know")
