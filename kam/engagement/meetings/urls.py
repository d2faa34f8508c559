"""URLs of the engagement meetings area (names live in the engagement namespace)."""

from django.urls import path

from kam.engagement.meetings.views import (
    action_board_view,
    action_item_edit_view,
    action_item_status_view,
    activities_view,
    activity_detail_view,
    activity_edit_view,
    card_action_status_view,
    entry_record_view,
    meeting_detail_view,
    meeting_edit_view,
    my_actions_view,
)

urlpatterns = [
    path("accounts/<uuid:account_uuid>/activities/", activities_view, name="activities"),
    path("calendar/entries/<uuid:entry_uuid>/record/", entry_record_view, name="entry_record"),
    path("activities/<uuid:activity_uuid>/", activity_detail_view, name="activity_detail"),
    path("activities/<uuid:activity_uuid>/edit/", activity_edit_view, name="activity_edit"),
    path("activities/<uuid:activity_uuid>/meeting/", meeting_edit_view, name="meeting_edit"),
    path("meetings/<uuid:meeting_uuid>/", meeting_detail_view, name="meeting_detail"),
    path("accounts/<uuid:account_uuid>/actions/", action_board_view, name="action_board"),
    path("actions/mine/", my_actions_view, name="my_actions"),
    path(
        "action-items/<uuid:action_item_uuid>/status/",
        action_item_status_view,
        name="action_item_status",
    ),
    path(
        "action-items/<uuid:action_item_uuid>/edit/", action_item_edit_view, name="action_item_edit"
    ),
    path(
        "development-actions/<uuid:action_uuid>/status/",
        card_action_status_view,
        name="card_action_status",
    ),
]
