from django.urls import path

from kam.security import views

app_name = "security"
urlpatterns = [
    path("security/lockouts/", views.lockout_list_view, name="lockouts"),
    path("security/lockouts/unlock/", views.lockout_release_view, name="unlock"),
    path("security/csp-report/", views.csp_report_view, name="csp_report"),
]
