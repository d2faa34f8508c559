"""The scorecard's own data: the four categories' policies and the portfolio settings (T1).

The scores themselves are assessment snapshots of the one engine (templates
`scorecard_attractiveness` and `scorecard_strength`); the per-account figures (current revenue,
3-year potential, category spend) live in the attractiveness snapshot's `inputs`.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.accounts.choices import AccountCategory
from kam.assessments.formulas import CategoryThresholds
from kam.assessments.models import localized
from kam.broad.choices import BroadKpi
from kam.core.models import BaseModel
from kam.scorecard.choices import PlanDepth, ReviewCadence, ThresholdMode

PERCENT_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class CategoryPolicy(BaseModel):
    """大客户群管理战略: the management policy of one of the four categories, with its labels."""

    code = models.CharField(
        _("category"), max_length=20, choices=AccountCategory.choices, unique=True
    )
    label_zh = models.CharField(_("label (Chinese)"), max_length=100)
    label_en = models.CharField(_("label (English)"), max_length=100)
    policy_zh = models.TextField(_("management policy (Chinese)"))
    policy_en = models.TextField(_("management policy (English)"))
    plan_depth = models.CharField(_("plan depth"), max_length=10, choices=PlanDepth.choices)
    review_cadence = models.CharField(
        _("review cadence"), max_length=20, choices=ReviewCadence.choices
    )
    contact_cadence_days = models.PositiveSmallIntegerField(
        _("default contact cadence (days)"),
        validators=[MinValueValidator(1), MaxValueValidator(730)],
    )
    # {kpi code: target} for the broad-relationship KPIs (T10.2) of accounts in this category.
    broad_kpi_targets = models.JSONField(
        _("broad-relationship KPI targets"), default=dict, blank=True
    )

    class Meta:
        verbose_name = _("category policy")
        verbose_name_plural = _("category policies")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contact_cadence_days__gte=1, contact_cadence_days__lte=730),
                name="policy_contact_cadence_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return localized({"zh": self.label_zh, "en": self.label_en}, self.code)

    @property
    def policy(self) -> str:
        return localized({"zh": self.policy_zh, "en": self.policy_en})

    def clean(self) -> None:
        targets = self.broad_kpi_targets
        if not isinstance(targets, dict):
            raise ValidationError({"broad_kpi_targets": _("Enter the targets as a list by KPI.")})
        for code, value in targets.items():
            if code not in BroadKpi.values:
                message = _("Unknown KPI: {code}.").format(code=code)
                raise ValidationError({"broad_kpi_targets": message})
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                message = _("{kpi}: enter a target above 0.").format(kpi=BroadKpi(code).label)
                raise ValidationError({"broad_kpi_targets": message})


class PortfolioSettings(BaseModel):
    """How the portfolio is classified. Never edited: a change adds a row; the newest one holds."""

    threshold_mode = models.CharField(
        _("threshold mode"),
        max_length=20,
        choices=ThresholdMode.choices,
        default=ThresholdMode.FIXED,
    )
    attractiveness_threshold = models.DecimalField(
        _("attractiveness threshold"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("60"),
        validators=PERCENT_VALIDATORS,
        help_text=_("Fixed mode: an account at or above this attractiveness is “high”."),
    )
    strength_threshold = models.DecimalField(
        _("strength threshold"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("50"),
        validators=PERCENT_VALIDATORS,
        help_text=_("Fixed mode: 50 means as strong as the best competitor (ratio 1)."),
    )
    key_account_target_minimum = models.PositiveIntegerField(
        _("key accounts: lower end of the target band"), default=15
    )
    key_account_warn_count = models.PositiveIntegerField(_("key accounts: warn above"), default=35)
    key_account_hard_limit = models.PositiveIntegerField(
        _("key accounts: refuse above (unless a reason is given)"), default=50
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
        verbose_name = _("portfolio settings")
        verbose_name_plural = _("portfolio settings")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    attractiveness_threshold__gte=0,
                    attractiveness_threshold__lte=100,
                    strength_threshold__gte=0,
                    strength_threshold__lte=100,
                ),
                name="portfolio_thresholds_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(key_account_warn_count__lte=models.F("key_account_hard_limit")),
                name="portfolio_warn_not_above_limit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_threshold_mode_display()} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_median_mode(self) -> bool:
        return self.threshold_mode == ThresholdMode.PORTFOLIO_MEDIAN

    @property
    def fixed_thresholds(self) -> CategoryThresholds:
        return CategoryThresholds(
            attractiveness=float(self.attractiveness_threshold),
            strength=float(self.strength_threshold),
        )

    def clean(self) -> None:
        warn, limit = self.key_account_warn_count, self.key_account_hard_limit
        if warn is not None and limit is not None and warn > limit:
            raise ValidationError(
                {"key_account_warn_count": _("The warning must come at or below the limit.")}
            )
        minimum = self.key_account_target_minimum
        if minimum is not None and warn is not None and minimum > warn:
            raise ValidationError(
                {
                    "key_account_target_minimum": _(
                        "The target band must end at or below the warning."
                    )
                }
            )


class ScorecardPosition(models.Model):
    """Read model of the portfolio matrix: an account's position in one period.

    Written together with the scorecard's snapshots (never edited by hand), so that the matrix
    reads one flat row per account instead of parsing thousands of stored results.
    """

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="+", verbose_name=_("account")
    )
    period = models.CharField(_("period"), max_length=7)
    attractiveness_snapshot = models.OneToOneField(
        "assessments.Assessment",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("attractiveness snapshot"),
    )
    # The snapshot's public id, copied so the matrix need not join the snapshots.
    snapshot_uuid = models.UUIDField(_("snapshot id"))
    attractiveness = models.FloatField(_("attractiveness"))
    strength = models.FloatField(_("strength"), null=True)
    strength_ratio = models.FloatField(_("strength ratio"), null=True)
    current_revenue = models.DecimalField(
        _("current revenue"), max_digits=16, decimal_places=2, null=True
    )
    potential_revenue = models.DecimalField(
        _("3-year potential revenue"), max_digits=16, decimal_places=2, null=True
    )

    class Meta:
        verbose_name = _("portfolio position")
        verbose_name_plural = _("portfolio positions")
        constraints = [
            models.UniqueConstraint(fields=["account", "period"], name="one_position_per_period"),
        ]
        indexes = [
            # The portfolio matrix: every position of one period (and of the period before).
            models.Index(fields=["period", "account"]),
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.period}"


class PortfolioVersion(models.Model):
    """One row whose stamp changes with every write the portfolio matrix depends on (positions,
    settings, policies, accounts, teams, users' roles): the cached matrix of every web process is
    keyed by it, so a write in any process invalidates them all, in the writer's transaction. A
    random stamp, not a counter: a rolled-back write or a restored backup never reuses a stamp
    that was cached for other data."""

    stamp = models.CharField(_("version"), max_length=32)

    class Meta:
        verbose_name = _("portfolio version")
        verbose_name_plural = _("portfolio versions")

    def __str__(self) -> str:
        return self.stamp
