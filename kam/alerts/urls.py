from django.urls import path

from kam.alerts import views

app_name = "alerts"
urlpatterns = [
    path("alerts/", views.alert_list_view, name="list"),
    path("accounts/<uuid:account_uuid>/alerts/", views.account_alerts_view, name="account"),
    path(
        "accounts/<uuid:account_uuid>/alerts/refresh/",
        views.account_refresh_view,
        name="account_refresh",
    ),
    path("settings/alerts/", views.alert_rules_view, name="rules"),
]
