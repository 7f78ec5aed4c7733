from django.core.management.base import BaseCommand

from vestnik.server import serve


class Command(BaseCommand):
    help = "Serve the site with the production server (gunicorn) on existing data."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=None, help="default: 2 × CPU cores")
        parser.add_argument("--threads", type=int, default=None)

    def handle(self, *args, host, port, workers, threads, **options):
        serve(host=host, port=port, workers=workers, threads=threads)
