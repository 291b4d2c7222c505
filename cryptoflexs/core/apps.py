from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cryptoflexs.core"
    verbose_name = "Site"
