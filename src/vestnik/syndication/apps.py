from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    name = "vestnik.syndication"
    label = "vestnik_syndication"
    verbose_name = "Feeds and sitemaps"

    def ready(self) -> None:
        from vestnik.publishing.registry import register_urls
        from vestnik.syndication import published, signals  # noqa: F401

        register_urls("syndication", published.static_urls)
