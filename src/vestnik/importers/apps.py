from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "vestnik.importers"
    label = "vestnik_importers"
    verbose_name = "Importers"
