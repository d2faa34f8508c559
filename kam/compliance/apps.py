from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    """Gift & hospitality ledger, policy rules and local customs (法规与乡土习俗)."""

    name = "kam.compliance"
    verbose_name = _("Compliance")
