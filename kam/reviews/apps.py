from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    """Plan reviews (T13 回顾): objectives against their actuals, 与过去比 and 与竞争对手比."""

    name = "kam.reviews"
    verbose_name = _("Plan reviews")
