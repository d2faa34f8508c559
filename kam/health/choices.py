"""Enumerations of the relationship test model (T3). Codes never change; labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Confidence(models.TextChoices):
    """How sure the team is of a wallet estimate."""

    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Diagnosis(models.TextChoices):
    """Satisfaction × share-of-wallet diagnosis matrix (T3.3)."""

    LOYAL_CORE = "loyal_core", _("Loyal core")
    GROWTH_OPPORTUNITY = "growth_opportunity", _("Growth opportunity")
    AT_RISK_CAPTIVE = "at_risk_captive", _("At-risk captive")
    MARGINAL = "marginal", _("Marginal")


DIAGNOSIS_ADVICE = {
    Diagnosis.LOYAL_CORE: _("Protect and deepen the relationship, toward strategic value."),
    Diagnosis.GROWTH_OPPORTUNITY: _("Win share: satisfaction has not turned into wallet yet."),
    Diagnosis.AT_RISK_CAPTIVE: _(
        "Fix the service gaps urgently, starting with the attributes to concentrate on."
    ),
    Diagnosis.MARGINAL: _("Diagnose the causes and revisit the account's category."),
}


class Quadrant(models.TextChoices):
    """Importance-performance analysis quadrants of a survey attribute (T3.3)."""

    KEEP_UP = "keep_up", _("Strength: keep it up")
    CONCENTRATE_HERE = "concentrate_here", _("Concentrate here")
    LOW_PRIORITY = "low_priority", _("Lower priority")
    POSSIBLE_OVERKILL = "possible_overkill", _("Possible overkill")


class HealthPart(models.TextChoices):
    """The inputs of the health index."""

    SATISFACTION = "satisfaction", _("Satisfaction index")
    SHARE_OF_WALLET = "share_of_wallet", _("Share of wallet")
    RELATIONSHIP_TEST = "relationship_test", _("Relationship test")
