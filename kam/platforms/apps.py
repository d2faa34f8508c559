from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlatformsConfig(AppConfig):
    """Engagement platform plan (T10 《普遍客户关系拓展平台规划书》)."""

    name = "kam.platforms"
    verbose_name = _("Engagement platforms")
