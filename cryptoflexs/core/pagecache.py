"""Whole-page caching for anonymous readers, keyed by the content version.

Unlike Django's cache middleware, a content change (publish, edit, unpublish, menu, site
settings) makes every cached page stale at once, and a Redis outage only means a miss.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from .cache import content_version

# Headers worth keeping with a cached body; cookies and per-request headers never are.
_KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Link")


def _cacheable(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    )


def page_key(request, namespace: str = "page") -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"{namespace}:{content_version()}:{digest}"


def cached_response(request, key: str, render) -> HttpResponse:
    """Return the cached response under `key`, or call `render()` and cache a 200 result."""
    if not _cacheable(request):
        return render()
    hit = cache.get(key)
    if hit is not None:
        status, headers, content = hit
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Cache"] = "hit"
        return response
    response = render()
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if response.status_code == 200 and not response.streaming and not response.cookies:
        headers = [(h, response[h]) for h in _KEPT_HEADERS if h in response]
        cache.set(key, (200, headers, response.content), settings.PAGE_CACHE_SECONDS)
    response["X-Cache"] = "miss"
    return response


def cache_public_page(view):
    """Decorate a view whose output depends only on the URL and the published content.

    Readers with a session (editors) always get a fresh page.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        return cached_response(request, page_key(request), lambda: view(request, *args, **kwargs))

    return wrapper
