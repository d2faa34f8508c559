from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandoverConfig(AppConfig):
    """Handover when an account or a key person changes owner: the new owner's checklist."""

    name = "kam.handover"
    verbose_name = _("Handovers")
