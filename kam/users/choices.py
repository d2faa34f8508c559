"""Enumerations of our own staff (spec §1)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a user may do in the system; account-level access also depends on account teams."""

    ADMINISTRATOR = "administrator", _("Administrator")
    DIRECTOR = "director", _("KAM director")
    ACCOUNT_MANAGER = "account_manager", _("Key account manager")
    TEAM_MEMBER = "team_member", _("Account team member")
    VIEWER = "viewer", _("Viewer (read-only)")


class Seniority(models.TextChoices):
    """层级: used for level matching (兵对兵、将对将), for our staff and the customer's people."""

    EXECUTIVE = "executive", _("Executive")
    MIDDLE = "middle", _("Middle management")
    OPERATIONAL = "operational", _("Operational staff")


# Roles that see every account (spec: KAM director sees the whole portfolio).
PORTFOLIO_ROLES = frozenset({Role.ADMINISTRATOR, Role.DIRECTOR})
# Roles that may create new key accounts.
ACCOUNT_CREATOR_ROLES = frozenset({Role.ADMINISTRATOR, Role.DIRECTOR, Role.ACCOUNT_MANAGER})


class SocialStyle(models.TextChoices):
    """社交风格 (Merrill & Reid): assertiveness (ask ↔ tell) × responsiveness (controlled ↔
    emotive)."""

    DRIVER = "driver", _("Driver")
    EXPRESSIVE = "expressive", _("Expressive")
    AMIABLE = "amiable", _("Amiable")
    ANALYTICAL = "analytical", _("Analytical")


class TokenScope(models.TextChoices):
    """What a personal access token may do: read only, or also create, change and delete."""

    READ = "read", _("Read")
    READ_WRITE = "read_write", _("Read and write")
