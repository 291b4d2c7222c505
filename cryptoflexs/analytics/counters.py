"""Where page views wait between the request that counts them and the flush that stores them.

The web processes and the task consumer are separate processes (separate machines in the
scale-out mode), so the pending counts live somewhere all of them reach, and counting never
touches the database:

* `REDIS_URL` set: one Redis hash per UTC day, `HINCRBY` per view (atomic, one round trip).
* otherwise (embedded mode): one line per view appended to a small file of the writing
  process under `ANALYTICS_VIEWS_DIR` (default `VAR_DIR/views`). The embedded mode's
  FileBasedCache cannot count: its `incr()` is a read-modify-write across processes, and
  every `set()` lists the whole cache directory.

A flush first *claims* the pending counts by renaming them to a name no writer uses (a
Redis RENAME, a file rename: both atomic), reads them, lets the caller store them, and
only then deletes them. Views arriving meanwhile go to a fresh hash or file, so none are
lost; two flushes running at once (a second consumer without `--no-periodic`) each get
their own share. A claim left behind by a flush that died is taken over once it is older
than `STALE_CLAIM_SECONDS`.

This module is the only place that knows which store is in use (DESIGN.md: adapters).
"""

import contextlib
import datetime as dt
import fcntl
import logging
import os
import re
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import redis
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

logger = logging.getLogger(__name__)

# Pending counts of one (article id, UTC day).
Counts = Counter[tuple[int, dt.date]]

# A claim older than this belongs to a flush that died between claiming and deleting.
STALE_CLAIM_SECONDS = 600
# Errors that mean "could not count right now": the page is served all the same.
COUNTER_ERRORS = (OSError, redis.RedisError)


class ViewCounter(Protocol):
    def incr(self, article_id: int, day: dt.date) -> None:
        """Count one view of `article_id` on `day`; raise one of COUNTER_ERRORS on failure."""

    def incr_many(self, counts: Counts) -> None:
        """Add `counts` (views per article and day) at once; raise as incr() does."""

    def drain(self) -> contextlib.AbstractContextManager[Counts]:
        """Claim the pending counts; delete them when the `with` block ends without error."""

    def clear(self) -> None:
        """Forget every pending count (tests, resets)."""


WRITE_ATTEMPTS = 20


def _has_data(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except FileNotFoundError:
        return False


def _claim_name(now: float) -> str:
    return f"{int(now)}-{uuid.uuid4().hex}"


def _claim_is_stale(name: str, now: float) -> bool:
    stamp = name.split("-", 1)[0]
    return stamp.isdigit() and now - int(stamp) > STALE_CLAIM_SECONDS


class RedisCounter:
    """Pending counts in Redis: `<prefix>:day:<YYYY-MM-DD>` hashes of article id → views."""

    # A day hash nobody flushes (no consumer running) is dropped after this; a consumer
    # that comes back within it still stores every view.
    TTL_SECONDS = 35 * 24 * 3600

    def __init__(self, url: str, prefix: str):
        # Short timeouts: a page waits at most this long for a Redis that does not answer.
        self.client = redis.Redis.from_url(
            url, socket_connect_timeout=0.25, socket_timeout=0.5, health_check_interval=30
        )
        self.prefix = prefix

    def _day_key(self, day: dt.date) -> str:
        return f"{self.prefix}:day:{day.isoformat()}"

    def _scan(self, kind: str) -> list[str]:
        pattern = f"{_glob_escape(self.prefix)}:{kind}:*"
        return [key.decode() for key in self.client.scan_iter(match=pattern, count=500)]

    def _rename(self, key: str, new_key: str) -> bool:
        try:
            self.client.rename(key, new_key)
        except redis.ResponseError:  # "no such key": another flush took it first
            return False
        return True

    def incr(self, article_id: int, day: dt.date) -> None:
        self.incr_many(Counter({(article_id, day): 1}))

    def incr_many(self, counts: Counts) -> None:
        pipe = self.client.pipeline(transaction=False)
        for (article_id, day), views in counts.items():
            pipe.hincrby(self._day_key(day), str(article_id), views)
        for day in {day for _, day in counts}:
            pipe.expire(self._day_key(day), self.TTL_SECONDS)
        pipe.execute()

    @contextlib.contextmanager
    def drain(self) -> Iterator[Counts]:
        now = time.time()
        claimed: list[str] = []
        for key in self._scan("day"):
            day = key.rsplit(":", 1)[1]
            claim = f"{self.prefix}:claim:{_claim_name(now)}:{day}"
            if self._rename(key, claim):
                claimed.append(claim)
        for key in self._scan("claim"):
            name, day = key[len(self.prefix) + len(":claim:") :].rsplit(":", 1)
            claim = f"{self.prefix}:claim:{_claim_name(now)}:{day}"
            if key not in claimed and _claim_is_stale(name, now) and self._rename(key, claim):
                claimed.append(claim)
        counts: Counts = Counter()
        for key in claimed:
            day = _parse_day(key.rsplit(":", 1)[1])
            if day is None:
                continue
            for field, value in self.client.hgetall(key).items():
                if field.isdigit() and value.isdigit():
                    counts[(int(field), day)] += int(value)
        yield counts
        if claimed:
            self.client.delete(*claimed)

    def clear(self) -> None:
        keys = self._scan("day") + self._scan("claim")
        if keys:
            self.client.delete(*keys)


class FileCounter:
    """Pending counts in files: one `YYYY-MM-DD <article id>` line per view.

    Each process appends to a file of its own (opened with O_APPEND, one write(), closed
    again), its threads taking turns under a lock, so a file never has two writers at
    once and there are never more files than web processes. A writer holds a shared
    flock() while it checks that its path still names the file it opened and writes; a
    flush renames a file, then takes an exclusive flock() before reading it. So a writer
    either sees the rename and starts a new file, or finishes writing before the flush
    reads: no view is lost between the two, and a page view costs a few system calls.
    """

    SUFFIX = ".views"
    CLAIM_SUFFIX = ".flushing"

    def __init__(self, directory: Path):
        self.directory = Path(directory)

    def _path(self) -> Path:
        return self.directory / f"{os.getpid()}{self.SUFFIX}"

    def _open(self, path: Path) -> int:
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT
        try:
            return os.open(path, flags, 0o600)
        except FileNotFoundError:
            self.directory.mkdir(parents=True, exist_ok=True)
            return os.open(path, flags, 0o600)

    def incr(self, article_id: int, day: dt.date) -> None:
        self._append(f"{day.isoformat()} {article_id}\n".encode())

    def incr_many(self, counts: Counts) -> None:
        lines = "".join(f"{day.isoformat()} {pk} {n}\n" for (pk, day), n in counts.items())
        self._append(lines.encode())

    def _append(self, line: bytes) -> None:
        path = self._path()
        with _write_lock:
            # A retry happens only when a flush claims the file between open() and flock().
            for _attempt in range(WRITE_ATTEMPTS):
                fd = self._open(path)
                try:
                    fcntl.flock(fd, fcntl.LOCK_SH)
                    if _same_file(fd, path):
                        os.write(fd, line)
                        return
                finally:
                    os.close(fd)
        raise OSError(f"{path} was claimed by a flush {WRITE_ATTEMPTS} times in a row")

    def _claim(self, path: Path, now: float) -> Path | None:
        writer = path.name.split(".", 1)[0]
        claim = path.with_name(f"{writer}.{_claim_name(now)}{self.CLAIM_SUFFIX}")
        try:
            path.rename(claim)
        except FileNotFoundError:  # another flush took it first
            return None
        return claim

    @contextlib.contextmanager
    def drain(self) -> Iterator[Counts]:
        now = time.time()
        if not self.directory.is_dir():
            yield Counter()
            return
        # An empty file has nothing to flush, and may be one a writer has just created:
        # leaving it alone keeps a busy flush loop from starving that writer.
        claimed = [
            c
            for p in self.directory.glob(f"*{self.SUFFIX}")
            if _has_data(p) and (c := self._claim(p, now))
        ]
        for path in self.directory.glob(f"*{self.CLAIM_SUFFIX}"):
            name = path.name.split(".")[1]
            if (
                path not in claimed
                and _claim_is_stale(name, now)
                and (claim := self._claim(path, now))
            ):
                claimed.append(claim)
        counts: Counts = Counter()
        for path in claimed:
            with path.open("rb") as claimed_file:
                # Waits for a writer that opened the file before the rename to finish.
                fcntl.flock(claimed_file, fcntl.LOCK_EX)
                data = claimed_file.read()
            for line in data.decode("ascii", "replace").splitlines():
                # "DAY ID" is one view, "DAY ID N" N views (written by the view buffer).
                day_text, _, rest = line.partition(" ")
                article_id, _, views = rest.partition(" ")
                day = _parse_day(day_text)
                if day is not None and article_id.isdigit() and (views or "1").isdigit():
                    counts[(int(article_id), day)] += int(views or "1")
        yield counts
        for path in claimed:
            path.unlink(missing_ok=True)

    def clear(self) -> None:
        if self.directory.is_dir():
            for pattern in (f"*{self.SUFFIX}", f"*{self.CLAIM_SUFFIX}"):
                for path in self.directory.glob(pattern):
                    path.unlink(missing_ok=True)


_write_lock = threading.Lock()


def _new_write_lock():
    global _write_lock
    _write_lock = threading.Lock()


# A child forked while another thread held the lock would otherwise never get it.
os.register_at_fork(after_in_child=_new_write_lock)


def _same_file(fd: int, path: Path) -> bool:
    try:
        named = os.stat(path)
    except FileNotFoundError:
        return False
    opened = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)


def _parse_day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[\]\\])", r"\\\1", text)


def counter_from_settings() -> ViewCounter:
    """Build the counter the settings ask for: Redis when REDIS_URL is set, else files."""
    if settings.REDIS_URL:
        prefix = getattr(settings, "ANALYTICS_KEY_PREFIX", "") or (
            f"{settings.CACHES['default'].get('KEY_PREFIX') or 'cryptoflexs'}:views"
        )
        return RedisCounter(settings.REDIS_URL, prefix)
    directory = getattr(settings, "ANALYTICS_VIEWS_DIR", None) or Path(settings.VAR_DIR) / "views"
    return FileCounter(directory)


_counter: ViewCounter | None = None
_counter_lock = threading.Lock()


def get_counter() -> ViewCounter:
    """Return this process's counter (built once; rebuilt when the settings change)."""
    global _counter
    if _counter is None:
        with _counter_lock:
            if _counter is None:
                _counter = counter_from_settings()
    return _counter


# After a failure, stop trying for a few seconds: a Redis that does not answer would
# otherwise cost every page the connect timeout. Failures are logged at most once a minute.
PAUSE_SECONDS = 5
LOG_EVERY_SECONDS = 60
_paused_until = 0.0
_logged_at = -LOG_EVERY_SECONDS
_failures_unlogged = 0


def count_view(article_id: int, day: dt.date) -> bool:
    """Count one view with this process's counter; return False if it could not be counted.

    Never raises for an unavailable store: a page must not fail because a view went uncounted.
    """
    return store_counts(Counter({(article_id, day): 1}))


def store_counts(counts: Counts) -> bool:
    """Add `counts` to this process's counter; return False (logged, rate-limited) if the
    store is unavailable, in which case nothing was added."""
    global _paused_until, _logged_at, _failures_unlogged
    now = time.monotonic()
    if now < _paused_until:
        _failures_unlogged += 1
        return False
    try:
        get_counter().incr_many(counts)
    except COUNTER_ERRORS as exc:
        _paused_until = now + PAUSE_SECONDS
        _failures_unlogged += 1
        if now - _logged_at >= LOG_EVERY_SECONDS:
            logger.warning(
                "Page views are not being counted (%d missed since the last warning): %s",
                _failures_unlogged,
                exc,
            )
            _logged_at, _failures_unlogged = now, 0
        return False
    return True


@receiver(setting_changed)
def _reset_counter(*, setting, **kwargs):
    global _counter, _paused_until, _logged_at
    if setting in {"REDIS_URL", "VAR_DIR", "ANALYTICS_VIEWS_DIR", "ANALYTICS_KEY_PREFIX"}:
        _counter = None
        _paused_until, _logged_at = 0.0, -LOG_EVERY_SECONDS
