from django.urls import path

from kam.metrics import views

app_name = "metrics"
urlpatterns = [
    path("accounts/<uuid:account_uuid>/metrics/", views.account_metrics_view, name="account"),
    path("settings/metrics/", views.catalogue_view, name="catalogue"),
]
