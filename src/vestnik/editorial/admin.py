"""The back office: the article admin with roles, workflow, revisions; roles and audit admins."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_POST
from js_asset import Media as JsMedia

from vestnik.content.models import (
    Article,
    Attachment,
    Contact,
    Event,
    Page,
    RelatedLink,
    Section,
)
from vestnik.editorial import audit, revisions, roles, services
from vestnik.editorial.forms import ArticleForm, PageForm
from vestnik.editorial.models import AuditEntry, EditionRole, Revision
from vestnik.editorial.preview import preview_url


class BlockInline(admin.StackedInline):
    """Structured blocks follow the article's permissions, not Django's model permissions."""

    extra = 0

    def _allowed(self, request, obj) -> bool:
        if obj is None:
            return roles.has_any_role(request.user)
        return roles.can_edit(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return obj is None or roles.can_view(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request, obj)


class OrderedBlockInline(BlockInline):
    """Blocks the editor puts in order: up/down buttons fill the hidden order number."""

    class Media:
        js = ["vestnik_editorial/reorder.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "order":
            kwargs["widget"] = forms.HiddenInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ContactInline(OrderedBlockInline):
    model = Contact
    fields = ["order", "name", "city", "languages", "phones", "email", "note"]


class EventInline(BlockInline):
    model = Event
    fields = ["title", "start", "venue", "address", "time_zone"]


class LinkInline(OrderedBlockInline):
    model = RelatedLink
    fields = ["order", "title", "url"]


class AttachmentInline(OrderedBlockInline):
    model = Attachment
    fields = ["order", "title", "file", "size"]
    readonly_fields = ["size"]


def _parse_when(value: str) -> datetime | None:
    value = (value or "").strip()[:40]
    if not value:
        return None
    try:
        when = parse_datetime(value.replace(" ", "T"))
    except ValueError:
        when = None
    if when is None:
        raise ValidationError("Give the time as YYYY-MM-DD HH:MM.")
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    return when


def guard_bulk_action(model_admin: admin.ModelAdmin, request: HttpRequest) -> None:
    """A bulk action the user lacks, or rows they cannot see: 403/404, not a quiet no-op."""
    if request.method != "POST" or "action" not in request.POST:
        return
    if request.POST["action"] not in model_admin.get_actions(request):
        raise PermissionDenied("You may not do that.")
    selected = set(request.POST.getlist(helpers.ACTION_CHECKBOX_NAME))
    wanted = [pk for pk in selected if pk.isascii() and pk.isdigit() and len(pk) < 19]
    visible = {
        str(pk)
        for pk in model_admin.get_queryset(request)
        .filter(pk__in=wanted)
        .values_list("pk", flat=True)
    }
    if selected - visible:
        raise Http404("No such object.")


def with_csp_nonce(request: HttpRequest, context: dict) -> None:
    """Put the request's CSP nonce (django-csp) on the form media: the rich-text editor's
    import map is an inline <script type="importmap"> that a nonce-less policy blocks."""
    # django-csp's lazy nonce is falsy until read, and only a read puts it in the header.
    nonce = getattr(request, "csp_nonce", None)
    media = context.get("media")
    if nonce is not None and media is not None:
        value = str(nonce)
        context["media"] = JsMedia.from_media(media, nonce=value)
        request._vestnik_csp_nonce = value  # type: ignore[attr-defined]


def allow_nonce(request: HttpRequest, response):
    """Let the policy admit the nonce'd import map even if its script-src lacks NONCE."""
    value = getattr(request, "_vestnik_csp_nonce", None)
    if value:
        update = dict(getattr(response, "_csp_update", None) or {})
        update["script-src"] = [*update.get("script-src", []), f"'nonce-{value}'"]
        response._csp_update = update
    return response


admin.site.unregister(Article)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    change_form_template = "vestnik_editorial/article_change_form.html"
    list_display = ["title", "edition", "section", "status", "publish_at", "added"]
    list_filter = ["edition", "status"]
    search_fields = ["title", "subtitle"]
    date_hierarchy = "added"
    list_select_related = ["edition", "section"]
    filter_horizontal = ["tags"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ContactInline, EventInline, LinkInline, AttachmentInline]
    readonly_fields = ["status", "publish_at", "published_at", "created_by"]
    fieldsets = [
        (None, {"fields": ["edition", "section", "source", "title", "subtitle", "slug"]}),
        ("Dateline", {"fields": ["dateline_place", "dateline_date"]}),
        (None, {"fields": ["body", "summary", "tags", "base_version"]}),
        (
            "Publishing",
            {
                "fields": [
                    "status", "publish_at", "published_at", "created_by", "added",
                    "show_in_site_news", "translation_group",
                ]
            },
        ),
    ]  # fmt: skip

    # --- who may see and do what -------------------------------------------------------

    def get_queryset(self, request):
        return roles.visible_articles(request.user).select_related("edition", "section")

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        posted = request.POST.get("edition") if request.method == "POST" else None
        if posted and not roles.is_administrator(request.user):
            allowed = {str(pk) for pk in roles.roles_of(request.user)}
            if posted not in allowed:
                raise PermissionDenied("You have no role in that edition.")
        response = super().changeform_view(request, object_id, form_url, extra_context)
        return allow_nonce(request, response)

    def changelist_view(self, request, extra_context=None):
        guard_bulk_action(self, request)
        return super().changelist_view(request, extra_context)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            # Not there or not yours: the same 404 (the admin would redirect).
            raise Http404("No such article.")
        return obj

    def has_module_permission(self, request):
        return roles.has_any_role(request.user)

    def has_view_permission(self, request, obj=None):
        return roles.has_any_role(request.user) and (
            obj is None or roles.can_view(request.user, obj)
        )

    def has_add_permission(self, request):
        return roles.has_any_role(request.user)

    def has_change_permission(self, request, obj=None):
        return roles.has_any_role(request.user) and (
            obj is None or roles.can_edit(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return (
                roles.is_administrator(request.user)
                or "editor" in roles.roles_of(request.user).values()
            )
        return roles.is_editor(request.user, obj.edition_id)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        editions = roles.editions_for(request.user)
        if db_field.name == "edition":
            kwargs["queryset"] = editions
        elif db_field.name == "section":
            kwargs["queryset"] = Section.objects.filter(edition__in=editions).select_related(
                "edition"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # --- saving: ownership, version, revision, audit ------------------------------------

    def save_model(self, request, obj, form, change):
        if change and not obj.revisions.exists():
            # Imported and demo articles have no history yet: keep how they were first.
            revisions.save_revision(
                Article.objects.get(pk=obj.pk), comment="Before the first edit in the back office"
            )
        if change:
            obj.version = F("version") + 1
        else:
            obj.created_by = request.user
            obj.version = 1
        if obj.section_id and not roles.can_create_in(request.user, obj.edition_id):
            raise PermissionDenied
        super().save_model(request, obj, form, change)
        obj.refresh_from_db(fields=["version"])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        revisions.save_revision(form.instance, request.user)
        if not change:
            audit.record("article.create", obj=form.instance, request=request)

    def delete_model(self, request, obj):
        audit.record("delete", obj=obj, request=request, details={"status": obj.status})
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            if not roles.is_editor(request.user, obj.edition_id):
                raise PermissionDenied
            audit.record("delete", obj=obj, request=request, details={"status": obj.status})
        super().delete_queryset(request, queryset)

    def get_actions(self, request):
        actions = super().get_actions(request)
        return {k: v for k, v in actions.items() if k == "delete_selected"}

    # --- workflow, revisions and preview pages ------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/workflow/<str:action>/",
                wrap(require_POST(self.workflow_view)),
                name="content_article_workflow",
            ),
            path(
                "<int:object_id>/revisions/",
                wrap(self.revisions_view),
                name="content_article_revisions",
            ),
            path(
                "<int:object_id>/revisions/<int:number>/restore/",
                wrap(require_POST(self.restore_view)),
                name="content_article_restore",
            ),
            *super().get_urls(),
        ]

    def _article_for(self, request, object_id) -> Article:
        article = self.get_queryset(request).filter(pk=object_id).first()
        if article is None or not roles.can_view(request.user, article):
            raise Http404("No such article.")
        return article

    def workflow_view(self, request: HttpRequest, object_id: int, action: str):
        article = self._article_for(request, object_id)
        try:
            when = _parse_when(request.POST.get("publish_at", ""))
            services.transition(
                article, action, user=request.user, request=request,
                comment=request.POST.get("comment", ""), publish_at=when,
            )  # fmt: skip
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"“{article.title}” is now {article.get_status_display()}.")
        target = "change" if roles.can_view(request.user, article) else "changelist"
        args = [article.pk] if target == "change" else []
        return HttpResponseRedirect(reverse(f"admin:content_article_{target}", args=args))

    def revisions_view(self, request: HttpRequest, object_id: int):
        article = self._article_for(request, object_id)
        revs = list(article.revisions.select_related("author"))
        by_number = {r.number: r for r in revs}
        changes = None
        a = b = None
        try:
            a = by_number.get(int(request.GET.get("a", "")))
            b = by_number.get(int(request.GET.get("b", "")))
        except ValueError:
            pass
        if a is not None and b is not None:
            changes = revisions.diff(a.data, b.data)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": f"Revisions of “{article.title}”",
            "revisions": revs,
            "a": a,
            "b": b,
            "changes": changes,
            "can_restore": roles.can_edit(request.user, article),
        }
        return TemplateResponse(request, "vestnik_editorial/revisions.html", context)

    def restore_view(self, request: HttpRequest, object_id: int, number: int):
        article = self._article_for(request, object_id)
        if not roles.can_edit(request.user, article):
            raise PermissionDenied
        revision = get_object_or_404(Revision, article=article, number=number)
        new = revisions.restore(revision, request.user)
        messages.success(request, f"Revision #{number} restored as revision #{new.number}.")
        return HttpResponseRedirect(reverse("admin:content_article_change", args=[article.pk]))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["transitions"] = services.allowed_transitions(request.user, obj)
            context["preview_url"] = preview_url(obj)
            context["workflow_steps"] = obj.workflow_steps.select_related("actor")[:20]
        context["conflict_form"] = context.get("adminform") and context["adminform"].form
        with_csp_nonce(request, context)
        return super().render_change_form(request, context, add, change, form_url, obj)


admin.site.unregister(Page)


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    form = PageForm
    list_display = ["title", "slug", "edition", "order"]
    list_filter = ["edition"]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        with_csp_nonce(request, context)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        return allow_nonce(request, response)

    def delete_model(self, request, obj):
        audit.record("delete", obj=obj, request=request)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit.record("delete", obj=obj, request=request)
        super().delete_queryset(request, queryset)


@admin.register(EditionRole)
class EditionRoleAdmin(admin.ModelAdmin):
    """Administrators only (model permissions: superusers and the administrator group)."""

    list_display = ["user", "edition", "role"]
    list_filter = ["edition", "role"]
    autocomplete_fields = ["user"]

    def save_model(self, request, obj, form, change):
        roles.grant_role(obj.user, obj.edition, obj.role, by=request.user, request=request)
        saved = EditionRole.objects.get(user=obj.user, edition=obj.edition)
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        roles.revoke_role(obj.user, obj.edition, by=request.user, request=request)

    def delete_queryset(self, request, queryset):
        for obj in queryset.select_related("user", "edition"):
            roles.revoke_role(obj.user, obj.edition, by=request.user, request=request)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "actor_name", "ip", "object_type", "object_repr"]
    list_filter = ["action", "actor", ("at", admin.DateFieldListFilter)]
    search_fields = ["action", "actor_name", "object_repr", "ip"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and roles.is_administrator(request.user):
            raise PermissionDenied("The audit log is append-only.")
        return super().changelist_view(request, extra_context)

    def has_module_permission(self, request):
        return roles.is_administrator(request.user)

    def has_view_permission(self, request, obj=None):
        return roles.is_administrator(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
