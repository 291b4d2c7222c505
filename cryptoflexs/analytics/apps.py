from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "cryptoflexs.analytics"
    verbose_name = "Analytics"
