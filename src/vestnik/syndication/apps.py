from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    name = "vestnik.syndication"
    label = "vestnik_syndication"
    verbose_name = "Feeds and sitemaps"

    def ready(self) -> None:
        from vestnik.syndication import signals  # noqa: F401
