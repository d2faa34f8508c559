from django.urls import path

from kam.health import views

app_name = "health"
urlpatterns = [
    path("accounts/<uuid:account_uuid>/health/", views.account_health_view, name="account"),
    path(
        "accounts/<uuid:account_uuid>/health/surveys/new/",
        views.survey_create_view,
        name="survey_create",
    ),
    path(
        "accounts/<uuid:account_uuid>/health/wallet/",
        views.wallet_estimate_view,
        name="wallet_estimate",
    ),
    path("health/surveys/<uuid:survey_uuid>/", views.survey_detail_view, name="survey_detail"),
]
