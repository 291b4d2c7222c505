"""The built-in coin list (data/coins.json) into the Coin table: used by the data
migration and by `manage.py load_coins`."""

from .registry import default_data

FIELDS = (
    "name", "ticker", "ambiguous_name", "ambiguous_ticker", "description", "rank",
    "in_ticker", "coingecko_id", "binance_symbol",
)  # fmt: skip


def coins_seed(*, coin_model=None, update: bool = False) -> tuple[int, int]:
    """Create the built-in coins that are missing (matched by slug); with `update`, reset
    the existing ones to the built-in values too. Return (created, updated). A built-in
    coin whose ticker another coin already uses is skipped."""
    if coin_model is None:
        from .models import Coin as coin_model
    existing = {coin.slug: coin for coin in coin_model.objects.all()}
    tickers = {coin.ticker for coin in existing.values()}
    created = updated = 0
    for row in default_data():
        values = {name: row[name] for name in FIELDS}
        values["aliases"] = ", ".join(row["aliases"])
        coin = existing.get(row["slug"])
        if coin is None:
            if row["ticker"] in tickers:
                continue
            coin_model.objects.create(slug=row["slug"], **values)
            tickers.add(row["ticker"])
            created += 1
        elif update:
            for name, value in values.items():
                setattr(coin, name, value)
            coin.save()
            updated += 1
    return created, updated
