from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kam.api"
    verbose_name = "API"
