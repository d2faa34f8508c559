"""Enumerations of the annual plan (T13.2). Codes never change; labels translate."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ComparisonBasis(models.TextChoices):
    """与过去比改进, 与竞争对手比结果 (T13.3): what an objective's target is compared with."""

    SELF_PAST = "self_past", _("Compared with our past (与过去比)")
    COMPETITOR = "competitor", _("Compared with competitors (与竞争对手比)")
    ABSOLUTE = "absolute", _("Absolute target")


class Likelihood(models.TextChoices):
    """A risk's probability or impact, on a three-point scale."""

    LOW = "low", pgettext_lazy("risk rating", "Low")
    MEDIUM = "medium", pgettext_lazy("risk rating", "Medium")
    HIGH = "high", pgettext_lazy("risk rating", "High")


class GapKind(models.TextChoices):
    """Where an automatic gap of section 4 comes from."""

    ORG_DIMENSION = "org_dimension", _("Organisation relationship dimension below target")
    KEY_PERSON = "key_person", _("Key person below target level")
    LOW_IPA = "low_ipa", _("Satisfaction attribute to concentrate on")
    SOW_HEADROOM = "sow_headroom", _("Share-of-wallet headroom")
    VALUE = "value", _("Value tier below target")
    RED_FLAG = "red_flag", _("Power-map red flag")
    UNCOVERED_ROW = "uncovered_row", _("Responsibility-matrix row without anyone responsible")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("plan status", "Draft")
    APPROVED = "approved", pgettext_lazy("plan status", "Approved")


class Rating(models.TextChoices):
    """The rating bands of a letter or review score (T13.3 [D]): ≥ 100 · 85–99 · 70–84 · < 70."""

    EXCELLENT = "excellent", pgettext_lazy("rating", "Excellent")
    GOOD = "good", pgettext_lazy("rating", "Good")
    PASS = "pass", pgettext_lazy("rating", "Satisfactory")
    IMPROVE = "improve", pgettext_lazy("rating", "Needs improvement")
