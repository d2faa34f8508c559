"""The target-responsibility letter (T13 《大客户关系管理目标责任书》): a signed commitment of one
owner to the objectives of an annual plan they own. A letter freezes its objectives and the
evaluation rules in force when it is generated; once signed it never changes, and closing it
scores it from the catalogue's actuals and freezes the score.

The evaluation rules themselves are data an administrator changes (`EvaluationRuleSet`): each
change adds a version, never edits one."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.assessments.models import localized
from kam.core.models import BaseModel
from kam.letters.choices import LetterStatus
from kam.metrics.choices import MetricDirection, MetricFrequency, MetricKind, MetricUnit
from kam.plans.choices import ComparisonBasis, Rating
from kam.plans.models import AccountPlan, Objective


class EvaluationRuleSet(BaseModel):
    """One version of the evaluation rules (T13.3): the process share of the letter score, the
    achievement cap and the lowest score of each rating band. Never changed once written."""

    number = models.PositiveIntegerField(_("version number"), unique=True)
    process_share = models.DecimalField(
        _("process share"), max_digits=4, decimal_places=3,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )  # fmt: skip
    cap = models.DecimalField(
        _("achievement cap"), max_digits=4, decimal_places=2,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("3"))],
    )  # fmt: skip
    excellent_from = models.DecimalField(_("excellent from"), max_digits=7, decimal_places=2)
    good_from = models.DecimalField(_("good from"), max_digits=7, decimal_places=2)
    pass_from = models.DecimalField(_("satisfactory from"), max_digits=7, decimal_places=2)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("created by"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("evaluation rule set")
        verbose_name_plural = _("evaluation rule sets")
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"#{self.number}"

    def clean(self) -> None:
        bands = (self.excellent_from, self.good_from, self.pass_from)
        if None not in bands and not (bands[0] > bands[1] > bands[2] >= 0):
            raise ValidationError(
                {"good_from": _("The bands must fall: excellent above good above satisfactory.")}
            )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError(_("A version of the evaluation rules cannot be changed."))
        super().save(*args, **kwargs)


class ResponsibilityLetter(BaseModel):
    """目标责任书: one owner's commitment to their objectives of a plan for the plan's year.

    At most one letter per plan and owner is open (not closed); a closed letter stays as it was
    and a new generation makes a new letter."""

    plan = models.ForeignKey(
        AccountPlan, on_delete=models.CASCADE, related_name="letters", verbose_name=_("plan")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("owner"),
    )  # fmt: skip
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        blank=True, verbose_name=_("approver"),
    )  # fmt: skip
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    rules = models.JSONField(_("evaluation rules"))
    status = models.CharField(
        _("status"), max_length=12, choices=LetterStatus.choices, default=LetterStatus.DRAFT
    )
    signed_by_owner_at = models.DateTimeField(_("signed by the owner at"), null=True, blank=True)
    signed_by_approver_at = models.DateTimeField(
        _("signed by the approver at"), null=True, blank=True
    )
    closed_on = models.DateField(_("scored as of"), null=True, blank=True)
    process_score = models.DecimalField(
        _("process score"), null=True, blank=True, max_digits=7, decimal_places=2
    )
    result_score = models.DecimalField(
        _("result score"), null=True, blank=True, max_digits=7, decimal_places=2
    )
    final_score = models.DecimalField(
        _("final score"), null=True, blank=True, max_digits=7, decimal_places=2
    )
    rating = models.CharField(_("rating"), max_length=10, choices=Rating.choices, blank=True)
    results = models.JSONField(_("results"), default=list, blank=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("generated by"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("responsibility letter")
        verbose_name_plural = _("responsibility letters")
        ordering = ["plan", "-created_at", "pk"]
        constraints = [
            # One open letter per plan and owner; its index serves the plan's letters.
            models.UniqueConstraint(
                fields=["plan", "owner"],
                condition=~models.Q(status=LetterStatus.CLOSED),
                name="letter_one_open_per_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan.year} {self.owner}"

    @property
    def is_frozen(self) -> bool:
        return self.status in (LetterStatus.SIGNED, LetterStatus.CLOSED)

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A signed letter changes only by being closed; a closed one never changes."""
        if self.pk is not None:
            stored = type(self)._base_manager.filter(pk=self.pk).values_list("status", flat=True)
            before = stored.first()
            closing = before == LetterStatus.SIGNED and self.status == LetterStatus.CLOSED
            if before == LetterStatus.CLOSED or (before == LetterStatus.SIGNED and not closing):
                raise ValidationError(_("A signed responsibility letter cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.is_frozen:
            raise ValidationError(_("A signed responsibility letter cannot be changed."))
        return super().delete(*args, **kwargs)


class LetterObjective(BaseModel):
    """An objective as the letter froze it: KPI, baseline, target, weight (the letter's weights
    add up to 100.00) and how it is evaluated. The plan's objective may change or go later."""

    letter = models.ForeignKey(
        ResponsibilityLetter, on_delete=models.CASCADE, related_name="objectives",
        verbose_name=_("letter"),
    )  # fmt: skip
    source = models.ForeignKey(
        Objective, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("plan objective"),
    )  # fmt: skip
    metric_code = models.CharField(_("metric"), max_length=60)
    label = models.JSONField(_("KPI"))  # {"zh": …, "en": …}
    kind = models.CharField(_("type"), max_length=10, choices=MetricKind.choices)
    unit = models.CharField(_("unit"), max_length=10, choices=MetricUnit.choices, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=MetricDirection.choices)
    is_stage = models.BooleanField(_("stage or level metric"), default=False)
    baseline = models.DecimalField(
        _("baseline"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=4)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2)
    comparison_basis = models.CharField(
        _("comparison basis"), max_length=12, choices=ComparisonBasis.choices
    )
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=MetricFrequency.choices, blank=True
    )
    formula = models.JSONField(_("formula"), default=dict, blank=True)  # {"zh": …, "en": …}
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("letter objective")
        verbose_name_plural = _("letter objectives")
        ordering = ["letter", "position", "pk"]

    def __str__(self) -> str:
        return self.metric_code

    @property
    def metric_label(self) -> str:
        return localized(self.label, self.metric_code)

    @property
    def formula_text(self) -> str:
        return localized(self.formula)

    @property
    def is_lower_better(self) -> bool:
        return self.direction == MetricDirection.LOWER_BETTER

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.letter.status != LetterStatus.DRAFT:
            raise ValidationError(_("A signed responsibility letter cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.letter.status != LetterStatus.DRAFT:
            raise ValidationError(_("A signed responsibility letter cannot be changed."))
        return super().delete(*args, **kwargs)
