import time

from django.conf import settings

from .metrics import LATENCY, REQUESTS

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
        else:
            view = "unresolved"
        LATENCY.labels(view).observe(time.perf_counter() - start)
        method = request.method if request.method in METHODS else "other"
        REQUESTS.labels(view, method, str(response.status_code)).inc()
        return response
