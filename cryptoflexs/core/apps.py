from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "cryptoflexs.core"
    verbose_name = "Site"

    def ready(self):
        from . import staticfiles  # noqa: F401  (registers its system check)

        # Every app's tasks module registers its tasks with cryptoflexs.core.enqueue, where
        # services find them by name (services never import tasks, #14). The consumer
        # discovers them by itself; web processes and commands need it done here.
        autodiscover_modules("tasks")
