from django.utils.functional import SimpleLazyObject

from .cache import content_version
from .models import Page, SiteSettings


def site(request):
    """Expose the site settings and footer pages to every template, read only when used,
    and the content version, which keys the cached fragments ({% cache … content_version %})
    so that they are made again exactly when content changes."""
    return {
        "site": SimpleLazyObject(SiteSettings.load),
        "footer_pages": SimpleLazyObject(lambda: list(Page.objects.filter(show_in_footer=True))),
        "content_version": SimpleLazyObject(content_version),
    }
