from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "vestnik.search"
    label = "vestnik_search"
    verbose_name = "Search"

    def ready(self) -> None:
        from vestnik.ops.signals import site_restored
        from vestnik.search import checks, signals  # noqa: F401 - connect receivers

        # a restored site gets its index rebuilt from the restored content
        site_restored.connect(_reindex_after_restore, dispatch_uid="vestnik_search_restore")


def _reindex_after_restore(sender, **kwargs) -> None:
    from vestnik.search.services import reindex

    reindex()
