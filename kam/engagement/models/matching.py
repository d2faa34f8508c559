"""Strategic matching items (T6)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.accounts.choices import Currency
from kam.accounts.models import Account
from kam.core.models import BaseModel
from kam.engagement.choices import (
    HelpType,
    IssueDomain,
    MatchingStage,
    ValueType,
)
from kam.engagement.models.meetings import MeetingRecord
from kam.people.models import Contact


class MatchingItem(BaseModel):
    """Strategic matching (T6): 区分领域 → 针对问题 → 关键帮助 → 价值提升."""

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="matching_items", verbose_name=_("account")
    )
    meeting = models.ForeignKey(
        MeetingRecord,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="matching_items",
        verbose_name=_("from meeting"),
    )
    domain = models.CharField(_("domain"), max_length=20, choices=IssueDomain.choices)
    problem = models.TextField(_("problem"))
    customer_owner = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="matching_items",
        verbose_name=_("customer owner of the problem"),
    )
    key_help = models.TextField(_("key help"), blank=True)
    help_type = models.CharField(
        _("help type"), max_length=20, choices=HelpType.choices, blank=True
    )
    value_type = models.CharField(
        _("value type"), max_length=20, choices=ValueType.choices, blank=True
    )
    value_amount = models.DecimalField(
        _("value amount"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.CNY
    )
    evidence = models.TextField(_("evidence"), blank=True)
    is_signed_off = models.BooleanField(_("signed off by the customer"), default=False)
    stage = models.CharField(
        _("stage"), max_length=20, choices=MatchingStage.choices, default=MatchingStage.IDENTIFIED
    )
    stage_changed_on = models.DateField(_("stage changed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("matching item")
        verbose_name_plural = _("matching items")
        ordering = ["account", "domain", "pk"]
        indexes = [
            # The funnel and the T4 m_solution feed: an account's items by stage.
            models.Index(fields=["account", "stage"]),
        ]

    def __str__(self) -> str:
        return self.problem[:80]

    def clean(self) -> None:
        errors = {}
        owner = self.customer_owner if self.customer_owner_id else None
        if owner is not None and self.account_id and owner.account_id != self.account_id:
            errors["customer_owner"] = _("The customer owner works at another account.")
        if self.stage == MatchingStage.VALUE_PROVEN and not self.evidence.strip():
            errors["evidence"] = _("Record the evidence before marking the value as proven.")
        if errors:
            raise ValidationError(errors)
