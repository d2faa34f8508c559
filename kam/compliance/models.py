"""Gift & hospitality ledger, versioned gift policy rules and local customs (T9 法规与乡土习俗)."""

from decimal import Decimal
from typing import TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kam.accounts.choices import Currency, Region
from kam.accounts.models import Account
from kam.assessments.models import localized
from kam.compliance.choices import (
    ConstraintLevel,
    CounterpartType,
    GiftDirection,
    GiftStatus,
    GiftType,
)
from kam.core.models import BaseModel
from kam.core.validators import DAY_VALIDATORS, MONTH_VALIDATORS, validate_month_day
from kam.people.models import Contact


class MoneyDigits(TypedDict):
    max_digits: int
    decimal_places: int


MONEY: MoneyDigits = {"max_digits": 12, "decimal_places": 2}
CODE_VALIDATOR = RegexValidator(
    r"^[a-z0-9_]+$", _("Use lower-case letters, digits and underscores only.")
)


class CounterpartProfile(BaseModel):
    """Who a contact is for the gift rules: counterpart type and jurisdiction (region)."""

    contact = models.OneToOneField(
        Contact,
        on_delete=models.CASCADE,
        related_name="counterpart_profile",
        verbose_name=_("contact"),
    )
    account = models.ForeignKey(
        Account,
        on_delete=models.CASCADE,
        related_name="counterpart_profiles",
        verbose_name=_("account"),
    )
    counterpart_type = models.CharField(
        _("counterpart type"), max_length=30, choices=CounterpartType.choices
    )
    region = models.CharField(_("jurisdiction"), max_length=30, choices=Region.choices)

    class Meta:
        verbose_name = _("counterpart profile")
        verbose_name_plural = _("counterpart profiles")

    def __str__(self) -> str:
        # Language-neutral: the audit trail stores this text once.
        return str(self.contact)

    def clean(self) -> None:
        if self.contact_id and self.account_id and self.contact.account_id != self.account_id:
            raise ValidationError({"contact": _("The contact belongs to another account.")})


class GiftPolicyRule(BaseModel):
    """One version of a gift/hospitality rule. Versions are never edited: a change is a new
    version, and ledger entries keep the version they were checked against."""

    code = models.CharField(_("code"), max_length=60, validators=[CODE_VALIDATOR])
    version = models.PositiveIntegerField(_("version"), default=1)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    region = models.CharField(
        _("jurisdiction"),
        max_length=30,
        choices=Region.choices,
        blank=True,
        help_text=_("Leave empty to apply in every region."),
    )
    counterpart_type = models.CharField(
        _("counterpart type"),
        max_length=30,
        choices=CounterpartType.choices,
        blank=True,
        help_text=_("Leave empty to apply to every counterpart."),
    )
    gift_type = models.CharField(
        _("gift type"),
        max_length=30,
        choices=GiftType.choices,
        blank=True,
        help_text=_("Leave empty to apply to every kind of gift or hospitality."),
    )
    is_forbidden = models.BooleanField(_("forbidden"), default=False)
    per_item_limit = models.DecimalField(
        _("limit per item"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Entries above this value are refused."),
        **MONEY,
    )
    annual_limit = models.DecimalField(
        _("annual limit per contact"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Per contact and calendar year; entries that would pass it are refused."),
        **MONEY,
    )
    approval_threshold = models.DecimalField(
        _("approval threshold"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Entries above this value wait for a director's approval."),
        **MONEY,
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.CNY
    )
    rule_text_zh = models.TextField(_("rule text (Chinese)"))
    rule_text_en = models.TextField(_("rule text (English)"))
    is_active = models.BooleanField(_("enforced"), default=True)
    is_current = models.BooleanField(_("current version"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("gift policy rule")
        verbose_name_plural = _("gift policy rules")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="unique_gift_rule_version"),
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(is_current=True),
                name="one_current_gift_rule_version",
            ),
        ]
        indexes = [
            # The rules the engine checks: current, enforced versions.
            models.Index(fields=["is_current", "is_active"]),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    @property
    def name(self) -> str:
        return localized({"zh": self.name_zh, "en": self.name_en}, self.code)

    @property
    def rule_text(self) -> str:
        return localized({"zh": self.rule_text_zh, "en": self.rule_text_en})

    @property
    def is_enforced(self) -> bool:
        return self.is_current and self.is_active

    def clean(self) -> None:
        limits = (self.per_item_limit, self.annual_limit, self.approval_threshold)
        if not self.is_forbidden and all(limit is None for limit in limits):
            raise ValidationError(
                _("A rule must forbid the gift or set at least one limit or threshold.")
            )


class GiftEntry(BaseModel):
    """One gift, meal, trip or other hospitality in the ledger, with the rules it was checked
    against and their findings."""

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="gift_entries", verbose_name=_("account")
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="gift_entries", verbose_name=_("contact")
    )
    occurred_on = models.DateField(_("date"))
    gift_type = models.CharField(_("type"), max_length=30, choices=GiftType.choices)
    direction = models.CharField(
        _("direction"), max_length=10, choices=GiftDirection.choices, default=GiftDirection.GIVEN
    )
    description = models.CharField(_("description"), max_length=300)
    value = models.DecimalField(
        _("value"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.CNY
    )
    purpose = models.TextField(_("business purpose"))
    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="gift_entries_given",
        verbose_name=_("our colleague"),
    )
    counterpart_type = models.CharField(
        _("counterpart type"), max_length=30, choices=CounterpartType.choices
    )
    region = models.CharField(_("jurisdiction"), max_length=30, choices=Region.choices)
    status = models.CharField(
        _("approval"), max_length=20, choices=GiftStatus.choices, default=GiftStatus.NOT_REQUIRED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    rules = models.ManyToManyField(
        GiftPolicyRule, related_name="entries", blank=True, verbose_name=_("rules checked")
    )
    rule_codes = models.JSONField(_("rule codes"), default=list, blank=True)
    findings = models.JSONField(_("findings"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("gift or hospitality entry")
        verbose_name_plural = _("gift and hospitality entries")
        ordering = ["-occurred_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__gt=0), name="gift_entry_value_positive"
            ),
        ]
        indexes = [
            # Contact ledger and the annual total per contact.
            models.Index(fields=["contact", "occurred_on"]),
            # Account ledger, newest first.
            models.Index(fields=["account", "occurred_on"]),
            # Approvals page: pending entries.
            models.Index(fields=["status", "created_at"]),
        ]

    def __str__(self) -> str:
        # Language-neutral: the audit trail stores this text once.
        return f"{self.contact} · {self.occurred_on} · {self.value} {self.currency}"

    @property
    def finding_messages(self) -> list[str]:
        """The rules' verdicts in the reader's language (as recorded when the entry was saved)."""
        return [
            localized(
                {"zh": finding.get("message_zh", ""), "en": finding.get("message_en", "")},
                finding.get("message", ""),
            )
            for finding in self.findings or []
        ]

    def clean(self) -> None:
        errors = {}
        if self.contact_id and self.account_id and self.contact.account_id != self.account_id:
            errors["contact"] = _("The contact belongs to another account.")
        if self._state.adding and self.occurred_on and self.occurred_on > timezone.localdate():
            errors["occurred_on"] = _(
                "Record gifts and hospitality that took place: the date cannot be in the future."
            )
        if errors:
            raise ValidationError(errors)


class LocalCustomNote(BaseModel):
    """A local custom, taboo or festival to respect in a region, or at one account."""

    region = models.CharField(_("region"), max_length=30, choices=Region.choices)
    account = models.ForeignKey(
        Account,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="custom_notes",
        verbose_name=_("account"),
        help_text=_("Only for notes about one account; leave empty for the whole region."),
    )
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=150)
    text = models.TextField(_("text"))
    constraint_level = models.CharField(
        _("constraint level"),
        max_length=10,
        choices=ConstraintLevel.choices,
        default=ConstraintLevel.SHOULD,
    )
    festival_name = models.CharField(_("festival"), max_length=100, blank=True)
    festival_month = models.PositiveSmallIntegerField(
        _("festival month"), null=True, blank=True, validators=MONTH_VALIDATORS
    )
    festival_day = models.PositiveSmallIntegerField(
        _("festival day"), null=True, blank=True, validators=DAY_VALIDATORS
    )
    is_active = models.BooleanField(_("shown"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("local custom note")
        verbose_name_plural = _("local custom notes")
        ordering = ["region", "title"]
        indexes = [
            # Notes shown on an account page: its region's notes and its own.
            models.Index(fields=["region", "is_active"]),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.festival_day is not None and self.festival_month is None:
            raise ValidationError({"festival_month": _("Give the month of the festival day.")})
        # A festival may fall on 29 February.
        validate_month_day(
            self.festival_month,
            self.festival_day,
            day_field="festival_day",
        )
