from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ValueConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kam.value"
    verbose_name = _("Value ladder")
