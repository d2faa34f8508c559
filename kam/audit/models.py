"""The audit trail: who changed which record, when, and each field's value before and after."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.audit.choices import AuditAction


class AuditEntry(models.Model):
    """One create/update/delete of a record, or a sign-in event. Never edited; the basis of
    "compare with the past"."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("record type")
    )
    # Empty only for a failed sign-in with a username that belongs to nobody.
    object_uuid = models.UUIDField(_("record id"), null=True, blank=True)
    object_repr = models.CharField(_("record"), max_length=200)
    # The account the record belongs to, so an account's history can list its contacts' changes.
    account_uuid = models.UUIDField(_("account id"), null=True, blank=True)
    changes = models.JSONField(_("changes"), default=dict)
    # The client's address, kept for sign-in events (see kam.security.addresses).
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-id"]
        indexes = [
            # A record's own history (record pages).
            models.Index(fields=["content_type", "object_uuid", "-created_at"]),
            # Everything that happened under one account (account 360 history tab).
            models.Index(fields=["account_uuid", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"
