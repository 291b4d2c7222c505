"""Aggregation writes: add a source, claim it, and run it through the pipeline
fetch → parse → clean → dedup → classify → store (one module per stage)."""

import dataclasses
import datetime as dt
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from cryptoflexs.core.cache import content_changes_deferred

from .classify import classify
from .clean import CleanEntry, entry_clean
from .dedup import Candidate, NearDuplicateIndex, Thresholds, dedup_key, feed_scope
from .fetch import FetchError, backoff_delay, feed_fetch, retry_after
from .models import FetchLog, IngestedEntry, Source
from .parse import FeedError, feed_parse
from .store import CategoryResolver, Prepared, candidate_for, entry_store, slugs_taken

logger = logging.getLogger(__name__)


@dataclass
class SourceResult:
    source_id: int
    outcome: str = ""  # Source.Outcome value, or "busy" when another worker held the source
    reason: str = ""
    entries: int = 0
    new: int = 0
    duplicates: int = 0
    rejected: int = 0
    errors: int = 0
    decisions: list[dict] = field(default_factory=list)  # dry run: what would happen


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


def _keyword_rejection(source: Source, entry: CleanEntry) -> str:
    haystack = f"{entry.title}\n{entry.text}".casefold()
    for word in source.exclude_list:
        if word in haystack:
            return f"excluded keyword “{word}”"
    include = source.include_list
    if include and not any(word in haystack for word in include):
        return "no included keyword"
    return ""


def _load_index(source: Source, entries: list[CleanEntry]) -> NearDuplicateIndex:
    """Load the other outlets' entries published around these ones (one query)."""
    thresholds = Thresholds(window_hours=settings.INGEST_DEDUP_WINDOW_HOURS)
    index = NearDuplicateIndex(thresholds)
    if not entries:
        return index
    window = dt.timedelta(hours=thresholds.window_hours)
    dates = [e.published_at for e in entries]
    rows = (
        IngestedEntry.objects.filter(
            published_at__gte=min(dates) - window, published_at__lte=max(dates) + window
        )
        .order_by("-published_at")
        .values_list("pk", "story_id", "source_id", "published_at", "title_words", "text_words")
    )[:20000]
    for pk, story_id, source_id, published_at, title_words, text_words in rows:
        index.add(
            Candidate(
                entry_id=pk,
                story_id=story_id,
                source_id=source_id,
                published_ts=published_at.timestamp(),
                title_words=frozenset(title_words.split()),
                text_words=frozenset(text_words.split()),
            )
        )
    return index


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


def source_ingest(
    *,
    source: Source,
    dry_run: bool = False,
    due_only: bool = False,
    now: dt.datetime | None = None,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    categories: CategoryResolver | None = None,
) -> SourceResult:
    """Fetch one source and store its new entries; never raises for a bad feed.

    A failure (network, HTTP, size, deadline, unparseable feed) is recorded on the source
    with its reason and leaves everything else untouched. The feed's validators (ETag,
    Last-Modified) are saved only after every entry was handled, so a run killed half-way
    fetches the whole feed again next time and the unique keys skip what was stored.
    `categories` lets a run over many sources share its cache of categories, coin tags and
    story keys.
    """
    now = now or timezone.now()
    result = SourceResult(source_id=source.pk)
    if not dry_run and not source_claim(source_id=source.pk, now=now, due_only=due_only):
        result.outcome = "busy"
        result.reason = "another worker is fetching this source, or it is not due"
        return result
    log = None if dry_run else FetchLog.objects.create(source=source, started_at=now)
    try:
        response = feed_fetch(source.feed_url, etag=source.etag, last_modified=source.last_modified)
        if response.not_modified:
            result.outcome = Source.Outcome.NOT_MODIFIED
            if not dry_run:
                _succeed(source, log, now, result, http_status=304)
            return result
        parsed = feed_parse(response.content, content_type=response.content_type, url=response.url)
    except FetchError as exc:
        result.outcome, result.reason = Source.Outcome.FAILED, exc.reason
        if not dry_run:
            wait = retry_after(exc.headers.get("retry-after"), now=now)
            _fail(source, log, now, exc.reason, status=exc.status, wait=wait)
        return result
    except FeedError as exc:
        result.outcome, result.reason = Source.Outcome.FAILED, exc.reason
        if not dry_run:
            _fail(source, log, now, exc.reason, status=200)
        return result
    except BaseException:
        if not dry_run:
            _release(source)
        raise

    try:
        _take_entries(
            source, parsed, response, log, now, result, dry_run, progress, on_total, categories
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
            warning=parsed.warning,
            size=len(response.content),
            url=response.url,
        )
    return result


def _take_entries(
    source, parsed, response, log, now, result, dry_run, progress, on_total, categories=None
):
    raws = parsed.entries
    # Newest first, so that a cap keeps the latest news.
    raws = sorted(raws, key=lambda r: r.published or now, reverse=True)[
        : settings.INGEST_MAX_ENTRIES
    ]
    if on_total:
        on_total(len(raws))
    scope = feed_scope(source.feed_url)
    cleaned = []
    for raw in raws:
        entry = entry_clean(raw, now=now, feed_url=response.url)
        result.entries += 1
        if not entry.title or not (entry.url or entry.guid or entry.text):
            result.rejected += 1
            cleaned.append((entry, "", "no title or no content"))
            continue
        key = dedup_key(
            guid=entry.guid, url=entry.url, title=entry.title, content=entry.text, scope=scope
        )
        cleaned.append((entry, key, _keyword_rejection(source, entry)))
    existing = set(
        IngestedEntry.objects.filter(dedup_key__in=[k for _, k, _ in cleaned if k]).values_list(
            "dedup_key", flat=True
        )
    )
    index = _load_index(source, [e for e, k, r in cleaned if k and not r and k not in existing])
    categories = categories or CategoryResolver()
    if not dry_run:
        categories.slugs = slugs_taken([e.title for e, k, r in cleaned if k and not r])
    seen_in_feed: set[str] = set()
    with content_changes_deferred():
        for entry, key, rejection in cleaned:
            decision = {"title": entry.title, "url": entry.url}
            if not key:
                decision["action"] = "rejected: no title or no content"
            elif key in existing or key in seen_in_feed:
                result.duplicates += 1
                decision["action"] = "duplicate"
            elif rejection:
                result.rejected += 1
                decision["action"] = f"rejected: {rejection}"
            else:
                seen_in_feed.add(key)
                _new_entry(
                    source, entry, key, log, now, result, dry_run, index, categories, decision
                )
            if dry_run:
                result.decisions.append(decision)
            if progress:
                progress(1)


def _new_entry(source, entry, key, log, now, result, dry_run, index, categories, decision):
    classification = classify(entry.title, entry.text)
    probe = candidate_for(-(result.entries + len(index) + 1), None, source.pk, entry)
    match = index.match(probe)
    decision.update(
        action="new",
        category=classification.category,
        coins=classification.coins,
        same_story_as=match.entry_id if match else None,
    )
    if dry_run:
        result.new += 1
        return
    prepared = Prepared(entry, key, classification, probe, match)
    try:
        stored = entry_store(
            source=source, prepared=prepared, fetch=log, categories=categories, now=now
        )
    except (ValidationError, ValueError, IntegrityError) as exc:
        # A single bad entry (or a slug taken meanwhile) is counted and logged, and nothing
        # of it stored; the rest of the feed goes on and the next run tries it again.
        result.errors += 1
        logger.warning("source %s: entry %r not stored: %s", source.pk, entry.title[:80], exc)
        return
    if stored is None:
        result.duplicates += 1
        return
    result.new += 1
    index.add(dataclasses.replace(probe, entry_id=stored.pk, story_id=stored.story_id))


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
