from django.apps import AppConfig


class MedialibConfig(AppConfig):
    name = "vestnik.medialib"
    label = "vestnik_medialib"
    verbose_name = "Media library"
