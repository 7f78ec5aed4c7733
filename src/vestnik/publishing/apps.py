from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "vestnik.publishing"
    label = "vestnik_publishing"
    verbose_name = "Static publishing"
