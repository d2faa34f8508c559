"""Enumerations of the customer's organisation (spec §1.1)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Function(models.TextChoices):
    """部门职能 (customise per industry)."""

    GENERAL_MANAGEMENT = "general_mgmt", _("General management")
    STRATEGY = "strategy", _("Strategy & planning")
    RESEARCH_DEVELOPMENT = "rnd", _("R&D / engineering")
    PRODUCTION = "production", _("Production & operations")
    PROCUREMENT = "procurement", _("Procurement")
    QUALITY = "quality", _("Quality")
    FINANCE = "finance", _("Finance")
    INFORMATION_TECHNOLOGY = "it", _("IT")
    MARKETING_SALES = "marketing_sales", _("Marketing & sales")
    HUMAN_RESOURCES = "hr", _("Human resources")
    LEGAL_COMPLIANCE = "legal_compliance", _("Legal & compliance")
    SERVICE_MAINTENANCE = "service_maintenance", _("Service & maintenance")
    OTHER = "other", _("Other")
