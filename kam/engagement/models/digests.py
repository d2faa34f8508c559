"""The record of each daily digest sent, so that no one gets a day's digest twice."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.core.models import BaseModel


class DigestDelivery(BaseModel):
    """One user's digest of one day, written in the same transaction that sends it: a worker
    that restarts, or a job tried again, skips the users who already have theirs."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digest_deliveries",
        verbose_name=_("user"),
    )
    day = models.DateField(_("day"))

    class Meta:
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        ordering = ["-day"]
        constraints = [
            # Also serves the "already sent today?" lookup of `digests_send`.
            models.UniqueConstraint(fields=["user", "day"], name="engagement_digest_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.day.isoformat()}"
