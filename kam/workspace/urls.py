from django.urls import path

from kam.workspace import views

app_name = "workspace"
urlpatterns = [
    path("accounts/<uuid:account_uuid>/", views.account_360_view, name="account"),
]
