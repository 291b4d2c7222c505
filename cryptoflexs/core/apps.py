from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "cryptoflexs.core"
    verbose_name = "Site"

    def ready(self):
        from . import staticfiles  # noqa: F401  (registers its system check)
        from .models import Page
        from .slugs import register_slug_claim

        def page_claim(slug: str, owner) -> str | None:
            pages = Page.objects.filter(slug=slug)
            if isinstance(owner, Page) and owner.pk is not None:
                pages = pages.exclude(pk=owner.pk)
            return "A static page already uses this address." if pages.exists() else None

        register_slug_claim("pages", page_claim)

        # Every app's tasks module registers its tasks with cryptoflexs.core.enqueue, where
        # services find them by name (services never import tasks, #14). The consumer
        # discovers them by itself; web processes and commands need it done here.
        autodiscover_modules("tasks")
