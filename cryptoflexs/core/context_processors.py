from django.utils.functional import SimpleLazyObject

from .models import Page, SiteSettings


def site(request):
    """Expose the site settings and footer pages to every template, read only when used."""
    return {
        "site": SimpleLazyObject(SiteSettings.load),
        "footer_pages": SimpleLazyObject(lambda: list(Page.objects.filter(show_in_footer=True))),
    }
