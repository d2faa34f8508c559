from django.urls import path

from kam.imports import views

app_name = "imports"
urlpatterns = [
    path("accounts/<uuid:account_uuid>/import/", views.account_import_view, name="account"),
    path(
        "accounts/<uuid:account_uuid>/import/template/",
        views.account_template_view,
        name="account_template",
    ),
    path("imports/accounts/", views.accounts_import_view, name="accounts"),
    path("imports/accounts/template/", views.accounts_template_view, name="accounts_template"),
    path("imports/<uuid:batch_uuid>/", views.batch_view, name="batch"),
    path("imports/<uuid:batch_uuid>/confirm/", views.batch_confirm_view, name="batch_confirm"),
    path("imports/<uuid:batch_uuid>/errors/", views.batch_errors_view, name="batch_errors"),
]
