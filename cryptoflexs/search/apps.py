from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "cryptoflexs.search"
    verbose_name = "Search"
