"""Evidence of the key-person ladder (T7); the ladder snapshots themselves are assessments."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.accounts.models import Account
from kam.core.models import BaseModel
from kam.ladder.choices import DefaultRung, EvidenceKind
from kam.people.models import Contact


class LadderEvidence(BaseModel):
    """An observed behaviour of one key person that proves a rung of the ladder."""

    AUDIT_LIST_CHOICES = {"rung_code": DefaultRung}

    contact = models.ForeignKey(
        Contact,
        on_delete=models.CASCADE,
        related_name="ladder_evidence",
        verbose_name=_("contact"),
    )
    # Denormalised from the contact so that access checks scope it like every account record.
    account = models.ForeignKey(
        Account,
        on_delete=models.CASCADE,
        related_name="ladder_evidence",
        verbose_name=_("account"),
    )
    rung_code = models.SlugField(_("rung"), max_length=50)
    occurred_on = models.DateField(_("occurred on"))
    description = models.TextField(_("what happened"), max_length=2000)
    kind = models.CharField(
        _("kind"), max_length=20, choices=EvidenceKind.choices, default=EvidenceKind.MEETING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("ladder evidence")
        verbose_name_plural = _("ladder evidence")
        ordering = ["-occurred_on", "-created_at"]
        indexes = [
            # The evidence timeline of a person and the assessment form's evidence per rung.
            models.Index(fields=["contact", "-occurred_on"]),
        ]

    def __str__(self) -> str:
        # Language-neutral: the audit trail stores this text once.
        return f"{self.contact} · {self.occurred_on.isoformat()}"

    def clean(self) -> None:
        if self.contact_id and self.account_id and self.contact.account_id != self.account_id:
            raise ValidationError({"contact": _("The contact belongs to another account.")})
