from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "cryptoflexs.demo"
    verbose_name = "Demo content"
