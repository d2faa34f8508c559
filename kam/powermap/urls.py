from django.urls import path  # noqa: F401

from kam.powermap import views  # noqa: F401

app_name = "powermap"
urlpatterns: list = []
