"""The cycle wheel reads the other tools' records; it stores only its settings."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.assessments.choices import ToolCode
from kam.core.models import BaseModel
from kam.cycle.choices import DEFAULT_ASSESS_LEAD_MONTHS, DEFAULT_ASSESS_TOOLS


def default_assess_tools() -> list[str]:
    return list(DEFAULT_ASSESS_TOOLS)


class CycleSettings(BaseModel):
    """Which instruments the Assess phase needs and how early in the previous year their
    snapshots count. Never edited: a change adds a row; the newest one holds."""

    assess_tools = models.JSONField(
        _("instruments of the Assess phase"), default=default_assess_tools
    )
    assess_lead_months = models.PositiveSmallIntegerField(
        _("months before the year that count"),
        default=DEFAULT_ASSESS_LEAD_MONTHS,
        validators=[MinValueValidator(0), MaxValueValidator(12)],
        help_text=_("A snapshot assessed this many months before 1 January counts for the year."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("cycle settings")
        verbose_name_plural = _("cycle settings")
        ordering = ["-created_at", "-id"]

    @property
    def assess_tool_labels(self) -> str:
        known = [code for code in self.assess_tools if code in ToolCode.values]
        return ", ".join(str(ToolCode(code).label) for code in known)

    def __str__(self) -> str:
        return self.created_at.date().isoformat() if self.created_at else "—"
