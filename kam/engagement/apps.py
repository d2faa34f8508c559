from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    """T5/T6 engagement: mechanisms, the key-business-activity calendar, activities, meeting
    records with action items, strategic matching, engagement figures and reminders."""

    name = "kam.engagement"
    verbose_name = _("Engagement")
