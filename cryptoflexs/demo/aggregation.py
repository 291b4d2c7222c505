"""The demo's aggregation: a few invented outlets (ingest Sources) whose feeds were "read".

Each outlet's feed is written here as RSS from `data/sources.jsonl` and handed to the
ingest pipeline as if it had just been fetched: parse, clean, dedup, classify, decide the
story and store, exactly as a real fetch would (ingest/pipeline.py), so several outlets'
copies of one event end up as one Story whose page says "Also reported by …".

Nothing is ever fetched: the feeds' addresses are under `.example` (RFC 2606, never
resolvable) and the sources are inactive, so neither the scheduler (`Source.objects.due()`)
nor `manage.py ingest --all` takes them; an editor who wants one fetched must point it at a
real feed and switch it on.
"""

import datetime as dt
import email.utils
from xml.sax.saxutils import escape

from django.utils.text import slugify

from cryptoflexs.articles.models import Category
from cryptoflexs.ingest.fetch import FeedResponse
from cryptoflexs.ingest.models import Source
from cryptoflexs.ingest.pipeline import SourceResult, entries_take, feed_job
from cryptoflexs.ingest.prepare import feed_prepare
from cryptoflexs.ingest.services import source_create
from cryptoflexs.ingest.store import RunState

from . import data


def feed_xml(spec: data.SourceSpec, *, now: dt.datetime) -> bytes:
    """Return the RSS 2.0 feed of a demo outlet, its entries dated `hours` before `now`."""
    items = []
    for entry in spec.entries:
        link = f"{spec.site_url.rstrip('/')}/news/{slugify(entry.title)}/"
        published = email.utils.format_datetime(now - dt.timedelta(hours=entry.hours))
        items.append(
            "<item>"
            f"<title>{escape(entry.title)}</title>"
            f"<link>{escape(link)}</link>"
            f'<guid isPermaLink="true">{escape(link)}</guid>'
            f"<pubDate>{published}</pubDate>"
            f"<category>{escape(entry.label)}</category>"
            f"<description>{escape(entry.summary)}</description>"
            "</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(spec.name)}</title><link>{escape(spec.site_url)}</link>"
        f"<description>{escape(spec.name)} (an invented outlet of the demo)</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def load_sources(*, now: dt.datetime) -> int:
    """Create the demo's sources (inactive) and store their feeds' entries through the
    pipeline; return how many entries were new. A second run stores nothing again: the
    entries' keys are known (the pipeline counts them as duplicates)."""
    run = RunState()  # one story index for all outlets, as `manage.py ingest` shares
    created = 0
    for spec in data.sources():
        source = Source.objects.filter(feed_url=spec.feed_url).first()
        if source is None:
            source = source_create(
                feed_url=spec.feed_url,
                name=spec.name,
                site_url=spec.site_url,
                default_category=Category.objects.filter(path=spec.category).first(),
                auto_publish=spec.auto_publish,
                poll_interval=spec.poll_interval,
                active=False,
            )
        response = FeedResponse(
            status=200,
            url=spec.feed_url,
            content=feed_xml(spec, now=now),
            content_type="application/rss+xml",
            etag="",
            last_modified="",
        )
        prepared = feed_prepare(feed_job(source, response, now, run))
        result = SourceResult(source_id=source.pk)
        entries_take(
            source=source,
            prepared=prepared,
            log=None,
            now=now,
            result=result,
            dry_run=False,
            progress=None,
            on_total=None,
            run=run,
        )
        created += result.new
    return created
