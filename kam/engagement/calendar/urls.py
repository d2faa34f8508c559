"""URLs of the engagement calendar area (names live in the engagement namespace)."""

from django.urls import path

from kam.engagement.calendar.views import (
    calendar_ics_view,
    calendar_view,
    entry_cancel_view,
    entry_create_view,
    entry_edit_view,
    entry_postpone_view,
    key_date_create_view,
    key_date_delete_view,
    key_date_edit_view,
    my_calendar_view,
    my_year_map_view,
    plan_generate_view,
    subscription_feed_view,
    subscription_revoke_view,
    subscriptions_view,
    year_map_view,
)

urlpatterns: list = [
    path("accounts/<uuid:account_uuid>/calendar/", calendar_view, name="calendar"),
    path("accounts/<uuid:account_uuid>/calendar/new/", entry_create_view, name="entry_create"),
    path("accounts/<uuid:account_uuid>/calendar/plan/", plan_generate_view, name="plan_generate"),
    path("accounts/<uuid:account_uuid>/calendar/year/", year_map_view, name="year_map"),
    path("accounts/<uuid:account_uuid>/calendar.ics", calendar_ics_view, name="calendar_ics"),
    path(
        "accounts/<uuid:account_uuid>/key-dates/new/", key_date_create_view, name="key_date_create"
    ),
    path("calendar/entries/<uuid:entry_uuid>/", entry_edit_view, name="entry_edit"),
    path("calendar/entries/<uuid:entry_uuid>/cancel/", entry_cancel_view, name="entry_cancel"),
    path(
        "calendar/entries/<uuid:entry_uuid>/postpone/", entry_postpone_view, name="entry_postpone"
    ),
    path("calendar/key-dates/<uuid:key_date_uuid>/", key_date_edit_view, name="key_date_edit"),
    path(
        "calendar/key-dates/<uuid:key_date_uuid>/delete/",
        key_date_delete_view,
        name="key_date_delete",
    ),
    path("calendar/mine/", my_calendar_view, name="my_calendar"),
    path("calendar/mine/year/", my_year_map_view, name="my_year_map"),
    path("calendar/subscriptions/", subscriptions_view, name="subscriptions"),
    path(
        "calendar/subscriptions/<uuid:subscription_uuid>/revoke/",
        subscription_revoke_view,
        name="subscription_revoke",
    ),
    path("calendar/feed/<str:token>.ics", subscription_feed_view, name="subscription_feed"),
]
