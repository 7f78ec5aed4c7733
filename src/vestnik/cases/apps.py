from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "vestnik.cases"
    label = "vestnik_cases"
    verbose_name = "Case files"

    def ready(self) -> None:
        from . import search_index

        search_index.connect()
