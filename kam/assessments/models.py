"""The scoring engine's data: versioned templates and immutable assessment snapshots (§7.2)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kam.accounts.models import Account, Competitor
from kam.assessments import engine
from kam.assessments.choices import Aggregation, ToolCode
from kam.core.models import BaseModel

PERIOD_VALIDATOR = RegexValidator(
    r"^\d{4}(-(Q[1-4]|H[12]))?$",
    _("Enter a period as a year (2026), a half year (2026-H1) or a quarter (2026-Q3)."),
)


def localized(labels: dict[str, str] | None, fallback: str = "") -> str:
    """Pick the zh or en label of a {"zh": …, "en": …} dict for the active language."""
    if not labels:
        return fallback
    key = "zh" if (get_language() or "").startswith("zh") else "en"
    return labels.get(key) or labels.get("en") or labels.get("zh") or fallback


class AssessmentTemplate(BaseModel):
    """One version of a scored instrument. Versions are never edited once created."""

    tool_code = models.CharField(_("instrument"), max_length=40, choices=ToolCode.choices)
    version = models.PositiveIntegerField(_("version"))
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    scale_min = models.DecimalField(_("scale minimum"), max_digits=6, decimal_places=2)
    scale_max = models.DecimalField(_("scale maximum"), max_digits=6, decimal_places=2)
    aggregation = models.CharField(
        _("aggregation"),
        max_length=20,
        choices=Aggregation.choices,
        default=Aggregation.WEIGHTED_MEAN,
    )
    special_formula = models.CharField(_("special formula"), max_length=50, blank=True)
    # [{"code": "communication", "zh": "沟通", "en": "Communication"}, …] in display order.
    groups = models.JSONField(_("groups"), default=list, blank=True)
    # {"communication": 25, …}; empty: criteria weights only.
    group_weights = models.JSONField(_("group weights"), default=dict, blank=True)
    # [{"lower_bound": 0, "code": "basic", "zh": "初步合作", "en": "Basic"}, …]
    bands = models.JSONField(_("bands"), default=list, blank=True)
    # [{"band_code": "integrated", "minimums": {"joint": 70, "identification": 70}}, …]
    gates = models.JSONField(_("gates"), default=list, blank=True)
    completeness_threshold = models.DecimalField(
        _("completeness threshold"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.8"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
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
        verbose_name = _("assessment template")
        verbose_name_plural = _("assessment templates")
        ordering = ["tool_code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["tool_code", "version"], name="unique_template_version"
            ),
            models.UniqueConstraint(
                fields=["tool_code"],
                condition=models.Q(is_current=True),
                name="one_current_template_per_tool",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    @property
    def name(self) -> str:
        return localized({"zh": self.name_zh, "en": self.name_en})

    def clean(self) -> None:
        has_scale = self.scale_max is not None and self.scale_min is not None
        if has_scale and self.scale_max <= self.scale_min:
            raise ValidationError({"scale_max": _("The maximum must be above the minimum.")})
        is_special = self.aggregation == Aggregation.SPECIAL
        if is_special and self.special_formula not in engine.SPECIAL_FORMULAS:
            raise ValidationError({"special_formula": _("Unknown special formula.")})

    def group_label(self, code: str) -> str:
        for group in self.groups:
            if group.get("code") == code:
                return localized(group, code)
        return code

    def band_label(self, code: str) -> str:
        for band in self.bands:
            if band.get("code") == code:
                return localized(band, code)
        return code

    def spec(self, criteria: list["Criterion"] | None = None) -> engine.TemplateSpec:
        """The engine's view of this version (pass prefetched criteria to avoid a query)."""
        rows = criteria if criteria is not None else list(self.criteria.all())
        return engine.TemplateSpec(
            criteria=tuple(row.spec(self) for row in rows),
            aggregation=self.aggregation,
            special_formula=self.special_formula,
            group_weights={key: float(value) for key, value in self.group_weights.items()},
            bands=tuple(
                engine.Band(float(band["lower_bound"]), band["code"]) for band in self.bands
            ),
            gates=tuple(
                engine.Gate(gate["band_code"], {k: float(v) for k, v in gate["minimums"].items()})
                for gate in self.gates
            ),
            completeness_threshold=float(self.completeness_threshold),
            parameters=self.parameters,
        )


class Criterion(models.Model):
    """A criterion (item) of one template version, with its anchors per scale level."""

    template = models.ForeignKey(
        AssessmentTemplate,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("template"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    code = models.SlugField(_("code"), max_length=50)
    group = models.CharField(_("group"), max_length=50, blank=True)
    label_zh = models.CharField(_("label (Chinese)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200)
    weight = models.DecimalField(
        _("weight"),
        max_digits=8,
        decimal_places=3,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    scale_min = models.DecimalField(
        _("scale minimum"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    scale_max = models.DecimalField(
        _("scale maximum"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    # {"0": {"zh": "…", "en": "…"}, "5": {…}}: the behavioural anchor of a scale level.
    anchors = models.JSONField(_("anchors"), default=dict, blank=True)
    is_required = models.BooleanField(_("required"), default=False)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["template", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="unique_criterion_code"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return localized({"zh": self.label_zh, "en": self.label_en}, self.code)

    def bounds(self, template: AssessmentTemplate) -> tuple[Decimal, Decimal]:
        low = self.scale_min if self.scale_min is not None else template.scale_min
        high = self.scale_max if self.scale_max is not None else template.scale_max
        return low, high

    def anchor(self, level: object) -> str:
        return localized(self.anchors.get(str(level)))

    def spec(self, template: AssessmentTemplate) -> engine.CriterionSpec:
        low, high = self.bounds(template)
        return engine.CriterionSpec(
            code=self.code,
            weight=float(self.weight),
            scale_min=float(low),
            scale_max=float(high),
            group=self.group,
            is_required=self.is_required,
        )


class Assessment(BaseModel):
    """An immutable snapshot: the answers and the results computed under one template version.

    A correction or a re-score creates a new snapshot that supersedes this one.
    """

    template = models.ForeignKey(
        AssessmentTemplate,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("template"),
    )
    tool_code = models.CharField(_("instrument"), max_length=40, choices=ToolCode.choices)
    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("account")
    )
    # "" for the account itself; otherwise who the snapshot is about within the account
    # (the key-person ladder stores the contact's uuid), so each subject has its own history.
    subject = models.CharField(_("subject"), max_length=40, blank=True, default="")
    period = models.CharField(_("period"), max_length=7, validators=[PERIOD_VALIDATOR])
    assessed_on = models.DateField(_("assessed on"))
    assessors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("assessors")
    )
    note = models.TextField(_("note"), blank=True)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    is_current = models.BooleanField(_("current snapshot"), default=True)
    total = models.DecimalField(_("total"), max_digits=6, decimal_places=2, null=True)
    band = models.CharField(_("band"), max_length=40, blank=True)
    completeness = models.DecimalField(_("completeness"), max_digits=5, decimal_places=4)
    is_complete = models.BooleanField(_("complete"), default=True)
    result = models.JSONField(_("result"), default=dict)
    inputs = models.JSONField(_("inputs"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-period", "-created_at"]
        indexes = [
            # Portfolio views: the current snapshot of every account for one instrument/period.
            # With the account and the band it covers the value portfolio's periods, count and
            # level-sorted ids: SQLite then reads no snapshot row (each ~2 KB of JSON) to learn
            # whether its account is visible, and for a director no longer reads every row.
            models.Index(fields=["tool_code", "period", "is_current", "account", "band"]),
            # An account's history of one instrument (compare with the past).
            models.Index(fields=["account", "tool_code", "-period"]),
            # A person's history of one instrument (the key-person ladder).
            models.Index(fields=["tool_code", "subject", "is_current"]),
            # The scorecard heat table: a period's current snapshots, highest total first. The
            # database walks it and sorts only ties by name, stopping at the page's end.
            models.Index(
                fields=["tool_code", "period", "-total"],
                condition=models.Q(is_current=True),
                name="assessment_current_by_total",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "tool_code", "period", "subject"],
                condition=models.Q(is_current=True),
                name="one_current_assessment_per_period",
            ),
        ]

    def __str__(self) -> str:
        # Language-neutral: the audit trail stores this text once and shows it in both languages.
        return f"{self.account} · {self.period}"

    @property
    def band_label(self) -> str:
        return self.template.band_label(self.band) if self.band else ""

    @property
    def exact_total(self) -> float | None:
        """The total as the engine computed it. `total` is rounded to two places for display;
        every category, band or threshold decision reads this value instead (59.9967 is below
        60 even though it shows as 60.00)."""
        return engine.exact_total_of(self.result, self.total)


class Response(models.Model):
    """One assessor's answer to one criterion, about us or (for relative strength) a competitor."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="responses", verbose_name=_("assessment")
    )
    criterion_code = models.SlugField(_("criterion"), max_length=50)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assessor"),
    )
    competitor = models.ForeignKey(
        Competitor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("competitor"),
    )
    value = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["assessment", "pk"]

    def __str__(self) -> str:
        return f"{self.criterion_code}={self.value}"
