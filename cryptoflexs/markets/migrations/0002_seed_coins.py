"""Seed the coin table with the built-in list (data/coins.json): the coins the ingest
registry matched before it moved here, plus a dozen more, each with a description."""

import json
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "coins.json"
FIELDS = (
    "name",
    "ticker",
    "ambiguous_name",
    "ambiguous_ticker",
    "description",
    "rank",
    "in_ticker",
    "coingecko_id",
    "binance_symbol",
)


def seed(apps, schema_editor):
    Coin = apps.get_model("markets", "Coin")
    existing = set(Coin.objects.values_list("slug", flat=True))
    tickers = set(Coin.objects.values_list("ticker", flat=True))
    rows = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    Coin.objects.bulk_create(
        Coin(
            slug=row["slug"],
            aliases=", ".join(row["aliases"]),
            **{name: row[name] for name in FIELDS},
        )
        for row in rows
        if row["slug"] not in existing and row["ticker"] not in tickers
    )


class Migration(migrations.Migration):
    dependencies = [("markets", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
