"""The key-business-activity calendar: planned entries, the customer's key dates and the
private calendar subscriptions."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kam.accounts.choices import Currency
from kam.accounts.models import Account
from kam.core.models import BaseModel
from kam.engagement.choices import (
    EntryStatus,
    KeyDateKind,
    TacticTier,
)
from kam.engagement.models.mechanisms import Mechanism, mechanism_names
from kam.people.models import Contact


class CalendarEntry(BaseModel):
    """A planned key business activity (关键业务行为日历) of one account."""

    AUDIT_LIST_CHOICES = {"mechanism": mechanism_names}

    account = models.ForeignKey(
        Account,
        on_delete=models.CASCADE,
        related_name="calendar_entries",
        verbose_name=_("account"),
    )
    mechanism = models.ForeignKey(
        Mechanism, on_delete=models.PROTECT, related_name="entries", verbose_name=_("mechanism")
    )
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200)
    planned_on = models.DateField(_("planned date"))
    # Planned for the month only (the day is not fixed yet): planned_on is the 1st.
    is_month_only = models.BooleanField(_("month only"), default=False)
    # A meeting's time and place (exported to .ics); without a start time it is an all-day entry.
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    our_participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="calendar_entries",
        verbose_name=_("our participants"),
    )
    customer_participants = models.ManyToManyField(
        Contact,
        blank=True,
        related_name="calendar_entries",
        verbose_name=_("customer participants"),
    )
    key_person = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="targeted_entries",
        verbose_name=_("key person it develops"),
    )
    objective = models.CharField(_("linked objective"), max_length=300, blank=True)
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
    status = models.CharField(
        _("status"), max_length=12, choices=EntryStatus.choices, default=EntryStatus.PLANNED
    )
    # 三重经典战术 (T12): which tier of value this entry works on; counted in the tactic mix.
    tactic_tier = models.CharField(
        _("tactic tier"), max_length=12, choices=TacticTier.choices, blank=True
    )
    is_generated = models.BooleanField(_("generated from the cadences"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("calendar entry")
        verbose_name_plural = _("calendar entries")
        ordering = ["planned_on", "pk"]
        indexes = [
            # Month/agenda views and the year heat map of one account.
            models.Index(fields=["account", "planned_on"]),
            # Year heat map: planned entries per mechanism and month.
            models.Index(fields=["account", "mechanism", "planned_on"]),
            # Reminders and compliance: entries due by a date.
            models.Index(fields=["status", "planned_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget__isnull=True) | models.Q(budget__gte=0),
                name="calendar_budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        key_person = self.key_person if self.key_person_id else None
        if key_person is not None and self.account_id and key_person.account_id != self.account_id:
            raise ValidationError({"key_person": _("The key person works at another account.")})
        if self.is_month_only and self.planned_on and self.planned_on.day != 1:
            self.planned_on = self.planned_on.replace(day=1)
        if self.end_time is not None and self.start_time is None:
            raise ValidationError({"start_time": _("Give the start time too.")})
        if self.end_time is not None and self.start_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The end time must be after the start time.")})


class CustomerKeyDate(BaseModel):
    """The customer's own key dates (budget cycle, tenders, shutdowns, board meetings)."""

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="key_dates", verbose_name=_("account")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=KeyDateKind.choices)
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("customer key date")
        verbose_name_plural = _("customer key dates")
        ordering = ["starts_on", "pk"]
        indexes = [
            # The calendar of one account for a month or a year.
            models.Index(fields=["account", "starts_on"]),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end cannot be before the start.")})


class CalendarSubscription(BaseModel):
    """A private, revocable iCalendar subscription URL of one user (the token is hashed)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_subscriptions",
        verbose_name=_("user"),
    )
    token_digest = models.CharField(_("token digest"), max_length=64, unique=True)
    token_prefix = models.CharField(_("token prefix"), max_length=12)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} · {self.token_prefix}…"
