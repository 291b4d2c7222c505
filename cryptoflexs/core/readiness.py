"""Readiness: can this installation serve and do its work right now? (`/ready/`)

`/health/` is liveness (the process answers and reaches its database). `/ready/` runs every
check registered here: each app registers its own from its AppConfig.ready(), e.g.
`@readiness.register("prices")`. A check returns a dict of figures with a `status`:
"ok", "warn" (working but behind: a monitor should look, a load balancer should not take
the machine out of rotation for it) or "fail" (the part is unreachable). A check that raises
counts as "fail". Any "fail" makes the answer 503, and the body names the failing parts.
"""

import logging
import secrets
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)

OK, WARN, FAIL = "ok", "warn", "fail"
_checks: dict[str, Callable[[], dict]] = {}


def register(name: str):
    """Register `fn` as the readiness check called `name` (registering again replaces it)."""

    def decorator(fn: Callable[[], dict]):
        _checks[name] = fn
        return fn

    return decorator


def run_checks() -> dict:
    """Run every check; return {"status": ..., "failing": [...], "checks": {name: figures}}."""
    results = {}
    for name, check in _checks.items():
        try:
            result = dict(check())
        except Exception as exc:  # a check that raises means "unreachable": report it
            logger.warning("readiness check %s failed: %s: %s", name, type(exc).__name__, exc)
            result = {"status": FAIL, "error": f"{type(exc).__name__}: {exc}"[:300]}
        result.setdefault("status", OK)
        results[name] = result
    failing = [name for name, result in results.items() if result["status"] == FAIL]
    warning = [name for name, result in results.items() if result["status"] == WARN]
    status = FAIL if failing else WARN if warning else OK
    return {"status": status, "failing": failing, "warning": warning, "checks": results}


def age_check(age_seconds: float | None, limit_seconds: int, **figures) -> dict:
    """Return a check result for "the last X happened `age_seconds` ago" (None: never)."""
    if age_seconds is None:
        return {"status": WARN, "age_seconds": None, "limit_seconds": limit_seconds, **figures}
    status = WARN if limit_seconds and age_seconds > limit_seconds else OK
    return {
        "status": status,
        "age_seconds": round(age_seconds, 1),
        "limit_seconds": limit_seconds,
        **figures,
    }


@register("database")
def database_check() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"status": OK, "vendor": connection.vendor}


@register("cache")
def cache_check() -> dict:
    # Write and read back: the Redis adapter turns an outage into misses, not exceptions.
    key, value = "ready:probe", secrets.token_hex(8)
    cache.set(key, value, 30)
    if cache.get(key) != value:
        return {"status": FAIL, "error": "a value written to the cache could not be read back"}
    return {"status": OK}
