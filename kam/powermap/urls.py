from django.urls import path

from kam.powermap import views

app_name = "powermap"
urlpatterns = [
    path("accounts/<uuid:account_uuid>/power-map/", views.power_map_view, name="account"),
    path("settings/power-map/", views.settings_view, name="settings"),
    path(
        "accounts/<uuid:account_uuid>/key-persons/",
        views.assessment_table_view,
        name="table",
    ),
]
