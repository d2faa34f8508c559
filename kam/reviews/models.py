"""Plan reviews (T13 回顾): on a date, the plan's objectives against their actuals, the scores
and the rating, and the comparisons with the past (与过去比) and with the competitors
(与竞争对手比), frozen as a JSON snapshot that later records never change; with the findings
and the corrective actions (engagement action items) the review agreed."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.core.models import BaseModel
from kam.engagement.models import ActionItem
from kam.pdca.choices import Phase
from kam.plans.models import AccountPlan
from kam.reviews.choices import ReviewKind


class Review(BaseModel):
    """A review of a plan for a period (a quarter, or the plan year at its end). Never changed
    once written: a later assessment is seen by the next review, not by this one."""

    UNIQUE_FIELD_ERRORS = {
        "review_one_per_period": (
            "review_on",
            _("This plan already has a review of that period."),
        )
    }

    plan = models.ForeignKey(
        AccountPlan, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("plan")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReviewKind.choices)
    period = models.CharField(_("period"), max_length=7)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    review_on = models.DateField(_("review date"))
    phase = models.CharField(_("PDCA phase"), max_length=10, choices=Phase.choices)
    findings = models.TextField(_("findings"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    snapshot = models.JSONField(_("snapshot"))

    class Meta:
        verbose_name = _("plan review")
        verbose_name_plural = _("plan reviews")
        ordering = ["plan", "-review_on", "-pk"]
        constraints = [
            # One review per plan and period; its index serves the plan's reviews list.
            models.UniqueConstraint(fields=["plan", "period"], name="review_one_per_period"),
        ]

    def __str__(self) -> str:
        return self.period  # audit entries keep it: readable in both languages

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValidationError({"period_end": _("The period ends before it starts.")})

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError(_("A recorded review cannot be changed."))
        super().save(*args, **kwargs)


class ReviewAction(BaseModel):
    """A corrective action a review agreed: an engagement action item, followed on the
    account's action board like any other."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="actions", verbose_name=_("review")
    )
    action_item = models.OneToOneField(
        ActionItem,
        on_delete=models.CASCADE,
        related_name="review_link",
        verbose_name=_("action item"),
    )

    class Meta:
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        ordering = ["review", "created_at", "pk"]

    def __str__(self) -> str:
        return str(self.action_item_id)
