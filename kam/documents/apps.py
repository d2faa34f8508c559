from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """Every course form as PDF and Word, from the same templates as its page, and the
    whole-account pack built in the background."""

    name = "kam.documents"
    verbose_name = _("Documents")
