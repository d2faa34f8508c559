"""URLs of the engagement matching area (names live in the engagement namespace)."""

from django.urls import path

from kam.engagement.matching.views import (
    matching_edit_view,
    matching_view,
    solution_hint_view,
)

urlpatterns: list = [
    path("accounts/<uuid:account_uuid>/matching/", matching_view, name="matching"),
    path("matching/<uuid:matching_uuid>/", matching_edit_view, name="matching_edit"),
    path(
        "accounts/<uuid:account_uuid>/matching/solution-hint/",
        solution_hint_view,
        name="solution_hint",
    ),
]
