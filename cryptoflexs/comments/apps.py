from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "cryptoflexs.comments"

    def ready(self):
        from . import signals

        signals.connect()
