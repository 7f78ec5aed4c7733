from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "vestnik.demo"
    label = "demo"
    verbose_name = "Demo site and synthetic data"
