"""{% responsive_image img %}: a <picture> with WebP and JPEG srcsets and the required alt text."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from vestnik.medialib.models import Image, Rendition

register = template.Library()

DEFAULT_SIZES = "(max-width: 700px) 100vw, 700px"


def _srcset(renditions: list[Rendition]) -> str:
    return ", ".join(f"{r.file.url} {r.width}w" for r in renditions)


@register.simple_tag
def responsive_image(
    image: Image | None, sizes: str = DEFAULT_SIZES, css_class: str = "", loading: str = "lazy"
) -> SafeString | str:
    if image is None:
        return ""
    renditions = list(image.renditions.all())
    webp = [r for r in renditions if r.format == Rendition.Format.WEBP]
    jpeg = [r for r in renditions if r.format == Rendition.Format.JPEG]
    if not jpeg:
        return format_html('<img src="{}" alt="{}">', image.file.url, image.alt)
    # The fallback src: the largest JPEG up to 1024 pixels wide.
    fallback = max((r for r in jpeg if r.width <= 1024), key=lambda r: r.width, default=jpeg[0])
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        [(mime, _srcset(group), sizes) for mime, group in (("image/webp", webp),) if group],
    )
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"'
        ' loading="{}"{}></picture>',
        sources,
        fallback.file.url,
        _srcset(jpeg),
        sizes,
        image.width,
        image.height,
        image.alt,
        "eager" if loading == "eager" else "lazy",
        format_html(' class="{}"', css_class) if css_class else "",
    )
