"""Handovers (交接): when an account's manager or a key person's owner changes, the new owner
re-rates and confirms what the previous owner recorded. Item status is computed from the
records (see `kam.handover.items`); only the explicit "confirmed unchanged" is stored."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.accounts.models import Account
from kam.core.models import BaseModel
from kam.handover.choices import HandoverKind, ItemCode
from kam.people.models import Contact


class Handover(BaseModel):
    """One change of owner; `created_at` is the moment of the handover."""

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="handovers", verbose_name=_("account")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=HandoverKind.choices)
    new_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="handovers_received",
        verbose_name=_("new owner"),
    )
    previous_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous owner"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handed over by"),
    )

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # 我的交接: a user's handovers, newest first.
            models.Index(fields=["new_owner", "-created_at"]),
            # The account's handovers, newest first.
            models.Index(fields=["account", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.account} → {self.new_owner}"


class HandoverPerson(BaseModel):
    """A key person the new owner takes over; each item provider adds one checklist item."""

    handover = models.ForeignKey(
        Handover, on_delete=models.CASCADE, related_name="persons", verbose_name=_("handover")
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="handover_rows", verbose_name=_("contact")
    )
    # A later handover of the same person replaces this one (its items no longer count).
    is_superseded = models.BooleanField(_("handed over again"), default=False)

    class Meta:
        verbose_name = _("person handed over")
        verbose_name_plural = _("persons handed over")
        ordering = ["handover", "contact__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["handover", "contact"], name="unique_handover_person"),
        ]
        indexes = [
            # The "rated by the previous owner" badge: a contact's open handover row.
            models.Index(fields=["contact", "is_superseded"]),
        ]

    def __str__(self) -> str:
        return f"{self.handover} · {self.contact}"


class HandoverConfirmation(BaseModel):
    """The new owner confirmed an item unchanged for one person (no natural record needed)."""

    person = models.ForeignKey(
        HandoverPerson,
        on_delete=models.CASCADE,
        related_name="confirmations",
        verbose_name=_("person handed over"),
    )
    item_code = models.CharField(_("item"), max_length=30, choices=ItemCode.choices)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )

    class Meta:
        verbose_name = _("handover confirmation")
        verbose_name_plural = _("handover confirmations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "item_code"], name="unique_handover_confirmation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.item_code}"
