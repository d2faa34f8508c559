from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    """The alert centre (§7.3): findings of background rules over every account, each with its
    reason and the page where it is fixed."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "kam.alerts"
    verbose_name = _("Alerts")

    def ready(self) -> None:
        from kam.alerts.digest import register_alerts_in_digest

        register_alerts_in_digest()
