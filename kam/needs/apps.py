from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    """Needs register and iceberg model (T11 大客户需求分析)."""

    name = "kam.needs"
    verbose_name = _("Customer needs")
