"""The key-person development card (客户关键拓展卡片, spec T9.2) and its development plan."""

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kam.accounts.models import Account
from kam.cards.choices import AttitudeToChange, CardActionStatus, PersonalNeed, SocialStyle
from kam.core.models import BaseModel
from kam.people.models import Contact

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Personal relationship platform: visible only to the contact's relationship owner, the account
# owner and directors (see kam.cards.selectors.can_view_personal_fields); every showing is audited.
PERSONAL_FIELDS = (
    "interests_hobbies",
    "associations",
    "family_milestones",
    "family_milestones_opt_in",
    "personal_data_basis",
)
AXIS_VALIDATORS = [MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("4"))]


class KeyPersonCard(BaseModel):
    """One living profile per key person: expectations, needs, style, platforms and plan.

    Shared by the account team; `version` grows with every save so that a stale edit is refused.
    Its history is the audit trail.
    """

    contact = models.OneToOneField(
        Contact, on_delete=models.CASCADE, related_name="card", verbose_name=_("contact")
    )
    # Denormalised from the contact: access checks and account-wide queries without a join.
    account = models.ForeignKey(
        Account,
        on_delete=models.CASCADE,
        related_name="key_person_cards",
        verbose_name=_("account"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    # --- 期望 organisational expectations ----------------------------------------------------
    job_kpis = models.TextField(_("job KPIs"), blank=True)
    current_priorities = models.TextField(_("current priorities"), blank=True)
    problems_owned = models.TextField(_("problems they own"), blank=True)
    success_criteria = models.TextField(_("success criteria for our offer"), blank=True)
    # --- 个人需求 personal needs (Maslow) and attitude to change --------------------------------
    primary_need = models.CharField(
        _("primary need"), max_length=20, choices=PersonalNeed.choices, blank=True
    )
    secondary_need = models.CharField(
        _("secondary need"), max_length=20, choices=PersonalNeed.choices, blank=True
    )
    attitude_to_change = models.CharField(
        _("attitude to change"), max_length=20, choices=AttitudeToChange.choices, blank=True
    )
    # --- 社交风格 social style (computed from the questionnaire) --------------------------------
    style_answers = models.JSONField(_("social style answers"), default=dict, blank=True)
    assertiveness = models.DecimalField(
        _("assertiveness (1–4)"),
        max_digits=2,
        decimal_places=1,
        null=True,
        blank=True,
        validators=AXIS_VALIDATORS,
    )
    responsiveness = models.DecimalField(
        _("responsiveness (1–4)"),
        max_digits=2,
        decimal_places=1,
        null=True,
        blank=True,
        validators=AXIS_VALIDATORS,
    )
    social_style = models.CharField(
        _("social style"), max_length=20, choices=SocialStyle.choices, blank=True
    )
    style_confidence = models.DecimalField(
        _("style confidence (0–1)"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    style_template_version = models.PositiveIntegerField(
        _("questionnaire version"), null=True, blank=True
    )
    style_recorded_at = models.DateTimeField(_("style recorded at"), null=True, blank=True)
    # --- 商务关系平台 business relationship platform -------------------------------------------
    industry_associations = models.TextField(_("industry associations"), blank=True)
    conferences = models.TextField(_("conferences"), blank=True)
    professional_communities = models.TextField(_("professional communities"), blank=True)
    our_touchpoints = models.TextField(_("our touchpoints (events, training, forums)"), blank=True)
    # --- 个人关系平台 personal relationship platform (PERSONAL_FIELDS) -------------------------
    interests_hobbies = models.TextField(_("interests and hobbies"), blank=True)
    associations = models.TextField(_("alumni, hometown and associations"), blank=True)
    family_milestones = models.TextField(_("family milestones"), blank=True)
    family_milestones_opt_in = models.BooleanField(
        _("the person agreed to family milestones being recorded"), default=False
    )
    personal_data_basis = models.TextField(
        _("lawful basis / consent for personal data"), blank=True
    )

    class Meta:
        verbose_name = _("key-person card")
        verbose_name_plural = _("key-person cards")
        ordering = ["account", "contact"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(primary_need="")
                | ~models.Q(primary_need=models.F("secondary_need")),
                name="card_needs_differ",
            ),
        ]

    def __str__(self) -> str:
        return str(self.contact)

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if self.contact_id and self.account_id and self.contact.account_id != self.account_id:
            errors["account"] = _("The card must belong to the contact's account.")
        if self.secondary_need and not self.primary_need:
            errors["primary_need"] = _("Choose the primary need before the secondary one.")
        elif self.primary_need and self.primary_need == self.secondary_need:
            errors["secondary_need"] = _("The secondary need must differ from the primary need.")
        if self.family_milestones.strip() and not self.family_milestones_opt_in:
            errors["family_milestones"] = _(
                "Record family milestones only when the person has agreed (tick the opt-in)."
            )
        has_personal_data = any(
            getattr(self, name).strip()
            for name in ("interests_hobbies", "associations", "family_milestones")
        )
        if has_personal_data and not self.personal_data_basis.strip():
            errors["personal_data_basis"] = _(
                "Personal data needs a lawful basis: note the consent or other basis."
            )
        if errors:
            raise ValidationError(errors)


class CardAction(BaseModel):
    """One step of a key person's development plan (拓展策略), owned by someone on the team."""

    card = models.ForeignKey(
        KeyPersonCard, on_delete=models.CASCADE, related_name="actions", verbose_name=_("card")
    )
    # Denormalised from the card: the access helper loads actions through their account.
    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="+", verbose_name=_("account")
    )
    description = models.CharField(pgettext_lazy("action item", "action"), max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="card_actions",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CardActionStatus.choices, default=CardActionStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("development action")
        verbose_name_plural = _("development actions")
        ordering = ["card", "status", "due_on", "pk"]
        indexes = [
            # The card page: a card's actions, open first, by due date.
            models.Index(fields=["card", "status", "due_on"]),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    def clean(self) -> None:
        if self.card_id and self.account_id and self.card.account_id != self.account_id:
            raise ValidationError({"account": _("The action must belong to the card's account.")})
        if self.status == CardActionStatus.DONE and self.done_on is None:
            raise ValidationError({"done_on": _("Give the date the action was done.")})
        if self.status != CardActionStatus.DONE and self.done_on is not None:
            raise ValidationError({"done_on": _("Only a done action has a done date.")})
