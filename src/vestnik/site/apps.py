from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "vestnik.site"
    label = "vestnik_site"
    verbose_name = "Public site"
