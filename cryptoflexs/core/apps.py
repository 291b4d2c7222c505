from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cryptoflexs.core"
    verbose_name = "Site"

    def ready(self):
        from . import staticfiles  # noqa: F401  (registers its system check)
