from django.urls import path  # noqa: F401

from kam.compliance import views  # noqa: F401

app_name = "compliance"
urlpatterns: list = []
