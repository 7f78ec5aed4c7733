from django.apps import AppConfig


class MedialibConfig(AppConfig):
    name = "vestnik.medialib"
    label = "vestnik_medialib"
    verbose_name = "Media library"

    def ready(self) -> None:
        from django.conf import settings
        from PIL import Image

        # Pillow refuses (warns, then raises) beyond this many pixels: decompression bombs.
        Image.MAX_IMAGE_PIXELS = settings.VESTNIK_IMAGE_MAX_PIXELS
