from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "vestnik.demo"
    label = "demo"
    verbose_name = "Demo site and synthetic data"

    def ready(self) -> None:
        from vestnik.demo import checks  # noqa: F401 - registers vestnik.W009
