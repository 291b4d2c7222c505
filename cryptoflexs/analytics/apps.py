from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "cryptoflexs.analytics"
    verbose_name = "Analytics"

    def ready(self):
        from cryptoflexs.articles import hooks

        from .services import view_record

        # A counter increment, never a database write (counters.py).
        hooks.register_article_viewed("analytics", view_record)
