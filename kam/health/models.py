"""The relationship test model (T3): satisfaction surveys and share-of-wallet estimates.

The relationship test itself is an `Assessment` on the scoring engine (tool relationship_test).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kam.accounts.choices import Currency
from kam.accounts.models import Account, Competitor
from kam.assessments import formulas
from kam.assessments.models import PERIOD_VALIDATOR, AssessmentTemplate
from kam.core.models import BaseModel
from kam.health.choices import Confidence
from kam.people.models import Contact

ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]
ZERO_TO_TEN = [MinValueValidator(0), MaxValueValidator(10)]


class SatisfactionSurvey(BaseModel):
    """单一客户满意度测试: one survey among an account's stakeholders, an immutable snapshot.

    The figures computed at submit time are stored in `results`. A correction creates a new
    survey that supersedes this one; only the newest survey of a period is current.
    """

    account = models.ForeignKey(
        Account,
        on_delete=models.CASCADE,
        related_name="satisfaction_surveys",
        verbose_name=_("account"),
    )
    template = models.ForeignKey(
        AssessmentTemplate,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("attribute template"),
    )
    period = models.CharField(_("period"), max_length=7, validators=[PERIOD_VALIDATOR])
    conducted_on = models.DateField(_("conducted on"))
    note = models.TextField(_("note"), blank=True)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    is_current = models.BooleanField(_("current survey"), default=True)
    # A copy of results["satisfaction_index"], so that portfolio views can filter and plot it.
    satisfaction_index = models.DecimalField(
        _("satisfaction index"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    results = models.JSONField(_("results"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        ordering = ["-period", "-created_at"]
        indexes = [
            # Health page and API: an account's surveys, newest period first.
            models.Index(fields=["account", "-period"]),
            # Diagnosis matrix: the current survey of every account for one period.
            models.Index(fields=["period", "is_current"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "period"],
                condition=models.Q(is_current=True),
                name="one_current_survey_per_period",
            ),
            models.CheckConstraint(
                condition=models.Q(satisfaction_index__gte=0, satisfaction_index__lte=100)
                | models.Q(satisfaction_index__isnull=True),
                name="survey_satisfaction_index_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.period}"

    def clean(self) -> None:
        if self.conducted_on and self.conducted_on > timezone.localdate():
            raise ValidationError({"conducted_on": _("A survey cannot be dated in the future.")})


class SurveyRespondent(BaseModel):
    """One stakeholder's answers in a survey; the contact is left out for anonymous answers."""

    survey = models.ForeignKey(
        SatisfactionSurvey,
        on_delete=models.CASCADE,
        related_name="respondents",
        verbose_name=_("survey"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_answers",
        verbose_name=_("contact"),
    )
    role = models.CharField(_("role"), max_length=100, blank=True)
    influence = models.PositiveSmallIntegerField(
        _("influence"),
        default=5,
        validators=ZERO_TO_TEN,
        help_text=_("0–10: the weight of this person's answers in the satisfaction index."),
    )
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    overall = models.PositiveSmallIntegerField(
        _("overall satisfaction"), null=True, blank=True, validators=ONE_TO_FIVE
    )
    recommend = models.PositiveSmallIntegerField(
        _("likelihood to recommend"), null=True, blank=True, validators=ZERO_TO_TEN
    )
    verbatim = models.TextField(_("verbatim"), blank=True)

    class Meta:
        verbose_name = _("survey respondent")
        verbose_name_plural = _("survey respondents")
        ordering = ["survey", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(influence__lte=10), name="respondent_influence_0_10"
            ),
            models.CheckConstraint(
                condition=models.Q(overall__gte=1, overall__lte=5) | models.Q(overall__isnull=True),
                name="respondent_overall_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(recommend__lte=10) | models.Q(recommend__isnull=True),
                name="respondent_recommend_0_10",
            ),
        ]

    def __str__(self) -> str:
        if self.is_anonymous or self.contact_id is None:
            return self.role or str(_("Anonymous respondent"))
        return str(self.contact)

    def clean(self) -> None:
        if self.contact_id and self.is_anonymous:
            raise ValidationError({"contact": _("An anonymous answer cannot name a contact.")})
        contact = self.contact if self.contact_id else None
        if contact is not None and self.survey_id and contact.account_id != self.survey.account_id:
            raise ValidationError({"contact": _("The contact works at another account.")})


class SurveyRating(BaseModel):
    """One respondent's importance and performance rating of one survey attribute (1–5)."""

    respondent = models.ForeignKey(
        SurveyRespondent,
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("respondent"),
    )
    attribute_code = models.SlugField(_("attribute"), max_length=50)
    importance = models.PositiveSmallIntegerField(_("importance"), validators=ONE_TO_FIVE)
    performance = models.PositiveSmallIntegerField(_("performance"), validators=ONE_TO_FIVE)

    class Meta:
        verbose_name = _("survey rating")
        verbose_name_plural = _("survey ratings")
        ordering = ["respondent", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["respondent", "attribute_code"], name="one_rating_per_attribute"
            ),
            models.CheckConstraint(
                condition=models.Q(importance__gte=1, importance__lte=5),
                name="rating_importance_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(performance__gte=1, performance__lte=5),
                name="rating_performance_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attribute_code}: {self.importance}/{self.performance}"


class WalletEstimate(BaseModel):
    """钱包份额: the customer's spend in one category and period, and how much of it is ours."""

    account = models.ForeignKey(
        Account,
        on_delete=models.CASCADE,
        related_name="wallet_estimates",
        verbose_name=_("account"),
    )
    period = models.CharField(_("period"), max_length=7, validators=[PERIOD_VALIDATOR])
    category_code = models.SlugField(
        _("category code"),
        max_length=50,
        help_text=_("A short code that stays the same across periods, e.g. transformers."),
    )
    category_label = models.CharField(_("category"), max_length=200)
    customer_total_spend = models.DecimalField(
        _("customer's total spend"),
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    our_revenue = models.DecimalField(
        _("our revenue"),
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.CNY
    )
    our_rank = models.PositiveSmallIntegerField(
        _("our rank"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How the customer ranks us among the suppliers it uses (1 = first)."),
    )
    number_of_suppliers = models.PositiveSmallIntegerField(
        _("number of suppliers"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    confidence = models.CharField(
        _("confidence"), max_length=10, choices=Confidence.choices, default=Confidence.MEDIUM
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("wallet estimate")
        verbose_name_plural = _("wallet estimates")
        ordering = ["-period", "category_label", "pk"]
        constraints = [
            # Also the index of the health page's and the diagnosis matrix's look-ups by
            # account and period.
            models.UniqueConstraint(
                fields=["account", "period", "category_code"], name="one_estimate_per_category"
            ),
            models.CheckConstraint(
                condition=models.Q(customer_total_spend__gt=0), name="wallet_spend_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(our_revenue__gte=0)
                & models.Q(our_revenue__lte=models.F("customer_total_spend")),
                name="wallet_revenue_within_spend",
            ),
            models.CheckConstraint(
                condition=models.Q(our_rank__lte=models.F("number_of_suppliers"))
                | models.Q(our_rank__isnull=True)
                | models.Q(number_of_suppliers__isnull=True),
                name="wallet_rank_within_suppliers",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.period} {self.category_label}"

    def clean(self) -> None:
        errors = {}
        spend, revenue = self.customer_total_spend, self.our_revenue
        if spend is not None and revenue is not None and revenue > spend:
            errors["our_revenue"] = _("Our revenue cannot exceed the customer's total spend.")
        rank, suppliers = self.our_rank, self.number_of_suppliers
        if rank is not None and suppliers is not None and rank > suppliers:
            errors["our_rank"] = _("Our rank must lie between 1 and the number of suppliers.")
        if errors:
            raise ValidationError(errors)

    @property
    def share_of_wallet_percent(self) -> float | None:
        """SOW (actual) = our revenue / the customer's total spend."""
        return formulas.share_of_wallet(float(self.our_revenue), float(self.customer_total_spend))

    @property
    def wallet_allocation_percent(self) -> float | None:
        """SOW estimated by the Wallet Allocation Rule from our rank among N suppliers."""
        if self.our_rank is None or self.number_of_suppliers is None:
            return None
        return formulas.wallet_allocation_rule(self.our_rank, self.number_of_suppliers)

    @property
    def our_share_percent(self) -> Decimal:
        """Our share of the category's spend in %, to the cent, in exact decimal arithmetic."""
        ratio = self.our_revenue / self.customer_total_spend * 100
        return ratio.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def headroom(self) -> Decimal:
        return self.customer_total_spend - self.our_revenue


class WalletCompetitorShare(BaseModel):
    """A competitor's estimated share of the customer's spend in one wallet estimate."""

    estimate = models.ForeignKey(
        WalletEstimate,
        on_delete=models.CASCADE,
        related_name="competitor_shares",
        verbose_name=_("wallet estimate"),
    )
    competitor = models.ForeignKey(
        Competitor, on_delete=models.PROTECT, related_name="+", verbose_name=_("competitor")
    )
    share_percent = models.DecimalField(
        _("share (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        verbose_name = _("competitor share")
        verbose_name_plural = _("competitor shares")
        ordering = ["estimate", "-share_percent", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["estimate", "competitor"], name="one_share_per_competitor"
            ),
            models.CheckConstraint(
                condition=models.Q(share_percent__gte=0, share_percent__lte=100),
                name="competitor_share_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competitor}: {self.share_percent} %"
