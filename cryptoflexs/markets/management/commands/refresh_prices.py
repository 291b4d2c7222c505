from django.core.management.base import BaseCommand

from cryptoflexs.markets import services


class Command(BaseCommand):
    help = (
        "Ask the market data provider (MARKET_DATA_PROVIDER) for prices now, as the periodic "
        "tasks do: the ticker's coins, or --all coins, and with --history the history of "
        "the coins that need it. A provider in backoff is not asked."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Every coin, not only the ticker's.")
        parser.add_argument("--history", action="store_true", help="Also fetch price history.")

    def handle(self, *args, **options):
        results = [services.prices_refresh(scope="all" if options["all"] else "ticker")]
        if options["history"]:
            results.append(services.history_refresh())
        failed = False
        for what, result in zip(("prices", "history"), results, strict=False):
            if result.error:
                failed = True
                self.stderr.write(f"{what} from {result.provider}: failed: {result.error}")
            elif result.skipped:
                self.stdout.write(f"{what} from {result.provider}: skipped: {result.skipped}")
            else:
                self.stdout.write(f"{what} from {result.provider}: {result.stored} stored")
        if failed:
            raise SystemExit(1)
