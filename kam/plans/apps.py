from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    """Annual relationship-improvement plans (T13 《大客户关系提升年度规划书》)."""

    name = "kam.plans"
    verbose_name = _("Annual plans")

    def ready(self) -> None:
        from kam.engagement.calendar.layers import register_marker_source
        from kam.metrics.targets import register_target_source
        from kam.plans.calendar import review_date_markers
        from kam.plans.selectors import plan_targets

        register_marker_source(review_date_markers)
        register_target_source(plan_targets)
