from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    """Imports of contacts, org units and accounts from .xlsx, .csv and vCard files."""

    name = "kam.imports"
    verbose_name = _("Imports")
