"""Adding images and documents to the media library; renditions for responsive images."""

from __future__ import annotations

import hashlib
import io
import logging
from typing import IO, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from PIL import Image as PILImage
from PIL import ImageOps

from vestnik.medialib.models import Document, Image, Rendition
from vestnik.medialib.validation import (
    DOCUMENT_MIME,
    UploadRejected,
    check_document,
    check_image,
)

log = logging.getLogger(__name__)

__all__ = [
    "UploadRejected",
    "add_document",
    "add_image",
    "check_document",
    "check_image",
    "make_renditions",
]

_SAVE_OPTIONS: dict[str, dict[str, Any]] = {
    "jpeg": {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True},
    "webp": {"format": "WEBP", "quality": 80, "method": 4},
    "png": {"format": "PNG", "optimize": True},
    "gif": {"format": "GIF"},
}


def _sha256(file: IO[bytes]) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(1024 * 1024), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def _hashed_name(folder: str, sha: str, ext: str) -> str:
    return f"{folder}/{sha[:2]}/{sha}.{ext}"


class _Writer:
    """Files written for one upload; all removed again if the upload fails halfway."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def save(self, name: str, data: bytes) -> str:
        if default_storage.exists(name):
            default_storage.delete(name)
        stored = default_storage.save(name, ContentFile(data))
        self.names.append(stored)
        return stored

    def undo(self) -> None:
        for name in self.names:
            try:
                default_storage.delete(name)
            except OSError:
                log.warning("could not remove %s after a failed upload", name)


def _clean_alt(alt: str) -> str:
    alt = " ".join((alt or "").split())
    if not alt:
        raise UploadRejected("Describe the image in the alternative text; it is required.")
    if len(alt) > 300:
        raise UploadRejected("The alternative text is limited to 300 characters.")
    return alt


def _encode(img: PILImage.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt in ("jpeg",) and img.mode not in ("RGB", "L"):
        background = PILImage.new("RGB", img.size, "white")
        rgba = img.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        img = background
    elif fmt == "webp" and img.mode not in ("RGB", "RGBA"):
        img = img.convert("RGBA" if "A" in img.getbands() or img.mode == "P" else "RGB")
    img.save(out, **_SAVE_OPTIONS[fmt])
    return out.getvalue()


def _open_upright(data: bytes) -> PILImage.Image:
    img = PILImage.open(io.BytesIO(data))
    img.load()
    return ImageOps.exif_transpose(img) or img


def make_renditions(image: Image, data: bytes, writer: _Writer) -> list[Rendition]:
    """WebP and JPEG copies in each configured width not wider than the image itself."""
    source = _open_upright(data)
    widths = sorted({w for w in settings.VESTNIK_RENDITION_WIDTHS if w < source.width})
    widths.append(source.width)
    renditions = []
    for width in widths:
        height = max(1, round(source.height * width / source.width))
        resized = source if width == source.width else source.resize((width, height), 1)
        for fmt in (Rendition.Format.WEBP, Rendition.Format.JPEG):
            ext = "webp" if fmt == Rendition.Format.WEBP else "jpg"
            name = writer.save(
                f"images/{image.sha256[:2]}/{image.sha256}-{width}.{ext}", _encode(resized, fmt)
            )
            renditions.append(
                Rendition(image=image, width=width, height=height, format=fmt, file=name)
            )
    Rendition.objects.bulk_create(renditions)
    return renditions


def add_image(file: IO[bytes], *, alt: str, title: str = "", user: Any = None) -> Image:
    """Validate and store an image with its renditions; the same bytes twice give one Image."""
    alt = _clean_alt(alt)
    info = check_image(file)
    sha = _sha256(file)
    existing = Image.objects.filter(sha256=sha).first()
    if existing is not None:
        return existing
    data = file.read()
    file.seek(0)
    # The stored original is re-encoded from pixels: no EXIF (camera, GPS position) is kept.
    upright = _open_upright(data)
    original = _encode(upright, info.format)
    writer = _Writer()
    try:
        with transaction.atomic():
            name = writer.save(_hashed_name("images", sha, info.format), original)
            image = Image.objects.create(
                title=(title or "").strip()[:200],
                alt=alt,
                file=name,
                sha256=sha,
                width=upright.width,
                height=upright.height,
                format=info.format,
                size=len(original),
                uploaded_by=user if getattr(user, "pk", None) else None,
            )
            make_renditions(image, original, writer)
    except IntegrityError:
        writer.undo()
        return Image.objects.get(sha256=sha)
    except Exception:
        writer.undo()
        raise
    return image


def add_document(file: IO[bytes], *, title: str, original_name: str = "", user: Any = None):
    """Validate and store a PDF, DOC, DOCX or ODT under its content hash."""
    title = " ".join((title or "").split())[:300]
    kind = check_document(file)
    sha = _sha256(file)
    existing = Document.objects.filter(sha256=sha).first()
    if existing is not None:
        return existing
    if not title:
        title = (original_name.rsplit(".", 1)[0] or kind.upper())[:300]
    writer = _Writer()
    try:
        with transaction.atomic():
            name = writer.save(_hashed_name("documents", sha, kind), file.read())
            document = Document.objects.create(
                title=title,
                file=name,
                sha256=sha,
                kind=kind,
                mime=DOCUMENT_MIME[kind],
                size=default_storage.size(name),
                original_name=(original_name or "")[:255],
                uploaded_by=user if getattr(user, "pk", None) else None,
            )
    except IntegrityError:
        writer.undo()
        return Document.objects.get(sha256=sha)
    except Exception:
        writer.undo()
        raise
    finally:
        file.seek(0)
    return document
