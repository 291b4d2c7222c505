"""Aggregation writes: add a source, claim it, and run it through the pipeline
fetch → parse → clean → dedup → classify → store (one module per stage)."""

import datetime as dt
import logging
import multiprocessing
import os
import socket
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .classifier import current_model
from .classify import find_coins
from .dedup import feed_scope
from .fetch import FeedResponse, FetchError, backoff_delay, feed_fetch, retry_after
from .models import FetchLog, Source
from .pipeline import SourceResult, entries_take, feed_job
from .prepare import PreparedFeed, feed_prepare
from .store import RunState

logger = logging.getLogger(__name__)


def worker_id() -> str:
    """Identify this process in a source's lease: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _holder_is_dead(holder: str) -> bool:
    """Tell whether a lease holder is a process of this host that no longer runs (killed
    with -9, say): its lease can be taken at once instead of waiting for it to expire."""
    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def source_create(*, feed_url: str, name: str = "", **fields) -> Source:
    """Add a source; the name defaults to the feed's host."""
    url = feed_url.strip()
    source = Source(feed_url=url, name=name or feed_scope(url) or url, **fields)
    source.full_clean()
    source.save()
    return source


def source_claim(
    *, source_id: int, now: dt.datetime | None = None, holder: str = "", due_only: bool = False
) -> bool:
    """Take the lease on a source for one fetch; False when another worker holds it.

    The claim is one conditional UPDATE, so however many workers race, one wins. A lease
    ends when released, when it expires (INGEST_LEASE_SECONDS) or when its holder is a
    process of this host that has died.
    """
    now = now or timezone.now()
    holder = holder or worker_id()
    until = now + dt.timedelta(seconds=settings.INGEST_LEASE_SECONDS)
    free = Q(fetching_until__isnull=True) | Q(fetching_until__lt=now)
    if due_only:
        # A task queued twice for one due source fetches it once: the second finds it not due.
        free &= Q(next_fetch_at__lte=now, active=True)
    if Source.objects.filter(free, pk=source_id).update(fetching_until=until, fetching_by=holder):
        return True
    current = Source.objects.filter(pk=source_id).values("fetching_by", "fetching_until").first()
    if current and current["fetching_by"] and _holder_is_dead(current["fetching_by"]):
        return bool(
            Source.objects.filter(
                Q(next_fetch_at__lte=now, active=True) if due_only else Q(),
                pk=source_id,
                fetching_by=current["fetching_by"],
                fetching_until=current["fetching_until"],
            ).update(fetching_until=until, fetching_by=holder)
        )
    return False


def _release(source: Source, **fields) -> None:
    fields.update(fetching_until=None, fetching_by="")
    Source.objects.filter(pk=source.pk).update(**fields)
    for name, value in fields.items():
        if not hasattr(value, "resolve_expression"):
            setattr(source, name, value)


def _fail(
    source: Source, log: FetchLog | None, now: dt.datetime, reason: str, status=None, wait=None
):
    failures = source.consecutive_failures + 1
    interval = source.poll_interval * 60
    delay = backoff_delay(failures, interval=interval)
    if wait is not None:
        # Retry-After (RFC 9110 §10.2.3): never sooner than the server asked (within reason).
        delay = max(delay, min(wait, settings.INGEST_RETRY_AFTER_MAX_SECONDS))
    if log is not None:
        log.outcome, log.reason, log.http_status, log.finished_at = (
            Source.Outcome.FAILED,
            reason[:500],
            status,
            timezone.now(),
        )
        log.save()
    _release(
        source,
        last_fetch_at=now,
        last_outcome=Source.Outcome.FAILED,
        last_error=reason[:500],
        last_error_at=now,
        consecutive_failures=failures,
        next_fetch_at=now + dt.timedelta(seconds=delay),
    )
    logger.warning("source %s (%s) failed: %s", source.pk, source.name, reason)


@dataclass
class _Fetched:
    """A source claimed and fetched (200), waiting for its entries to be taken."""

    source: Source
    result: SourceResult
    log: FetchLog | None
    now: dt.datetime
    response: FeedResponse


def _begin(
    source: Source, *, dry_run: bool, due_only: bool, now: dt.datetime
) -> "_Fetched | SourceResult":
    """Claim and fetch a source; return the fetch, or the final result when there is
    nothing to take (busy, not modified, failed)."""
    result = SourceResult(source_id=source.pk)
    if not dry_run and not source_claim(source_id=source.pk, now=now, due_only=due_only):
        result.outcome = "busy"
        result.reason = "another worker is fetching this source, or it is not due"
        return result
    log = None if dry_run else FetchLog.objects.create(source=source, started_at=now)
    try:
        response = feed_fetch(source.feed_url, etag=source.etag, last_modified=source.last_modified)
    except FetchError as exc:
        result.outcome, result.reason = Source.Outcome.FAILED, exc.reason
        if not dry_run:
            wait = retry_after(exc.headers.get("retry-after"), now=now)
            _fail(source, log, now, exc.reason, status=exc.status, wait=wait)
        return result
    except BaseException:
        if not dry_run:
            _release(source)
        raise
    if response.not_modified:
        result.outcome = Source.Outcome.NOT_MODIFIED
        if not dry_run:
            _succeed(source, log, now, result, http_status=304)
        return result
    return _Fetched(source, result, log, now, response)


def _finish(
    fetched: _Fetched, prepared: PreparedFeed, *, dry_run, progress, on_total, run
) -> SourceResult:
    """Take a fetched feed's prepared entries and record the outcome on the source."""
    source, result, log, now, response = (
        fetched.source,
        fetched.result,
        fetched.log,
        fetched.now,
        fetched.response,
    )
    if prepared.error:
        result.outcome, result.reason = Source.Outcome.FAILED, prepared.error
        if not dry_run:
            _fail(source, log, now, prepared.error, status=200)
        return result
    try:
        entries_take(
            source=source,
            prepared=prepared,
            log=log,
            now=now,
            result=result,
            dry_run=dry_run,
            progress=progress,
            on_total=on_total,
            run=run,
        )
    except BaseException:
        if not dry_run:
            _release(source)
        raise
    result.outcome = Source.Outcome.OK
    if not dry_run:
        _succeed(
            source,
            log,
            now,
            result,
            http_status=response.status,
            etag=response.etag,
            last_modified=response.last_modified,
            warning=prepared.warning,
            size=len(response.content),
            url=response.url,
        )
    return result


def source_ingest(
    *,
    source: Source,
    dry_run: bool = False,
    due_only: bool = False,
    now: dt.datetime | None = None,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    run: RunState | None = None,
) -> SourceResult:
    """Fetch one source and store its new entries; never raises for a bad feed.

    A failure (network, HTTP, size, deadline, unparseable feed) is recorded on the source
    with its reason and leaves everything else untouched. The feed's validators (ETag,
    Last-Modified) are saved only after every entry was handled, so a run killed half-way
    fetches the whole feed again next time and the unique keys skip what was stored.
    `run` lets a run over many sources share its categories, coin tags and story index.
    """
    now = now or timezone.now()
    run = run or RunState()
    begun = _begin(source, dry_run=dry_run, due_only=due_only, now=now)
    if isinstance(begun, SourceResult):
        return begun
    try:
        prepared = feed_prepare(feed_job(source, begun.response, now, run))
    except BaseException:
        if not dry_run:
            _release(source)
        raise
    return _finish(begun, prepared, dry_run=dry_run, progress=progress, on_total=on_total, run=run)


def sources_ingest(
    *,
    sources: list[Source],
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    run: RunState | None = None,
    workers: int | None = None,
) -> Iterator[tuple[Source, SourceResult]]:
    """Ingest `sources` in order, yielding each one's result as source_ingest would.

    With `workers` (default INGEST_WORKERS) processes, the pure work of each feed (parse,
    clean, classify) is done by them while this process stores the feed before it: the
    story decisions and the store stay in one process and in source order. A source fetched
    but not yet stored when the run stops is released."""
    run = run or RunState()
    workers = settings.INGEST_WORKERS if workers is None else workers
    if workers < 1 or len(sources) < 2:
        for source in sources:
            yield (
                source,
                source_ingest(
                    source=source, dry_run=dry_run, progress=progress, on_total=on_total, run=run
                ),
            )
        return
    current_model()  # loaded before the workers fork, so they share it
    find_coins("")  # and the coin registry
    pending: deque = deque()
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_worker_start) as pool:
        try:
            for source in sources:
                now = timezone.now()
                begun = _begin(source, dry_run=dry_run, due_only=False, now=now)
                if isinstance(begun, SourceResult):
                    yield source, begun
                    continue
                job = feed_job(source, begun.response, now, run)
                pending.append((begun, pool.apply_async(feed_prepare, (job,))))
                while len(pending) > workers:
                    yield _finish_pending(pending.popleft(), dry_run, progress, on_total, run)
            while pending:
                yield _finish_pending(pending.popleft(), dry_run, progress, on_total, run)
        finally:
            if not dry_run:
                for begun, _ in pending:
                    _release(begun.source)


_inherited: list = []


def _worker_start() -> None:
    """In a forked worker: never touch the parent's database connections (a query, or a
    close, on a shared socket would break the parent's session); a worker that needs the
    database opens its own. The old connection objects are kept, never closed, and the
    worker ends without cleanup."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        _inherited.append(connection.connection)
        connection.connection = None


def _finish_pending(item, dry_run, progress, on_total, run) -> tuple[Source, SourceResult]:
    begun, future = item
    prepared = future.get()
    return begun.source, _finish(
        begun, prepared, dry_run=dry_run, progress=progress, on_total=on_total, run=run
    )


def _succeed(
    source,
    log,
    now,
    result,
    *,
    http_status,
    etag=None,
    last_modified=None,
    warning="",
    size=0,
    url="",
):
    if log is not None:
        log.outcome = result.outcome
        log.http_status = http_status
        log.finished_at = timezone.now()
        log.reason = warning[:500]
        log.size, log.url = size, url[:1000]
        log.entries, log.new, log.duplicates, log.rejected = (
            result.entries,
            result.new,
            result.duplicates,
            result.rejected,
        )
        log.save()
    fields = {
        "last_fetch_at": now,
        "last_success_at": now,
        "last_outcome": result.outcome,
        "consecutive_failures": 0,
        "next_fetch_at": now + dt.timedelta(minutes=source.poll_interval),
        "entries_seen": F("entries_seen") + result.entries,
        "articles_created": F("articles_created") + result.new,
        "duplicates": F("duplicates") + result.duplicates,
        "rejected": F("rejected") + result.rejected,
    }
    if result.outcome == Source.Outcome.OK:
        fields.update(last_warning=warning[:500])
    if etag is not None:
        fields.update(etag=etag, last_modified=last_modified or "")
    with transaction.atomic():
        _release(source, **fields)
