from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    """Plan reviews (T13 回顾): objectives against their actuals, 与过去比 and 与竞争对手比."""

    name = "kam.reviews"
    verbose_name = _("Plan reviews")

    def ready(self) -> None:
        from kam.plans.outcomes import register_outcome_source
        from kam.reviews.presentation import year_end_outcome

        register_outcome_source(year_end_outcome)
