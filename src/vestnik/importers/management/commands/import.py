"""`vestnik import wxr FILE` and `vestnik import html DIR`: bring an existing site in."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from vestnik.importers import htmlsite, services
from vestnik.importers.errors import ImportFailed
from vestnik.importers.summary import Summary


class Command(BaseCommand):
    help = "Import a WordPress export (wxr FILE) or a saved copy of an old site (html DIR)."

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="{wxr,html}")
        w = kinds.add_parser("wxr", help="a WordPress export file (WXR 1.0–1.2)")
        w.add_argument("file", type=Path)
        w.add_argument("--edition", default="en", help="edition code (default: en)")
        w.add_argument("--dry-run", action="store_true", help="report only; save nothing")
        w.add_argument(
            "--download-attachments",
            action="store_true",
            help="fetch attachment files from their original URLs",
        )
        h = kinds.add_parser("html", help="a folder of saved HTML pages (e.g. wget --mirror)")
        h.add_argument("dir", type=Path)
        h.add_argument("--edition", required=True, help="edition code of the pages")
        h.add_argument("--section-map", type=Path, help="file of `folder = section/path` lines")
        h.add_argument("--dry-run", action="store_true", help="report only; save nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        bar = None
        try:
            if options["kind"] == "wxr":
                path: Path = options["file"]
                size = path.stat().st_size if path.is_file() else 0
                bar = self._bar(2 * size, "reading")
                summary = services.import_wxr(
                    path,
                    edition_code=options["edition"],
                    dry_run=options["dry_run"],
                    download_attachments=options["download_attachments"],
                    progress=bar.update if bar is not None else None,
                )
            else:
                summary = htmlsite.import_html_site(
                    options["dir"],
                    edition_code=options["edition"],
                    section_map=options["section_map"],
                    dry_run=options["dry_run"],
                    progress_factory=self._bar,
                )
        except ImportFailed as exc:
            raise CommandError(f"import failed, nothing was saved: {exc}") from exc
        finally:
            if bar is not None:
                bar.close()
        self._report(summary)

    def _bar(self, total: int, what: str) -> Any:
        """A progress bar on a terminal; nothing when output goes to a file or a pipe."""
        if not sys.stderr.isatty():
            return None
        if what == "pages":
            return tqdm(total=total, desc=what, unit=" pages", file=sys.stderr)
        return tqdm(total=total, desc=what, unit="B", unit_scale=True, file=sys.stderr)

    def _report(self, summary: Summary) -> None:
        for line in summary.lines():
            self.stdout.write(line)
