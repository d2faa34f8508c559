from django.urls import path

from kam.pdca import views

app_name = "pdca"
ACCOUNT = "accounts/<uuid:account_uuid>/broad/pdca/"
CYCLE = f"{ACCOUNT}<uuid:cycle_uuid>/"
urlpatterns = [
    path(ACCOUNT, views.pdca_account_view, name="account"),
    path(f"{ACCOUNT}new/", views.pdca_new_view, name="new"),
    path(CYCLE, views.pdca_cycle_view, name="cycle"),
    path(f"{CYCLE}advance/", views.pdca_advance_view, name="advance"),
    path(f"{CYCLE}check/", views.pdca_check_view, name="check"),
    path(f"{CYCLE}close/", views.pdca_close_view, name="close"),
]
