from django.contrib import admin

from vestnik.content import services
from vestnik.content.models import (
    Article,
    Attachment,
    Contact,
    Edition,
    Event,
    Page,
    Redirect,
    RelatedLink,
    Section,
    SiteNewsItem,
    Source,
    Tag,
)


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "language", "date_format", "order"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "path", "edition", "order"]
    list_filter = ["edition"]
    search_fields = ["title", "path"]
    readonly_fields = ["path"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "url"]
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "edition"]
    list_filter = ["edition"]
    search_fields = ["name"]


class ContactInline(admin.StackedInline):
    model = Contact
    extra = 0


class EventInline(admin.StackedInline):
    model = Event
    extra = 0


class LinkInline(admin.TabularInline):
    model = RelatedLink
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["size"]


@admin.action(description="Publish selected articles")
def publish(modeladmin, request, queryset):
    for article in queryset:
        services.publish_article(article)


@admin.action(description="Unpublish selected articles")
def unpublish(modeladmin, request, queryset):
    for article in queryset:
        services.unpublish_article(article)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "edition", "section", "status", "added"]
    list_filter = ["edition", "status", "section"]
    search_fields = ["title", "subtitle"]
    date_hierarchy = "added"
    list_select_related = ["edition", "section"]
    autocomplete_fields = ["source", "tags"]
    inlines = [ContactInline, EventInline, LinkInline, AttachmentInline]
    actions = [publish, unpublish]
    fieldsets = [
        (None, {"fields": ["edition", "section", "source", "title", "subtitle", "slug"]}),
        ("Dateline", {"fields": ["dateline_place", "dateline_date"]}),
        (None, {"fields": ["body", "summary", "tags"]}),
        ("Publishing", {"fields": ["status", "added", "show_in_site_news", "translation_group"]}),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.is_published:
            services.publish_article(obj)


@admin.register(SiteNewsItem)
class SiteNewsItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "edition", "added"]
    list_filter = ["edition"]
    raw_id_fields = ["article"]


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "edition", "order"]
    list_filter = ["edition"]


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "article", "target_url"]
    search_fields = ["old_path"]
    raw_id_fields = ["article"]
