from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "vestnik.ops"
    label = "vestnik_ops"
    verbose_name = "Operations"

    def ready(self) -> None:
        from vestnik.ops import checks  # noqa: F401 - registers the deployment checks
