from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "vestnik.search"
    label = "vestnik_search"
    verbose_name = "Search"

    def ready(self) -> None:
        from vestnik.search import checks, signals  # noqa: F401 - connect receivers
