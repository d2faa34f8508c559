"""The engagement platform plan (T10 《普遍客户关系拓展平台规划书》): the platforms through which we
meet the customer broadly (forums, seminars, training, clubs), and their calendar entries."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.accounts.choices import Currency
from kam.accounts.models import Account
from kam.broad.choices import BroadKpi
from kam.core.models import BaseModel
from kam.engagement.models import CalendarEntry
from kam.people.choices import Function
from kam.platforms.choices import Frequency, PlatformType
from kam.platforms.rules import MAX_TIMES_PER_YEAR, events_per_year
from kam.users.choices import Seniority


class PlatformItem(BaseModel):
    """One platform of an account's plan for a year: its type, audience, frequency, owner, budget
    and the broad-relationship KPI it serves."""

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="platform_items", verbose_name=_("account")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    platform_type = models.CharField(
        _("platform type"), max_length=20, choices=PlatformType.choices
    )
    title = models.CharField(_("name of the platform"), max_length=200)
    audience_function = models.CharField(
        _("audience: function"), max_length=30, choices=Function.choices, blank=True
    )
    audience_level = models.CharField(
        _("audience: level"), max_length=20, choices=Seniority.choices, blank=True
    )
    frequency = models.CharField(
        _("frequency"), max_length=12, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    times_per_year = models.PositiveSmallIntegerField(
        _("times per year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TIMES_PER_YEAR)],
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="platform_items",
        verbose_name=_("owner"),
    )
    budget = models.DecimalField(
        _("budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.CNY
    )
    kpi = models.CharField(
        _("KPI it serves"),
        max_length=20,
        choices=BroadKpi.choices,
        default=BroadKpi.PLATFORM_EVENTS,
    )
    kpi_contribution = models.TextField(_("expected KPI contribution"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("platform item")
        verbose_name_plural = _("platform items")
        ordering = ["account", "year", "platform_type", "title", "pk"]
        indexes = [
            # The account's platform plan page and API list: one account, one year.
            models.Index(fields=["account", "year"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget__isnull=True) | models.Q(budget__gte=0),
                name="platform_budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def events_per_year(self) -> int:
        return events_per_year(self.frequency, self.times_per_year)

    def clean(self) -> None:
        if self.frequency == Frequency.TIMES and not self.times_per_year:
            raise ValidationError(
                {"times_per_year": _("Say how many times a year the platform meets.")}
            )


class PlatformEntry(BaseModel):
    """The link between a platform item and one calendar entry it created (slot = which of the
    year's events). Kept on the platform side so the calendar does not depend on this app."""

    item = models.ForeignKey(
        PlatformItem,
        on_delete=models.CASCADE,
        related_name="entry_links",
        verbose_name=_("platform item"),
    )
    entry = models.OneToOneField(
        CalendarEntry,
        on_delete=models.CASCADE,
        related_name="platform_link",
        verbose_name=_("calendar entry"),
    )
    slot = models.PositiveSmallIntegerField(_("event number"))

    class Meta:
        verbose_name = _("platform calendar entry")
        verbose_name_plural = _("platform calendar entries")
        ordering = ["item", "slot"]
        constraints = [
            # Adding to the calendar twice creates each event once.
            models.UniqueConstraint(fields=["item", "slot"], name="platform_entry_one_per_slot"),
        ]
