"""Prometheus metrics, each from the place that can count it across processes.

- Requests (count and latency by view): prometheus-client in the web process. gunicorn
  runs several processes; `manage.py serve` points PROMETHEUS_MULTIPROC_DIR at a directory
  it empties at start, so every worker writes its counts to a memory-mapped file there and
  a scrape of any worker sums them all. Counting requests in Redis instead would cost a
  round trip per request, and the file cache cannot increment atomically.
- Tasks (count by task and outcome): counters in the shared cache, incremented by Huey's
  signals in whichever consumer ran the task. Consumers may run on machines nobody
  scrapes, and tasks are few, so a cache increment per task costs nothing.
- Ingest (entries and errors per source): read from the database at scrape time (the
  source's own counters and its fetch log), so they are exact whoever fetched; cached for
  a few seconds so that frequent scrapes stay cheap.
"""

import datetime as dt
import os

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

REQUESTS = Counter(
    "cryptoflexs_http_requests_total",
    "HTTP requests answered, by view (URL name), method and status code.",
    ["view", "method", "status"],
)
LATENCY = Histogram(
    "cryptoflexs_http_request_duration_seconds",
    "Time from the request reaching Django to the response leaving it, by view.",
    ["view"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)

# Huey signals counted per task; the metric's `outcome` label is the signal's name.
TASK_OUTCOMES = (
    "executing",
    "complete",
    "error",
    "retrying",
    "timeout",
    "canceled",
    "locked",
    "expired",
    "revoked",
)
INGEST_CACHE_KEY = "metrics:ingest"
INGEST_CACHE_SECONDS = 10


def task_key(task_name: str, outcome: str) -> str:
    return f"metrics:task:{task_name}:{outcome}"


def count_task(task_name: str, outcome: str) -> None:
    """Add one to the task counter; add()+incr() so concurrent consumers lose no count."""
    key = task_key(task_name, outcome)
    cache.add(key, 0, None)
    try:
        cache.incr(key)
    except ValueError:  # evicted between add and incr, or the cache is down: one count lost
        cache.add(key, 1, None)


class TaskCollector:
    def collect(self):
        from huey.contrib.djhuey import HUEY

        names = sorted({cls.__name__ for cls in HUEY._registry._registry.values()})
        keys = {task_key(n, o): (n, o) for n in names for o in TASK_OUTCOMES}
        values = cache.get_many(list(keys))
        family = CounterMetricFamily(
            "cryptoflexs_tasks",
            "Background tasks by task name and outcome (executing: started; error: failed).",
            labels=["task", "outcome"],
        )
        for key, (name, outcome) in keys.items():
            family.add_metric([name, outcome], int(values.get(key) or 0))
        yield family


def ingest_figures() -> list[dict]:
    """Return per source: name, counters since it was added, fetches of the last 24 hours."""
    from cryptoflexs.ingest.models import Source

    since = timezone.now() - dt.timedelta(hours=24)
    recent = Q(fetches__started_at__gte=since)
    rows = Source.objects.annotate(
        fetches_24h=Count("fetches", filter=recent),
        failures_24h=Count("fetches", filter=recent & Q(fetches__outcome="failed")),
    ).values(
        "name",
        "entries_seen",
        "articles_created",
        "duplicates",
        "rejected",
        "consecutive_failures",
        "fetches_24h",
        "failures_24h",
    )
    return list(rows)


class IngestCollector:
    def collect(self):
        figures = cache.get(INGEST_CACHE_KEY)
        if figures is None:
            figures = ingest_figures()
            cache.set(INGEST_CACHE_KEY, figures, INGEST_CACHE_SECONDS)
        counters = {
            "entries_seen": "Feed entries read from the source since it was added.",
            "articles_created": "Articles created from the source's entries.",
            "duplicates": "Entries of the source found to be duplicates.",
            "rejected": "Entries of the source rejected (filters, empty, unsafe).",
        }
        for field, help_text in counters.items():
            family = CounterMetricFamily(
                f"cryptoflexs_ingest_{field}", help_text, labels=["source"]
            )
            for row in figures:
                family.add_metric([row["name"]], row[field])
            yield family
        gauges = {
            "fetches_24h": "Fetches of the source in the last 24 hours.",
            "failures_24h": "Failed fetches of the source in the last 24 hours.",
            "consecutive_failures": "Failed fetches of the source since its last success.",
        }
        for field, help_text in gauges.items():
            family = GaugeMetricFamily(f"cryptoflexs_ingest_{field}", help_text, labels=["source"])
            for row in figures:
                family.add_metric([row["name"]], row[field])
            yield family


def render() -> bytes:
    """Return the exposition text of every metric (all processes' request counts)."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        for collector in (REQUESTS, LATENCY):
            registry.register(collector)
    registry.register(TaskCollector())
    registry.register(IngestCollector())
    return generate_latest(registry)
