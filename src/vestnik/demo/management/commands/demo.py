import io

from django.core.management import call_command
from django.core.management.base import BaseCommand

from vestnik.content import services
from vestnik.demo import accounts
from vestnik.demo.services import load_demo
from vestnik.server import serve


class Command(BaseCommand):
    help = (
        "Set up the data folder, load the demo content and demo accounts once, print how to "
        "sign in, and serve the site."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="set up only")
        parser.add_argument(
            "--remove-accounts", action="store_true", help="delete the demo accounts and stop"
        )

    def handle(self, *args, port, no_serve, remove_accounts, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if remove_accounts:
            removed = accounts.remove_demo_accounts()
            self.stdout.write(f"Removed demo accounts: {', '.join(removed) or 'none'}")
            return
        services.ensure_editions()
        fresh = services.site_is_empty()
        if fresh:
            counts = load_demo()
            self.stdout.write(f"Demo content loaded: {counts}")
        else:
            self.stdout.write("The site has content already; demo content not loaded again.")
        # Demo accounts only on a demo site: never added to a site that had content of its own.
        if fresh or accounts.existing():
            made = accounts.ensure_demo_accounts()
            self.stdout.write(accounts.sign_in_text(made, f"http://127.0.0.1:{port}"))
            if self.stdout.isatty():
                self._qr_codes(made)
        else:
            self.stdout.write("No demo accounts: create one with `vestnik createsuperuser`.")
        if not no_serve:
            serve(host="127.0.0.1", port=port)

    def _qr_codes(self, made):
        import segno

        for account in made:
            self.stdout.write(f"\n{account.username}: scan with an authenticator app")
            drawing = io.StringIO()
            segno.make(account.otpauth_url, error="m").terminal(out=drawing, compact=True)
            self.stdout.write(drawing.getvalue(), ending="")
