from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "cryptoflexs.analytics"
    verbose_name = "Analytics"

    def ready(self):
        from cryptoflexs.articles import hooks
        from cryptoflexs.core.pagecache import on_hit

        from .services import view_record

        # A counter increment, never a database write (counters.py).
        hooks.register_article_viewed("analytics", view_record)
        # A cached article page is answered before any view runs: its views are counted here.
        on_hit("article_view", lambda request, pk: view_record(request=request, article_id=pk))
