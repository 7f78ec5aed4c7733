"""The media library in the admin: upload once, find and reuse images and documents."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html

from vestnik.medialib import services
from vestnik.medialib.models import Document, Image


def _copy_into(obj: Any, stored: Any) -> None:
    for field in type(stored)._meta.concrete_fields:
        setattr(obj, field.attname, getattr(stored, field.attname))
    obj._state.adding = False


class ImageUploadForm(forms.ModelForm):
    upload = forms.FileField(label="Image file", help_text="JPEG, PNG, GIF or WebP.")

    class Meta:
        model = Image
        fields = ["alt", "title"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("upload")
        if upload is not None:
            try:
                services.check_image(upload)
            except services.UploadRejected as exc:
                self.add_error("upload", str(exc))
        return data


class DocumentUploadForm(forms.ModelForm):
    upload = forms.FileField(label="Document file", help_text="PDF, DOC, DOCX or ODT.")

    class Meta:
        model = Document
        fields = ["title"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("upload")
        if upload is not None:
            try:
                services.check_document(upload)
            except services.UploadRejected as exc:
                self.add_error("upload", str(exc))
        return data


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "__str__", "alt", "width", "height", "uploaded_at"]
    search_fields = ["title", "alt"]
    readonly_fields = ["preview", "width", "height", "format", "size", "sha256", "uploaded_by"]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kw: Any):
        if obj is None:
            kw["form"] = ImageUploadForm
        return super().get_form(request, obj, change=change, **kw)

    def get_fields(self, request: HttpRequest, obj: Any = None):
        if obj is None:
            return ["upload", "alt", "title"]
        return ["preview", "alt", "title", *self.readonly_fields[1:]]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None):
        return self.readonly_fields if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        stored = services.add_image(
            form.cleaned_data["upload"],
            alt=form.cleaned_data["alt"],
            title=form.cleaned_data.get("title", ""),
            user=request.user,
        )
        _copy_into(obj, stored)

    @admin.display(description="")
    def thumbnail(self, obj: Image) -> str:
        small = obj.renditions.filter(format="jpeg").order_by("width").first()
        if small is None:
            return ""
        return format_html('<img src="{}" alt="{}" width="80">', small.file.url, obj.alt)

    @admin.display(description="Preview")
    def preview(self, obj: Image) -> str:
        from vestnik.medialib.templatetags.medialib import responsive_image

        return responsive_image(obj, sizes="400px")


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "size", "original_name", "uploaded_at"]
    list_filter = ["kind"]
    search_fields = ["title", "original_name"]
    readonly_fields = ["link", "kind", "mime", "size", "sha256", "original_name", "uploaded_by"]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kw: Any):
        if obj is None:
            kw["form"] = DocumentUploadForm
        return super().get_form(request, obj, change=change, **kw)

    def get_fields(self, request: HttpRequest, obj: Any = None):
        if obj is None:
            return ["upload", "title"]
        return ["title", *self.readonly_fields]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None):
        return self.readonly_fields if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        upload = form.cleaned_data["upload"]
        stored = services.add_document(
            upload,
            title=form.cleaned_data.get("title", ""),
            original_name=getattr(upload, "name", ""),
            user=request.user,
        )
        _copy_into(obj, stored)

    @admin.display(description="File")
    def link(self, obj: Document) -> str:
        return format_html('<a href="{}">{}</a>', obj.file.url, obj.file.name)
