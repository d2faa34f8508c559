from django.urls import path

from kam.broad import views

app_name = "broad"
urlpatterns = [
    path("accounts/<uuid:account_uuid>/broad/", views.matrix_view, name="matrix"),
    path("accounts/<uuid:account_uuid>/broad/rows/", views.row_new_view, name="row_new"),
    path("accounts/<uuid:account_uuid>/broad/matrix.xlsx", views.matrix_export_view, name="export"),
    path("accounts/<uuid:account_uuid>/broad/coverage/", views.coverage_view, name="coverage"),
    path(
        "accounts/<uuid:account_uuid>/broad/coverage/target/",
        views.coverage_target_view,
        name="coverage_target",
    ),
    path("broad/rows/<uuid:raci_row_uuid>/", views.row_save_view, name="row_save"),
]
