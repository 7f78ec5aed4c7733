"""`vestnik verify DIR`: check a published tree or mirror against its signed manifest."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vestnik.publishing import signing


class Command(BaseCommand):
    help = "Check DIR against its MANIFEST.json and signature; name missing, extra, altered files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dir", help="a published tree (DIR/current is followed)")
        parser.add_argument(
            "--key",
            default="",
            help="trusted public key: a file or the text 'ed25519 <base64>' "
            "(default: this site's key if VESTNIK_HOME has one, else the tree's own)",
        )

    def handle(self, *args, **options) -> None:
        root = Path(options["dir"])
        if (root / "current").is_dir() and not (root / signing.MANIFEST).exists():
            root = root / "current"
        key = None
        if options["key"]:
            text = options["key"]
            try:
                if Path(text).is_file():
                    text = Path(text).read_text(errors="replace")[:10000]
            except (OSError, ValueError):
                pass  # not a file name: the key itself
            try:
                key = signing.parse_public_key(text)
            except ValueError as exc:
                raise CommandError(f"--key: {exc}") from exc
        elif (signing.key_dir() / signing.KEY_FILE).is_file():
            key = signing.signing_key().verify_key
        report = signing.verify_tree(root, key)
        for line in report.lines():
            self.stdout.write(line)
        if not report.ok:
            raise CommandError(f"{root}: verification failed")
        self.stdout.write(f"{root}: OK, {report.checked} files match the signed manifest")
