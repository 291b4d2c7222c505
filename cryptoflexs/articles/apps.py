from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "cryptoflexs.articles"
    verbose_name = "Articles"

    def ready(self):
        from cryptoflexs.core.slugs import register_slug_claim

        from . import signals, slugs

        signals.connect()
        # Static pages (core) must not take an article's address, current or old.
        register_slug_claim("articles", slugs.article_claim)
