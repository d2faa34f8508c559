from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdempotencyConfig(AppConfig):
    """Creates that happen once: a form's one-time token, the API's Idempotency-Key header."""

    name = "kam.idempotency"
    verbose_name = _("Repeated submissions")
