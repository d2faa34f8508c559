from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The tools that declare metrics, each in its own `metrics.py` (imported by name, so that the
# apps below never import this app's models).
METRIC_MODULES = [
    "kam.accounts.metrics",
    "kam.scorecard.metrics",
    "kam.health.metrics",
    "kam.relationship.metrics",
    "kam.engagement.metrics",
    "kam.powermap.metrics",
    "kam.cards.metrics",
    "kam.broad.metrics",
    "kam.kpis.metrics",
    "kam.value.metrics",
]


class MetricsConfig(AppConfig):
    """The metric catalogue (T13): what each tool can measure for an account, as of a date."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "kam.metrics"
    verbose_name = _("Metric catalogue")

    def ready(self) -> None:
        for module in METRIC_MODULES:
            import_module(module)
