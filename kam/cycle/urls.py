from django.urls import path

from kam.cycle import views

app_name = "cycle"
urlpatterns = [
    path("accounts/<uuid:account_uuid>/cycle/", views.cycle_account_view, name="account"),
    path("portfolio/cycle/", views.cycle_portfolio_view, name="portfolio"),
    path("settings/cycle/", views.cycle_settings_view, name="settings"),
]
