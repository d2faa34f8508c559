from django.urls import path  # noqa: F401

from kam.ladder import views  # noqa: F401

app_name = "ladder"
urlpatterns: list = []
