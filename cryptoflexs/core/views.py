import logging
import shutil
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache

from . import readiness

logger = logging.getLogger(__name__)


def _disk(path) -> dict:
    """Report the free space of the file system holding `path`: "ok", "low" or "unknown".

    A directory not created yet (a fresh checkout before the first upload) is measured on
    the nearest parent that exists: that is the disk it will be created on.
    """
    path = Path(path)
    while not path.exists() and path.parent != path:
        path = path.parent
    try:
        free = shutil.disk_usage(path).free
    except OSError:
        return {"status": "unknown", "free_bytes": None}
    low = free < settings.HEALTH_DISK_MIN_FREE_MB * 1024 * 1024
    return {"status": "low" if low else "ok", "free_bytes": free}


def health(request):
    """Answer 200 when the database answers, 503 otherwise (for load balancers and monitors).

    The body also reports the disks under CRYPTOFLEXS_VAR_DIR and MEDIA_ROOT: a full disk
    leaves pages answering (the cache is skipped) but uploads and the embedded database and
    queue fail, so "status" says "degraded" for monitors without taking the site out of
    the load balancer.
    """
    disk = {"var": _disk(settings.VAR_DIR), "media": _disk(settings.MEDIA_ROOT)}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means "not healthy"; it is logged, not hidden
        logger.exception("health check: database unavailable")
        return JsonResponse(
            {"status": "error", "database": "unavailable", "disk": disk}, status=503
        )
    degraded = any(d["status"] == "low" for d in disk.values())
    if degraded:
        logger.warning("health check: low disk space %s", disk)
    return JsonResponse({"status": "degraded" if degraded else "ok", "disk": disk})


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
