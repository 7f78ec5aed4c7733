"""Where backup passphrases come from: VESTNIK_BACKUP_PASSPHRASE, or a prompt."""

from __future__ import annotations

import getpass
import sys

from django.conf import settings
from django.core.management.base import CommandError

ENV = "VESTNIK_BACKUP_PASSPHRASE"


def get_passphrase(confirm: bool) -> str:
    value = settings.VESTNIK_BACKUP_PASSPHRASE
    if value:
        return value
    if not sys.stdin.isatty():
        raise CommandError(f"A passphrase is needed: set {ENV} or run the command in a terminal.")
    first = getpass.getpass("Backup passphrase: ")
    if not first:
        raise CommandError("The passphrase is empty.")
    if confirm and getpass.getpass("Repeat the passphrase: ") != first:
        raise CommandError("The passphrases differ.")
    return first
