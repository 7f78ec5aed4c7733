from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vestnik.ops import services
from vestnik.ops.archive import ArchiveError
from vestnik.ops.passphrase import get_passphrase


class Command(BaseCommand):
    help = (
        "Restore the site from a `vestnik backup` archive into an empty instance "
        "(the database DATABASE_URL names). The archive is checked completely first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the archive to restore")
        parser.add_argument(
            "--force", action="store_true", help="replace the content of a non-empty site"
        )

    def handle(self, *args, file, force, **options):
        def say(msg: str) -> None:
            if options["verbosity"] > 1:
                self.stdout.write(msg)

        try:
            result = services.restore(
                file, passphrase=lambda: get_passphrase(confirm=False), force=force, progress=say
            )
        except (ArchiveError, services.RestoreRefused) as exc:
            raise CommandError(f"Restore refused: {exc}") from exc
        self.stdout.write(
            f"Restored {result.rows} rows and {result.media_files} media files from {file}"
            + (" (schema migrated forward)" if result.migrated_forward else "")
        )
