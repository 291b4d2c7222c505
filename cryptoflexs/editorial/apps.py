from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "cryptoflexs.editorial"
    verbose_name = "Editorial"
