"""What the importers remember: which source item became which object, and each run."""

from __future__ import annotations

from django.db import models


class ImportedItem(models.Model):
    """One item of an imported source (a WordPress post, a saved HTML page) and its object."""

    source = models.CharField(max_length=300, help_text="e.g. wxr:https://blog.example.org")
    kind = models.CharField(max_length=20)
    key = models.CharField(max_length=500, help_text="WordPress ID, term slug or file path")
    guid = models.CharField(max_length=1000, blank=True)
    url = models.CharField(max_length=2000, blank=True, help_text="Where it was on the old site.")
    target_model = models.CharField(max_length=50, blank=True)
    target_id = models.BigIntegerField(null=True, blank=True)
    content_hash = models.CharField(max_length=64, help_text="Hash of the item in the source.")
    written_hash = models.CharField(
        max_length=64, blank=True, help_text="Hash of the object as the importer wrote it."
    )
    sticky = models.BooleanField(default=False)
    conflict = models.BooleanField(
        default=False, help_text="The source changed after the object was edited here."
    )
    pending_hash = models.CharField(max_length=64, blank=True)
    imported = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "key"], name="imported_item_key"),
        ]
        indexes = [models.Index(fields=["target_model", "target_id"], name="imported_target")]

    def __str__(self) -> str:
        return f"{self.source} {self.kind} {self.key}"


class ImportRun(models.Model):
    """One finished (or dry) run of an importer and its summary."""

    importer = models.CharField(max_length=20)
    source = models.CharField(max_length=300)
    file = models.CharField(max_length=1000)
    dry_run = models.BooleanField(default=False)
    started = models.DateTimeField()
    finished = models.DateTimeField(auto_now_add=True)
    summary = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"{self.importer} {self.file} {self.started:%Y-%m-%d %H:%M}"
