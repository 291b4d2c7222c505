from huey.contrib.djhuey import db_periodic_task

from config import schedules

from . import publication, retention, services


@db_periodic_task(schedules.MARKETS_SPOT)
def prices_refresh_ticker_task() -> None:
    """Refresh the ticker's coins, then record prices at publication the hook missed."""
    services.prices_refresh(scope="ticker")
    publication.publication_prices_sweep()


@db_periodic_task(schedules.MARKETS_HOURLY)
def prices_refresh_all_task() -> None:
    """Refresh every coin's price and fetch the history of a few coins that need it."""
    services.prices_refresh(scope="all")
    services.history_refresh()


@db_periodic_task(schedules.MARKETS_RETENTION)
def market_data_downsample_task() -> None:
    retention.market_data_downsample()
