from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "vestnik.publishing"
    label = "vestnik_publishing"
    verbose_name = "Static publishing"

    def ready(self) -> None:
        from vestnik.publishing import hooks, onion  # noqa: F401 - onion registers its check

        hooks.connect()
