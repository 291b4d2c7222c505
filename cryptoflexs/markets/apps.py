from django.apps import AppConfig


class MarketsConfig(AppConfig):
    name = "cryptoflexs.markets"
    verbose_name = "Markets"

    def ready(self):
        from cryptoflexs.articles.hooks import register_published_hook
        from cryptoflexs.core import readiness
        from cryptoflexs.core.pagecache import register_validator

        from . import signals
        from .health import prices_check
        from .publication import on_articles_published
        from .services import market_version

        signals.connect()
        register_published_hook(on_articles_published)
        readiness.register("prices")(prices_check)
        # Coin pages, the index and the ticker's JSON are stale once prices change.
        register_validator("markets", market_version)
