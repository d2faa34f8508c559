from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    """循环轮盘: the account's yearly management cycle (T13.1), computed from the records."""

    name = "kam.cycle"
    verbose_name = _("Management cycle")
