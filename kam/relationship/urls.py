from django.urls import path

from kam.relationship import views

app_name = "relationship"
urlpatterns = [
    path(
        "accounts/<uuid:account_uuid>/relationship/",
        views.account_relationship_view,
        name="account",
    ),
    path(
        "accounts/<uuid:account_uuid>/relationship/stage/",
        views.account_stage_view,
        name="stage",
    ),
    path("portfolio/relationships/", views.portfolio_view, name="portfolio"),
]
