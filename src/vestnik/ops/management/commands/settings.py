from django.core.management.base import BaseCommand

from vestnik import conf


class Command(BaseCommand):
    help = (
        "Print every setting read from the environment: effective value and where it came "
        "from; secrets masked. --markdown: the reference table of docs/settings.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--markdown", action="store_true", help="print the docs table")

    def handle(self, *args, markdown, **options):
        if markdown:
            self.stdout.write(conf.markdown_table(), ending="")
            return
        width = max(len(s.name) for s in conf.SETTINGS)
        for name, shown, origin, help_text in conf.effective():
            self.stdout.write(f"{name:<{width}}  {shown or '(empty)'}  [{origin}]")
            self.stdout.write(f"{'':<{width}}  {help_text}")
