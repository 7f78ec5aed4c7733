from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "vestnik.content"
    label = "content"
    verbose_name = "Content"

    def ready(self) -> None:
        from vestnik.content import signals  # noqa: F401
