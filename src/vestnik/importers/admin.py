"""Read-only views of what was imported: find conflicts (edited here and in the source)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from vestnik.importers.models import ImportedItem, ImportRun


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ImportedItem)
class ImportedItemAdmin(ReadOnly):
    list_display = ("source", "kind", "key", "target_model", "target_id", "conflict", "updated")
    list_filter = ("conflict", "kind", "source", "sticky")
    search_fields = ("key", "guid", "url")


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnly):
    list_display = ("importer", "file", "dry_run", "started", "finished")
    list_filter = ("importer", "dry_run")
