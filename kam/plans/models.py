"""The annual relationship-improvement plan (T13 《大客户关系提升年度规划书》): one per account
and year. Sections 1–4 and 7–8 are computed from the tools' records when read (links, not
copies); the team edits the objectives, strategies, budget lines, risks and review dates. A
director approves the plan into an immutable `PlanVersion` (a JSON snapshot). Letters, reviews
and alerts will hang from the plan."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.accounts.choices import Currency
from kam.accounts.models import Account
from kam.core.models import BaseModel
from kam.engagement.choices import TacticTier
from kam.metrics.choices import MetricFrequency, MetricKind
from kam.metrics.registry import catalogue, definition_for
from kam.plans.choices import ComparisonBasis, Likelihood, PlanStatus

YEARS = (2000, 2100)


class AccountPlan(BaseModel):
    """An account's plan for a year: the working draft the team edits.

    `version` grows with every write to the plan or its lists (a stale edit is refused);
    `approved_version` is the `version` the last approval froze (0: never approved)."""

    UNIQUE_FIELD_ERRORS = {
        "account_plan_one_per_year": ("year", _("This account already has a plan for that year."))
    }

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="plans", verbose_name=_("account")
    )
    year = models.PositiveIntegerField(
        _("year"), validators=[MinValueValidator(YEARS[0]), MaxValueValidator(YEARS[1])]
    )
    baseline_on = models.DateField(_("baseline date"))
    version = models.PositiveIntegerField(_("version"), default=1)
    approved_version = models.PositiveIntegerField(_("approved version"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("annual plan")
        verbose_name_plural = _("annual plans")
        ordering = ["account", "-year"]
        constraints = [
            # One plan per account and year; its index serves the account's plans by year.
            models.UniqueConstraint(fields=["account", "year"], name="account_plan_one_per_year"),
        ]

    def __str__(self) -> str:
        return str(self.year)  # audit entries keep it: no words, readable in both languages

    @property
    def status(self) -> str:
        return PlanStatus.APPROVED if self.approved_version == self.version else PlanStatus.DRAFT

    def get_status_display(self) -> str:
        return str(PlanStatus(self.status).label)


class PlanItem(BaseModel):
    """Something listed in a plan's section; ordered by creation."""

    class Meta:
        abstract = True


def metric_labels() -> dict[str, str]:
    """The catalogue's metrics by code, for the history of the objectives."""
    return {item.code: str(item.label) for item in catalogue()}


class Objective(PlanItem):
    """目标 (section 5): a catalogue metric with its baseline at the plan date, a target and a
    weight. The baseline comes from the catalogue unless the metric is manual."""

    AUDIT_LIST_CHOICES = {"metric_code": metric_labels}

    plan = models.ForeignKey(
        AccountPlan, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("plan")
    )
    kind = models.CharField(_("type"), max_length=10, choices=MetricKind.choices)
    metric_code = models.CharField(_("metric"), max_length=60)
    baseline = models.DecimalField(
        _("baseline"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=4)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    comparison_basis = models.CharField(
        _("comparison basis"), max_length=12, choices=ComparisonBasis.choices
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner"),
    )
    frequency = models.CharField(_("frequency"), max_length=10, choices=MetricFrequency.choices)
    # Where the actual comes from (可统计): the catalogue's source for a computed metric; the
    # team says it for a manual one (a letter cannot be signed without it).
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    gap_key = models.CharField(_("linked gap"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["plan", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.plan.year} #{self.pk}"

    @property
    def metric_label(self) -> str:
        definition = definition_for(self.metric_code)
        return str(definition.label) if definition else self.metric_code

    def clean(self) -> None:
        if definition_for(self.metric_code) is None:
            raise ValidationError({"metric_code": _("Choose a metric of the catalogue.")})


class Strategy(PlanItem):
    """策略与战术 (section 6): a strategy, the tier of value it works on and the gaps it closes."""

    plan = models.ForeignKey(
        AccountPlan, on_delete=models.CASCADE, related_name="strategies", verbose_name=_("plan")
    )
    description = models.TextField(_("strategy"))
    tactic_tier = models.CharField(_("tactic tier"), max_length=12, choices=TacticTier.choices)
    gap_keys = models.JSONField(_("linked gaps"), default=list, blank=True)

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["plan", "created_at", "pk"]

    def __str__(self) -> str:
        return self.description[:60]


class BudgetLine(PlanItem):
    """资源与预算 (section 8): one line of the plan's budget."""

    plan = models.ForeignKey(
        AccountPlan, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("plan")
    )
    description = models.CharField(_("budget line"), max_length=200)
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.CNY
    )

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["plan", "created_at", "pk"]

    def __str__(self) -> str:
        return self.description


class Risk(PlanItem):
    """风险 (section 9): a risk, its probability and impact, and how it is mitigated."""

    plan = models.ForeignKey(
        AccountPlan, on_delete=models.CASCADE, related_name="risks", verbose_name=_("plan")
    )
    description = models.CharField(_("risk"), max_length=300)
    probability = models.CharField(_("probability"), max_length=6, choices=Likelihood.choices)
    impact = models.CharField(_("impact"), max_length=6, choices=Likelihood.choices)
    mitigation = models.TextField(_("mitigation"), blank=True)

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["plan", "created_at", "pk"]

    def __str__(self) -> str:
        return self.description


class ReviewDate(PlanItem):
    """回顾安排 (section 10): a date the plan is reviewed on (default: each quarter's end)."""

    plan = models.ForeignKey(
        AccountPlan, on_delete=models.CASCADE, related_name="review_dates", verbose_name=_("plan")
    )
    review_on = models.DateField(_("review date"))
    label = models.CharField(_("label"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("review date")
        verbose_name_plural = _("review dates")
        ordering = ["plan", "review_on", "pk"]

    def __str__(self) -> str:
        return self.review_on.isoformat()


class PlanVersion(BaseModel):
    """An approved version of a plan: its objectives, targets, gaps, strategies, risks and
    review dates frozen as JSON, with the approver and the time. Never changed once written."""

    plan = models.ForeignKey(
        AccountPlan, on_delete=models.CASCADE, related_name="versions", verbose_name=_("plan")
    )
    number = models.PositiveIntegerField(_("version number"))
    snapshot = models.JSONField(_("snapshot"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"))

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["plan", "-number"]
        constraints = [
            # One number per plan; its index serves the plan's versions, newest first.
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.plan.year} #{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError(_("An approved plan version cannot be changed."))
        super().save(*args, **kwargs)
