from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    name = "cryptoflexs.submissions"
    verbose_name = "Submissions and contact"

    def ready(self):
        from . import signals

        signals.connect()
