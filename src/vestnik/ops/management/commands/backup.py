from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vestnik.ops import services
from vestnik.ops.archive import ArchiveError
from vestnik.ops.passphrase import ENV, get_passphrase


class Command(BaseCommand):
    help = (
        "Write the whole site (database, media, settings, secret key) to one archive. "
        f"--encrypt asks for a passphrase (or reads {ENV})."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the archive to write")
        parser.add_argument(
            "--encrypt", action="store_true", help="encrypt with a passphrase (AES-256-GCM)"
        )
        parser.add_argument(
            "--include-keys",
            action="store_true",
            help="also store VESTNIK_HOME/keys (the publishing signing key)",
        )

    def handle(self, *args, file, encrypt, include_keys, **options):
        passphrase = get_passphrase(confirm=True) if encrypt else None
        try:
            result = services.backup(
                file,
                passphrase=passphrase,
                include_keys=include_keys,
                progress=lambda msg: self.stdout.write(msg) if options["verbosity"] > 1 else None,
            )
        except (ArchiveError, OSError) as exc:
            raise CommandError(f"Backup failed: {exc}") from exc
        self.stdout.write(
            f"Backup written to {result.path}: {result.size / 1e6:.1f} MB, {result.rows} rows, "
            f"{result.media_files} media files" + (", encrypted" if result.encrypted else "")
        )
