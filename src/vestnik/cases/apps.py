from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "vestnik.cases"
    label = "vestnik_cases"
    verbose_name = "Case files"

    def ready(self) -> None:
        from vestnik.publishing.registry import register_article_inputs, register_urls

        from . import search_index
        from .services import article_case_keys

        search_index.connect()
        register_urls("cases", _public_urls)
        # article pages say which cases they belong to, with the case's status
        register_article_inputs("cases", article_case_keys)


def _public_urls():
    from vestnik.content.models import Edition

    from .services import public_urls

    for edition in Edition.objects.all():
        yield from public_urls(edition)
