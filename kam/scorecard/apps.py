from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScorecardConfig(AppConfig):
    """T1: key-account scorecard, four categories with their policies, portfolio matrix."""

    name = "kam.scorecard"
    verbose_name = _("Key-account scorecard")

    def ready(self) -> None:
        from kam.scorecard.cache import connect_signals

        connect_signals()
