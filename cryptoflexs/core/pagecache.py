"""Whole-page caching for anonymous readers, keyed by the content version.

Unlike Django's cache middleware, a content change (publish, edit, unpublish, menu, site
settings) makes every cached page stale at once, and a Redis outage only means a miss.

Views opt in (`cache_public_page`, or `mark_cacheable` on a response). `PageCacheMiddleware`,
high in the middleware list, answers a cached page before URL resolution, sessions, the
database or any view runs: a hit costs one read of the content version and, from the
process's own memory (or else the shared cache), the stored answer. Each entry keeps the
page and its gzip form (compressed once, when stored), an ETag and a Last-Modified, so a
hit answers 304 Not Modified or the encoding the reader accepts without further work.
Work a hit must still do (counting an article view) is registered with `on_hit`.
"""

import gzip
import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost, MiddlewareNotUsed
from django.core.handlers.wsgi import WSGIRequest, get_script_name
from django.http import HttpResponse
from django.urls import set_script_prefix
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe
from django.utils.module_loading import import_string

from .cache import content_version

# Headers that belong to one request, never to a stored page. Middleware that adds such a
# header (a request id, say) sits above this one and so runs for hits too.
_DROPPED_HEADERS = {
    "content-length", "content-encoding", "date", "etag", "last-modified", "set-cookie",
    "x-cache", "x-request-id",
}  # fmt: skip
_COMPRESSIBLE = ("text/", "application/json", "application/xml", "application/rss+xml",
                 "application/atom+xml", "application/javascript")  # fmt: skip
_MIN_COMPRESS_BYTES = 200

# What a hit must still do, by the name a view gave it: mark_cacheable(response, name=value)
# makes every hit of that page call _HIT_HOOKS[name](request, value).
_HIT_HOOKS: dict[str, Callable] = {}


def on_hit(name: str, hook: Callable) -> None:
    """Register `hook(request, value)` for pages stored with mark_cacheable(..., name=value)."""
    _HIT_HOOKS[name] = hook


# Versions of data other than the content that some pages also show (market prices, say),
# by name: a page stored with depends={name: version} is a miss once _VALIDATORS[name]()
# returns another version.
_VALIDATORS: dict[str, Callable[[], str]] = {}


def register_validator(name: str, current_version: Callable[[], str]) -> None:
    """Register the function that returns the current version of the data called `name`."""
    _VALIDATORS[name] = current_version


def mark_cacheable(
    response: HttpResponse, *, depends=None, max_age: int | None = None, **on_hit_values
) -> HttpResponse:
    """Let the page cache keep `response` (a 200 that depends only on the URL and the
    published content); `on_hit_values` name the hooks each later hit runs, `depends` the
    other data versions the page was made from (see register_validator), `max_age` a
    shorter life than PAGE_CACHE_SECONDS."""
    response.page_cache = on_hit_values
    response.page_cache_depends = dict(depends or {})
    response.page_cache_max_age = max_age
    return response


def cache_public_page(view):
    """Decorate a view whose output depends only on the URL and the published content."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not hasattr(response, "page_cache"):
            mark_cacheable(response)
        return response

    return wrapper


def cacheable_request(request) -> bool:
    # Readers with a session (editors) always get a fresh page.
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class _MemoryPages:
    """The process's own copy of recently served pages, least recently used dropped first,
    within PAGE_CACHE_MEMORY_BYTES. Entries of an older content version are dropped as soon
    as a newer version is seen."""

    def __init__(self):
        self.lock = threading.Lock()
        self.entries: OrderedDict[str, tuple[float, tuple, int]] = OrderedDict()
        self.size = 0
        self.version = None

    def get(self, version, key: str):
        with self.lock:
            if version != self.version:
                self.entries.clear()
                self.size, self.version = 0, version
                return None
            found = self.entries.get(key)
            if found is None:
                return None
            if found[0] < time.monotonic():
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return found[1]

    def put(self, version, key: str, entry: tuple, ttl: float) -> None:
        budget = settings.PAGE_CACHE_MEMORY_BYTES
        size = len(entry[2]) + len(entry[3] or b"") + 512
        if size > budget / 4:
            return
        with self.lock:
            if version != self.version:
                self.entries.clear()
                self.size, self.version = 0, version
            if key in self.entries:
                self._drop(key)
            self.entries[key] = (time.monotonic() + ttl, entry, size)
            self.size += size
            while self.size > budget:
                self._drop(next(iter(self.entries)))

    def _drop(self, key: str) -> None:
        self.size -= self.entries.pop(key)[2]


_memory = _MemoryPages()


def _key(request, version) -> str:
    # get_host() also refuses hosts outside ALLOWED_HOSTS, as CommonMiddleware would.
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page:{version}:{hashlib.sha256(url.encode()).hexdigest()}"


def _entry(response: HttpResponse) -> tuple:
    """Return what is stored of a page: (status, headers, body, gzip body or None, ETag,
    Last-Modified, hit hooks)."""
    body = response.content
    headers = [(k, v) for k, v in response.items() if k.lower() not in _DROPPED_HEADERS]
    compressed = None
    if len(body) >= _MIN_COMPRESS_BYTES and response.get("Content-Type", "").startswith(
        _COMPRESSIBLE
    ):
        # A page kept for anonymous readers holds no secret, so the BREACH padding of
        # Django's GZipMiddleware is not needed; mtime=0 keeps the bytes reproducible.
        compressed = gzip.compress(body, compresslevel=6, mtime=0)
        if len(compressed) >= len(body):
            compressed = None
    etag = response.get("ETag") or f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'
    last_modified = response.get("Last-Modified") or http_date()
    vary = compressed is not None and not any(k.lower() == "vary" for k, _ in headers)
    if vary:
        headers.append(("Vary", "Accept-Encoding"))
    elif compressed is not None:
        headers = [(k, v) for k, v in headers if k.lower() != "vary"]
        headers.append(("Vary", patch_vary(response.get("Vary", ""))))
    depends = getattr(response, "page_cache_depends", {})
    return (200, headers, body, compressed, etag, last_modified, response.page_cache, depends)


def patch_vary(value: str) -> str:
    names = [n.strip() for n in value.split(",") if n.strip()]
    if "accept-encoding" not in {n.lower() for n in names}:
        names.append("Accept-Encoding")
    return ", ".join(names)


_CONDITIONS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH",
               "HTTP_IF_UNMODIFIED_SINCE")  # fmt: skip


def _answer(request, entry: tuple, state: str) -> HttpResponse:
    status, headers, body, compressed, etag, last_modified, _hooks, _depends = entry
    meta = request.META
    use_gzip = compressed is not None and "gzip" in meta.get("HTTP_ACCEPT_ENCODING", "")
    if use_gzip:
        # The gzip form is another representation: its own strong validator (RFC 9110 8.8.3).
        etag = etag[:-1] + '-gz"'
    response = HttpResponse(compressed if use_gzip else body, status=status)
    for name, value in headers:
        response.headers[name] = value
    if use_gzip:
        response.headers["Content-Encoding"] = "gzip"
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = last_modified
    response.headers["X-Cache"] = state
    if any(name in meta for name in _CONDITIONS):
        timestamp = parse_http_date_safe(last_modified)
        return get_conditional_response(
            request, etag=etag, last_modified=timestamp, response=response
        )
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        version, key, hit = lookup(request)
        if hit is not None:
            return hit
        response = self.get_response(request)
        if (
            getattr(response, "page_cache", None) is None
            or response.status_code != 200
            or response.streaming
            or response.cookies
            or not cacheable_request(request)  # a view may have started a session
        ):
            return response
        entry = _entry(response)
        ttl = min(settings.PAGE_CACHE_SECONDS, response.page_cache_max_age or float("inf"))
        cache.set(key, entry, ttl)
        _memory.put(version, key, entry, ttl)
        return _answer(request, entry, "miss")


def lookup(request, *, memory_only: bool = False) -> tuple:
    """Return (content version, key, the cached answer or None) for a cacheable request,
    running the page's hit hooks when there is an answer."""
    # The version is read before the page is made: a change during rendering makes this
    # copy stale at once.
    version = content_version()
    key = _key(request, version)
    entry = _memory.get(version, key)
    if entry is None and not memory_only:
        entry = cache.get(key)
        if entry is not None:
            _memory.put(version, key, entry, settings.PAGE_CACHE_SECONDS)
    if entry is None or not all(_VALIDATORS[name]() == value for name, value in entry[7].items()):
        return version, key, None
    for name, value in entry[6].items():
        _HIT_HOOKS[name](request, value)
    return version, key, _answer(request, entry, "hit")


class _Miss(Exception):
    """The fast path has no answer: the request goes through Django's whole handler."""


def _memory_hit(request):
    try:
        if not cacheable_request(request):
            raise _Miss
        _version, _key_, response = lookup(request, memory_only=True)
    except DisallowedHost:
        raise _Miss from None
    if response is None:
        raise _Miss
    return response


def fast_hits(django_app):
    """Wrap the WSGI application so that a page held in this process's memory is answered
    by the middleware above PageCacheMiddleware alone (request id, metrics and access log,
    security headers, gzip, conditional GET: the same instances of the same classes, in the
    same order), without the rest of Django's request handling (URL configuration, signals,
    the handler's per-middleware wrappers). Anything else, and any request the fast path
    cannot answer, goes to `django_app` unchanged; a hit still runs its hooks once.
    """
    chain, built_for = None, None
    session_cookie = settings.SESSION_COOKIE_NAME + "="
    static_url = settings.STATIC_URL or "/static/"
    static_prefix = static_url if static_url.startswith("/") else "/" + static_url

    def build():
        names = list(settings.MIDDLEWARE)
        upper = names[: names.index(f"{__name__}.PageCacheMiddleware")]
        handler = _memory_hit
        for path in reversed(upper):
            try:
                handler = import_string(path)(handler)
            except MiddlewareNotUsed:
                continue
        return handler

    def application(environ, start_response):
        nonlocal chain, built_for
        if (
            not _memory.entries
            or settings.PAGE_CACHE_SECONDS <= 0
            or environ.get("REQUEST_METHOD") not in ("GET", "HEAD")
            or session_cookie in environ.get("HTTP_COOKIE", "")
            or environ.get("PATH_INFO", "").startswith(static_prefix)
        ):
            return django_app(environ, start_response)
        if built_for is not settings.MIDDLEWARE:  # built once (again if a test changes it)
            chain, built_for = build(), settings.MIDDLEWARE
        set_script_prefix(get_script_name(environ))
        try:
            response = chain(WSGIRequest(environ))
        except _Miss:
            return django_app(environ, start_response)
        start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
        return [response.content]

    return application
