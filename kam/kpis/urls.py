from django.urls import path

from kam.kpis import views

app_name = "kpis"
urlpatterns = [
    path("accounts/<uuid:account_uuid>/broad/kpis/", views.kpi_account_view, name="account"),
    path("broad/portfolio/", views.kpi_portfolio_view, name="portfolio"),
]
