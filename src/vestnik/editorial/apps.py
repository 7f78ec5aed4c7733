from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "vestnik.editorial"
    label = "vestnik_editorial"
    verbose_name = "Editorial"

    def ready(self) -> None:
        from vestnik.editorial import audit  # noqa: F401 - connects the signal receivers
