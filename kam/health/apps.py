from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HealthConfig(AppConfig):
    """T3: satisfaction survey, share of wallet, relationship test, health index."""

    name = "kam.health"
    verbose_name = _("Relationship test model")
