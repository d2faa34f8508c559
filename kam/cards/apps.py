from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CardsConfig(AppConfig):
    """T9 key-person needs, social style and the key-person development card."""

    name = "kam.cards"
    verbose_name = _("Key-person cards")
