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

        from vestnik.publishing.registry import register_urls

        # the static tree carries each edition's search page (no query: the script of the
        # page asks the tree's Pagefind index, see vestnik.publishing.static_search)
        register_urls("search", _static_urls)


def _static_urls() -> list[str]:
    from vestnik.content.models import Edition

    return [f"/{code}/search/" for code in Edition.objects.values_list("code", flat=True)]


def _reindex_after_restore(sender, **kwargs) -> None:
    from vestnik.search.services import reindex

    reindex()
