from django.urls import path  # noqa: F401

from kam.cards import views  # noqa: F401

app_name = "cards"
urlpatterns: list = []
