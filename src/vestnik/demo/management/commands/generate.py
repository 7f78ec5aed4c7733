from django.core.management.base import BaseCommand, CommandError

from vestnik.demo.generate import generate


class Command(BaseCommand):
    help = "Add N synthetic published articles (benchmarks, load tests); deterministic per seed."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, articles, seed, no_progress, **options):
        if articles < 1 or articles > 10_000_000:
            raise CommandError("--articles must be between 1 and 10,000,000.")
        made = generate(articles, seed=seed, progress=False if no_progress else None)
        self.stdout.write(f"Added {made} articles.")
