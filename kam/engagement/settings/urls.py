"""URLs of the engagement settings area (names live in the engagement namespace)."""

from django.urls import path

from kam.engagement.settings.views import (
    engagement_settings_view,
)

urlpatterns: list = [
    path("settings/engagement/", engagement_settings_view, name="settings"),
]
