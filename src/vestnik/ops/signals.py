"""Signals of the operations app."""

from django.dispatch import Signal

# Sent after `restore` committed the database and placed media and keys.
# Arguments: manifest (the archive's manifest dict), using (database alias).
# Search connects its reindex here.
site_restored = Signal()
