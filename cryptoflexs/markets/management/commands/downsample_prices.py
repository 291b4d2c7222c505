from django.core.management.base import BaseCommand

from cryptoflexs.markets.retention import market_data_downsample


class Command(BaseCommand):
    help = (
        "Drop spot prices older than MARKETS_POINT_RETENTION_HOURS and fold hourly candles "
        "older than MARKETS_HOURLY_RETENTION_DAYS into daily ones (the nightly task does it)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")

    def handle(self, *args, **options):
        result = market_data_downsample(dry_run=options["dry_run"])
        verb = "would drop" if options["dry_run"] else "dropped"
        self.stdout.write(
            f"Spot prices {verb}: {result.points_deleted}; hourly candles "
            f"{'to fold' if options['dry_run'] else 'folded'}: {result.hours_folded}; "
            f"daily candles added: {result.days_created}."
        )
