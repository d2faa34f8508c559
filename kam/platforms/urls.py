from django.urls import path

from kam.platforms import views

app_name = "platforms"
ITEM = "accounts/<uuid:account_uuid>/platforms/<uuid:platform_uuid>/"
urlpatterns = [
    path("accounts/<uuid:account_uuid>/platforms/", views.account_platforms_view, name="account"),
    path("accounts/<uuid:account_uuid>/platforms/new/", views.platform_new_view, name="new"),
    path(ITEM, views.platform_edit_view, name="edit"),
    path(f"{ITEM}delete/", views.platform_delete_view, name="delete"),
    path(f"{ITEM}calendar/", views.platform_calendar_view, name="calendar"),
]
