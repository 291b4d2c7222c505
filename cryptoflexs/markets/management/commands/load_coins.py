from django.core.management.base import BaseCommand

from cryptoflexs.markets.seed import coins_seed


class Command(BaseCommand):
    help = (
        "Add the built-in coins (cryptoflexs/markets/data/coins.json) that are missing; "
        "with --update also reset existing built-in coins to the built-in values. "
        "Safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--update", action="store_true")

    def handle(self, *args, **options):
        created, updated = coins_seed(update=options["update"])
        self.stdout.write(f"Coins: {created} added, {updated} reset to the built-in values.")
