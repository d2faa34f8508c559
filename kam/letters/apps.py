from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    """Target-responsibility letters (T13 《大客户关系管理目标责任书》)."""

    name = "kam.letters"
    verbose_name = _("Responsibility letters")
