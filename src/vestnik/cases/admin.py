"""Back office for case files: cases with texts, parties, timeline, documents and articles."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from vestnik.cases import permissions, revisions, services
from vestnik.cases.documents import MAX_DOCUMENT_BYTES, CheckedDocument, check_document
from vestnik.cases.models import (
    Case,
    CaseArticle,
    CaseDocument,
    CaseRevision,
    CaseTranslation,
    Court,
    Party,
    Subject,
    TimelineEvent,
)
from vestnik.cases.services import HIDDEN_DOCUMENT
from vestnik.content.models import Edition
from vestnik.editorial.admin import guard_bulk_action


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


class ListAdmin(TranslatedAdmin):
    """Courts and subjects: everyone with a role may look, only administrators change."""

    def has_module_permission(self, request):
        return permissions.can_view_cases(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_view_cases(request.user)

    def has_add_permission(self, request):
        return permissions.can_change_lists(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.can_change_lists(request.user)

    def has_delete_permission(self, request, obj=None):
        return permissions.can_change_lists(request.user)

    def changelist_view(self, request, extra_context=None):
        guard_bulk_action(self, request)
        return super().changelist_view(request, extra_context)


@admin.register(Court)
class CourtAdmin(ListAdmin):
    list_display = ["name", "slug", "kind", "level", "order"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    plain_fields = ["name", "slug", "kind", "level", "order"]


@admin.register(Subject)
class SubjectAdmin(ListAdmin):
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
    # edition ids whose text the user may add, change or delete; None: every edition
    editable_editions: set[int] | None = None

    def clean(self) -> None:
        super().clean()
        allowed = self.editable_editions
        if allowed is None:
            return
        refused: set[str] = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            deleted = bool(data.get("DELETE")) and form.instance.pk is not None
            if not deleted and not form.has_changed():
                continue
            before = form.initial.get("edition") if form.instance.pk is not None else None
            after = data.get("edition")
            for edition in (before, None if deleted else after):
                edition_id = getattr(edition, "pk", edition)
                if edition_id is not None and edition_id not in allowed:
                    refused.add(str(Edition.objects.filter(pk=edition_id).first() or edition_id))
        if refused:
            raise ValidationError(
                _("Only an editor of that edition may add, change or delete its text: %(e)s.")
                % {"e": ", ".join(sorted(refused))}
            )


class EventFormSet(HiddenNameFormSet):
    text_fields = ("text", "venue")


class DocumentFormSet(HiddenNameFormSet):
    text_fields = ("title", "official_id")


class CaseInlineMixin:
    """Inlines follow the case roles, not Django's model permissions."""

    def has_view_permission(self, request, obj=None):
        return permissions.can_view_cases(request.user)

    def has_add_permission(self, request, obj=None):
        return permissions.can_edit_cases(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.can_edit_cases(request.user)

    def has_delete_permission(self, request, obj=None):
        return permissions.can_edit_cases(request.user)


class TranslationInline(CaseInlineMixin, admin.StackedInline):
    model = CaseTranslation
    formset = TranslationFormSet
    extra = 0
    min_num = 1


class PartyInline(CaseInlineMixin, EditionTextsMixin, admin.TabularInline):
    model = Party
    extra = 0
    plain_fields = ["role", "kind", "name", "hide_name", "order"]

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = self._form()
        return super().get_formset(request, obj, **kwargs)


class EventInline(CaseInlineMixin, EditionTextsMixin, admin.StackedInline):
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


class DocumentInline(CaseInlineMixin, admin.StackedInline):
    model = CaseDocument
    form = CaseDocumentForm
    formset = DocumentFormSet
    extra = 0
    readonly_fields = ["file", "file_format", "size", "sha256"]


class ArticleInline(CaseInlineMixin, admin.TabularInline):
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
    change_form_template = "vestnik_cases/case_change_form.html"

    # --- who may see and do what (vestnik.cases.permissions) ---------------------------

    def has_module_permission(self, request):
        return permissions.can_view_cases(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_view_cases(request.user)

    def has_add_permission(self, request):
        return permissions.can_edit_cases(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.can_edit_cases(request.user)

    def has_delete_permission(self, request, obj=None):
        return permissions.can_delete_cases(request.user)

    def changelist_view(self, request, extra_context=None):
        guard_bulk_action(self, request)
        return super().changelist_view(request, extra_context)

    def _create_formsets(self, request, obj, change):
        # Django's own hook between building and validating the inline formsets.
        formsets, inline_instances = super()._create_formsets(  # type: ignore[misc]
            request, obj, change
        )
        editable = permissions.editions_edited_by(request.user)
        for formset in formsets:
            # texts are checked against hidden party names submitted in the same form
            formset.sibling_formsets = formsets
            if isinstance(formset, TranslationFormSet):
                formset.editable_editions = editable
        return formsets, inline_instances

    def save_model(self, request, obj, form, change) -> None:
        if change and not obj.revisions.exists():
            # Imported and demo cases have no history yet: keep how they were first.
            revisions.save_revision(obj, comment="Before the first edit in the back office")
        status_changed = change and "status" in form.changed_data
        if status_changed:
            from django.utils import timezone

            obj.status_changed = timezone.now()
        super().save_model(request, obj, form, change)
        request._vestnik_case_status_changed = status_changed  # per request, not per admin

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        # After the inlines: the revision and the announcement see the case as saved.
        revisions.save_revision(form.instance, request.user)
        if getattr(request, "_vestnik_case_status_changed", False):
            services.announce_status(form.instance)

    # --- revisions: list, diff, restore ---------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/revisions/",
                wrap(self.revisions_view),
                name="vestnik_cases_case_revisions",
            ),
            path(
                "<int:object_id>/revisions/<int:revision_id>/restore/",
                wrap(require_POST(self.restore_view)),
                name="vestnik_cases_case_restore",
            ),
            *super().get_urls(),
        ]

    def revisions_view(self, request: HttpRequest, object_id: int):
        if not permissions.can_view_cases(request.user):
            raise PermissionDenied
        case = get_object_or_404(Case, pk=object_id)
        revs = list(case.revisions.select_related("author"))
        by_number: dict[str, CaseRevision] = {str(r.number): r for r in revs}
        a = by_number.get(request.GET.get("a", ""))
        b_key = request.GET.get("b", "")
        b = by_number.get(b_key)
        changes = None
        if a is not None and (b is not None or b_key == "current"):
            changes = revisions.diff(a.data, b.data if b else revisions.snapshot(case))
        rows = [(rev, revs[i + 1] if i + 1 < len(revs) else None) for i, rev in enumerate(revs)]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": case,
            "title": f"Revisions of case “{case}”",
            "rows": rows,
            "a": a,
            "b": b,
            "b_current": b is None and b_key == "current",
            "changes": changes,
            "can_restore": permissions.can_edit_cases(request.user),
        }
        return TemplateResponse(request, "vestnik_cases/case_revisions.html", context)

    def restore_view(self, request: HttpRequest, object_id: int, revision_id: int):
        if not permissions.can_edit_cases(request.user):
            raise PermissionDenied
        case = get_object_or_404(Case, pk=object_id)
        revision = get_object_or_404(CaseRevision, pk=revision_id, case=case)
        allowed = permissions.editions_edited_by(request.user)
        if allowed is not None:
            codes = revisions.touched_editions(case, revision)
            ids = set(Edition.objects.filter(code__in=codes).values_list("pk", flat=True))
            if ids - allowed:
                raise PermissionDenied("The restore would change another edition's case text.")
        try:
            new = revisions.restore(revision, request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(
                reverse("admin:vestnik_cases_case_revisions", args=[case.pk])
            )
        messages.success(
            request, f"Revision #{revision.number} restored as revision #{new.number}."
        )
        return HttpResponseRedirect(reverse("admin:vestnik_cases_case_change", args=[case.pk]))
