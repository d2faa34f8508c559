"""Enumerations of the handover. Codes never change; labels translate."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HandoverKind(models.TextChoices):
    """What changed owner: the whole account (its manager) or one key person."""

    ACCOUNT_MANAGER = "account_manager", _("New account manager")
    RELATIONSHIP_OWNER = "relationship_owner", _("New relationship owner of a key person")


class ItemCode(models.TextChoices):
    """The checklist items of a handover (see `kam.handover.items`): one per key person each,
    and the responsibility letter once per handover."""

    LADDER = "ladder", _("Re-rate the key-person ladder")
    POWER_MAP = "power_map", _("Confirm the power-map attributes")
    LETTER = "letter", _("Sign a new responsibility letter")


class ItemStatus(models.TextChoices):
    PENDING = "pending", _("To do")
    DONE = "done", _("Done")
    SUPERSEDED = "superseded", _("Handed over again")
