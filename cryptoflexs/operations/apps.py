from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "cryptoflexs.operations"
    verbose_name = "Operations"

    def ready(self):
        from huey.contrib.djhuey import HUEY

        from . import readychecks, taskmetrics

        readychecks.register_all()
        HUEY.signal()(taskmetrics.count_signal)
