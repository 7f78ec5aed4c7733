from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "vestnik.cases"
    label = "vestnik_cases"
    verbose_name = "Case files"

    def ready(self) -> None:
        from vestnik.publishing.registry import register_urls

        from . import search_index

        search_index.connect()
        register_urls("cases", _public_urls)


def _public_urls():
    from vestnik.content.models import Edition

    from .services import public_urls

    for edition in Edition.objects.all():
        yield from public_urls(edition)
