"""The database half of taking a feed (prepare.py did parse → clean → key → classify →
features): skip what is stored (one query), decide each new entry's story against the
run's story index (loaded once, the window around its entries, extended as it meets other
dates), store in batches.
"""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings

from cryptoflexs.articles.models import Category
from cryptoflexs.core.cache import content_changes_deferred

from .classifier import display_name
from .clustering.features import Features
from .clustering.index import Entry, StoryIndex, Thresholds
from .clustering.prior import seed_prior
from .models import IngestedEntry, Source
from .prepare import FeedJob, PreparedEntry, PreparedFeed
from .selectors import feed_label_map
from .store import BATCH, Prepared, RunState, entries_store, slugs_taken

logger = logging.getLogger(__name__)
INDEX_ROWS = 20000
# Below this probability (and with no outlet label), a source's own category is used.
MIN_CONFIDENCE = 0.5


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


def category_for(run: RunState, path: str) -> Category:
    """Return the Category of a classifier path ("crypto/bitcoin"), found by its path,
    else by its slug anywhere in the tree, else created (once) with its parents."""
    if path in run.categories:
        return run.categories[path]
    category = Category.objects.filter(path=path).first()
    if category is None:
        slug = path.rsplit("/", 1)[-1]
        category = Category.objects.filter(slug=slug).order_by("path").first()
    if category is None:
        parent = None
        for depth, slug in enumerate(path.split("/"), start=1):
            prefix = "/".join(path.split("/")[:depth])
            parent, _ = Category.objects.get_or_create(
                slug=slug, parent=parent, defaults={"name": display_name(prefix)}
            )
        category = parent
    run.categories[path] = category
    return category


def _load(run: RunState, start: dt.datetime, end: dt.datetime, skip=None) -> None:
    rows = IngestedEntry.objects.filter(published_at__gte=start, published_at__lte=end)
    if skip is not None:
        rows = rows.exclude(published_at__gte=skip[0], published_at__lte=skip[1])
    rows = rows.order_by("-published_at").values_list(
        "pk",
        "article_id",
        "article__story_id",
        "source_id",
        "published_at",
        "title_words",
        "text_words",
        "specifics",
    )[:INDEX_ROWS]
    for pk, article_id, story_id, source_id, published, title, text, specifics in rows:
        run.index.add(
            Entry(
                entry_id=pk,
                story_id=story_id,
                source_id=source_id,
                published_ts=published.timestamp(),
                features=Features.from_stored(title, text, specifics),
                article_id=article_id,
            )
        )


def index_for(run: RunState, dates: list[dt.datetime]) -> StoryIndex:
    """Return the run's story index, holding the stored entries of the window around
    `dates` (loaded once a run; a later source's other dates load only what is missing)."""
    thresholds = Thresholds(window_hours=settings.INGEST_DEDUP_WINDOW_HOURS)
    if run.index is None:
        run.index = StoryIndex(thresholds, prior=seed_prior())
    if not dates:
        return run.index
    window = dt.timedelta(hours=thresholds.window_hours)
    start, end = min(dates) - window, max(dates) + window
    if run.loaded is None:
        _load(run, start, end)
        run.loaded = (start, end)
    elif start < run.loaded[0] or end > run.loaded[1]:
        _load(run, start, end, skip=run.loaded)
        run.loaded = (min(start, run.loaded[0]), max(end, run.loaded[1]))
    return run.index


def _existing(source: Source, items: list[PreparedEntry]) -> set[str]:
    """Return the keys (of `items`) already stored, by this run or any other (one query,
    two when some entries had another key before GUIDs were checked against the site)."""
    keys = [i.key for i in items if i.key]
    existing = set(
        IngestedEntry.objects.filter(dedup_key__in=keys).values_list("dedup_key", flat=True)
    )
    legacy = {i.legacy_key: i.key for i in items if i.legacy_key}
    if legacy:
        stored_before = IngestedEntry.objects.filter(source=source, dedup_key__in=legacy)
        existing |= {legacy[k] for k in stored_before.values_list("dedup_key", flat=True)}
    return existing


def _prepare(source, item: PreparedEntry, run: RunState, decision: dict, provisional: int):
    """Choose the entry's category and decide its story (the index learns of it at once,
    so later entries of the same feed and run can join it)."""
    entry, chosen = item.entry, item.decision
    predicted = category_for(run, chosen.category) if chosen.category else None
    category = predicted
    confidence = chosen.probabilities.get(chosen.category, 0.0) if chosen.category else 0.0
    if (
        source.default_category is not None
        and chosen.label is None
        and (predicted is None or confidence < MIN_CONFIDENCE)
    ):
        # The model hesitates and the outlet says nothing: the source's category knows better.
        category = source.default_category
    if category is None:
        category = category_for(run, "blockchain")
    probe = Entry(
        entry_id=provisional,
        story_id=None,
        source_id=source.pk,
        published_ts=entry.published_at.timestamp(),
        features=item.features,
    )
    found = run.index.match(probe)
    if found is not None:
        match, _ = found
        if match.story_id is None:
            run.index.set_story(match.entry_id, run.story_token(match.article_id))
        probe.story_id = match.story_id
        decision["same_story_as"] = match.entry_id if match.entry_id > 0 else None
    run.index.add(probe)
    decision.update(action="new", category=category.path, coins=chosen.coins)
    return Prepared(
        entry=entry,
        key=item.key,
        category=category,
        coins=chosen.coins,
        probe=probe,
        predicted=predicted,
        classifier=chosen.model[:40],
    )


def feed_job(source: Source, response, now: dt.datetime, run: RunState) -> FeedJob:
    """Return the pure work of a fetched feed (prepare.feed_prepare runs it)."""
    if run.label_map is None:
        run.label_map = feed_label_map()
    return FeedJob(
        content=response.content,
        content_type=response.content_type,
        url=response.url,
        feed_url=source.feed_url,
        site_url=source.site_url,
        include=source.include_list,
        exclude=source.exclude_list,
        now=now,
        max_entries=settings.INGEST_MAX_ENTRIES,
        label_map=run.label_map,
    )


def entries_take(
    *,
    source: Source,
    prepared: PreparedFeed,
    log,
    now: dt.datetime,
    result: SourceResult,
    dry_run: bool,
    progress: Callable[[int], None] | None,
    on_total: Callable[[int], None] | None,
    run: RunState,
) -> None:
    """Take a prepared feed's entries: count, reject, skip duplicates, store the new ones."""
    items = prepared.entries
    result.entries += len(items)
    if on_total:
        on_total(len(items))
    existing = _existing(source, items)
    fresh_items = [i for i in items if i.key and not i.rejection and i.key not in existing]
    fresh = [i.entry for i in fresh_items]
    index_for(run, [e.published_at for e in fresh])
    if not dry_run:
        run.slugs.learn(slugs_taken([(i.entry.title, i.key) for i in fresh_items]))
    seen_in_feed: set[str] = set()
    batch: list[Prepared] = []

    def flush():
        if batch and not dry_run:
            new, duplicates = entries_store(
                source=source,
                batch=batch,
                fetch=log,
                run=run,
                now=now,
                on_error=lambda p, exc: _failed(source, p, exc, result),
            )
            result.new += new
            result.duplicates += duplicates
        elif batch:
            result.new += len(batch)
        if progress and batch:
            progress(len(batch))
        batch.clear()

    with content_changes_deferred():
        for item in items:
            decision = {"title": item.entry.title, "url": item.entry.url}
            if not item.key or item.rejection:
                result.rejected += 1
                decision["action"] = f"rejected: {item.rejection}"
            elif item.key in existing or item.key in seen_in_feed:
                result.duplicates += 1
                decision["action"] = "duplicate"
            else:
                seen_in_feed.add(item.key)
                provisional = -(len(run.index) + 1)
                batch.append(_prepare(source, item, run, decision, provisional))
            if dry_run:
                result.decisions.append(decision)
            if progress and decision["action"] != "new":
                progress(1)
            if len(batch) >= BATCH:
                flush()
        flush()


def _failed(source: Source, prepared: Prepared, exc: Exception, result: SourceResult) -> None:
    # A single bad entry (a slug taken meanwhile, say) is counted and logged, and nothing of
    # it stored; the rest of the feed goes on and the next run tries it again.
    result.errors += 1
    logger.warning("source %s: entry %r not stored: %s", source.pk, prepared.entry.title[:80], exc)
