"""URLs of the communication mechanisms (names live in the engagement namespace)."""

from django.urls import path

from kam.engagement.mechanisms.views import (
    mechanism_edit_view,
    mechanism_guide_view,
    mechanisms_view,
)

urlpatterns: list = [
    path("mechanisms/", mechanism_guide_view, name="mechanism_guide"),
    path("settings/mechanisms/", mechanisms_view, name="mechanisms"),
    path("settings/mechanisms/<slug:mechanism_code>/", mechanism_edit_view, name="mechanism_edit"),
]
