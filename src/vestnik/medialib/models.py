"""The media library: images (with renditions) and documents, stored under content-hash names."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Image(models.Model):
    title = models.CharField(max_length=200, blank=True)
    alt = models.CharField(
        "alternative text",
        max_length=300,
        help_text="What the image shows, for readers who cannot see it. Required.",
    )
    file = models.FileField(max_length=200, editable=False)
    sha256 = models.CharField(max_length=64, unique=True, editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    format = models.CharField(max_length=10, editable=False)
    size = models.PositiveBigIntegerField(editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.title or self.alt[:80]


class Rendition(models.Model):
    class Format(models.TextChoices):
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    format = models.CharField(max_length=10, choices=Format.choices)
    file = models.FileField(max_length=200)

    class Meta:
        ordering = ["format", "width"]
        constraints = [
            models.UniqueConstraint(
                fields=["image", "format", "width"], name="medialib_rendition_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.image_id} {self.format} {self.width}w"


class Document(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOC = "doc", "Word 97-2003 (DOC)"
        DOCX = "docx", "Word (DOCX)"
        ODT = "odt", "OpenDocument text (ODT)"

    title = models.CharField(max_length=300)
    file = models.FileField(max_length=200, editable=False)
    sha256 = models.CharField(max_length=64, unique=True, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices, editable=False)
    mime = models.CharField(max_length=100, editable=False)
    size = models.PositiveBigIntegerField(editable=False)
    original_name = models.CharField(max_length=255, blank=True, editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.title
