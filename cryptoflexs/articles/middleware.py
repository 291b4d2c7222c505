from django.http import HttpResponsePermanentRedirect

from .models import ArticleRedirect


class ArticleRedirectFallbackMiddleware:
    """Answer a 404 with a 301 when the path is an old address of a live article
    (like `django.contrib.redirects`, but it follows the article's current slug and also
    matches query-string links such as WordPress's `/?p=42`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        candidates = [request.get_full_path(), request.path]
        if request.path == "/" and request.GET.get("p", "").isdigit():
            # WordPress short links with extra parameters (?p=42&utm_source=…).
            candidates.append(f"/?p={request.GET['p']}")
        redirect = (
            ArticleRedirect.objects.select_related("article")
            .filter(old_path__in=candidates)
            .first()
        )
        if redirect is None or not redirect.article.is_live:
            return response
        return HttpResponsePermanentRedirect(redirect.article.get_absolute_url())
