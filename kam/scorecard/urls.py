from django.urls import path

from kam.scorecard import views

app_name = "scorecard"
urlpatterns = [
    path(
        "accounts/<uuid:account_uuid>/scorecard/",
        views.account_scorecard_view,
        name="account",
    ),
    path(
        "accounts/<uuid:account_uuid>/scorecard/new/",
        views.scorecard_new_view,
        name="new",
    ),
    path("scorecard/snapshots/<uuid:assessment_uuid>/", views.snapshot_view, name="snapshot"),
    path("portfolio/scorecard/", views.portfolio_view, name="portfolio"),
    path("portfolio/scorecard/policy/", views.policy_view, name="policy"),
    path(
        "portfolio/scorecard/policy/<slug:code>/",
        views.policy_edit_view,
        name="policy_edit",
    ),
]
