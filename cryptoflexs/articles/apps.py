from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "cryptoflexs.articles"
    verbose_name = "Articles"

    def ready(self):
        from . import signals

        signals.connect()
