"""Engagement data (T5, T6): the six mechanisms as reference data, the key-business-activity
calendar, what actually happened (activities), meeting records with their issues and action
items, strategic matching items and private calendar subscriptions."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.accounts.choices import AccountCategory, Currency
from kam.accounts.models import Account
from kam.assessments.models import localized
from kam.core.models import BaseModel
from kam.engagement.choices import (
    ActionStatus,
    EntryStatus,
    HelpType,
    IssueDomain,
    KeyDateKind,
    MatchingStage,
    NeedType,
    OwnerSide,
    ParticipantLevel,
    Priority,
    ValueType,
)
from kam.people.models import Contact


def _cadence_key_label(key: str) -> str:
    """History labels of the cadence changes recorded with a mechanism."""
    for prefix, text in (
        ("cadence_", _("Times per year · {category}")),
        ("on_demand_", _("On demand only · {category}")),
    ):
        code = key.removeprefix(prefix)
        if key.startswith(prefix) and code in AccountCategory.values:
            return str(text).format(category=AccountCategory(code).label)
    return ""


class Mechanism(BaseModel):
    """One of the six communication mechanisms (沟通机制) with its operating key points."""

    AUDIT_KEY_LABELS = staticmethod(_cadence_key_label)

    code = models.SlugField(_("code"), max_length=50, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    our_level = models.CharField(_("our level"), max_length=20, choices=ParticipantLevel.choices)
    customer_level = models.CharField(
        _("customer level"), max_length=20, choices=ParticipantLevel.choices
    )
    # Operating key points and details (各种沟通方式的运作关键点与细节), in both languages.
    purpose_zh = models.TextField(_("purpose (Chinese)"), blank=True)
    purpose_en = models.TextField(_("purpose (English)"), blank=True)
    preparation_zh = models.TextField(_("preparation checklist (Chinese)"), blank=True)
    preparation_en = models.TextField(_("preparation checklist (English)"), blank=True)
    agenda_zh = models.TextField(_("typical agenda (Chinese)"), blank=True)
    agenda_en = models.TextField(_("typical agenda (English)"), blank=True)
    follow_up_zh = models.TextField(_("follow-up (Chinese)"), blank=True)
    follow_up_en = models.TextField(_("follow-up (English)"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("communication mechanism")
        verbose_name_plural = _("communication mechanisms")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized({"zh": self.name_zh, "en": self.name_en}, self.code)

    def text(self, field: str) -> str:
        return localized({"zh": getattr(self, f"{field}_zh"), "en": getattr(self, f"{field}_en")})


class MechanismCadence(BaseModel):
    """How often a mechanism should run per year for one account category (0 = not planned)."""

    mechanism = models.ForeignKey(
        Mechanism, on_delete=models.CASCADE, related_name="cadences", verbose_name=_("mechanism")
    )
    category = models.CharField(_("category"), max_length=20, choices=AccountCategory.choices)
    per_year = models.DecimalField(
        _("times per year"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    is_on_demand = models.BooleanField(_("on demand only"), default=False)

    class Meta:
        verbose_name = _("default cadence")
        verbose_name_plural = _("default cadences")
        ordering = ["mechanism", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["mechanism", "category"], name="unique_cadence_per_category"
            ),
            models.CheckConstraint(
                condition=models.Q(per_year__gte=0), name="cadence_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mechanism} · {self.category}: {self.per_year}"


def mechanism_names() -> dict[str, str]:
    """Each mechanism's stored names (either language) → its name now, for the history."""
    names = {}
    for mechanism in Mechanism.objects.all():
        for stored in (mechanism.name_zh, mechanism.name_en, mechanism.code):
            names[stored] = mechanism.name
    return names


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
    title = models.CharField(_("title"), max_length=200)
    planned_on = models.DateField(_("planned date"))
    # Planned for the month only (the day is not fixed yet): planned_on is the 1st.
    is_month_only = models.BooleanField(_("month only"), default=False)
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
        if self.key_person_id and self.account_id and self.key_person.account_id != self.account_id:
            raise ValidationError({"key_person": _("The key person works at another account.")})
        if self.is_month_only and self.planned_on and self.planned_on.day != 1:
            self.planned_on = self.planned_on.replace(day=1)


class CustomerKeyDate(BaseModel):
    """The customer's own key dates (budget cycle, tenders, shutdowns, board meetings)."""

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="key_dates", verbose_name=_("account")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=KeyDateKind.choices)
    title = models.CharField(_("title"), max_length=200)
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
    title = models.CharField(_("title"), max_length=200)
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
    description = models.CharField(_("action"), max_length=500)
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
        if (
            self.owner_contact_id
            and self.account_id
            and self.owner_contact.account_id != self.account_id
        ):
            errors["owner_contact"] = _("The customer owner works at another account.")
        if errors:
            raise ValidationError(errors)


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
        if (
            self.customer_owner_id
            and self.account_id
            and self.customer_owner.account_id != self.account_id
        ):
            errors["customer_owner"] = _("The customer owner works at another account.")
        if self.stage == MatchingStage.VALUE_PROVEN and not self.evidence.strip():
            errors["evidence"] = _("Record the evidence before marking the value as proven.")
        if errors:
            raise ValidationError(errors)


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


# The spec's defaults [D] (T5.3 traffic lights, T6 digest windows). The newest EngagementSettings
# row holds; while there is none, the selector answers an unsaved row with these values.
DEFAULT_COMPLIANCE_TARGET = 85
DEFAULT_COMPLIANCE_RED_BELOW = 70
DEFAULT_DIGEST_UPCOMING_DAYS = 7
DEFAULT_DIGEST_DUE_SOON_DAYS = 3


class EngagementSettings(BaseModel):
    """The engagement thresholds and reminder windows. Never edited: a change adds a row; the
    newest one holds."""

    compliance_target = models.PositiveSmallIntegerField(
        _("compliance target (%)"),
        default=DEFAULT_COMPLIANCE_TARGET,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Green at or above this calendar compliance."),
    )
    compliance_red_below = models.PositiveSmallIntegerField(
        _("red below (%)"),
        default=DEFAULT_COMPLIANCE_RED_BELOW,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Red below this compliance, amber between it and the target."),
    )
    digest_upcoming_days = models.PositiveSmallIntegerField(
        _("digest: upcoming entries (days ahead)"),
        default=DEFAULT_DIGEST_UPCOMING_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("The daily digest lists the calendar entries of this many days ahead."),
    )
    digest_due_soon_days = models.PositiveSmallIntegerField(
        _("digest: actions due soon (days ahead)"),
        default=DEFAULT_DIGEST_DUE_SOON_DAYS,
        validators=[MinValueValidator(0), MaxValueValidator(30)],
        help_text=_("The daily digest lists open actions overdue or due within this many days."),
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
        verbose_name = _("engagement settings")
        verbose_name_plural = _("engagement settings")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(compliance_target__lte=100),
                name="engagement_target_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(compliance_red_below__lte=models.F("compliance_target")),
                name="engagement_red_not_above_target",
            ),
            models.CheckConstraint(
                condition=models.Q(digest_upcoming_days__gte=1, digest_upcoming_days__lte=60),
                name="engagement_upcoming_days_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(digest_due_soon_days__lte=30),
                name="engagement_due_soon_days_in_range",
            ),
        ]

    def __str__(self) -> str:
        since = f" · {self.created_at:%Y-%m-%d %H:%M}" if self.created_at else ""
        return f"{self.compliance_target}/{self.compliance_red_below} %{since}"

    def clean(self) -> None:
        if (
            self.compliance_target is not None
            and self.compliance_red_below is not None
            and self.compliance_red_below > self.compliance_target
        ):
            raise ValidationError(
                {
                    "compliance_red_below": _(
                        "The red line must not be above the target ({target} %)."
                    ).format(target=self.compliance_target)
                }
            )
