"""Enumerations of the key-account scorecard (T1). Codes never change; labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kam.accounts.choices import AccountCategory


class ThresholdMode(models.TextChoices):
    """How the four categories are split: fixed thresholds, or the portfolio's medians (T1.3)."""

    FIXED = "fixed", _("Fixed thresholds")
    PORTFOLIO_MEDIAN = "portfolio_median", _("Portfolio medians")


class PlanDepth(models.TextChoices):
    """How much annual planning a category gets (T13 plan template depth)."""

    FULL = "full", _("Full annual plan")
    LIGHT = "light", _("Light plan")
    NONE = "none", _("No plan")


class ReviewCadence(models.TextChoices):
    QUARTERLY = "quarterly", _("Quarterly")
    SEMI_ANNUAL = "semi_annual", _("Semi-annual")
    ANNUAL = "annual", _("Annual")


class BubbleSize(models.TextChoices):
    """What the bubble area of the portfolio matrix shows (T1.4)."""

    CURRENT_REVENUE = "current", _("Current revenue")
    POTENTIAL_REVENUE = "potential", _("3-year potential revenue")


# Display order of the four categories (A high & RS high first).
CATEGORY_ORDER = [
    AccountCategory.STRATEGIC,
    AccountCategory.STAR,
    AccountCategory.STATUS,
    AccountCategory.STREAMLINE,
]
# The key accounts counted by the 35/50 rule: the attractive ones (A ≥ threshold). Status and
# streamline accounts are "maintained" or "consider moving out of the KA programme" (T1.3).
KEY_ACCOUNT_CATEGORIES = frozenset({AccountCategory.STRATEGIC, AccountCategory.STAR})
