from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelationshipConfig(AppConfig):
    """T4 organisation score sheet and T2 relationship coordinate with the five-step ladder."""

    name = "kam.relationship"
    verbose_name = _("Relationship assessment")
