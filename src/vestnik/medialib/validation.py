"""What an upload really is, judged by its bytes: images through Pillow, documents by structure."""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass
from typing import IO

import filetype
from django.conf import settings
from PIL import Image as PILImage

IMAGE_FORMATS = {"JPEG": "jpeg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_ODT_MIME = b"application/vnd.oasis.opendocument.text"
DOCUMENT_MIME = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
# A document whose zip members would unpack to more than this is refused (zip bomb).
MAX_UNZIPPED_BYTES = 500 * 1024 * 1024
MAX_ZIP_RATIO = 200
MAX_ZIP_MEMBERS = 20_000


class UploadRejected(ValueError):
    """The upload is not acceptable; the message says why, in words an editor understands."""


@dataclass(frozen=True)
class ImageInfo:
    format: str  # jpeg, png, gif, webp
    width: int
    height: int


def _size_of(file: IO[bytes]) -> int:
    file.seek(0, 2)
    size = file.tell()
    file.seek(0)
    return size


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def _refuse_known_non_media(head: bytes, wanted: str) -> None:
    kind = filetype.guess(head)
    if kind is not None and kind.extension in {"exe", "elf", "dmg", "msi", "swf", "crx", "wasm"}:
        raise UploadRejected(f"This file is a program ({kind.extension}), not {wanted}.")


def check_image(file: IO[bytes]) -> ImageInfo:
    """Accept JPEG, PNG, GIF and WebP images within the size and pixel limits."""
    size = _size_of(file)
    if size == 0:
        raise UploadRejected("The file is empty.")
    if size > settings.VESTNIK_IMAGE_MAX_BYTES:
        raise UploadRejected(
            f"The image is too large ({_mb(size)}); the limit is "
            f"{_mb(settings.VESTNIK_IMAGE_MAX_BYTES)}."
        )
    _refuse_known_non_media(file.read(8192), "an image")
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(file) as img:
                fmt = img.format or ""
                width, height = img.size
                if fmt not in IMAGE_FORMATS:
                    raise UploadRejected(
                        f"Images must be JPEG, PNG, GIF or WebP, not {fmt or 'unknown'}."
                    )
                if width * height > settings.VESTNIK_IMAGE_MAX_PIXELS:
                    raise UploadRejected(
                        f"The image is {width}×{height} pixels; the limit is "
                        f"{settings.VESTNIK_IMAGE_MAX_PIXELS:,} pixels in all."
                    )
                img.verify()
            file.seek(0)
            with PILImage.open(file) as img:
                img.load()
    except UploadRejected:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
        raise UploadRejected("The image has too many pixels to process safely.") from exc
    except Exception as exc:  # Pillow raises many types for broken files
        raise UploadRejected("The file is not an image that can be read.") from exc
    finally:
        file.seek(0)
    if width < 1 or height < 1:
        raise UploadRejected("The image has no pixels.")
    return ImageInfo(IMAGE_FORMATS[fmt], width, height)


def _check_zip(file: IO[bytes]) -> str:
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise UploadRejected("The document has too many parts to be a real document.")
            unpacked = sum(m.file_size for m in members)
            packed = sum(m.compress_size for m in members) or 1
            if unpacked > MAX_UNZIPPED_BYTES or unpacked / packed > MAX_ZIP_RATIO:
                raise UploadRejected("The document unpacks to far too much data (a zip bomb?).")
            names = {m.filename for m in members}
            if members and members[0].filename == "mimetype":
                if archive.read("mimetype").strip() == _ODT_MIME:
                    return "odt"
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return "docx"
    except zipfile.BadZipFile as exc:
        raise UploadRejected("The file looks like a document but is damaged.") from exc
    finally:
        file.seek(0)
    raise UploadRejected("This archive is not a DOCX or ODT text document.")


def check_document(file: IO[bytes]) -> str:
    """Return the kind (pdf, doc, docx, odt) of a document, judged by its content."""
    size = _size_of(file)
    if size == 0:
        raise UploadRejected("The file is empty.")
    if size > settings.VESTNIK_DOCUMENT_MAX_BYTES:
        raise UploadRejected(
            f"The document is too large ({_mb(size)}); the limit is "
            f"{_mb(settings.VESTNIK_DOCUMENT_MAX_BYTES)}."
        )
    head = file.read(8192)
    file.seek(0)
    _refuse_known_non_media(head, "a document")
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _check_zip(file)
    if head.startswith(_OLE_MAGIC):
        # The directory of a Word 97 file names its "WordDocument" stream (UTF-16).
        data = file.read(min(size, 8 * 1024 * 1024))
        file.seek(0)
        if _WORD_STREAM in data:
            return "doc"
        raise UploadRejected("This Office file is not a Word document.")
    raise UploadRejected("Attachments must be PDF, DOC, DOCX or ODT documents.")
