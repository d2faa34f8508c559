"""Enumerations of key accounts (spec §1, T1, T2). Codes never change; labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AccountStatus(models.TextChoices):
    PROSPECT = "prospect", _("Prospect")
    ACTIVE = "active", _("Active")
    DORMANT = "dormant", _("Dormant")
    LOST = "lost", _("Lost")


class AccountCategory(models.TextChoices):
    """四类关键大客户 (T1); set by the key-account scorecard."""

    STRATEGIC = "strategic", pgettext_lazy("account category", "Strategic")
    STAR = "star", pgettext_lazy("account category", "Star")
    STATUS = "status", pgettext_lazy("account category", "Status")
    STREAMLINE = "streamline", pgettext_lazy("account category", "Streamline")


class RelationshipStage(models.TextChoices):
    """五步台阶 (T2); set by the relationship coordinate."""

    EXPLORATORY = "exploratory", _("Exploratory")
    BASIC = "basic", _("Basic")
    COOPERATIVE = "cooperative", _("Cooperative")
    INTERDEPENDENT = "interdependent", _("Interdependent")
    INTEGRATED = "integrated", _("Integrated")


class Industry(models.TextChoices):
    MANUFACTURING = "manufacturing", _("Manufacturing")
    ENERGY = "energy", _("Energy & utilities")
    AUTOMOTIVE = "automotive", _("Automotive")
    FINANCE = "finance", _("Financial services")
    TELECOM = "telecom", _("Telecommunications")
    HEALTHCARE = "healthcare", _("Healthcare & pharma")
    RETAIL = "retail", _("Retail & consumer goods")
    TRANSPORT = "transport", _("Transport & logistics")
    TECHNOLOGY = "technology", _("Technology & internet")
    PUBLIC_SECTOR = "public_sector", _("Government & public sector")
    CONSTRUCTION = "construction", _("Construction & real estate")
    OTHER = "other", _("Other")


class Region(models.TextChoices):
    NORTH_CHINA = "north_china", _("North China")
    EAST_CHINA = "east_china", _("East China")
    SOUTH_CHINA = "south_china", _("South China")
    CENTRAL_CHINA = "central_china", _("Central China")
    SOUTHWEST_CHINA = "southwest_china", _("Southwest China")
    NORTHWEST_CHINA = "northwest_china", _("Northwest China")
    NORTHEAST_CHINA = "northeast_china", _("Northeast China")
    HONG_KONG_MACAO_TAIWAN = "hk_macao_taiwan", _("Hong Kong, Macao & Taiwan")
    ASIA_PACIFIC = "asia_pacific", _("Asia Pacific")
    EUROPE = "europe", _("Europe")
    AMERICAS = "americas", _("Americas")
    MIDDLE_EAST_AFRICA = "middle_east_africa", _("Middle East & Africa")


class Currency(models.TextChoices):
    CNY = "CNY", _("Chinese yuan (CNY)")
    USD = "USD", _("US dollar (USD)")
    EUR = "EUR", _("Euro (EUR)")
    HKD = "HKD", _("Hong Kong dollar (HKD)")
    JPY = "JPY", _("Japanese yen (JPY)")
    GBP = "GBP", _("British pound (GBP)")


class TeamRole(models.TextChoices):
    """The role a colleague plays on one account team (铁三角/钻石团队)."""

    ACCOUNT_MANAGER = "account_manager", _("Account manager")
    SOLUTION = "solution", _("Solution")
    DELIVERY = "delivery", _("Delivery")
    SERVICE = "service", _("Service")
    EXECUTIVE_SPONSOR = "executive_sponsor", _("Executive sponsor")
    OTHER = "other", _("Other")
