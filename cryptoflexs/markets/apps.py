from django.apps import AppConfig


class MarketsConfig(AppConfig):
    name = "cryptoflexs.markets"
    verbose_name = "Markets"

    def ready(self):
        from cryptoflexs.articles.hooks import register_published_hook
        from cryptoflexs.core import readiness

        from . import signals
        from .health import prices_check
        from .publication import on_articles_published

        signals.connect()
        register_published_hook(on_articles_published)
        readiness.register("prices")(prices_check)
