"""Enumerations of the metric catalogue. Codes never change; labels translate."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MetricUnit(models.TextChoices):
    PERCENT = "percent", pgettext_lazy("metric unit", "%")
    POINTS = "points", pgettext_lazy("metric unit", "points (0–100)")
    RATIO = "ratio", pgettext_lazy("metric unit", "ratio")
    MONEY = "money", pgettext_lazy("metric unit", "amount (account currency)")
    STEP = "step", pgettext_lazy("metric unit", "step (1–5)")
    SCORE = "score", pgettext_lazy("metric unit", "score (−100 to 100)")
    COUNT = "count", pgettext_lazy("metric unit", "count")


class MetricDirection(models.TextChoices):
    HIGHER_BETTER = "higher", _("Higher is better")
    LOWER_BETTER = "lower", _("Lower is better")


class MetricKind(models.TextChoices):
    """过程与结果兼顾: an objective is either a result or a process metric (T13.3)."""

    RESULT = "result", pgettext_lazy("metric kind", "Result")
    PROCESS = "process", pgettext_lazy("metric kind", "Process")


class MetricFrequency(models.TextChoices):
    MONTHLY = "monthly", pgettext_lazy("metric frequency", "Monthly")
    QUARTERLY = "quarterly", pgettext_lazy("metric frequency", "Quarterly")
    YEARLY = "yearly", pgettext_lazy("metric frequency", "Yearly")


class MetricDimension(models.TextChoices):
    """The objective dimensions of the annual plan (T13.2)."""

    BUSINESS = "business", pgettext_lazy("metric dimension", "Business")
    ORG_RELATIONSHIP = "org_relationship", pgettext_lazy("metric dimension", "Organisation")
    KEY_PERSON = "key_person", pgettext_lazy("metric dimension", "Key persons")
    BROAD = "broad", pgettext_lazy("metric dimension", "Broad relationship")
    VALUE = "value", pgettext_lazy("metric dimension", "Value")
    SATISFACTION = "satisfaction", pgettext_lazy("metric dimension", "Satisfaction")


class SourceTool(models.TextChoices):
    """The methodology tool whose records a metric is computed from (or the team's entry)."""

    T1 = "T1", _("T1 Scorecard")
    T2 = "T2", _("T2 Relationship coordinate")
    T3 = "T3", _("T3 Satisfaction and share of wallet")
    T4 = "T4", _("T4 Organisation score sheet")
    T5 = "T5", _("T5 Engagement calendar")
    T7 = "T7", _("T7 Key-person ladder")
    T8 = "T8", _("T8 Power map")
    T9 = "T9", _("T9 Key-person cards")
    T10 = "T10", _("T10 Broad relationship")
    T12 = "T12", _("T12 Value ladder")
    MANUAL = "manual", _("Entered by the team")
