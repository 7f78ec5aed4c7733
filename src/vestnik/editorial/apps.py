from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "vestnik.editorial"
    label = "vestnik_editorial"
    verbose_name = "Editorial"
