from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PowermapConfig(AppConfig):
    """T8 organisational power map, red flags and the current-state assessment table."""

    name = "kam.powermap"
    verbose_name = _("Power map")
