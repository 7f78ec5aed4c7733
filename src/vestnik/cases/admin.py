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
from vestnik.cases.services import HIDDEN_DOCUMENT
from vestnik.content.models import Edition


def _other_edition_codes() -> list[str]:
    """Editions after the first: the first edition's text is the model's own field."""
    return list(Edition.objects.order_by("order", "code").values_list("code", flat=True))[1:]


def translations_form(base: type[forms.ModelForm], json_field: str, label: str, max_length: int):
    """`base` with one text box per other edition, stored in the JSON field `json_field`."""
    codes = _other_edition_codes()
    names = {code: f"{json_field}__{code}" for code in codes}

    def __init__(self, *args, **kwargs) -> None:
        base.__init__(self, *args, **kwargs)
        values = getattr(self.instance, json_field) or {}
        for code, name in names.items():
            self.fields[name].initial = values.get(code, "")

    def clean(self):
        cleaned = base.clean(self)
        values = dict(getattr(self.instance, json_field) or {})
        for code, name in names.items():
            value = (self.cleaned_data.get(name) or "").strip()
            if value:
                values[code] = value
            else:
                values.pop(code, None)
        setattr(self.instance, json_field, values)
        return cleaned

    attrs: dict = {
        "__init__": __init__,
        "clean": clean,
        "edition_field_names": list(names.values()),
    }
    for code, name in names.items():
        attrs[name] = forms.CharField(
            required=False, max_length=max_length, label=f"{label} ({code})"
        )
    return type(f"{base.__name__}WithEditions", (base,), attrs)


class EditionTextsMixin:
    """Admin (or inline) whose JSON translations are edited as one box per edition."""

    form: type[forms.ModelForm]
    plain_fields: list = []
    edition_texts: tuple[str, str, int] = ("name_translations", "Name", 200)

    def _form(self) -> type[forms.ModelForm]:
        return translations_form(self.form, *self.edition_texts)

    def get_fields(self, request, obj=None):
        json_field = self.edition_texts[0]
        extra = [f"{json_field}__{code}" for code in _other_edition_codes()]
        return [*self.plain_fields, *extra]


class TranslatedAdmin(EditionTextsMixin, admin.ModelAdmin):
    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = self._form()
        return super().get_form(request, obj, change, **kwargs)


@admin.register(Court)
class CourtAdmin(TranslatedAdmin):
    list_display = ["name", "slug", "kind", "level", "order"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    plain_fields = ["name", "slug", "kind", "level", "order"]


@admin.register(Subject)
class SubjectAdmin(TranslatedAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    plain_fields = ["name", "slug", "order"]


class HiddenNameFormSet(forms.BaseInlineFormSet):
    """Refuses texts that spell out the name of a party marked hidden in the same case."""

    text_fields: tuple[str, ...] = ()
    sibling_formsets: list = []

    def _hidden_names(self) -> list[str]:
        names: list[str] = []
        for formset in self.sibling_formsets:
            if formset.model is not Party or not formset.is_valid():
                continue
            for form in formset.forms:
                data = getattr(form, "cleaned_data", None) or {}
                if data.get("hide_name") and not data.get("DELETE"):
                    names += [data.get("name") or "", *form.instance.name_translations.values()]
        return [n.casefold() for n in names if isinstance(n, str) and len(n.strip()) >= 3]

    def clean(self) -> None:
        super().clean()
        names = self._hidden_names()
        if not names:
            return
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            texts = [str(data.get(f) or "") for f in self.text_fields]
            translations = getattr(form.instance, "text_translations", None) or {}
            texts += [str(v) for v in translations.values()]
            message = _("The text names a party whose name is hidden; leave the name out.")
            checked = getattr(form, "_checked", None)
            if checked is not None:
                texts.append(checked[0].text)
                message = _(HIDDEN_DOCUMENT)
            if any(name in " ".join(t.split()).casefold() for t in texts for name in names):
                raise ValidationError(message)


class TranslationFormSet(HiddenNameFormSet):
    text_fields = ("title", "short_name", "summary")


class EventFormSet(HiddenNameFormSet):
    text_fields = ("text", "venue")


class DocumentFormSet(HiddenNameFormSet):
    text_fields = ("title", "official_id")


class TranslationInline(admin.StackedInline):
    model = CaseTranslation
    formset = TranslationFormSet
    extra = 0
    min_num = 1


class PartyInline(EditionTextsMixin, admin.TabularInline):
    model = Party
    extra = 0
    plain_fields = ["role", "kind", "name", "hide_name", "order"]

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = self._form()
        return super().get_formset(request, obj, **kwargs)


class EventInline(EditionTextsMixin, admin.StackedInline):
    model = TimelineEvent
    formset = EventFormSet
    extra = 0
    plain_fields = ["kind", "date", "time", "time_zone", "duration_minutes", "venue", "text"]
    edition_texts = ("text_translations", "Text", 500)

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = self._form()
        return super().get_formset(request, obj, **kwargs)


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
    formset = DocumentFormSet
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

    def _create_formsets(self, request, obj, change):
        # Django's own hook between building and validating the inline formsets.
        formsets, inline_instances = super()._create_formsets(  # type: ignore[misc]
            request, obj, change
        )
        for formset in formsets:
            # texts are checked against hidden party names submitted in the same form
            formset.sibling_formsets = formsets
        return formsets, inline_instances

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
