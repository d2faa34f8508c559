from django.urls import path

from kam.needs import views

app_name = "needs"
urlpatterns = [
    path("accounts/<uuid:account_uuid>/needs/", views.account_needs_view, name="account"),
    path("accounts/<uuid:account_uuid>/needs/new/", views.need_new_view, name="new"),
    path("needs/<uuid:need_uuid>/", views.need_edit_view, name="edit"),
    path("needs/<uuid:need_uuid>/status/", views.need_status_view, name="status"),
    path("needs/<uuid:need_uuid>/address/", views.need_address_view, name="address"),
    path(
        "meetings/<uuid:meeting_uuid>/needs/new/",
        views.meeting_need_new_view,
        name="from_meeting",
    ),
]
