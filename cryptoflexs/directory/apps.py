from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "cryptoflexs.directory"

    def ready(self):
        from . import signals

        signals.connect()
