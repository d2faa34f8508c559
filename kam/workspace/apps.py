from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The top layer: pages that compose every tool of one account (the account 360)."""

    name = "kam.workspace"
    verbose_name = _("Account workspace")
