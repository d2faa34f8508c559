"""Alerts (§7.3) and the thresholds their rules use.

An alert is a finding of a rule (kam.alerts.rules) for an account, written by the background
refresh, never on page load. It keeps its reason as structured parameters, rendered in the
reader's language when shown; a re-run updates it (one row per account, kind and key) and
resolves it once the rule no longer finds it."""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.accounts.models import Account
from kam.alerts.choices import SEVERITY_ORDER, AlertSeverity
from kam.core.models import BaseModel
from kam.core.validators import DAY_VALIDATORS, MONTH_VALIDATORS, validate_month_day

DEFAULT_PLAN_DUE_MONTH = 1  # [D] the year's plan approved by 31 January
DEFAULT_PLAN_DUE_DAY = 31
DEFAULT_REVIEW_OVERDUE_DAYS = 100  # [D] a plan not reviewed for 100 days
DEFAULT_OFF_TRACK_BELOW = 70  # [D] projected achievement below 70 % (合格 band)


class Alert(BaseModel):
    """A rule's finding for an account: open while the rule finds it, resolved when it no longer
    does (and opened again if it comes back)."""

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("account")
    )
    kind = models.CharField(_("kind"), max_length=40)
    severity = models.CharField(_("severity"), max_length=10, choices=AlertSeverity.choices)
    # The severity as a number, most urgent lowest: the lists' order, served by an index.
    severity_rank = models.PositiveSmallIntegerField(_("severity rank"), editable=False)
    # Stable per finding within the account and kind ("objective:<uuid>", "flag:no_coach").
    key = models.CharField(_("key"), max_length=200)
    params = models.JSONField(_("reason"), default=dict, blank=True)
    fix_url_name = models.CharField(_("page where it is fixed"), max_length=100)
    fix_url_kwargs = models.JSONField(_("page arguments"), default=dict, blank=True)
    subject_type = models.CharField(_("subject type"), max_length=20, blank=True)
    subject_uuid = models.UUIDField(_("subject"), null=True, blank=True)
    first_seen = models.DateTimeField(_("first seen"))
    last_seen = models.DateTimeField(_("last seen"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["account", "kind", "key"]
        constraints = [
            # A re-run updates the finding instead of adding a second row (the upsert's target).
            models.UniqueConstraint(fields=["account", "kind", "key"], name="alert_one_per_key"),
        ]
        indexes = [
            # An account's open alerts in the lists' order (the account page, the digest) and
            # the open alerts of a manager's accounts.
            models.Index(
                fields=["account", "resolved_at", "severity_rank", "-first_seen", "-id"],
                name="alert_open_by_account",
            ),
            # The alert centre's order over the open alerts: most urgent, then newest.
            models.Index(
                fields=["resolved_at", "severity_rank", "-first_seen", "-id"],
                name="alert_open_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.severity_rank = SEVERITY_ORDER[AlertSeverity(self.severity)]
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class AlertRules(BaseModel):
    """The thresholds of the alert rules. Never edited: a change adds a row; the newest holds."""

    plan_due_month = models.PositiveSmallIntegerField(
        _("plan due: month"),
        default=DEFAULT_PLAN_DUE_MONTH,
        validators=MONTH_VALIDATORS,
        help_text=_("The year's plan must be approved by this date."),
    )
    plan_due_day = models.PositiveSmallIntegerField(
        _("plan due: day"), default=DEFAULT_PLAN_DUE_DAY, validators=DAY_VALIDATORS
    )
    review_overdue_days = models.PositiveSmallIntegerField(
        _("days without a review"),
        default=DEFAULT_REVIEW_OVERDUE_DAYS,
        validators=[MinValueValidator(7), MaxValueValidator(366)],
        help_text=_("A plan not reviewed for this many days raises an alert."),
    )
    off_track_below = models.PositiveSmallIntegerField(
        _("off track below (%)"),
        default=DEFAULT_OFF_TRACK_BELOW,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("An objective whose projected achievement at year end is below this."),
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
        verbose_name = _("alert rules")
        verbose_name_plural = _("alert rules")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.created_at.isoformat() if self.created_at else "defaults"

    def clean(self) -> None:
        # A due date must come round every year: not 29 February.
        validate_month_day(
            self.plan_due_month,
            self.plan_due_day,
            day_field="plan_due_day",
            every_year=True,
        )

    def plan_due_on(self, year: int) -> date:
        return date(year, self.plan_due_month, self.plan_due_day)


class AlertRun(models.Model):
    """One run of the refresh: when it finished and what it did (the alert centre's "last
    computed at")."""

    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), db_index=True)
    accounts = models.PositiveIntegerField(_("accounts"))
    found = models.PositiveIntegerField(_("open alerts found"))
    resolved = models.PositiveIntegerField(_("alerts resolved"))
    is_complete = models.BooleanField(_("all accounts"), default=True)

    class Meta:
        verbose_name = _("alert run")
        verbose_name_plural = _("alert runs")
        ordering = ["-finished_at"]

    def __str__(self) -> str:
        return self.finished_at.isoformat()
