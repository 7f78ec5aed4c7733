"""`vestnik publish --out DIR [--full] [--keep N]`: the site as a static tree."""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vestnik.publishing.services import DEFAULT_KEEP, publish
from vestnik.publishing.tree import PublishError


class Command(BaseCommand):
    help = "Render every public page into DIR/builds/ID and switch DIR/current to it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--out",
            default=os.environ.get("VESTNIK_PUBLISH_DIR", ""),
            help="published directory (default: VESTNIK_PUBLISH_DIR)",
        )
        parser.add_argument("--full", action="store_true", help="re-render every page")
        parser.add_argument(
            "--keep", type=int, default=DEFAULT_KEEP, help="complete builds to keep (>= 1)"
        )
        parser.add_argument("--workers", type=int, default=0, help="render processes")
        parser.add_argument(
            "--no-wait", action="store_true", help="fail instead of waiting for a running publish"
        )
        parser.add_argument(
            "--keep-search-index",
            action="store_true",
            help="reuse the previous static search index even if pages changed (faster)",
        )

    def handle(self, *args, **options) -> None:
        if not options["out"]:
            raise CommandError("Give --out DIR or set VESTNIK_PUBLISH_DIR.")
        if options["keep"] < 1:
            raise CommandError("--keep must be at least 1.")
        if options["workers"] < 0 or options["workers"] > 64:
            raise CommandError("--workers must be between 1 and 64.")
        try:
            result = publish(
                options["out"],
                full=options["full"],
                keep=options["keep"],
                workers=options["workers"] or None,
                wait=not options["no_wait"],
                keep_search_index=options["keep_search_index"],
            )
        except (PublishError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        kind = "incremental" if result.incremental else "full"
        self.stdout.write(
            f"published build {result.build_id} ({kind}): {result.files} files, "
            f"{result.rendered} written, {result.spliced} with a new site-news block, "
            f"{result.linked} unchanged, {result.seconds:.2f} s"
        )
