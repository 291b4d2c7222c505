"""The cache adapter: Redis and file caches that degrade instead of failing, an atomic
window counter for rate limits, and the content version that makes every cached public
page stale at once when content changes."""

import logging
import os
import pickle
import threading
import time
import zlib
from contextlib import contextmanager

from django.core.cache import cache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache
from django.core.files import locks
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

CONTENT_VERSION_KEY = "content-version"
_WARN_EVERY_SECONDS = 30.0


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, except that an unreachable Redis is a cache miss, not a 500.

    Reads return the default, writes are dropped, and a warning is logged at most every
    30 seconds per process; the connection pool reconnects by itself when Redis returns.
    """

    _last_warning = 0.0

    def _degrade(self, operation: str, exc: Exception, default=None):
        now = time.monotonic()
        if now - ResilientRedisCache._last_warning > _WARN_EVERY_SECONDS:
            ResilientRedisCache._last_warning = now
            logger.warning(
                "Redis cache unavailable (%s: %s); serving without cache", operation, exc
            )
        return default

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as exc:
            return self._degrade("get", exc, default)

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except RedisError as exc:
            return self._degrade("get_many", exc, {})

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except RedisError as exc:
            return self._degrade("has_key", exc, False)

    def add(self, key, value, timeout=..., version=None):
        try:
            return super().add(key, value, self._timeout(timeout), version)
        except RedisError as exc:
            return self._degrade("add", exc, False)

    def set(self, key, value, timeout=..., version=None):
        try:
            return super().set(key, value, self._timeout(timeout), version)
        except RedisError as exc:
            return self._degrade("set", exc)

    def set_many(self, data, timeout=..., version=None):
        try:
            return super().set_many(data, self._timeout(timeout), version)
        except RedisError as exc:
            return self._degrade("set_many", exc, list(data))

    def touch(self, key, timeout=..., version=None):
        try:
            return super().touch(key, self._timeout(timeout), version)
        except RedisError as exc:
            return self._degrade("touch", exc, False)

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError as exc:
            return self._degrade("delete", exc, False)

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except RedisError as exc:
            return self._degrade("delete_many", exc)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except RedisError as exc:
            # Callers of incr() expect ValueError for a missing key; an outage is reported as
            # one so that they fall back to their "start from scratch" path.
            self._degrade("incr", exc)
            raise ValueError("cache unavailable") from exc

    def clear(self):
        try:
            return super().clear()
        except RedisError as exc:
            return self._degrade("clear", exc, False)

    def _timeout(self, timeout):
        return self.default_timeout if timeout is ... else timeout


class ResilientFileBasedCache(FileBasedCache):
    """Django's FileBasedCache (the embedded mode's cache, under CRYPTOFLEXS_VAR_DIR), except:

    - a disk that cannot be written (full, read-only, gone) is a miss, not a 500: writes
      are dropped and a warning is logged at most every 30 seconds per process;
    - add() and incr() are atomic across processes (an flock() on one lock file), where
      Django's are a check-then-write and a read-modify-write, so rate limits counted by
      several web processes hold (#15, item 7); incr() keeps the key's expiry.
    """

    LOCK_NAME = "atomic.lock"  # not *.djcache: never culled or cleared
    _last_warning = 0.0

    def _degrade(self, operation: str, exc: Exception, default=None):
        now = time.monotonic()
        if now - ResilientFileBasedCache._last_warning > _WARN_EVERY_SECONDS:
            ResilientFileBasedCache._last_warning = now
            logger.warning("File cache unavailable (%s: %s); serving without cache", operation, exc)
        return default

    @contextmanager
    def _atomic(self):
        self._createdir()
        with open(os.path.join(self._dir, self.LOCK_NAME), "ab") as lock_file:
            locks.lock(lock_file, locks.LOCK_EX)
            try:
                yield
            finally:
                locks.unlock(lock_file)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except OSError as exc:
            return self._degrade("get", exc, default)

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except OSError as exc:
            return self._degrade("has_key", exc, False)

    def set(self, key, value, timeout=..., version=None):
        try:
            return super().set(key, value, self._timeout(timeout), version)
        except OSError as exc:
            return self._degrade("set", exc)

    def add(self, key, value, timeout=..., version=None):
        try:
            with self._atomic():
                if super().has_key(key, version):
                    return False
                super().set(key, value, self._timeout(timeout), version)
                return True
        except OSError as exc:
            return self._degrade("add", exc, False)

    def incr(self, key, delta=1, version=None):
        try:
            with self._atomic():
                fname = self._key_to_file(key, version)
                try:
                    with open(fname, "rb") as f:
                        expiry = pickle.load(f)  # noqa: S301 - our own cache file
                        value = pickle.loads(zlib.decompress(f.read()))  # noqa: S301
                except FileNotFoundError:
                    raise ValueError(f"Key '{key}' not found") from None
                now = time.time()
                if expiry is not None and expiry < now:
                    raise ValueError(f"Key '{key}' not found")
                value += delta
                super().set(key, value, None if expiry is None else expiry - now, version)
                return value
        except OSError as exc:
            self._degrade("incr", exc)
            raise ValueError("cache unavailable") from exc

    def touch(self, key, timeout=..., version=None):
        try:
            return super().touch(key, self._timeout(timeout), version)
        except OSError as exc:
            return self._degrade("touch", exc, False)

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except OSError as exc:
            return self._degrade("delete", exc, False)

    def clear(self):
        try:
            return super().clear()
        except OSError as exc:
            return self._degrade("clear", exc)

    def _timeout(self, timeout):
        return self.default_timeout if timeout is ... else timeout


def window_hit(key: str, seconds: int) -> tuple[int, float] | None:
    """Count one event under `key`, in a window of `seconds` opened by the key's first event.

    Return (events in the window so far, seconds until it closes), or None when the cache
    cannot count (it is down or full: the callers let the event through). add() then
    incr() is atomic on every backend we use (Redis, ResilientFileBasedCache, local memory),
    unlike a read followed by a write.
    """
    now = time.time()
    cache.add(f"{key}:opened", now, seconds)
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr(), or the cache is unavailable
        return None
    if count == 1:
        # Redis's INCR re-creates a key that expired after Django's exists() check, without
        # an expiry: the first count of a window always sets it again.
        cache.touch(key, seconds)
    opened = cache.get(f"{key}:opened") or now
    return count, max(0.0, opened + seconds - now)


def content_version() -> int:
    """Return the current content version (part of every cached page's key)."""
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        # Start from the clock, so that a version is never reused after the cache lost it.
        version = time.time_ns()
        cache.add(CONTENT_VERSION_KEY, version, None)
    return version


_deferral = threading.local()


@contextmanager
def content_changes_deferred():
    """Within the block, note content changes instead of bumping the version on each one,
    and bump once at the end (bulk imports save thousands of rows)."""
    depth = getattr(_deferral, "depth", 0)
    _deferral.depth = depth + 1
    if depth == 0:
        _deferral.pending = False
    try:
        yield
    finally:
        _deferral.depth = depth
        if depth == 0 and _deferral.pending:
            _deferral.pending = False
            content_changed()


def content_changed() -> None:
    """Make every cached public page stale (called when published content changes)."""
    if getattr(_deferral, "depth", 0):
        _deferral.pending = True
        return
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:
        cache.set(CONTENT_VERSION_KEY, time.time_ns(), None)


def invalidate_on_public_change(model, public_status: str, uid: str) -> None:
    """Connect signals so that saving or deleting a `model` row makes cached pages stale
    whenever the row is, or was, in `public_status` (a pending comment changes no page)."""
    from django.db.models.signals import post_delete, post_init, post_save

    def remember(sender, instance, **kwargs):
        instance._loaded_status = instance.__dict__.get("status")

    def saved(sender, instance, **kwargs):
        if public_status in (instance.status, getattr(instance, "_loaded_status", None)):
            content_changed()
        instance._loaded_status = instance.status

    def deleted(sender, instance, **kwargs):
        if instance.status == public_status:
            content_changed()

    # weak=False: the receivers are closures that nothing else holds on to.
    post_init.connect(remember, sender=model, weak=False, dispatch_uid=f"{uid}-init")
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"cache-{uid}-save")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"cache-{uid}-delete")
