"""Enumerations of the PDCA cycles (T10.2). Codes never change; labels translate."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Cadence(models.TextChoices):
    """How long one cycle runs: a calendar month or a calendar quarter."""

    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")


class Phase(models.TextChoices):
    """Where a cycle stands; the four phases follow each other in this order, then it closes."""

    PLAN = "plan", pgettext_lazy("PDCA phase", "Plan")
    DO = "do", pgettext_lazy("PDCA phase", "Do")
    CHECK = "check", pgettext_lazy("PDCA phase", "Check")
    ACT = "act", pgettext_lazy("PDCA phase", "Act")
    CLOSED = "closed", pgettext_lazy("PDCA phase", "Closed")


# The wheel's four phases, in order (a closed cycle has gone round all of them).
WHEEL_PHASES = [Phase.PLAN, Phase.DO, Phase.CHECK, Phase.ACT]
