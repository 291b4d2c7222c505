from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "cryptoflexs.search"
    verbose_name = "Search"

    def ready(self):
        from django.db.backends.signals import connection_created

        from .sqlite_fts5 import register_functions

        # The SQLite index triggers call cf_search_text(); every connection needs it.
        connection_created.connect(register_functions, dispatch_uid="search-sqlite-functions")

        from cryptoflexs.articles import hooks

        from .selectors import related_articles

        hooks.register_related_articles(related_articles)
