from django.apps import AppConfig


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
