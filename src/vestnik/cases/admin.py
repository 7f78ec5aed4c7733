"""Back office for case files: cases with texts, parties, timeline, documents and articles."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vestnik.cases import services
from vestnik.cases.documents import MAX_DOCUMENT_BYTES, CheckedDocument, check_document
from vestnik.cases.models import (
    Case,
    CaseArticle,
    CaseDocument,
    CaseTranslation,
    Court,
    Party,
    Subject,
    TimelineEvent,
)


@admin.register(Court)
class CourtAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "level", "order"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class TranslationInline(admin.StackedInline):
    model = CaseTranslation
    extra = 0
    min_num = 1


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0
    fields = ["role", "kind", "name", "name_translations", "hide_name", "order"]


class EventInline(admin.StackedInline):
    model = TimelineEvent
    extra = 0
    fields = [
        ("kind", "date", "time", "time_zone", "duration_minutes"),
        "venue",
        "text",
        "text_translations",
    ]


class CaseDocumentForm(forms.ModelForm):
    upload = forms.FileField(
        required=False,
        label=_("File"),
        help_text=_("PDF, DOC, DOCX or ODT; checked by its content."),
    )

    _checked: tuple[CheckedDocument, bytes] | None = None

    class Meta:
        model = CaseDocument
        fields = ["title", "doc_type", "date", "language", "official_id", "event"]

    def clean(self):
        cleaned = super().clean() or {}
        upload = cleaned.get("upload")
        self._checked = None
        if upload is None:
            if self.instance.pk is None and not self.errors and self.has_changed():
                raise ValidationError({"upload": _("Choose a file to upload.")})
            return cleaned
        if upload.size > MAX_DOCUMENT_BYTES:
            raise ValidationError({"upload": _("The file is too large.")})
        data = upload.read()
        checked = check_document(upload.name, data)
        case_id = self.instance.case_id or getattr(getattr(self, "parent_case", None), "pk", None)
        if case_id and (
            CaseDocument.objects.filter(case_id=case_id, sha256=checked.sha256)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise ValidationError({"upload": _("This document is attached to the case already.")})
        self._checked = (checked, data)
        return cleaned

    def save(self, commit: bool = True):
        document = super().save(commit=False)
        if self._checked is not None:
            from django.core.files.base import ContentFile

            checked, data = self._checked
            document.file_format = checked.file_format
            document.size = checked.size
            document.sha256 = checked.sha256
            document.text = checked.text
            document.original_name = checked.safe_name
            document.file.save(checked.safe_name, ContentFile(data), save=False)
        if commit:
            document.save()
        return document


class DocumentInline(admin.StackedInline):
    model = CaseDocument
    form = CaseDocumentForm
    extra = 0
    readonly_fields = ["file", "file_format", "size", "sha256"]


class ArticleInline(admin.TabularInline):
    model = CaseArticle
    extra = 0
    raw_id_fields = ["article"]
    verbose_name = _("linked article")


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["slug", "court", "number", "status", "status_changed", "is_public"]
    list_filter = ["status", "court", "subjects", "is_public"]
    search_fields = ["slug", "number", "number_key", "translations__title"]
    filter_horizontal = ["subjects"]
    raw_id_fields = ["follows"]
    inlines = [TranslationInline, PartyInline, EventInline, DocumentInline, ArticleInline]

    def save_model(self, request, obj, form, change) -> None:
        status_changed = change and "status" in form.changed_data
        if status_changed:
            from django.utils import timezone

            obj.status_changed = timezone.now()
        super().save_model(request, obj, form, change)
        request._vestnik_case_status_changed = status_changed  # per request, not per admin

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        # After the inlines, so the announcement uses the case's current titles.
        if getattr(request, "_vestnik_case_status_changed", False):
            services.announce_status(form.instance)
