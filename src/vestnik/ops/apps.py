from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "vestnik.ops"
    label = "vestnik_ops"
    verbose_name = "Operations"
