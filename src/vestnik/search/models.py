"""The search index: one `SearchEntry` per searchable thing (an article, a case document …).

The entry keeps what results show (title, snippet text, URL, section, date) and the
analysed terms both backends index; the full-text structure itself (an FTS5 table on
SQLite, a tsvector column on PostgreSQL) is created by this app's migration.
"""

from __future__ import annotations

from django.db import models

from vestnik.content.models import Edition, Section, Tag


class SearchEntry(models.Model):
    kind = models.CharField(max_length=30)
    object_id = models.BigIntegerField()
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="+")
    added = models.DateTimeField(help_text="Shown from this moment on; also the result date.")
    day = models.IntegerField(help_text="Proleptic ordinal of the date: recency in SQL.")
    url = models.CharField(max_length=1000)
    section_title = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=500)
    subtitle = models.CharField(max_length=500, blank=True)
    text = models.TextField(blank=True, help_text="Plain text the snippets come from.")
    title_terms = models.TextField(blank=True)
    subtitle_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchentry_unique"),
        ]
        indexes = [models.Index(fields=["edition", "day"], name="searchentry_edition_day")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"
