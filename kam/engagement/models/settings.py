"""The engagement settings: traffic-light thresholds and digest windows (append-only)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.core.models import BaseModel

# The spec's defaults [D] (T5.3 traffic lights, T6 digest windows). The newest EngagementSettings
# row holds; while there is none, the selector answers an unsaved row with these values.
DEFAULT_COMPLIANCE_TARGET = 85
DEFAULT_COMPLIANCE_RED_BELOW = 70
DEFAULT_DIGEST_UPCOMING_DAYS = 7
DEFAULT_DIGEST_DUE_SOON_DAYS = 3


class EngagementSettings(BaseModel):
    """The engagement thresholds and reminder windows. Never edited: a change adds a row; the
    newest one holds."""

    compliance_target = models.PositiveSmallIntegerField(
        _("compliance target (%)"),
        default=DEFAULT_COMPLIANCE_TARGET,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Green at or above this calendar compliance."),
    )
    compliance_red_below = models.PositiveSmallIntegerField(
        _("red below (%)"),
        default=DEFAULT_COMPLIANCE_RED_BELOW,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Red below this compliance, amber between it and the target."),
    )
    digest_upcoming_days = models.PositiveSmallIntegerField(
        _("digest: upcoming entries (days ahead)"),
        default=DEFAULT_DIGEST_UPCOMING_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("The daily digest lists the calendar entries of this many days ahead."),
    )
    digest_due_soon_days = models.PositiveSmallIntegerField(
        _("digest: actions due soon (days ahead)"),
        default=DEFAULT_DIGEST_DUE_SOON_DAYS,
        validators=[MinValueValidator(0), MaxValueValidator(30)],
        help_text=_("The daily digest lists open actions overdue or due within this many days."),
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
        verbose_name = _("engagement settings")
        verbose_name_plural = _("engagement settings")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(compliance_target__lte=100),
                name="engagement_target_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(compliance_red_below__lte=models.F("compliance_target")),
                name="engagement_red_not_above_target",
            ),
            models.CheckConstraint(
                condition=models.Q(digest_upcoming_days__gte=1, digest_upcoming_days__lte=60),
                name="engagement_upcoming_days_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(digest_due_soon_days__lte=30),
                name="engagement_due_soon_days_in_range",
            ),
        ]

    def __str__(self) -> str:
        since = f" · {self.created_at:%Y-%m-%d %H:%M}" if self.created_at else ""
        return f"{self.compliance_target}/{self.compliance_red_below} %{since}"

    def clean(self) -> None:
        if (
            self.compliance_target is not None
            and self.compliance_red_below is not None
            and self.compliance_red_below > self.compliance_target
        ):
            raise ValidationError(
                {
                    "compliance_red_below": _(
                        "The red line must not be above the target ({target} %)."
                    ).format(target=self.compliance_target)
                }
            )
