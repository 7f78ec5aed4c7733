from django.core.management.base import BaseCommand, CommandError

from vestnik.editorial import scheduler


class Command(BaseCommand):
    help = "Publish scheduled articles when they are due (for several app servers on PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=None, help="seconds between rounds")
        parser.add_argument("--once", action="store_true", help="one round, then exit")

    def handle(self, *args, interval, once, **options):
        if interval is not None and not 0.05 <= interval <= 3600:
            raise CommandError("--interval must be between 0.05 and 3600 seconds.")
        if once:
            for pk in scheduler.tick():
                self.stdout.write(f"published {pk}")
            return
        import threading

        stop = threading.Event()
        every = interval if interval is not None else scheduler.interval()
        self.stdout.write(f"vestnik worker: publishing scheduled articles every {every:g}s")
        try:
            while not stop.is_set():
                for pk in scheduler.tick():
                    self.stdout.write(f"published {pk}", ending="\n")
                    self.stdout.flush()
                stop.wait(every)
        except KeyboardInterrupt:
            pass
