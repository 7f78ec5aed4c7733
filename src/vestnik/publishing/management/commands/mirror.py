"""`vestnik mirror`: push the current build to every target of VESTNIK_MIRRORS."""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vestnik.publishing.mirror import MirrorError, configured_targets, mirror_all


class Command(BaseCommand):
    help = "Push DIR/current to the mirrors in VESTNIK_MIRRORS (dir:, rsync:, rclone:)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--out",
            default=os.environ.get("VESTNIK_PUBLISH_DIR", ""),
            help="published directory (default: VESTNIK_PUBLISH_DIR)",
        )
        parser.add_argument(
            "--target", action="append", default=None, help="a target instead of VESTNIK_MIRRORS"
        )

    def handle(self, *args, **options) -> None:
        if not options["out"]:
            raise CommandError("Give --out DIR or set VESTNIK_PUBLISH_DIR.")
        targets = options["target"] if options["target"] is not None else configured_targets()
        if not targets:
            raise CommandError("No mirrors: set VESTNIK_MIRRORS or give --target.")
        try:
            results = mirror_all(options["out"], targets)
        except MirrorError as exc:
            raise CommandError(str(exc)) from exc
        failed = 0
        for r in results:
            state = "ok" if r.ok else "FAILED"
            self.stdout.write(f"{state}: {r.target} ({r.seconds:.1f} s): {r.message}")
            failed += not r.ok
        if failed:
            raise CommandError(f"{failed} of {len(results)} mirrors failed")
