"""The content version: one row, changed on every content change (cheap HTTP validators)."""

from __future__ import annotations

from django.db import models


class ContentState(models.Model):
    """Singleton row (pk 1): a token that changes with every content change, and when."""

    token = models.CharField(max_length=32)
    changed = models.DateTimeField()
    # The earliest future `added` of a published article: it appears then without any save.
    next_change = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"content state {self.token} at {self.changed:%Y-%m-%d %H:%M:%S}"
