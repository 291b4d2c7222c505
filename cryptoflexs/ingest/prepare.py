"""The pure half of taking a feed: parse → clean → key → classify → features.

Nothing here touches the database, so `feed_prepare` can run in another process while
the main one stores the previous feed (services.sources_ingest): on two cores that is the
difference between storing 300 and 600 entries a second. Its input and output pickle.
"""

import datetime as dt
from dataclasses import dataclass, field

from .classifier import Decision, classify
from .clean import CleanEntry, entry_clean
from .clustering.features import Features, features
from .dedup import dedup_key, feed_scope, site_hosts
from .parse import FeedError, feed_parse


@dataclass
class FeedJob:
    content: bytes
    content_type: str
    url: str  # the address finally fetched (relative links resolve against it)
    feed_url: str  # the source's
    site_url: str
    include: list[str]
    exclude: list[str]
    now: dt.datetime
    max_entries: int
    label_map: dict[str, str]


@dataclass
class PreparedEntry:
    entry: CleanEntry
    key: str = ""  # "" when the entry has no title or no content
    legacy_key: str = ""  # the key it had before GUIDs were checked against the site
    rejection: str = ""
    decision: Decision | None = None  # for entries not rejected
    features: Features | None = None


@dataclass
class PreparedFeed:
    entries: list[PreparedEntry] = field(default_factory=list)
    warning: str = ""
    error: str = ""  # the feed could not be parsed (FeedError's reason)


def _rejection(job: FeedJob, entry: CleanEntry) -> str:
    haystack = f"{entry.title}\n{entry.text}".casefold()
    for word in job.exclude:
        if word in haystack:
            return f"excluded keyword “{word}”"
    if job.include and not any(word in haystack for word in job.include):
        return "no included keyword"
    return ""


def feed_prepare(job: FeedJob) -> PreparedFeed:
    """Parse a fetched feed and make each entry ready for the store's decisions."""
    try:
        parsed = feed_parse(job.content, content_type=job.content_type, url=job.url)
    except FeedError as exc:
        return PreparedFeed(error=exc.reason)
    # Newest first, so that a cap keeps the latest news.
    raws = sorted(parsed.entries, key=lambda r: r.published or job.now, reverse=True)
    scope = feed_scope(job.feed_url)
    own = site_hosts(feed_url=job.feed_url, site_url=job.site_url)
    prepared = PreparedFeed(warning=parsed.warning)
    for raw in raws[: job.max_entries]:
        entry = entry_clean(raw, now=job.now, feed_url=job.url)
        item = PreparedEntry(entry)
        prepared.entries.append(item)
        if not entry.title or not (entry.url or entry.guid or entry.text):
            item.rejection = "no title or no content"
            continue
        fields = {"guid": entry.guid, "url": entry.url, "title": entry.title}
        item.key = dedup_key(**fields, content=entry.text, scope=scope, own_hosts=own)
        old = dedup_key(**fields, content=entry.text, scope=scope)
        item.legacy_key = old if old != item.key else ""
        item.rejection = _rejection(job, entry)
        if not item.rejection:
            item.decision = classify(
                entry.title, entry.text, entry.categories, label_map=job.label_map
            )
            item.features = features(entry.title, entry.text)
    return prepared
