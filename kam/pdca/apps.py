from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PdcaConfig(AppConfig):
    """PDCA cycles of the broad relationships (T10 《普遍客户关系管理流程》)."""

    name = "kam.pdca"
    verbose_name = _("PDCA cycles")
