from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "vestnik.search"
    label = "vestnik_search"
    verbose_name = "Search"
