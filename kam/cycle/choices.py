"""Enumerations of the management cycle wheel (T13.1, T13.4). Codes never change."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CyclePhase(models.TextChoices):
    """The six segments of 循环轮盘, clockwise from the top."""

    ASSESS = "assess", pgettext_lazy("cycle phase", "Assess")
    PLAN = "plan", pgettext_lazy("cycle phase", "Plan")
    TARGETS = "targets", pgettext_lazy("cycle phase", "Set targets")
    EXECUTE = "execute", pgettext_lazy("cycle phase", "Execute")
    REVIEW = "review", pgettext_lazy("cycle phase", "Review")
    IMPROVE = "improve", pgettext_lazy("cycle phase", "Improve")


class PhaseStatus(models.TextChoices):
    DONE = "done", pgettext_lazy("cycle phase status", "Done")
    IN_PROGRESS = "in_progress", pgettext_lazy("cycle phase status", "In progress")
    NOT_STARTED = "not_started", pgettext_lazy("cycle phase status", "Not started")


# The instruments whose snapshot counts as "assessed this cycle" until an administrator changes
# the list ([D]): the scorecard (T1), the relationship test (T3) and the score sheet (T4).
DEFAULT_ASSESS_TOOLS = [
    "scorecard_attractiveness",
    "scorecard_strength",
    "relationship_test",
    "org_score_sheet",
]
DEFAULT_ASSESS_LEAD_MONTHS = 3

PHASE_HINTS = {
    CyclePhase.ASSESS: _("Snapshots of the cycle's instruments assessed for the year"),
    CyclePhase.PLAN: _("The year's annual plan approved by a director"),
    CyclePhase.TARGETS: _("A signed responsibility letter for every objective owner"),
    CyclePhase.EXECUTE: _(
        "Calendar entries done; done when the year ends at the compliance target"
    ),
    CyclePhase.REVIEW: _("Quarterly reviews held; done with the year-end review"),
    CyclePhase.IMPROVE: _("The reviews' corrective actions closed"),
}
