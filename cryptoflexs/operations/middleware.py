import functools
import logging
import time

from django.conf import settings

from cryptoflexs.core.antispam import client_ip

from .metrics import LATENCY, REQUESTS

# One JSON line per request (instead of gunicorn's access log, which knows no request id).
access_log = logging.getLogger("cryptoflexs.request")

# Any other method string a client sends is counted as "other" (labels must stay few).
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


class MetricsMiddleware:
    """Count every response and its latency by view (URL name; no unbounded labels)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is not None:
            view = match.view_name or match._func_path
        elif request.path.startswith(settings.STATIC_URL):
            view = "static"
        elif response.get("X-Cache") == "hit":
            view = "page-cache"  # answered before URL resolution (core.pagecache)
        else:
            view = "unresolved"
        elapsed = time.perf_counter() - start
        method = request.method if request.method in METHODS else "other"
        latency, count = _series(view, method, response.status_code)
        latency.observe(elapsed)
        count.inc()
        if access_log.isEnabledFor(logging.INFO):
            access_log.info(
                "%s %s %s", method, request.path[:300], response.status_code,
                extra={"status": response.status_code, "duration_ms": round(elapsed * 1000, 1),
                       "view": view, "client_ip": client_ip(request)},
            )  # fmt: skip
        return response


@functools.lru_cache(maxsize=4096)
def _series(view: str, method: str, status: int):
    # The labelled children, looked up once per (view, method, status): a cached page is
    # answered in ~100 µs, and two label lookups were a tenth of that.
    return LATENCY.labels(view), REQUESTS.labels(view, method, str(status))
