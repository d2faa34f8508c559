"""Enumerations of the scoring engine."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ToolCode(models.TextChoices):
    """The scored instruments that run on the engine."""

    SCORECARD_ATTRACTIVENESS = "scorecard_attractiveness", _("Scorecard: attractiveness")
    SCORECARD_STRENGTH = "scorecard_strength", _("Scorecard: relative strength")
    RELATIONSHIP_TEST = "relationship_test", _("Relationship test")
    ORG_SCORE_SHEET = "org_score_sheet", _("Organisation relationship score sheet")
    SATISFACTION = "satisfaction", _("Satisfaction survey attributes")
    RELATIONSHIP_COORDINATE = "relationship_coordinate", _("Relationship coordinate")
    KEY_PERSON_LADDER = "key_person_ladder", _("Key-person relationship ladder")
    SOCIAL_STYLE = "social_style", _("Social style questionnaire")
    VALUE_LADDER = "value_ladder", _("Value ladder")
    BROAD_KPI = "broad_kpi", _("Broad-relationship KPIs")


class Aggregation(models.TextChoices):
    WEIGHTED_MEAN = "weighted_mean", _("Weighted mean")
    LADDER = "ladder", _("Ladder")
    SPECIAL = "special", _("Named special formula")
