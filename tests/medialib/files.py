"""Small real files (and hostile fakes) made in memory for upload tests."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from PIL import Image


def jpeg(width: int = 1200, height: int = 800, exif_gps: bool = False) -> bytes:
    img = Image.new("RGB", (width, height), (30, 90, 160))
    for x in range(0, width, 50):
        img.paste((200, 40, 40), (x, 0, min(width, x + 10), height))
    out = io.BytesIO()
    exif = Image.Exif()
    if exif_gps:
        exif[0x010F] = "SpyCam"  # Make
        exif[0x8825] = {1: "N", 2: (55.0, 45.0, 0.0)}  # GPS info
    img.save(out, "JPEG", quality=90, exif=exif.tobytes())
    return out.getvalue()


def png(width: int = 300, height: int = 200, mode: str = "RGBA") -> bytes:
    img = Image.new(mode, (width, height))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_bomb(width: int = 50_000, height: int = 50_000) -> bytes:
    """A tiny PNG whose header claims billions of pixels (a decompression bomb)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + _chunk(b"IEND", b"")
    )


def pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def docx(body: bytes = b"<w:document/>") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("_rels/.rels", "<Relationships/>")
        z.writestr("word/document.xml", body)
    return out.getvalue()


def odt() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text"
        )  # stored first, uncompressed, as the format requires
        z.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
    return out.getvalue()


def doc() -> bytes:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    directory = "Root Entry".encode("utf-16-le").ljust(128, b"\x00")
    directory += "WordDocument".encode("utf-16-le").ljust(128, b"\x00")
    return header + directory + b"\x00" * 512


def xlsx_like_ole() -> bytes:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return header + "Workbook".encode("utf-16-le").ljust(128, b"\x00") + b"\x00" * 512


def windows_exe() -> bytes:
    dos = bytearray(b"MZ" + b"\x00" * 126)
    struct.pack_into("<I", dos, 0x3C, 0x80)
    return bytes(dos) + b"PE\x00\x00" + b"\x4c\x01" + b"\x00" * 400


def zip_bomb_docx() -> bytes:
    return docx(b"<w:document>" + b"\x00" * (20 * 1024 * 1024) + b"</w:document>")


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "hello")
    return out.getvalue()
