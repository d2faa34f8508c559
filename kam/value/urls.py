from django.urls import path

from kam.value.views import (
    value_account_view,
    value_portfolio_view,
    value_snapshot_view,
    value_suggestion_view,
)

app_name = "value"

urlpatterns = [
    path("accounts/<uuid:account_uuid>/value/", value_account_view, name="account"),
    path(
        "accounts/<uuid:account_uuid>/value/suggestion/",
        value_suggestion_view,
        name="suggestion",
    ),
    path("value/snapshots/<uuid:assessment_uuid>/", value_snapshot_view, name="snapshot"),
    path("value/portfolio/", value_portfolio_view, name="portfolio"),
]
