"""URLs of the engagement figures area (names live in the engagement namespace)."""

from django.urls import path

from kam.engagement.figures.views import (
    figures_view,
    portfolio_figures_view,
)

urlpatterns: list = [
    path("accounts/<uuid:account_uuid>/engagement-figures/", figures_view, name="figures"),
    path("engagement/portfolio/", portfolio_figures_view, name="portfolio_figures"),
]
