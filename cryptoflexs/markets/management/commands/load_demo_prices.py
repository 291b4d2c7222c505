from django.core.management.base import BaseCommand

from cryptoflexs.markets.demo import demo_prices_load


class Command(BaseCommand):
    help = (
        "Give every coin without a real price deterministic demo prices and history, marked "
        "as demo data (the embedded default offline). Real prices are never touched; demo "
        "data less than an hour old is kept unless --force. Safe to run every time."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Rebuild fresh demo data too.")

    def handle(self, *args, **options):
        count = demo_prices_load(force=options["force"])
        if count:
            self.stdout.write(f"Demo prices for {count} coin{'s' if count != 1 else ''}.")
        else:
            self.stdout.write("Demo prices: nothing to do (real or recent demo prices).")
