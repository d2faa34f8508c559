from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BroadConfig(AppConfig):
    """Broad relationships (T10 普遍客户关系): responsibility matrix and coverage heat map."""

    name = "kam.broad"
    verbose_name = _("Broad relationships")
