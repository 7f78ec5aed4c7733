from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from vestnik.content import services
from vestnik.server import serve


class Command(BaseCommand):
    help = "Set up the data folder, load the demo content once, and serve the site."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="set up only")

    def handle(self, *args, port, no_serve, **options):
        settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        services.ensure_editions()
        if services.site_is_empty():
            from vestnik.content.demo import load_demo

            counts = load_demo()
            self.stdout.write(f"Demo content loaded: {counts}")
        else:
            self.stdout.write("The site has content already; demo content not loaded again.")
        if not no_serve:
            serve(host="127.0.0.1", port=port)
