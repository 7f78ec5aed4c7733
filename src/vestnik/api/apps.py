from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "vestnik.api"
    label = "vestnik_api"
    verbose_name = "JSON API"
