import logging

from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache

from . import readiness

logger = logging.getLogger(__name__)


def health(request):
    """Answer 200 when the database answers, 503 otherwise (for load balancers and monitors)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means "not healthy"; it is logged, not hidden
        logger.exception("health check: database unavailable")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@never_cache
def ready(request):
    """Answer 200 when every part (database, cache, queue, …) is reachable, else 503 naming
    the failing parts; figures such as queue lag and the age of the last ingest are in the
    body (see core/readiness.py)."""
    report = readiness.run_checks()
    return JsonResponse(report, status=503 if report["failing"] else 200)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors here: the failure may be in the database they read.
    return HttpResponseServerError(loader.get_template("500.html").render())
