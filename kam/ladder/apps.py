from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LadderConfig(AppConfig):
    """T7 key-person relationship ladder: rungs scored with evidence, levels and targets."""

    name = "kam.ladder"
    verbose_name = _("Key-person ladder")
