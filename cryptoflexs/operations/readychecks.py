"""The readiness checks of the task queue and of ingestion (core registers database and
cache; markets registers its price refresh)."""

import time

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from cryptoflexs.core import readiness

HEARTBEAT_KEY = "operations:queue-heartbeat"
HEARTBEAT_EVERY_SECONDS = 60


def queue_heartbeat() -> None:
    """Record when the heartbeat task ran and how late (it is due at each minute's start)."""
    from huey.contrib.djhuey import HUEY

    now = time.time()
    HUEY.put(HEARTBEAT_KEY, {"ran_at": now, "lag": now % HEARTBEAT_EVERY_SECONDS})


def queue_check() -> dict:
    from huey.contrib.djhuey import HUEY

    pending = HUEY.pending_count()  # raises when the queue's storage is unreachable
    beat = HUEY.get(HEARTBEAT_KEY, peek=True)
    limit = settings.READY_MAX_QUEUE_LAG_SECONDS
    if not beat:
        return {"status": readiness.WARN, "pending": pending, "lag_seconds": None,
                "note": "no consumer has run the heartbeat task yet"}  # fmt: skip
    age = time.time() - beat["ran_at"]
    # A heartbeat overdue by N seconds means the queue is at least N seconds behind.
    lag = max(beat["lag"], age - HEARTBEAT_EVERY_SECONDS)
    status = readiness.WARN if limit and lag > limit else readiness.OK
    return {"status": status, "pending": pending, "lag_seconds": round(lag, 1),
            "limit_seconds": limit}  # fmt: skip


def ingest_check() -> dict:
    from cryptoflexs.ingest.models import Source

    figures = Source.objects.filter(active=True).aggregate(last=Max("last_success_at"))
    sources = Source.objects.filter(active=True).count()
    if not sources:
        return {"status": readiness.OK, "sources": 0}
    last = figures["last"]
    age = (timezone.now() - last).total_seconds() if last else None
    return readiness.age_check(age, settings.READY_MAX_INGEST_AGE_SECONDS, sources=sources)


def register_all() -> None:
    readiness.register("queue")(queue_check)
    readiness.register("ingest")(ingest_check)
