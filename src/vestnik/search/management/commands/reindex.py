import sys
import time

from django.core.management.base import BaseCommand

from vestnik.search.services import reindex


class Command(BaseCommand):
    help = "Rebuild the search index from scratch (articles and registered providers)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        count = reindex(progress=not options["no_progress"] and sys.stderr.isatty())
        self.stdout.write(f"Indexed {count} entries in {time.monotonic() - started:.1f} s.")
