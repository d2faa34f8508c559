"""What happened with the customer: activities (with the ladder evidence they prove), meeting
records with their issues, and action items."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kam.accounts.models import Account
from kam.core.models import BaseModel
from kam.engagement.choices import (
    ActionStatus,
    IssueDomain,
    NeedType,
    OwnerSide,
    Priority,
)
from kam.engagement.models.calendar import CalendarEntry
from kam.engagement.models.mechanisms import Mechanism, mechanism_names
from kam.people.models import Contact


class Activity(BaseModel):
    """What actually happened with the customer (planned or not): the execution log."""

    AUDIT_LIST_CHOICES = {"mechanism": mechanism_names}

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="activities", verbose_name=_("account")
    )
    calendar_entry = models.OneToOneField(
        CalendarEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activity",
        verbose_name=_("planned entry"),
    )
    mechanism = models.ForeignKey(
        Mechanism, on_delete=models.PROTECT, related_name="activities", verbose_name=_("mechanism")
    )
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200)
    occurred_on = models.DateField(_("date"))
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="led_activities",
        verbose_name=_("led by"),
    )
    our_participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="activities",
        verbose_name=_("our participants"),
    )
    customer_participants = models.ManyToManyField(
        Contact, blank=True, related_name="activities", verbose_name=_("customer participants")
    )
    notes = models.TextField(_("notes"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    follow_ups = models.TextField(_("follow-ups"), blank=True)
    # Level match (将对将) when logged: our most senior participant vs the customer's.
    is_level_matched = models.BooleanField(_("levels matched"), null=True, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-occurred_on", "-pk"]
        indexes = [
            # Year heat map (done per mechanism and month) and the account's activity log.
            models.Index(fields=["account", "occurred_on", "mechanism"]),
            # "My calendar" and my year heat map: the activities a user led, by date, counted
            # per mechanism without reading the table (covering).
            models.Index(fields=["lead", "occurred_on", "mechanism", "account"]),
        ]

    def __str__(self) -> str:
        return self.title


class ActivityEvidence(models.Model):
    """A ladder rung an activity proves for one customer participant (→ T7 evidence)."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("activity")
    )
    evidence = models.OneToOneField(
        "ladder.LadderEvidence",
        on_delete=models.CASCADE,
        related_name="activity_link",
        verbose_name=_("ladder evidence"),
    )

    class Meta:
        verbose_name = _("activity evidence")
        verbose_name_plural = _("activity evidence")

    def __str__(self) -> str:
        return f"{self.activity} → {self.evidence}"


class MeetingRecord(BaseModel):
    """A meeting in six sections: 倾听 → 区分 → 研讨 → 分享 → 行动计划 → 执行计划."""

    activity = models.OneToOneField(
        Activity, on_delete=models.CASCADE, related_name="meeting", verbose_name=_("activity")
    )
    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("account")
    )
    listen = models.TextField(_("listen: what the customer said"), blank=True)
    discuss = models.TextField(_("discuss: options explored"), blank=True)
    share = models.TextField(_("share: insights and cases we shared"), blank=True)
    execution_plan = models.TextField(_("execution plan: milestones and resources"), blank=True)
    next_entry = models.ForeignKey(
        CalendarEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scheduled_by",
        verbose_name=_("next meeting"),
    )

    class Meta:
        verbose_name = _("meeting record")
        verbose_name_plural = _("meeting records")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.activity)


class MeetingIssue(models.Model):
    """区分: one issue heard, classified by domain, need type and priority."""

    meeting = models.ForeignKey(
        MeetingRecord, on_delete=models.CASCADE, related_name="issues", verbose_name=_("meeting")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("issue"), max_length=500)
    domain = models.CharField(_("domain"), max_length=20, choices=IssueDomain.choices)
    need_type = models.CharField(_("need"), max_length=10, choices=NeedType.choices)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )

    class Meta:
        verbose_name = _("issue heard")
        verbose_name_plural = _("issues heard")
        ordering = ["meeting", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class ActionItem(BaseModel):
    """行动计划: an agreed action, owned on our side or the customer's."""

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("account")
    )
    meeting = models.ForeignKey(
        MeetingRecord,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("meeting"),
    )
    description = models.CharField(pgettext_lazy("action item", "action"), max_length=500)
    owner_side = models.CharField(_("owned by"), max_length=10, choices=OwnerSide.choices)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("our owner"),
    )
    owner_contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("customer owner"),
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "pk"]
        indexes = [
            # The account's action board, by status and due date.
            models.Index(fields=["account", "status", "due_on"]),
            # A user's action board and the daily digest's overdue actions.
            models.Index(fields=["owner_user", "status", "due_on"]),
        ]

    def __str__(self) -> str:
        return self.description

    def clean(self) -> None:
        errors = {}
        if self.owner_side == OwnerSide.OURS and not self.owner_user_id:
            errors["owner_user"] = _("Choose who on our side owns this action.")
        if self.owner_side == OwnerSide.CUSTOMER and not self.owner_contact_id:
            errors["owner_contact"] = _("Choose who at the customer owns this action.")
        owner_contact = self.owner_contact if self.owner_contact_id else None
        if (
            owner_contact is not None
            and self.account_id
            and owner_contact.account_id != self.account_id
        ):
            errors["owner_contact"] = _("The customer owner works at another account.")
        if errors:
            raise ValidationError(errors)
