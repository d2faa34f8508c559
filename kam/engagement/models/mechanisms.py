"""The six communication mechanisms (reference data) and their default cadences."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.accounts.choices import AccountCategory
from kam.assessments.models import localized
from kam.core.models import BaseModel
from kam.engagement.choices import (
    ParticipantLevel,
)


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
