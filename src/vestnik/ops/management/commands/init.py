from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the data folder (VESTNIK_HOME) and its secret key; `vestnik` did it already."

    def handle(self, *args, **options):
        from django.conf import settings

        # cli.py prepared the folder before the settings were read (so they hold the key);
        # this command only reports it, and works when called in-process too.
        from vestnik import home

        made = home.prepare()
        for item in made:
            self.stdout.write(f"created {item}")
        self.stdout.write(f"Data folder: {settings.VESTNIK_HOME}")
